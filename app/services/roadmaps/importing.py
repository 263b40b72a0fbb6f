"""Import a roadmap table from a Word or Excel file: read, preview, correct deadlines, save in one step."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import School
from app.services.ids import school_id as school_id_of
from app.services.roadmaps.deadlines import DeadlineKind, parse_deadline
from app.services.roadmaps.plans import PlannedEvent, PlannedSection, create_roadmap
from app.services.roadmaps.tables import ParsedRoadmap, read_roadmap

TITLE_LIMIT = 600


@dataclass
class RoadmapPreview:
    """What the import dialog shows before saving: the parsed table plus how each deadline was understood."""

    parsed: ParsedRoadmap
    year_from: int
    year_to: int
    overrides: dict[int, str] = field(default_factory=dict)  # event index -> the user's corrected deadline

    def deadline_kind(self, index: int) -> DeadlineKind:
        event = self.parsed.events[index]
        return parse_deadline(self.overrides.get(index) or event.deadline_text, self.year_from).kind

    @property
    def unrecognized(self) -> list[int]:
        return [i for i in range(len(self.parsed.events)) if self.deadline_kind(i) == DeadlineKind.UNRECOGNIZED]

    def correct(self, index: int, text: str) -> DeadlineKind:
        """Set the user's reading of one event's deadline; returns how it is now understood."""
        self.overrides[index] = text.strip()
        return self.deadline_kind(index)


def preview_file(path: Path, year_from: int, year_to: int | None = None, table_index: int | None = None) -> RoadmapPreview:
    """Read the roadmap table of a .docx or .xlsx file; nothing is saved."""
    year_to = year_to or year_from
    if not (2000 <= year_from <= 2100 and year_from <= year_to <= 2100):
        raise KuratorError("Годы дорожной карты: от 2000 до 2100, год окончания не раньше года начала.")
    return RoadmapPreview(read_roadmap(Path(path), table_index), year_from, year_to)


def default_title(preview: RoadmapPreview) -> str:
    title = " ".join((preview.parsed.title or "").split()) or Path(preview.parsed.source).stem
    return title[:TITLE_LIMIT]


class UnrecognizedDeadline(TypedDict):
    number: str
    deadline_text: str


class RoadmapImport(TypedDict):
    """`kurator roadmap import --json`: the saved roadmap's id, counts, and the deadlines left as written."""

    roadmap_id: str
    sections: int
    events: int
    unrecognized_deadlines: int
    unrecognized: list[UnrecognizedDeadline]
    warnings: list[str]
    responsible_ties: list[str]  # «Ответственный» texts left unlinked: several staff members bear the name


def save_preview(session: Session, preview: RoadmapPreview, *, title: str | None = None, school_code: str | None = None,
                 approved_by: str | None = None) -> RoadmapImport:
    """Save the previewed roadmap (municipal, or a school's when a school code is given) in one transaction."""
    school_id = None
    if school_code:
        school = session.get(School, school_id_of(school_code))
        if school is None or school.deleted_at is not None:
            raise KuratorError(f"Школа с кодом «{school_code}» не найдена в перечне.")
        school_id = school.id
    parsed = preview.parsed
    sections = [PlannedSection(s.number, s.title, s.parent_number, s.note) for s in parsed.sections]
    events = [
        PlannedEvent(number=e.number, title=e.title, deadline_text=e.deadline_text, responsible=e.responsible,
                     planned_result=e.planned_result, section_number=e.section_path[-1] if e.section_path else None,
                     deadline_override=preview.overrides.get(index), school_title=e.school_title)
        for index, e in enumerate(parsed.events)
    ]
    ties: list[str] = []
    roadmap = create_roadmap(session, {
        "title": (title or default_title(preview))[:TITLE_LIMIT], "level": "school" if school_id else "municipal",
        "school_id": school_id, "year_from": preview.year_from, "year_to": preview.year_to,
        "approved_by": approved_by, "source_file": Path(parsed.source).name,
    }, sections, events, ties)
    unrecognized: list[UnrecognizedDeadline] = [
        {"number": parsed.events[i].number, "deadline_text": parsed.events[i].deadline_text}
        for i in preview.unrecognized]
    return {"roadmap_id": roadmap.id, "sections": len(sections), "events": len(events),
            "unrecognized_deadlines": len(unrecognized), "unrecognized": unrecognized, "warnings": parsed.warnings, "responsible_ties": ties}


def import_file(session: Session, path: Path, year_from: int, year_to: int | None = None, *,
                school_code: str | None = None, table_index: int | None = None) -> RoadmapImport:
    """Read and save in one step (the command line); unparsed deadlines are kept as written and reported."""
    return save_preview(session, preview_file(path, year_from, year_to, table_index), school_code=school_code)
