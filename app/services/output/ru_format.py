"""Plain values as a Russian reader expects them in a report: «12,5», «15 300», «01.09.2022», «да»."""

import math
from datetime import date, datetime
from decimal import Decimal
from functools import singledispatch

NBSP = "\u00a0"
MAX_DECIMALS = 2
# Russian typography groups thousands only from five digits on: «2022», but «15 300».
GROUPING_FROM = 10_000
_TO_RUSSIAN = str.maketrans({",": NBSP, ".": ","})


@singledispatch
def format_value(value: object) -> str:
    """Text of one value for a report cell; unknown types fall back to str()."""
    return str(value)


@format_value.register(type(None))
def _format_none(value: None) -> str:
    return ""


@format_value.register
def _format_bool(value: bool) -> str:
    return "да" if value else "нет"


@format_value.register
def _format_int(value: int) -> str:
    grouping = "," if abs(value) >= GROUPING_FROM else ""
    return f"{value:{grouping}d}".translate(_TO_RUSSIAN)


@format_value.register(float)
@format_value.register(Decimal)
def _format_fraction(value: float | Decimal) -> str:
    text = format_number(value, MAX_DECIMALS)
    return text.rstrip("0").rstrip(",") if "," in text else text


def format_number(value: float | int | Decimal | None, decimals: int) -> str:
    """A number with exactly `decimals` digits after the comma, so that one column of a table reads «53,0» beside
    «52,5», never «53» beside «52,5»; thousands grouped as everywhere («15 300,0»); «» for none, «—» for no number."""
    if value is None:
        return ""
    number = float(value)
    if not math.isfinite(number):
        return "—"
    number = round(number, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    grouping = "," if abs(number) >= GROUPING_FROM else ""
    return f"{number:{grouping}.{decimals}f}".translate(_TO_RUSSIAN)


@format_value.register
def _format_date(value: date) -> str:
    return value.strftime("%d.%m.%Y")


@format_value.register
def _format_datetime(value: datetime) -> str:
    return value.strftime("%d.%m.%Y %H:%M")


def count_noun(count: int, forms: tuple[str, str, str]) -> str:
    """«1 педагог», «3 педагога», «27 педагогов»: the number with the noun in its Russian form (one, few, many)."""
    last_two, last = count % 100, count % 10
    form = forms[2] if 11 <= last_two <= 14 else forms[0] if last == 1 else forms[1] if 2 <= last <= 4 else forms[2]
    return f"{count} {form}"
