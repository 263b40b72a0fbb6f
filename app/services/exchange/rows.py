"""Records as they travel: JSON-ready dicts (dates ISO strings, UUIDs strings), and their strict validation.

Every incoming record is checked against its model before anything is written: exactly the model's columns,
the Python type each column expects, NOT NULL, string lengths, UUID keys, and the table's CHECK constraints
(evaluated by an in-memory SQLite on the record's values, so the rule text is the model's own).
"""

import math
import re
import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    String,
)

from app.models import SYNCED_BY_TABLE, Synced

MODELS: dict[str, type[Synced]] = SYNCED_BY_TABLE
MAX_JSON_ITEMS = 1000  # a JSON column holds a small object (an indicator's measure and its filters)
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class RecordProblem(ValueError):
    """One record breaks the model; the message is Russian and names the column."""


def to_json(value: Any) -> Any:
    """A database value as it travels: dates and times as ISO strings, the rest unchanged."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: to_json(value) for key, value in row.items()}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _date(value: Any) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError
    return date.fromisoformat(value)


def _datetime(value: Any) -> datetime:
    if not isinstance(value, str) or len(value) > 32:
        raise ValueError
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        raise ValueError
    return parsed


def _small_json(value: Any) -> Any:
    """A JSON column's value, refused when it holds more than MAX_JSON_ITEMS values (walked without recursion)."""
    pending, items = [value], 0
    while pending:
        current = pending.pop()
        children = list(current.values()) if isinstance(current, dict) else current if isinstance(current, list) else []
        items += len(children)
        if items > MAX_JSON_ITEMS:
            raise ValueError
        pending.extend(children)
    return value


def _same(check: Callable[[Any], bool]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if not check(value):
            raise ValueError
        return value
    return convert


# (SQLAlchemy type, what is expected in Russian, converter raising ValueError); the first match wins.
_CONVERTERS: tuple[tuple[type, str, Callable[[Any], Any]], ...] = (
    (Boolean, "true или false", _same(lambda v: isinstance(v, bool))),
    (DateTime, "дата и время ISO", _datetime),
    (Date, "дата ГГГГ-ММ-ДД", _date),
    (Integer, "целое число", _same(_is_int)),
    (Float, "число", lambda v: float(_same(lambda x: _is_int(x) or (isinstance(x, float) and math.isfinite(x)))(v))),
    (JSON, f"значение JSON не длиннее {MAX_JSON_ITEMS} элементов", _small_json),
    (String, "строка", _same(lambda v: isinstance(v, str))),
)


def _converter(column: Column) -> tuple[str, Callable[[Any], Any]]:
    for kind, expected, convert in _CONVERTERS:
        if isinstance(column.type, kind):
            return expected, convert
    raise TypeError(f"no converter for {column.type!r}")


def _is_uuid_column(column: Column) -> bool:
    return column.primary_key or bool(column.foreign_keys)


def convert_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """The record with Python values for the database; raises RecordProblem on the first thing wrong."""
    columns = MODELS[table].__table__.columns
    unknown = sorted(set(row) - set(columns.keys()))
    if unknown:
        raise RecordProblem(f"неизвестный столбец «{unknown[0][:60]}»")
    missing = sorted(set(columns.keys()) - set(row))
    if missing:
        raise RecordProblem(f"нет столбца «{missing[0]}»")
    return {column.name: convert_value(column, row[column.name]) for column in columns}


def convert_value(column: Column, value: Any) -> Any:
    """One column's value for the database; raises RecordProblem naming the column."""
    if value is None:
        if not column.nullable or column.primary_key:
            raise RecordProblem(f"столбец «{column.name}» не может быть пустым")
        return None
    expected, convert = _converter(column)
    try:
        converted = convert(value)
    except (ValueError, TypeError, OverflowError):
        raise RecordProblem(f"столбец «{column.name}»: ожидается {expected}") from None
    if _is_uuid_column(column) and not UUID_TEXT.fullmatch(str(value)):
        raise RecordProblem(f"столбец «{column.name}»: ожидается UUID строчными буквами")
    length = getattr(column.type, "length", None)
    if length and isinstance(value, str) and len(value) > length:
        raise RecordProblem(f"столбец «{column.name}»: длиннее {length} символов")
    if _is_int(converted) and not -(2**63) <= converted < 2**63:
        raise RecordProblem(f"столбец «{column.name}»: число вне допустимого диапазона")
    return converted


class CheckEvaluator:
    """Evaluates each table's CHECK constraints on one record with an in-memory SQLite (NULL passes, as in SQL)."""

    def __init__(self) -> None:
        self._connection = sqlite3.connect(":memory:")

    def close(self) -> None:
        self._connection.close()

    def failed(self, table: str, row: dict[str, Any]) -> str | None:
        """The name of the first CHECK the converted record breaks, or None."""
        statement, names, columns = _check_statement(table)
        if not names:
            return None
        values = [_sql_value(row[name]) for name in columns]
        outcome = self._connection.execute(statement, values).fetchone()
        return next((name for name, ok in zip(names, outcome) if not ok), None)


def _sql_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return None
    return value


@cache
def _check_statement(table: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    sql_table = MODELS[table].__table__
    checks = [c for c in sql_table.constraints if isinstance(c, CheckConstraint)]
    columns = tuple(sql_table.columns.keys())
    names = tuple(str(c.name) for c in checks)
    tests = ", ".join(f"coalesce(({c.sqltext}), 1) <> 0" for c in checks)
    source = ", ".join(f'? AS "{name}"' for name in columns)
    return f"SELECT {tests} FROM (SELECT {source})", names, columns
