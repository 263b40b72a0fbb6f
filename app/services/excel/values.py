"""Turning one cell as a user filled it into a typed value of its column's kind."""

import math
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from openpyxl.utils.datetime import from_excel

from app.services.excel.spec import Column, describe, format_number, normalize_title


class BadValue(Exception):
    """The cell does not fit its column; the message is Russian."""


_NUMBER_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_SPACES_RE = re.compile(r"[\s\u00a0\u202f\u2009']")
_RU_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MAX_EXCEL_SERIAL = 2958465  # 31.12.9999
_MAX_SHOWN = 40
_MAX_ABS = 1e15  # larger numbers are typing accidents and would lose precision as floats

_BOOL_WORDS: dict[str, bool] = {
    "да": True, "нет": False,
    "д": True, "н": False,
    "истина": True, "ложь": False,
    "true": True, "false": False,
    "yes": True, "no": False,
    "1": True, "0": False,
    "+": True, "-": False,
}


def shown(value: Any) -> str:
    """A cell value as the user would recognise it in a message."""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, int | float) and math.isfinite(value):
        return format_number(value)
    text = str(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def is_blank(value: Any) -> bool:
    """Empty cell or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def _refuse(column: Column, value: Any) -> BadValue:
    return BadValue(f"ожидается {describe(column)}, получено «{shown(value)}»")


def _number(column: Column, value: Any, number_format: str) -> float | int:
    """A real number from a numeric cell or from text such as «45,5» or «1 200»."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _refuse(column, value)
    number = _number_from_text(value) if isinstance(value, str) else value
    if number is None or not math.isfinite(number) or abs(number) > _MAX_ABS:
        raise _refuse(column, value)
    return number


def _number_from_text(text: str) -> float | int | None:
    plain = _SPACES_RE.sub("", text).replace(",", ".").replace("\u2212", "-")
    if not _NUMBER_RE.fullmatch(plain):
        return None
    exact = Decimal(plain)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def _in_bounds(column: Column, number: float | int, raw: Any) -> float | int:
    low, high = column.bounds
    if (low is not None and number < low) or (high is not None and number > high):
        raise _refuse(column, raw)
    return number


def _parse_int(column: Column, value: Any, number_format: str) -> int:
    number = _number(column, value, number_format)
    if not float(number).is_integer():
        raise _refuse(column, value)
    return int(_in_bounds(column, int(number), value))


def _parse_decimal(column: Column, value: Any, number_format: str) -> float:
    return float(_in_bounds(column, _number(column, value, number_format), value))


def _parse_percent(column: Column, value: Any, number_format: str) -> float:
    """0–100; «45 %» as text, or 0.45 in a cell formatted as a percentage."""
    if isinstance(value, str):
        text = value.strip()
        number = _number(column, text[:-1] if text.endswith("%") else text, number_format)
    else:
        number = _number(column, value, number_format)
        if "%" in number_format:
            number = round(number * 100, 10)
    return float(_in_bounds(column, number, value))


def _parse_date(column: Column, value: Any, number_format: str) -> date:
    """A real date, an Excel serial number, or text «dd.mm.yyyy» (or ISO «yyyy-mm-dd»)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value <= _MAX_EXCEL_SERIAL:
            raise _refuse(column, value)
        return from_excel(value).date()
    if isinstance(value, str):
        return _date_from_text(column, value)
    raise _refuse(column, value)


def _date_from_text(column: Column, value: str) -> date:
    text = value.strip()
    if match := _RU_DATE_RE.fullmatch(text):
        day, month, year = match.groups()
    elif match := _ISO_DATE_RE.fullmatch(text):
        year, month, day = match.groups()
    else:
        raise _refuse(column, value)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise BadValue(f"такой даты нет: «{shown(value)}»") from None


def _parse_text(column: Column, value: Any, number_format: str) -> str:
    if isinstance(value, time | timedelta):
        raise _refuse(column, value)
    return value.strip() if isinstance(value, str) else shown(value)


@cache
def _choices_by_name(choices: tuple[str, ...], aliases: tuple[tuple[str, str], ...]) -> dict[str, str]:
    return {**{normalize_title(alias): choice for alias, choice in aliases},
            **{normalize_title(choice): choice for choice in choices}}


def _parse_choice(column: Column, value: Any, number_format: str) -> str:
    wanted = normalize_title(_parse_text(column, value, number_format))
    known = _choices_by_name(column.choices, column.aliases)
    if wanted not in known:
        raise _refuse(column, value)
    return known[wanted]


def _parse_bool(column: Column, value: Any, number_format: str) -> bool:
    if isinstance(value, bool):
        return value
    word = normalize_title(shown(value)) if isinstance(value, int | float | str) else None
    if word not in _BOOL_WORDS:
        raise _refuse(column, value)
    return _BOOL_WORDS[word]


_PARSERS: dict[str, Callable[[Column, Any, str], Any]] = {
    "text": _parse_text,
    "int": _parse_int,
    "decimal": _parse_decimal,
    "percent": _parse_percent,
    "date": _parse_date,
    "choice": _parse_choice,
    "bool": _parse_bool,
}


def parse_value(column: Column, value: Any, number_format: str = "General") -> Any:
    """The typed value of a cell, None when blank; raises BadValue with a Russian reason."""
    if is_blank(value):
        if column.required:
            raise BadValue("обязательное поле не заполнено")
        return None
    return _PARSERS[column.kind](column, value, number_format)
