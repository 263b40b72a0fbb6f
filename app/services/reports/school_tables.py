"""How the справка shows a table with a row per school at any size of district (seeds/004): a small district's table
is printed whole; a large one names the program schools (ШНОР, ШНСУ, «500+», резильентные) row by row, adds the
other schools that stand out most (top N by the section's measure) and says in words how many schools are left out,
what they add up to and which Excel export lists every school."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from app.services.output.ru_format import count_noun

Row = TypeVar("Row")
FULL_TABLE_ROWS = 40  # a table of up to this many schools is printed whole (the demo district has 26)
TOP_ROWS = 10  # schools outside the program shown beyond the program's, those with the largest measure
SCHOOL_FORMS = ("школа", "школы", "школ")


@dataclass(frozen=True)
class SchoolRows(Generic[Row]):
    """A table's schools split into those shown, in the table's order, and the rest, summarised in words."""

    shown: list[Row]
    rest: list[Row]
    top: int  # how many of `shown` are outside the program (the top by the section's measure)

    @property
    def summarised(self) -> bool:
        return bool(self.rest)


def school_rows(rows: Sequence[Row], program: Callable[[Row], bool],
                measure: Callable[[Row], float] | None = None) -> SchoolRows[Row]:
    """Every row when there are at most FULL_TABLE_ROWS; else the program's rows and the TOP_ROWS others of the
    largest `measure` (ties in the table's order), in the table's order, and the rest."""
    if len(rows) <= FULL_TABLE_ROWS:
        return SchoolRows(list(rows), [], 0)
    others = [index for index, row in enumerate(rows) if not program(row)]
    top = set(sorted(others, key=lambda i: -measure(rows[i]))[:TOP_ROWS]) if measure else set()
    kept = [i for i, row in enumerate(rows) if program(row) or i in top]
    left = set(range(len(rows))) - set(kept)
    return SchoolRows([rows[i] for i in kept], [rows[i] for i in sorted(left)], len(top))


def shown_sentence(found: SchoolRows, top: str = "") -> str:
    """«В таблице — школы программы (40) и 10 школ вне программы с наибольшим числом замечаний; школ, не вошедших в
    таблицу, — 1950.» (empty when the table is whole); `top` says by what the others were chosen."""
    if not found.summarised:
        return ""
    text = f"В таблице — школы программы ({len(found.shown) - found.top})"
    if found.top:
        text += f" и {count_noun(found.top, SCHOOL_FORMS)} вне программы {top}"
    return text + f"; школ, не вошедших в таблицу, — {len(found.rest)}."


def full_list_sentence(where: str) -> str:
    return f"Полный список по каждой школе — {where}."
