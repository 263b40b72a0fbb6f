"""The district's risk map for a year: schools × factors coloured by level, the change since the year before, which
anti-risk programs address which risks, and for each factor the schools where it is high and whether they have a
program for it.

A school is on the map when it has a profile for the year or holds «500+» that year (then its missing profile shows);
the status filter keeps the schools holding any of the chosen statuses that year.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import RiskFactor, RiskLevel, RiskProfile, RiskProgram, School, SchoolStatus, alive
from app.models.reference import RISK_LEVELS, SCHOOL_STATUSES

from .factors import factors_for_year
from .profiles import LEVEL_SEVERITY
from .progress import done_percent, measure_rows

MAP_STATUSES = ("shnor", "shnsu", "500plus")  # the filters the map offers
CHUNK = 500
CHANGES = {"worse": "выше, чем год назад", "better": "ниже, чем год назад", "same": "как год назад"}
LEVEL_SHORT = {"high": "В", "medium": "С", "low": "Н", "none": "НВ"}
CHANGE_SIGNS = {"worse": "+", "better": "−", "same": ""}
MARKS_LEGEND = ("В — высокий уровень, С — средний, Н — низкий, НВ — не выявлен, пусто — нет оценки; "
                "«+» — уровень выше, чем год назад, «−» — ниже; * — приоритетный риск; П — есть антирисковая программа.")


@dataclass(frozen=True)
class MapCell:
    """A school's factor: its level this year and the year before (codes or None), priority, a program for it."""

    level: str | None
    previous: str | None
    priority: bool
    program: bool

    @property
    def change(self) -> str | None:
        """"worse", "better" or "same" against the year before; None when either year has no level."""
        if self.level is None or self.previous is None:
            return None
        delta = LEVEL_SEVERITY[self.level] - LEVEL_SEVERITY[self.previous]
        return "worse" if delta > 0 else "better" if delta < 0 else "same"


def cell_marks(cell: MapCell) -> str:
    """A cell in a few characters for a printed table: «В+ *П» (see MARKS_LEGEND)."""
    if cell.level is None:
        return ""
    flags = ("*" if cell.priority else "") + ("П" if cell.program else "")
    return LEVEL_SHORT[cell.level] + CHANGE_SIGNS.get(cell.change or "", "") + (f" {flags}" if flags else "")


def cell_text(cell: MapCell) -> str:
    """A cell in words for a spreadsheet: «высокий (выше, чем год назад), приоритетный, есть программа»."""
    if cell.level is None:
        return ""
    parts = [RISK_LEVELS[cell.level] + (f" ({CHANGES[cell.change]})" if cell.change else "")]
    parts += ["приоритетный"] * cell.priority + ["есть программа"] * cell.program
    return ", ".join(parts)


@dataclass(frozen=True)
class MapRow:
    school_id: str
    code: str
    name: str
    short_name: str
    statuses: list[str]  # codes held in the year
    has_profile: bool
    cells: dict[str, MapCell]  # by factor code


@dataclass(frozen=True)
class HighRisk:
    school: str
    code: str
    priority: bool
    has_program: bool


@dataclass(frozen=True)
class FactorColumn:
    """A factor of the year: how many schools have each level, and the schools where it is high."""

    code: str
    title: str
    counts: dict[str, int]
    high: list[HighRisk]

    @property
    def high_without_program(self) -> list[str]:
        return [h.school for h in self.high if not h.has_program]


@dataclass(frozen=True)
class ProgramLine:
    """An anti-risk program on the map: whose, against which risk, its goal and how its measures go."""

    school: str
    code: str
    factor_code: str
    factor_title: str
    goal: str
    measures: int
    done_percent: float | None
    overdue: int


@dataclass
class RiskMap:
    year: int
    statuses: list[str]
    factors: list[FactorColumn] = field(default_factory=list)
    rows: list[MapRow] = field(default_factory=list)
    programs: list[ProgramLine] = field(default_factory=list)

    @property
    def profiles(self) -> int:
        return sum(row.has_profile for row in self.rows)


def _on_map(session: Session, year: int, chosen: list[str]) -> tuple[set[str], set[str], dict[str, list[str]]]:
    """The ids of the schools on the map, of those with a profile, and every school's statuses in the year."""
    held = _statuses(session, year)
    profiled = set(session.scalars(select(RiskProfile.school_id).where(RiskProfile.year == year, alive(RiskProfile))))
    wanted = profiled | {school for school, codes in held.items() if "500plus" in codes}
    if chosen:
        wanted = {school for school in wanted if set(held.get(school, ())) & set(chosen)}
    return wanted, profiled, held


def schools_on_map(session: Session, year: int) -> list[tuple[str, str]]:
    """(id, name) of the schools the map of the year holds, by name: whose profile the district may look at."""
    return [(school.id, school.name) for school in _schools(session, _on_map(session, year, [])[0])]


def risk_map(session: Session, year: int, statuses: list[str] | None = None, today: date | None = None) -> RiskMap:
    """The map of `year`, keeping the schools that hold any of `statuses` that year (all schools on the map if none)."""
    chosen = [s for s in (statuses or []) if s in SCHOOL_STATUSES]
    wanted, profiled, held = _on_map(session, year, chosen)
    schools = _schools(session, wanted)
    levels = _levels(session, list(wanted), year)
    programs = _programs(session, list(wanted), year, today or date.today())
    addressed = {(p.school_id, p.factor_id) for p in programs}
    factors = factors_for_year(session, year)
    factors_order = {f.code: index for index, f in enumerate(factors)}
    rows = [MapRow(s.id, s.code, s.name, s.short_name or s.name, held.get(s.id, []), s.id in profiled,
                   {f.code: _cell(levels, s.id, f.id, year, (s.id, f.id) in addressed) for f in factors})
            for s in schools]
    by_id = {school.id: school for school in schools}
    lines = sorted((p.line(by_id) for p in programs if p.school_id in by_id),
                   key=lambda line: (factors_order.get(line.factor_code, len(factors_order)), line.school))
    return RiskMap(year, chosen, [_column(f.code, f.title, rows) for f in factors], rows, lines)


def _statuses(session: Session, year: int) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for school_id, status in session.execute(select(SchoolStatus.school_id, SchoolStatus.status).where(
            SchoolStatus.year == year, alive(SchoolStatus))):
        found[school_id].append(status)
    return {school: [code for code in SCHOOL_STATUSES if code in codes] for school, codes in found.items()}


def _schools(session: Session, ids: set[str]) -> list[School]:
    rows = _in_chunks(session, select(School).where(alive(School)), School.id, list(ids))
    return sorted((school for (school,) in rows), key=lambda school: school.name)


def _in_chunks(session: Session, query, column, ids: list[str]) -> list:
    """The rows of `query` for `ids` of `column`, read in chunks (a region has thousands of schools)."""
    found = []
    for start in range(0, len(ids), CHUNK):
        found.extend(session.execute(query.where(column.in_(ids[start:start + CHUNK]))).all())
    return found


def _levels(session: Session, school_ids: list[str], year: int) -> dict[tuple[str, int, str], RiskLevel]:
    query = (select(RiskProfile.school_id, RiskProfile.year, RiskLevel)
             .join(RiskLevel, RiskLevel.profile_id == RiskProfile.id)
             .where(RiskProfile.year.in_((year - 1, year)), alive(RiskProfile), alive(RiskLevel)))
    return {(school, profile_year, level.factor_id): level
            for school, profile_year, level in _in_chunks(session, query, RiskProfile.school_id, school_ids)}


def _cell(levels: dict, school_id: str, factor_id: str, year: int, program: bool) -> MapCell:
    now, before = levels.get((school_id, year, factor_id)), levels.get((school_id, year - 1, factor_id))
    return MapCell(now.level if now else None, before.level if before else None, bool(now and now.priority), program)


def _column(code: str, title: str, rows: list[MapRow]) -> FactorColumn:
    counts = Counter(row.cells[code].level for row in rows if row.cells[code].level)
    high = [HighRisk(row.name, row.code, row.cells[code].priority, row.cells[code].program)
            for row in rows if row.cells[code].level == "high"]
    return FactorColumn(code, title, {level: counts.get(level, 0) for level in RISK_LEVELS}, high)


@dataclass(frozen=True)
class _Program:
    program_id: str
    school_id: str
    factor_id: str
    factor_code: str
    factor_title: str
    goal: str
    measures: list

    def line(self, schools: dict[str, School]) -> ProgramLine:
        school = schools[self.school_id]
        return ProgramLine(school.name, school.code, self.factor_code, self.factor_title, self.goal,
                           len(self.measures), done_percent(self.measures),
                           sum(m.status == "overdue" for m in self.measures))


def _programs(session: Session, school_ids: list[str], year: int, today: date) -> list[_Program]:
    query = (select(RiskProgram.id, RiskProfile.school_id, RiskFactor.id, RiskFactor.code, RiskFactor.title,
                    RiskProgram.goal)
             .join(RiskProfile, RiskProfile.id == RiskProgram.profile_id)
             .join(RiskFactor, RiskFactor.id == RiskProgram.factor_id)
             .where(RiskProfile.year == year, RiskProgram.kind == "anti_risk", alive(RiskProgram), alive(RiskProfile))
             .order_by(RiskFactor.position, RiskFactor.code))
    found = _in_chunks(session, query, RiskProfile.school_id, school_ids)
    measures = measure_rows(session, [row[0] for row in found], year, today)
    return [_Program(*row, measures.get(row[0], [])) for row in found]
