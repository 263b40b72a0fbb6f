"""Roadmaps: save an imported table, plan each event's occurrences over the roadmap's years, monitor them.

An occurrence is one due window of an event («Ежемесячно» gives twelve a year). Its stored status is what people
recorded (planned, in progress, done, cancelled); what the user sees is the effective status, derived with
`effective_status`: a done occurrence finished after its window is «выполнено с нарушением срока», an unfinished one
whose window has ended is «просрочено».
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import (
    EventOccurrence,
    Roadmap,
    RoadmapEvent,
    RoadmapSection,
    School,
    alive,
    new_id,
)
from app.models.reference import EVENT_STATUSES, ROADMAP_LEVELS
from app.services.ids import occurrence_id
from app.services.records.ownership import (
    DISTRICT_KEEPS,
    NOT_SET_UP,
    current_scope,
    keeps_school_data,
)
from app.services.roadmaps.responsible import match_responsible, responsible_ties, staff_by_short_name
from app.services.roadmaps.deadlines import (
    Deadline,
    WindowJson,
    parse_deadline,
    windows_for_years,
)

OPEN_STATUSES = frozenset({"planned", "in_progress"})
FINISHED_STATUSES = frozenset({"done", "done_late"})


def effective_status(stored: str, window_end: date | None, completed_on: date | None, today: date) -> str:
    """What an occurrence's status is today, from what was recorded and its window's end."""
    if stored == "cancelled":
        return "cancelled"
    if stored in FINISHED_STATUSES or completed_on is not None:
        late = window_end is not None and completed_on is not None and completed_on > window_end
        return "done_late" if late else "done"
    if window_end is not None and today > window_end:
        return "overdue"
    return stored if stored in OPEN_STATUSES else "planned"


def event_deadline(event: RoadmapEvent, year: int) -> Deadline:
    """The event's deadline for a program year: the user's correction wins over the text as written."""
    return parse_deadline(event.deadline_override or event.deadline_text or "", year)


def roadmap_years(roadmap: Roadmap) -> list[int]:
    return list(range(roadmap.year_from, roadmap.year_to + 1))


def may_keep(session: Session, level: str, school_id: str | None) -> tuple[bool, str]:
    """Whether this installation keeps a roadmap of this level (and school); the reason when it does not.
    The district keeps the municipal roadmap; a school's roadmap is kept with the school's data (`keeps_school_data`:
    the school, or the district until the school registers its key); sections, events, occurrences follow it."""
    scope = current_scope(session)
    if scope is None:
        return False, NOT_SET_UP
    if level != "school":
        return (False, DISTRICT_KEEPS) if scope.is_school else (True, "")
    return keeps_school_data(session, school_id)


def require_keeper(session: Session, roadmap: Roadmap) -> None:
    """Refuse to change a roadmap another installation keeps (its changes arrive in packets)."""
    allowed, reason = may_keep(session, roadmap.level, roadmap.school_id)
    if not allowed:
        raise KuratorError(reason)


def validate_roadmap(values: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (values.get("title") or "").strip():
        errors["title"] = "Укажите название дорожной карты."
    if values.get("level") not in ROADMAP_LEVELS:
        errors["level"] = "Уровень: муниципальный или уровень ОО."
    year_from, year_to = values.get("year_from"), values.get("year_to")
    for key, year in (("year_from", year_from), ("year_to", year_to)):
        if not isinstance(year, int) or not 2000 <= year <= 2100:
            errors[key] = "Год — число от 2000 до 2100."
    if "year_from" not in errors and "year_to" not in errors and year_to < year_from:
        errors["year_to"] = "Год окончания не может быть раньше года начала."
    if values.get("level") == "school" and not values.get("school_id"):
        errors["school_id"] = "Для дорожной карты школы выберите школу."
    return errors


@dataclass(frozen=True)
class PlannedEvent:
    """An event as it will be saved: texts exactly as written, plus the section it belongs to."""

    number: str
    title: str
    deadline_text: str
    responsible: str
    planned_result: str
    section_number: str | None
    deadline_override: str | None = None
    school_title: str = ""  # the «Уровень образовательной организации» column: a school-level measure beside it


@dataclass(frozen=True)
class PlannedSection:
    """A section as it will be saved; events and subsections refer to it by `key` (its number, else its title)."""

    number: str
    title: str
    parent_number: str | None
    note: str = ""

    @property
    def key(self) -> str:
        return self.number or self.title


def create_roadmap(session: Session, values: dict, sections: list[PlannedSection], events: list[PlannedEvent],
                   ties: list[str] | None = None) -> Roadmap:
    """Save a roadmap with its sections and events, link responsible people to staff, plan occurrences; a responsible
    person several staff members could be is left unlinked and told in `ties`."""
    errors = validate_roadmap(values)
    if not events:
        errors["events"] = "В дорожной карте нет ни одного мероприятия."
    if errors:
        raise ValidationError(errors)
    allowed, reason = may_keep(session, values["level"], values.get("school_id"))
    if not allowed:
        raise KuratorError(reason)
    roadmap = Roadmap(**{key: values.get(key) for key in ("title", "level", "school_id", "year_from", "year_to",
                                                          "approved_by", "source_file")})
    session.add(roadmap)
    section_ids = _add_sections(session, roadmap, sections)
    unlinked = _add_events(session, roadmap, section_ids, events)
    if ties is not None:
        ties += unlinked
    session.flush()
    plan_occurrences(session, roadmap)
    return roadmap


def _add_events(session: Session, roadmap: Roadmap, section_ids: dict[str | None, str],
                events: list[PlannedEvent]) -> list[str]:
    """Each event, and beside it the school-level measure of a two-level table linked to it; returns the responsible
    people left unlinked because several staff members bear the name."""
    staff = staff_by_short_name(session, roadmap.school_id, (planned.responsible for planned in events))
    ties = []
    for position, planned in enumerate(events):
        ties += [f"№ {planned.number or position + 1} — ответственный {tie}; выберите сотрудника вручную."
                 for tie in responsible_ties(planned.responsible, staff)]
        common = {"roadmap": roadmap, "section_id": section_ids.get(planned.section_number), "number": planned.number,
                  "deadline_text": planned.deadline_text, "deadline_override": planned.deadline_override,
                  "position": position}
        municipal = None
        if planned.title or not planned.school_title:
            municipal = RoadmapEvent(**common, id=new_id(), title=planned.title, responsible=planned.responsible,
                                     planned_result=planned.planned_result,
                                     level="school" if roadmap.level == "school" else "municipal",
                                     responsible_teacher_id=match_responsible(planned.responsible, staff))
            session.add(municipal)
        if planned.school_title:
            session.add(RoadmapEvent(**common, title=planned.school_title, level="school",
                                     linked_event_id=municipal.id if municipal else None))
    return ties


def _add_sections(session: Session, roadmap: Roadmap, sections: list[PlannedSection]) -> dict[str | None, str]:
    ids: dict[str | None, str] = {}
    for position, planned in enumerate(sections):
        section = RoadmapSection(roadmap=roadmap, number=planned.number or None, title=planned.title,
                                 position=position, parent_id=ids.get(planned.parent_number), note=planned.note or None)
        session.add(section)
        session.flush()
        ids[planned.key] = section.id
    return ids


def plan_occurrences(session: Session, roadmap: Roadmap) -> int:
    """Create the missing occurrences of every event over the roadmap's years; returns how many were added."""
    existing = {
        (row.event_id, row.window_start)
        for row in session.execute(
            select(EventOccurrence.event_id, EventOccurrence.window_start)
            .join(RoadmapEvent, RoadmapEvent.id == EventOccurrence.event_id)
            .where(RoadmapEvent.roadmap_id == roadmap.id)
        )
    }
    added = 0
    years = roadmap_years(roadmap)
    for event in session.scalars(select(RoadmapEvent).where(RoadmapEvent.roadmap_id == roadmap.id,
                                                           alive(RoadmapEvent))):
        for window in windows_for_years(event.deadline_override or event.deadline_text or "", years):
            if (event.id, window.start) in existing:
                continue
            session.add(EventOccurrence(id=occurrence_id(event.id, roadmap.school_id, window.start),
                                        event_id=event.id, school_id=roadmap.school_id, year=window.end.year,
                                        window_start=window.start, window_end=window.end,
                                        origin=roadmap.origin, is_demo=roadmap.is_demo))
            existing.add((event.id, window.start))
            added += 1
    session.flush()
    return added


def record_progress(session: Session, occurrence_id: str, status: str, completed_on: date | None = None,
                    comment: str | None = None) -> EventOccurrence:
    """Record what happened with one occurrence; «done» after the window becomes «done with a late date»."""
    occurrence = _get(session, EventOccurrence, occurrence_id, "Срок мероприятия")
    require_keeper(session, session.get(RoadmapEvent, occurrence.event_id).roadmap)
    errors: dict[str, str] = {}
    if status not in EVENT_STATUSES or status == "overdue":
        errors["status"] = "Выберите состояние: запланировано, в работе, выполнено или отменено."
    if status in FINISHED_STATUSES and completed_on is None:
        errors["completed_on"] = "Укажите дату выполнения."
    if completed_on is not None and completed_on > date.today():
        errors["completed_on"] = "Дата выполнения не может быть в будущем."
    if errors:
        raise ValidationError(errors)
    if status in FINISHED_STATUSES:
        status = "done_late" if completed_on > occurrence.window_end else "done"
    else:
        completed_on = None
    occurrence.status, occurrence.completed_on, occurrence.comment = status, completed_on, comment
    session.flush()
    return occurrence


def _get(session: Session, model, record_id: str, what: str):
    record = session.get(model, record_id)
    if record is None or record.deleted_at is not None:
        raise KuratorError(f"{what} не найдено (возможно, удалено).")
    return record


def combine_statuses(statuses: list[str]) -> str:
    """One status for an event from its occurrences' effective statuses."""
    live = [s for s in statuses if s != "cancelled"]
    if not live:
        return "cancelled"
    if "overdue" in live:
        return "overdue"
    if all(s in FINISHED_STATUSES for s in live):
        return "done_late" if "done_late" in live else "done"
    if any(s in FINISHED_STATUSES or s == "in_progress" for s in live):
        return "in_progress"
    return "planned"


def event_status(event: RoadmapEvent, occurrences: list[EventOccurrence], today: date) -> str:
    """An event's status from its occurrences, or from its own record when its deadline has no windows."""
    if not occurrences:
        return effective_status(event.status, None, event.completed_on, today)
    return combine_statuses([effective_status(o.status, o.window_end, o.completed_on, today) for o in occurrences])


def _occurrences_by_event(session: Session, roadmap_id: str) -> dict[str, list[EventOccurrence]]:
    grouped: dict[str, list[EventOccurrence]] = defaultdict(list)
    query = (select(EventOccurrence).join(RoadmapEvent, RoadmapEvent.id == EventOccurrence.event_id)
             .where(RoadmapEvent.roadmap_id == roadmap_id, alive(EventOccurrence))
             .order_by(EventOccurrence.window_start))
    for occurrence in session.scalars(query):
        grouped[occurrence.event_id].append(occurrence)
    return grouped


def occurrences_by_event(session: Session, roadmap: Roadmap) -> dict[RoadmapEvent, list[EventOccurrence]]:
    """The roadmap's live events, each with its live occurrences in date order."""
    grouped = _occurrences_by_event(session, roadmap.id)
    return {event: grouped.get(event.id, []) for event in roadmap.events if event.deleted_at is None}


def get_roadmap(session: Session, roadmap_id: str) -> Roadmap:
    return _get(session, Roadmap, roadmap_id, "Дорожная карта")


class EventDetail(TypedDict):
    """One event of `roadmap show --json`: its texts as written, how its deadline is understood, status, section."""

    id: str
    number: str
    title: str
    deadline_text: str
    kind: str
    windows: list[WindowJson]
    responsible: str
    planned_result: str
    status: str
    section: str
    section_id: str | None
    level: str  # «school» for a school-level measure (the «Уровень ОО» column of a two-level table)


class SectionRef(TypedDict):
    id: str
    label: str
    parent_id: str | None


class RoadmapDetail(TypedDict):
    """`kurator roadmap show --json`: the roadmap with its live events and sections."""

    id: str
    title: str
    level: str
    year_from: int
    year_to: int
    events: list[EventDetail]
    sections: list[SectionRef]


def roadmap_detail(session: Session, roadmap_id: str, today: date | None = None) -> RoadmapDetail:
    """The roadmap as DESIGN.md's `roadmap show --json` gives it; windows for the roadmap's first year."""
    today = today or date.today()
    roadmap = get_roadmap(session, roadmap_id)
    sections = {s.id: s for s in roadmap.sections if s.deleted_at is None}
    occurrences = _occurrences_by_event(session, roadmap.id)
    events: list[EventDetail] = []
    for event in roadmap.events:
        if event.deleted_at is not None:
            continue
        deadline = event_deadline(event, roadmap.year_from)
        section = sections.get(event.section_id)
        events.append({
            "id": event.id,
            "number": event.number or "",
            "title": event.title,
            "deadline_text": event.deadline_text or "",
            "kind": str(deadline.kind),
            "windows": [w.to_dict() for w in deadline.windows],
            "responsible": event.responsible or "",
            "planned_result": event.planned_result or "",
            "status": event_status(event, occurrences.get(event.id, []), today),
            "section": section_label(section) if section else "",
            "section_id": event.section_id,
            "level": event.level,
        })
    return {"id": roadmap.id, "title": roadmap.title, "level": roadmap.level, "year_from": roadmap.year_from,
            "year_to": roadmap.year_to, "events": events,
            "sections": [{"id": s.id, "label": section_label(s), "parent_id": s.parent_id} for s in sections.values()]}


def section_label(section: RoadmapSection) -> str:
    return f"{section.number} {section.title}".strip() if section.number and not section.title.startswith(section.number) else section.title


def list_roadmaps(session: Session, school_id: str | None = None) -> list[Roadmap]:
    query = select(Roadmap).where(alive(Roadmap)).order_by(Roadmap.year_from.desc(), Roadmap.title)
    if school_id:
        query = query.where((Roadmap.school_id == school_id) | (Roadmap.level == "municipal"))
    return list(session.scalars(query))


class ProgressCounts(TypedDict):
    """Occurrences by outcome; `remaining` ones are neither due yet nor cancelled."""

    total: int
    done: int
    done_late: int
    overdue: int
    cancelled: int
    remaining: int
    on_time_percent: float | None


@dataclass
class Progress:
    total: int = 0
    done: int = 0
    done_late: int = 0
    overdue: int = 0
    cancelled: int = 0

    def add(self, status: str) -> None:
        self.total += 1
        if status in ("done", "done_late", "overdue", "cancelled"):
            setattr(self, status, getattr(self, status) + 1)

    @property
    def due(self) -> int:
        return self.done + self.done_late + self.overdue

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.done / self.due, 1) if self.due else None

    def as_dict(self) -> ProgressCounts:
        return {"total": self.total, "done": self.done, "done_late": self.done_late, "overdue": self.overdue,
                "cancelled": self.cancelled, "remaining": self.total - self.due - self.cancelled,
                "on_time_percent": self.on_time_percent}


class OverdueOccurrence(TypedDict):
    event_id: str
    occurrence_id: str
    number: str
    title: str
    window_end: str
    responsible: str


class RoadmapOverview(TypedDict):
    """How a roadmap is carried out in a year (all years when `year` is None), counted over occurrences."""

    roadmap_id: str
    title: str
    year: int | None
    today: str
    total: ProgressCounts
    overdue: list[OverdueOccurrence]
    by_section: dict[str, ProgressCounts]
    by_responsible: dict[str, ProgressCounts]
    by_school: dict[str, ProgressCounts]


def roadmap_overview(session: Session, roadmap_id: str, year: int | None = None,
                     today: date | None = None) -> RoadmapOverview:
    """% done on time, the overdue list, progress by section, by responsible and by school (over occurrences)."""
    today = today or date.today()
    roadmap = get_roadmap(session, roadmap_id)
    sections = {s.id: section_label(s) for s in roadmap.sections}
    schools = dict(session.execute(select(School.id, School.name)).all())
    total, by_section, by_responsible, by_school = Progress(), defaultdict(Progress), defaultdict(Progress), defaultdict(Progress)
    overdue: list[OverdueOccurrence] = []
    occurrences = _occurrences_by_event(session, roadmap.id)
    for event in roadmap.events:
        if event.deleted_at is not None:
            continue
        for occurrence in occurrences.get(event.id, []):
            if year is not None and occurrence.year != year:
                continue
            status = effective_status(occurrence.status, occurrence.window_end, occurrence.completed_on, today)
            for bucket in (total, by_section[sections.get(event.section_id, "Без раздела")],
                           by_responsible[(event.responsible or "не указан").strip()],
                           by_school[schools.get(occurrence.school_id, "Муниципальный уровень")]):
                bucket.add(status)
            if status == "overdue":
                overdue.append({"event_id": event.id, "occurrence_id": occurrence.id, "number": event.number or "",
                                "title": event.title, "window_end": occurrence.window_end.isoformat(),
                                "responsible": event.responsible or ""})
    return {
        "roadmap_id": roadmap.id, "title": roadmap.title, "year": year, "today": today.isoformat(),
        "total": total.as_dict(), "overdue": overdue,
        "by_section": {k: v.as_dict() for k, v in by_section.items()},
        "by_responsible": {k: v.as_dict() for k, v in sorted(by_responsible.items())},
        "by_school": {k: v.as_dict() for k, v in sorted(by_school.items())},
    }


@dataclass(frozen=True)
class OccurrenceStatus:
    """One occurrence of a roadmap event in a year with its effective status (`effective_status`)."""

    occurrence_id: str
    event_id: str
    school_id: str | None
    window_end: date | None
    status: str


def year_statuses(session: Session, year: int, today: date | None = None) -> list[OccurrenceStatus]:
    """The effective status of every live occurrence of every roadmap in a year, in one query."""
    today = today or date.today()
    query = select(EventOccurrence.id, EventOccurrence.event_id, EventOccurrence.school_id, EventOccurrence.window_end,
                   EventOccurrence.status, EventOccurrence.completed_on).where(
        EventOccurrence.year == year, alive(EventOccurrence))
    return [OccurrenceStatus(occurrence_id, event_id, school, end, effective_status(stored, end, completed_on, today))
            for occurrence_id, event_id, school, end, stored, completed_on in session.execute(query)]
