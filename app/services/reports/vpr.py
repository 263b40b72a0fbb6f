"""ВПР analysis of a year (seeds/004 item 2, seeds/001): by school, grade and subject — who wrote, the shares of «2»
and «4–5», the mean mark, how the work's marks compare with the term marks, and the comparison with the region's
and the country's figures entered for the year. A figure that cannot be counted carries its reason, never 0."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from app.models import School, VprReference, VprResult, alive
from app.models.reference import VPR_REFERENCE_LEVELS

STREAM_CHUNK = 1000
NO_MARKS = "отметки за работу не внесены"
NOT_COMPARED = "отметки за работу не сравнивали с отметками по журналу"
TERM_COLUMNS = (VprResult.term_lowered, VprResult.term_confirmed, VprResult.term_raised)
TERM_GIVEN = or_(*(column.is_not(None) for column in TERM_COLUMNS))
ALL_SCHOOLS = "Все школы"


@dataclass(frozen=True)
class Figure:
    """A number of the analysis, or why there is none."""

    value: float | None
    reason: str = ""

    def minus(self, other: "Figure") -> "Figure":
        """This figure less `other` (in percentage points for shares); the first missing reason otherwise."""
        if self.value is None or other.value is None:
            return Figure(None, self.reason if self.value is None else other.reason)
        return Figure(round(self.value - other.value, 2))


@dataclass(frozen=True)
class Counts:
    """Pupils of one work (or of many added up): who wrote, the marks «2»–«5», and the comparison with the term
    marks — (понизили, подтвердили, повысили), None when nobody compared them."""

    participants: int
    marks: tuple[int, int, int, int]
    term: tuple[int, int, int] | None

    @property
    def marked(self) -> int:
        return sum(self.marks)


@dataclass(frozen=True)
class Measure:
    """One figure of a ВПР line: its key, short title, definition in plain Russian, and how it is counted."""

    key: str
    title: str
    definition: str
    compared: bool  # compared with the region's and the country's figures

    def of(self, counts: Counts) -> Figure:
        return COUNTERS[self.key](counts)


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 2)


Counter = Callable[[Counts], Figure]


def _of_marked(part: Callable[[Counts], int]) -> Counter:
    return lambda c: Figure(_share(part(c), c.marked)) if c.marked else Figure(None, NO_MARKS)


def _of_compared(index: int) -> Counter:
    def count(c: Counts) -> Figure:
        if c.term is None or not sum(c.term):
            return Figure(None, NOT_COMPARED)
        return Figure(_share(c.term[index], sum(c.term)))
    return count


COUNTERS: dict[str, Counter] = {
    "share_2": _of_marked(lambda c: c.marks[0]),
    "share_4_5": _of_marked(lambda c: c.marks[2] + c.marks[3]),
    "mean_mark": lambda c: (Figure(round(sum(m * n for m, n in zip((2, 3, 4, 5), c.marks)) / c.marked, 2))
                            if c.marked else Figure(None, NO_MARKS)),
    "lowered": _of_compared(0), "confirmed": _of_compared(1), "raised": _of_compared(2),
}
MEASURES = (
    Measure("share_2", "Доля «2», %", "Доля «2» — сколько участников получили за работу отметку «2», в процентах от "
            "участников, чьи отметки внесены.", True),
    Measure("share_4_5", "Доля «4–5», %", "Доля «4–5» (качество знаний) — сколько участников получили «4» или «5», в "
            "процентах от участников, чьи отметки внесены.", True),
    Measure("mean_mark", "Средняя отметка", "Средняя отметка — среднее отметок за работу по пятибалльной шкале.",
            True),
    Measure("lowered", "Понизили, %", "Понизили — отметка за работу ниже отметки по журналу; в процентах от "
            "участников, чьи отметки сравнили с журналом.", False),
    Measure("confirmed", "Подтвердили, %", "Подтвердили — отметка за работу равна отметке по журналу; в процентах от "
            "участников, чьи отметки сравнили с журналом.", False),
    Measure("raised", "Повысили, %", "Повысили — отметка за работу выше отметки по журналу; в процентах от "
            "участников, чьи отметки сравнили с журналом.", False),
)
COMPARED = tuple(m for m in MEASURES if m.compared)
PARTICIPANTS_DEFINITION = "Писали — сколько обучающихся писали работу (по данным школы)."
DIFFERENCE_DEFINITION = ("Разница — значение школы (или всех школ) минус значение региона или России; для долей — в "
                         "процентных пунктах (п.п.). Для доли «2» плюс значит хуже, для доли «4–5» и средней "
                         "отметки — лучше.")


@dataclass(frozen=True)
class Reference:
    """The region's or the country's figure for a measure, or why there is none."""

    level: str
    figure: Figure


@dataclass(frozen=True)
class VprLine:
    """One line of the analysis: a school's (or all schools') work in a grade and subject."""

    school: str
    grade: int
    subject: str
    counts: Counts

    def figure(self, measure: Measure) -> Figure:
        return measure.of(self.counts)


class References:
    """The year's reference figures, loaded once (a few hundred rows at most) by grade, subject and level."""

    def __init__(self, session: Session, year: int):
        self.year = year
        rows = session.scalars(select(VprReference).where(alive(VprReference), VprReference.year == year))
        self._rows = {(r.grade, r.subject, r.level): r for r in rows}

    def __bool__(self) -> bool:
        return bool(self._rows)

    def get(self, level: str, grade: int, subject: str, measure: Measure) -> Reference:
        row = self._rows.get((grade, subject, level))
        whose = "региона" if level == "region" else "России"
        if row is None:
            reason = f"значения {whose} за {self.year} год для {grade} класса по предмету «{subject}» не внесены"
            return Reference(level, Figure(None, reason))
        value = getattr(row, measure.key)
        reason = "" if value is not None else f"в значениях {whose} нет показателя «{measure.title.removesuffix(', %')}»"
        return Reference(level, Figure(value, reason))

    def compare(self, line: VprLine, measure: Measure) -> list[tuple[Reference, Figure]]:
        """For each level (region, Russia): its figure and the line's difference from it."""
        own = line.figure(measure)
        return [(ref, own.minus(ref.figure))
                for ref in (self.get(level, line.grade, line.subject, measure) for level in VPR_REFERENCE_LEVELS)]


def _counts(row) -> Counts:
    return Counts(row.participants, (row.count_2, row.count_3, row.count_4, row.count_5),
                  (row.lowered, row.confirmed, row.raised) if row.compared else None)


def _sums():
    return (func.sum(VprResult.participants).label("participants"),
            *(func.sum(getattr(VprResult, f"count_{m}")).label(f"count_{m}") for m in (2, 3, 4, 5)),
            *(func.coalesce(func.sum(column), 0).label(name)
              for column, name in zip(TERM_COLUMNS, ("lowered", "confirmed", "raised"), strict=True)),
            func.count().filter(TERM_GIVEN).label("compared"))


def _live(year: int):
    return (VprResult.year == year, alive(VprResult), alive(School))


def totals(session: Session, year: int) -> list[VprLine]:
    """All schools' work added up, per grade and subject (counted in the database)."""
    query = (select(VprResult.grade, VprResult.subject, *_sums()).join(School, School.id == VprResult.school_id)
             .where(*_live(year)).group_by(VprResult.grade, VprResult.subject)
             .order_by(VprResult.grade, VprResult.subject))
    return [VprLine(ALL_SCHOOLS, row.grade, row.subject, _counts(row)) for row in session.execute(query)]


def work_counts(session: Session, year: int) -> tuple[int, int]:
    """How many schools wrote ВПР in the year, and how many lines (school, grade, subject) they have."""
    query = (select(func.count(func.distinct(VprResult.school_id)), func.count())
             .join(School, School.id == VprResult.school_id).where(*_live(year)))
    schools, lines = session.execute(query).one()
    return schools, lines


def school_lines(session: Session, year: int) -> Iterator[VprLine]:
    """Every school's work of the year, by school name, grade and subject, streamed in chunks."""
    query = (select(func.coalesce(School.short_name, School.name).label("school"), VprResult.grade,
                    VprResult.subject, VprResult.participants, VprResult.count_2, VprResult.count_3,
                    VprResult.count_4, VprResult.count_5,
                    *(func.coalesce(column, 0).label(name)
                      for column, name in zip(TERM_COLUMNS, ("lowered", "confirmed", "raised"), strict=True)),
                    case((TERM_GIVEN, 1), else_=0).label("compared"))
             .join(School, School.id == VprResult.school_id).where(*_live(year))
             .order_by(School.name, VprResult.grade, VprResult.subject).execution_options(yield_per=STREAM_CHUNK))
    for row in session.execute(query):
        yield VprLine(row.school, row.grade, row.subject, _counts(row))


def above_region(session: Session, year: int, references: References) -> list[tuple[VprLine, Figure]]:
    """The schools' works whose share of «2» exceeds the region's, the largest excess first."""
    share_2 = MEASURES[0]
    found = []
    for line in school_lines(session, year):
        (_region, difference), _country = references.compare(line, share_2)
        if difference.value is not None and difference.value > 0:
            found.append((line, difference))
    return sorted(found, key=lambda pair: (-pair[1].value, pair[0].school))


def definitions() -> list[str]:
    """Every figure of the analysis with its definition, in plain Russian."""
    return [PARTICIPANTS_DEFINITION, *(m.definition for m in MEASURES), DIFFERENCE_DEFINITION]
