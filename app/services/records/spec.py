"""The vocabulary of the registry: how a maintained entity, its fields, columns and filters are described."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.sql import ColumnElement

FIELD_KINDS = ("text", "multiline", "int", "float", "date", "bool", "choice", "multi", "ref")
STRETCH, CONTENT, TEXT = "stretch", "content", "text"  # how a list column takes its width
FITTED_KINDS = frozenset({"int", "float", "date", "bool", "choice"})  # short values: the column fits them


@dataclass(frozen=True)
class MultiLink:
    """A multi-valued field stored as child rows: `model(<owner_column>=record.id, <value_column>=code)`."""

    model: type
    owner_column: str
    value_column: str
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Field:
    """One editable field of a form: what it holds and the limits a value must respect."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: Mapping[str, str] | None = None
    ref: str | None = None
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    default: Any = None
    decimals: int = 1
    link: MultiLink | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in FIELD_KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")


@dataclass(frozen=True)
class Column:
    """A list column: a SQL expression (joined tables allowed) and how to show its value."""

    key: str
    label: str
    expr: ColumnElement | None = None
    kind: str = "text"
    choices: Mapping[str, str] | None = None
    width: int = 0
    sortable: bool = True
    link: MultiLink | None = None  # a multi-valued column, fetched for the shown rows only
    order: tuple[ColumnElement, ...] = ()  # what sorting by this column sorts on (indexed columns), if not `expr`
    district_only: bool = False  # shown only at a district (e.g. who keeps a school's data)
    only_where: Mapping[str, str] | None = None  # hidden in a list fixed to other values (ЕГЭ's «менее 30» at ОГЭ)
    identifying: bool = False  # what names the row (a title, a name): it takes the spare width; else the first text
    decimals: int = 1  # a "float" column shows every value with this many decimals («53,0» beside «52,5»)

    def applies(self, fixed: Mapping[str, Any]) -> bool:
        """Whether the column means anything in a list whose filters are fixed to `fixed`."""
        return all(fixed.get(key, value) == value for key, value in (self.only_where or {}).items())

    def shown_in(self, fixed: Mapping[str, Any], at_school: bool) -> bool:
        """Whether a list shows the column: not where every row would show the same value (a list fixed to it, as
        the ЕГЭ tab's «Экзамен»; the school in a school's lists and a school card's tabs), not a district's concern at
        a school, not a column meaningless under the fixed filters."""
        one_school = at_school or "school_id" in fixed
        return not (self.key in fixed or (one_school and self.key == "school") or (at_school and self.district_only)
                    or not self.applies(fixed))


def column_sizing(columns: tuple[Column, ...], shown: tuple[bool, ...]) -> list[tuple[str, int]]:
    """(how, width) per column: the identifying column stretches (the first shown text column when the identifying
    one is hidden or none is marked), numbers, dates and choices fit their content, other texts keep their width."""
    candidates = [c for c, on in zip(columns, shown, strict=True) if on and c.identifying]
    candidates += [c for c, on in zip(columns, shown, strict=True) if on and c.kind == "text"]
    stretching = candidates[0] if candidates else None
    return [(STRETCH if column is stretching else CONTENT if column.kind in FITTED_KINDS else TEXT, column.width)
            for column in columns]


@dataclass(frozen=True)
class Unique:
    """Fields whose combination must be unique among live records, and the message when it is not."""

    fields: tuple[str, ...]
    message: str
    at: str = ""  # the field the message is shown at; the last of `fields` by default

    @property
    def field(self) -> str:
        return self.at or self.fields[-1]


Rule = Callable[[dict[str, Any]], dict[str, str]]
"""A cross-field rule: values in, {field: message} out (empty when the values are fine)."""

StatusFilter = Callable[[str, int | None], ColumnElement]
"""Builds the WHERE clause of a status filter from the chosen code and the selected year."""


@dataclass(frozen=True)
class Entity:
    """A kind of record the user maintains by hand: its model, forms, list and filters."""

    name: str
    model: type
    singular: str
    plural: str
    fields: tuple[Field, ...]
    columns: tuple[Column, ...]
    search: tuple[ColumnElement, ...] = ()
    joins: tuple[tuple[type, ColumnElement], ...] = ()
    school: ColumnElement | None = None  # the column that says which school a row belongs to
    year: ColumnElement | None = None  # an integer year or a date column
    year_to: ColumnElement | None = None  # where a record's period ends (NULL: it runs on); it is in every year it overlaps
    statuses: Mapping[str, str] | None = None
    status_filter: StatusFilter | None = None
    status_label: str = "Статус"
    default_order: str = ""
    unique: tuple[Unique, ...] = ()
    rules: tuple[Rule, ...] = ()
    label: ColumnElement | None = None  # the SQL expression that names a record in choice lists
    stable_id: Callable[[dict[str, Any]], str] | None = None  # a new record's id from its values (a school's code)

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(name)

    def column(self, key: str) -> Column:
        for candidate in self.columns:
            if candidate.key == key:
                return candidate
        raise KeyError(key)

    @property
    def owner_kind(self) -> str:
        return getattr(self.model, "owner_kind", "district")

    @property
    def filters(self) -> tuple[str, ...]:
        """Which of the standard filters apply: school, year, status."""
        present = {"school": self.school is not None, "year": self.year is not None, "status": bool(self.statuses)}
        return tuple(name for name, ok in present.items() if ok)
