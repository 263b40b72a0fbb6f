"""A school's programs as their views show them: goal, tasks, indicators of success, and each measure's progress
read from the roadmap's monitoring (`event_status` over the occurrences of the profile's year, i.e.
`effective_status`, the one status rule)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    EventOccurrence,
    RiskFactor,
    RiskIndicator,
    RiskMeasure,
    RiskProgram,
    Roadmap,
    RoadmapEvent,
    alive,
)
from app.models.reference import EVENT_STATUSES, RISK_PROGRAM_KINDS
from app.services.roadmaps.deadlines import Window
from app.services.roadmaps.plans import FINISHED_STATUSES, effective_status, event_deadline, event_status
from app.services.roadmaps.view import OPEN_OR_LATE

from .profiles import find_profile
from .programs import IndicatorEntry, MeasureEntry, ProgramEntry

KIND_ORDER = tuple(RISK_PROGRAM_KINDS)


@dataclass(frozen=True)
class MeasureRow:
    """A measure: its event's texts as written, how its deadline is understood, its status and next due date."""

    measure_id: str
    event_id: str
    number: str
    title: str
    deadline_text: str
    deadline_kind: str  # Russian label
    windows: tuple[Window, ...]
    responsible: str
    expected_result: str
    status: str  # a code of EVENT_STATUSES
    next_due: date | None
    roadmap: str


@dataclass(frozen=True)
class SuccessIndicator:
    indicator_id: str
    name: str
    unit: str | None
    target: float
    actual: float | None


@dataclass(frozen=True)
class ProgramView:
    """One program of a profile with its measures' progress."""

    program_id: str
    kind: str
    factor_code: str | None
    factor_title: str | None
    title: str | None
    goal: str
    tasks: list[str]
    approved_by: str | None
    measures: list[MeasureRow] = field(default_factory=list)
    indicators: list[SuccessIndicator] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """«Антирисковая программа «<риск>»», or the kind's name, or the program's own title."""
        if self.factor_title:
            return f"{RISK_PROGRAM_KINDS[self.kind]} «{self.factor_title}»"
        return self.title or RISK_PROGRAM_KINDS[self.kind]

    @property
    def counts(self) -> Counter:
        """Measures by status code."""
        return Counter(m.status for m in self.measures)

    @property
    def done_percent(self) -> float | None:
        return done_percent(self.measures)

    def entry(self) -> ProgramEntry:
        """The program as its editor starts from: every measure and indicator keeps its identity."""
        return ProgramEntry(
            self.kind, self.goal, self.factor_code, self.title, list(self.tasks), self.approved_by,
            [MeasureEntry(m.title, m.deadline_text, m.responsible, m.expected_result or None, m.measure_id, m.event_id)
             for m in self.measures],
            [IndicatorEntry(i.name, i.target, i.unit, i.actual, i.indicator_id) for i in self.indicators])

    def progress_text(self) -> str:
        """«мероприятий 4: выполнено 2, просрочено 1, запланировано 1»."""
        if not self.measures:
            return "мероприятий нет"
        parts = [f"{EVENT_STATUSES[code]} {count}" for code, count in sorted(
            self.counts.items(), key=lambda item: list(EVENT_STATUSES).index(item[0]))]
        return f"мероприятий {len(self.measures)}: " + ", ".join(parts)


def done_percent(measures: list[MeasureRow]) -> float | None:
    """Measures done (on time or late) among those not cancelled, %; None without such measures."""
    live = [m for m in measures if m.status != "cancelled"]
    done = sum(m.status in FINISHED_STATUSES for m in live)
    return round(100 * done / len(live), 1) if live else None


def programs_of(session: Session, school_id: str, year: int, today: date | None = None) -> list[ProgramView]:
    """The school's programs of the year (concept, medium-term, then anti-risk in the factors' order)."""
    profile = find_profile(session, school_id, year)
    if profile is None:
        return []
    rows = session.execute(select(RiskProgram, RiskFactor).outerjoin(RiskFactor, RiskFactor.id == RiskProgram.factor_id)
                           .where(RiskProgram.profile_id == profile.id, alive(RiskProgram)))
    ordered = sorted(rows, key=lambda pair: (KIND_ORDER.index(pair[0].kind), pair[1].position if pair[1] else 0))
    measures = measure_rows(session, [p.id for p, _ in ordered], year, today or date.today())
    indicators = _indicators(session, [p.id for p, _ in ordered])
    return [ProgramView(p.id, p.kind, f.code if f else None, f.title if f else None, p.title, p.goal,
                        (p.tasks or "").splitlines(), p.approved_by, measures.get(p.id, []), indicators.get(p.id, []))
            for p, f in ordered]


def measure_rows(session: Session, program_ids: list[str], year: int, today: date) -> dict[str, list[MeasureRow]]:
    """The programs' measures by program id, in order, with their status in `year`."""
    rows = list(session.execute(
        select(RiskMeasure, RoadmapEvent, Roadmap).join(RoadmapEvent, RoadmapEvent.id == RiskMeasure.event_id)
        .join(Roadmap, Roadmap.id == RoadmapEvent.roadmap_id)
        .where(RiskMeasure.program_id.in_(program_ids), alive(RiskMeasure), alive(RoadmapEvent))
        .order_by(RiskMeasure.position)))
    occurrences: dict[str, list[EventOccurrence]] = defaultdict(list)
    for occurrence in session.scalars(select(EventOccurrence).where(
            EventOccurrence.event_id.in_([event.id for _, event, _ in rows]), EventOccurrence.year == year,
            alive(EventOccurrence)).order_by(EventOccurrence.window_start)):
        occurrences[occurrence.event_id].append(occurrence)
    found: dict[str, list[MeasureRow]] = defaultdict(list)
    for measure, event, roadmap in rows:
        found[measure.program_id].append(_measure_row(measure, event, roadmap, occurrences[event.id], year, today))
    return found


def _measure_row(measure: RiskMeasure, event: RoadmapEvent, roadmap: Roadmap, occurrences: list[EventOccurrence],
                 year: int, today: date) -> MeasureRow:
    deadline = event_deadline(event, year)
    status = event_status(event, occurrences, today)
    waiting = [o.window_end for o in occurrences
               if effective_status(o.status, o.window_end, o.completed_on, today) in OPEN_OR_LATE]
    return MeasureRow(measure.id, event.id, event.number or "", event.title, event.deadline_text or "",
                      deadline.kind.label, deadline.windows, event.responsible or "", event.planned_result or "",
                      status, min(waiting) if waiting else None, roadmap.title)


def _indicators(session: Session, program_ids: list[str]) -> dict[str, list[SuccessIndicator]]:
    found: dict[str, list[SuccessIndicator]] = defaultdict(list)
    for row in session.scalars(select(RiskIndicator).where(RiskIndicator.program_id.in_(program_ids),
                                                           alive(RiskIndicator)).order_by(RiskIndicator.position)):
        found[row.program_id].append(SuccessIndicator(row.id, row.name, row.unit, row.target, row.actual))
    return found
