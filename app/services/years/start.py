"""«Начать 2023 год»: what a district (or a school, for its own roadmap) does once when a program year begins.

- Last year's statuses (ШНОР, ШНСУ, «500+»…) become proposals for the new year, none of them a status yet: each is
  kept, changed or dropped with its basis (`years.statuses`). Until then an indicator counting ШНОР says «нет данных»
  and why, never 0 %.
- Roadmaps that ran last year and have recurring events («Ежегодно», «Ежемесячно», «Постоянно») continue into the
  new year with those events' occurrences; one-off events («Февраль 2022») stay in their year.
- Targets are kept: an indicator without a target for the new year keeps its last one.
- The old year is closed: a section of school data accepted for it is locked against later packets.
Starting a year again changes nothing that is already there.
"""

from dataclasses import dataclass, field
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit import current_user
from app.errors import ValidationError
from app.models import (
    EventOccurrence,
    Indicator,
    IndicatorTarget,
    ProgramYear,
    Roadmap,
    RoadmapEvent,
    School,
    SchoolStatus,
    StatusProposal,
    alive,
    utcnow,
)
from app.services.indicators.catalogue import set_target
from app.services.installation import require_installation
from app.services.records.common import FIRST_YEAR, LAST_YEAR
from app.services.roadmaps.deadlines import REPEATING_KINDS
from app.services.roadmaps.plans import event_deadline, may_keep, plan_occurrences


class YearStartJson(TypedDict):
    """`kurator year start Y --json`."""

    year: int
    source_year: int | None
    proposals: int
    occurrences: int
    roadmaps: list[str]
    targets_kept: list[str]
    closed_year: int
    started_before: bool
    message: str


@dataclass
class YearStart:
    """What starting a year did: statuses proposed (from `source_year`), occurrences planned on the roadmaps that
    continue, targets kept (indicator codes), the year closed."""

    year: int
    source_year: int | None = None
    proposals: int = 0
    occurrences: int = 0
    roadmaps: list[str] = field(default_factory=list)
    targets_kept: list[str] = field(default_factory=list)
    started_before: bool = False
    at_school: bool = False

    @property
    def closed_year(self) -> int:
        return self.year - 1

    def lines(self) -> list[str]:
        """What a methodologist reads after «Начать год», in Russian."""
        lines = [f"{self.year} год {'уже был начат; добавлено только недостающее' if self.started_before else 'начат'}."]
        if not self.at_school:
            lines.append(f"Статусы {self.source_year} года предложены на {self.year} год: {self.proposals}. Каждый "
                         "нужно оставить, изменить или снять с основанием («Школы → Статусы на новый год»); до решения "
                         "показатели по ШНОР и ШНСУ показывают «нет данных»." if self.source_year else
                         "Статусов прошлых лет нет: предлагать нечего.")
        continued = f" (продлены на {self.year} год: {', '.join(f'«{t}»' for t in self.roadmaps)})" if self.roadmaps else ""
        lines.append(f"Сроки повторяющихся мероприятий дорожных карт на {self.year} год: {self.occurrences}{continued}.")
        if not self.at_school:
            kept = ", ".join(self.targets_kept) if self.targets_kept else "нет — цели на этот год уже заданы"
            lines.append(f"Цели показателей, перенесённые с прошлого года: {kept}.")
        lines.append(f"{self.closed_year} год закрыт: принятые разделы данных школ за него закреплены.")
        return lines

    def to_json(self) -> YearStartJson:
        return {"year": self.year, "source_year": self.source_year, "proposals": self.proposals,
                "occurrences": self.occurrences, "roadmaps": self.roadmaps, "targets_kept": self.targets_kept,
                "closed_year": self.closed_year, "started_before": self.started_before,
                "message": " ".join(self.lines())}


def start_year(session: Session, year: int) -> YearStart:
    """Begin program year `year` here (see the module's docstring); refuses a year outside 2000–2100."""
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": f"Год — число от {FIRST_YEAR} до {LAST_YEAR}."})
    installation = require_installation(session)
    result = YearStart(year, at_school=installation.kind == "school")
    result.started_before = _mark_years(session, year)
    if not result.at_school:
        result.source_year, result.proposals = _propose_statuses(session, year)
        result.targets_kept = _keep_targets(session, year)
    result.occurrences, result.roadmaps = _continue_roadmaps(session, year)
    installation.program_year = year
    session.flush()
    return result


def _mark_years(session: Session, year: int) -> bool:
    started = session.get(ProgramYear, year)
    before = started is not None and started.started_at is not None
    if started is None:
        started = ProgramYear(year=year)
        session.add(started)
    started.started_at = started.started_at or utcnow()
    started.started_by = started.started_by or session.info.get("user") or current_user()
    previous = session.get(ProgramYear, year - 1) or ProgramYear(year=year - 1)
    previous.closed_at = previous.closed_at or utcnow()
    session.add(previous)
    return before


def _propose_statuses(session: Session, year: int) -> tuple[int | None, int]:
    source = session.scalar(select(func.max(SchoolStatus.year)).where(SchoolStatus.year < year, alive(SchoolStatus)))
    if source is None:
        return None, 0
    present = set(session.execute(select(SchoolStatus.school_id, SchoolStatus.status).where(
        SchoolStatus.year == year, alive(SchoolStatus))))
    proposed = set(session.execute(select(StatusProposal.school_id, StatusProposal.status).where(
        StatusProposal.year == year)))
    added = 0
    query = (select(SchoolStatus).join(School, School.id == SchoolStatus.school_id)
             .where(SchoolStatus.year == source, alive(SchoolStatus), alive(School)))
    for status in session.scalars(query):
        key = (status.school_id, status.status)
        if key in present or key in proposed:
            continue
        session.add(StatusProposal(year=year, school_id=status.school_id, status=status.status, source_year=source,
                                   source_basis=status.basis))
        added += 1
    session.flush()
    return source, added


def _keep_targets(session: Session, year: int) -> list[str]:
    """Indicators without a target for `year` take their latest earlier one."""
    kept = []
    for indicator in session.scalars(select(Indicator).where(alive(Indicator)).order_by(Indicator.position)):
        targets = {t.year: t.value for t in session.scalars(select(IndicatorTarget).where(
            IndicatorTarget.indicator_id == indicator.id, alive(IndicatorTarget)))}
        earlier = [y for y in targets if y < year]
        if year not in targets and earlier:
            set_target(session, indicator.code, year, targets[max(earlier)])
            kept.append(indicator.code)
    return kept


def _continue_roadmaps(session: Session, year: int) -> tuple[int, list[str]]:
    """Roadmaps kept here that ran last year and have repeating events run on into `year`, with their occurrences."""
    before = _occurrences(session, year)
    extended = []
    running = select(Roadmap).where(alive(Roadmap), Roadmap.year_from <= year - 1, Roadmap.year_to >= year - 1)
    for roadmap in session.scalars(running):
        if not may_keep(session, roadmap.level, roadmap.school_id)[0] or not _repeats(session, roadmap, year):
            continue
        if roadmap.year_to < year:
            roadmap.year_to = year
            extended.append(roadmap.title)
        plan_occurrences(session, roadmap)
    return _occurrences(session, year) - before, extended


def _repeats(session: Session, roadmap: Roadmap, year: int) -> bool:
    events = session.scalars(select(RoadmapEvent).where(RoadmapEvent.roadmap_id == roadmap.id, alive(RoadmapEvent)))
    return any(event_deadline(event, year).kind in REPEATING_KINDS for event in events)


def _occurrences(session: Session, year: int) -> int:
    return session.scalar(select(func.count()).select_from(EventOccurrence).where(
        EventOccurrence.year == year, alive(EventOccurrence))) or 0
