"""What an import kind is: its sheets, each saying which registry entity its rows become, its columns, how a row is
turned into the entity's values and how a stored record is recognised (its natural key)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.search_text import fold_case
from app.services.excel import Column, Sheet, Template
from app.services.records.common import FIRST_YEAR, LAST_YEAR

SCHOOL_CODE, SCHOOL_NAME, YEAR = "school_code", "school_name", "year"


def folded(value: Any) -> Any:
    """A natural key's part as people compare it: text without case, ё, extra spaces; other values as they are."""
    if isinstance(value, str):
        return " ".join((fold_case(value) or "").split())
    return value


@dataclass(frozen=True)
class ImportSheet:
    """One sheet of an import kind.

    `labels` names choice columns shown by their Russian label instead of the stored code; `prepare` reads what a
    plain copy of the cells cannot (a full name into three fields, positions from text); `key_fields` are the
    natural key (the registry's unique fields by default), compared folded; `school` and `year` say whether rows
    name a school (by code or name) and carry a year (column «Год», or the year chosen for the import)."""

    name: str
    title: str
    entity: str
    columns: tuple[Column, ...]
    instructions: str
    fixed: Mapping[str, object] = field(default_factory=dict)
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    school: bool = True
    year: bool = True
    prepare: Callable[[Any], None] | None = None  # given the row (rows.RowValues) to fill its values
    key_fields: tuple[str, ...] = ()
    load_all: bool = False  # the whole table is small enough to compare with (the course catalogue, the register)
    match: Callable[[list[dict], dict], dict | str | None] | None = None  # several stored candidates → one
    field_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # where a field's error is shown
    distinct_by: tuple[str, ...] = ()  # besides the key, what tells two rows of the file apart (a birth year)

    def sheet(self) -> Sheet:
        shared = school_columns() if self.school else ()
        return Sheet(self.name, self.title, (*shared, *((year_column(),) if self.year else ()), *self.columns),
                     self.instructions)


@dataclass(frozen=True)
class ImportKind:
    """A kind of file the district or a school loads: `kurator import KIND FILE`, with its template."""

    name: str
    title: str
    template_name: str
    sheets: tuple[ImportSheet, ...]
    about: str = ""
    changes: tuple[str, ...] = field(default=())  # the entities an import of this kind may change

    def template(self) -> Template:
        return Template(self.template_name, tuple(sheet.sheet() for sheet in self.sheets))


def school_columns() -> tuple[Column, ...]:
    return (
        Column(SCHOOL_CODE, "Код школы", "text", width=14,
               help="Код школы из реестра; коды и названия — на листе «Школы». Можно не заполнять, если указано "
                    "наименование школы.",
               synonyms=("код оо", "код образовательной организации", "код учреждения", "код")),
        Column(SCHOOL_NAME, "Наименование школы", "text", width=36,
               help="Если код не указан, школа узнаётся по наименованию из реестра (полному или краткому).",
               synonyms=("школа", "наименование оо", "оо", "образовательная организация", "учреждение",
                         "наименование образовательной организации", "наименование учреждения")),
    )


def year_column() -> Column:
    return Column(YEAR, "Год", "int", min=FIRST_YEAR, max=LAST_YEAR, width=8,
                  help="Год, к которому относятся данные, например 2024. Если столбца нет или ячейка пуста, "
                       "берётся год, выбранный при загрузке.",
                  synonyms=("год проведения", "учебный год", "отчётный год"))
