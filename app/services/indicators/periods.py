"""The period an indicator is counted over: a calendar or a school year, the whole of it or one half.

A school year is named by the year it ends in, as the seeds speak: for 2022, «2021-2022 учебный год»,
1 September 2021 – 31 August 2022. Halves: a calendar year's are January–June and July–December (DESIGN.md);
a school year's are September–December and January–August.
"""

from datetime import date
from types import MappingProxyType

YEAR_KINDS = MappingProxyType({"calendar": "календарный год", "school_year": "учебный год"})
HALVES = MappingProxyType({0: "год", 1: "I полугодие", 2: "II полугодие"})


def window(year: int, year_kind: str = "calendar", half: int = 0) -> tuple[date, date]:
    """The first and last day of the period (inclusive)."""
    if year_kind == "school_year":
        start, middle, end = date(year - 1, 9, 1), date(year, 1, 1), date(year, 8, 31)
    else:
        start, middle, end = date(year, 1, 1), date(year, 7, 1), date(year, 12, 31)
    if half == 1:
        return start, date.fromordinal(middle.toordinal() - 1)
    if half == 2:
        return middle, end
    return start, end


def year_name(year: int, year_kind: str = "calendar") -> str:
    """«2022 год» or «2021-2022 учебный год»."""
    return f"{year - 1}-{year} учебный год" if year_kind == "school_year" else f"{year} год"


def period_name(year: int, year_kind: str = "calendar", half: int = 0) -> str:
    """«2022 год», «2021-2022 учебный год», «I полугодие 2022 года», «II полугодие 2021-2022 учебного года»."""
    if not half:
        return year_name(year, year_kind)
    whole = f"{year - 1}-{year} учебного года" if year_kind == "school_year" else f"{year} года"
    return f"{HALVES[half]} {whole}"
