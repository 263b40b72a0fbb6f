"""Results and context data through Excel: write the «Результаты» template, import it back all-or-nothing.

A file with any error saves nothing: `import_results` raises `ResultsImportError` carrying every error
(sheet, row, column letter, Russian message). Rows are upserted by their natural key (school, year, exam,
subject, …), so importing the same file twice changes nothing.
"""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import School, alive
from app.services.excel import (
    CellError,
    ImportResult,
    Sheet,
    Template,
    format_errors,
    read_workbook,
    write_template,
)
from app.services.excel.reader import NO_SUCH_SHEET
from app.services.excel.spec import normalize_title
from app.services.excel.writer import put_row, save_workbook, style_header
from app.services.records import (
    can_edit,
    create,
    current_scope,
    get_entity,
    get_values,
    new_values,
    update,
)
from app.services.records.ownership import NOT_SET_UP
from app.services.records.validation import find_duplicate, normalise, validate
from app.services.results.sheets import (
    RESULT_SHEETS,
    SCHOOL_CODE,
    SCHOOL_NAME,
    ResultSheet,
    results_template,
)

SCHOOLS_TITLE = "Школы"
ONLY_AT_SCHOOL = " Загрузить результаты из Excel можно в программе школы."


class ResultsImportError(KuratorError):
    """The file has errors and nothing was saved; `errors` lists each one with its sheet, row and column."""

    def __init__(self, errors: list[CellError]):
        super().__init__("Файл не загружен, ничего не сохранено.\n" + format_errors(errors))
        self.errors = errors


class SheetCounts(TypedDict):
    created: int
    updated: int
    unchanged: int


@dataclass
class ImportSummary:
    """What an import saved: totals and, per sheet title, {"created", "updated", "unchanged"}."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    by_sheet: dict[str, SheetCounts] = field(default_factory=dict)

    def count(self, sheet: str, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
        counts = self.by_sheet.setdefault(sheet, {"created": 0, "updated": 0, "unchanged": 0})
        counts[outcome] += 1


@dataclass(frozen=True)
class _Planned:
    spec: ResultSheet
    record_id: str | None
    values: dict[str, Any]


class CellErrorJson(TypedDict):
    """An import error as `kurator import --json` prints it: where, and what is wrong (in Russian)."""

    sheet: str
    row: int
    column: str
    column_title: str
    message: str
    text: str


def errors_json(errors: list[CellError]) -> list[CellErrorJson]:
    """Errors as plain dicts for JSON: sheet, row, column letter and title, message, full text."""
    return [{"sheet": e.sheet, "row": e.row, "column": e.column_letter, "column_title": e.column_title,
             "message": e.message, "text": e.text(with_sheet=True)} for e in errors]


# writing ------------------------------------------------------------------------------------------------------
def _schools(session: Session, own_only: bool) -> list[School]:
    stmt = select(School).where(alive(School)).order_by(School.code)
    scope = current_scope(session)
    if scope is None:
        raise KuratorError(NOT_SET_UP)
    if own_only and scope.is_school:
        stmt = stmt.where(School.id == scope.school_id)
    schools = list(session.scalars(stmt))
    if not schools:
        raise KuratorError("В реестре нет ни одной школы: сначала добавьте школы.")
    return schools


def _shown(spec: ResultSheet, key: str, value: Any) -> Any:
    return spec.labels[key].get(value, value) if key in spec.labels else value


def _prefill(session: Session, spec: ResultSheet, schools: list[School], year: int | None) -> list[dict[str, Any]]:
    model = get_entity(spec.entity).model
    stmt = (select(model, School).join(School, School.id == model.school_id)
            .where(alive(model), model.school_id.in_([s.id for s in schools]),
                   *(getattr(model, key) == value for key, value in spec.fixed.items()))
            .order_by(School.code, model.year, model.id))
    if year is not None:
        stmt = stmt.where(model.year == year)
    return [{SCHOOL_CODE: school.code, SCHOOL_NAME: school.short_name or school.name, "year": record.year,
             **{c.key: _shown(spec, c.key, getattr(record, c.key)) for c in spec.columns}}
            for record, school in session.execute(stmt)]


def _add_school_list(path: Path, schools: list[School]) -> None:
    """A visible «Школы» sheet: which code is which school."""
    wb = load_workbook(path)
    ws = wb.create_sheet(SCHOOLS_TITLE)
    style_header(ws, ("Код школы", "Наименование"), (14, 80))
    for row, school in enumerate(schools, start=2):
        put_row(ws, row, [school.code, school.name])[0].number_format = "@"
    save_workbook(wb, path)


def write_results_template(session: Session, path: Path | str, year: int | None = None, prefill: bool = False) -> int:
    """Write the «Результаты» template (a school installation: its own school only); returns prefilled rows.

    With `prefill`, the stored rows (of `year`, when given) are written in, ready to correct and import back."""
    path = Path(path)
    schools = _schools(session, own_only=True)
    template = results_template(tuple(s.code for s in schools))
    rows = {spec.name: _prefill(session, spec, schools, year) for spec in RESULT_SHEETS} if prefill else {}
    write_template(path, template, rows)
    _add_school_list(path, schools)
    return sum(len(r) for r in rows.values())


# importing ----------------------------------------------------------------------------------------------------
def _sentence_part(message: str) -> str:
    """A registry message («Не может быть больше….») as the tail of an error line («…: не может быть больше…»)."""
    return (message[:1].lower() + message[1:]).rstrip(".")


class _SheetCheck:
    """Validates the rows of one sheet against the registry, collecting errors at their cells."""

    def __init__(self, session: Session, spec: ResultSheet, sheet: Sheet, read: ImportResult, codes: dict[str, str],
                 errors: list[CellError]):
        self.session, self.spec, self.errors, self.codes = session, spec, errors, codes
        self.entity = get_entity(spec.entity)
        self.letters = read.column_letters.get(spec.name, {})
        self.titles = {c.key: c.title for c in sheet.columns}
        self.seen: dict[tuple, int] = {}

    def error(self, row: int, key: str | None, message: str) -> None:
        column = SCHOOL_CODE if key == "school_id" else key
        title = self.titles.get(column, "") if column else ""
        self.errors.append(CellError(self.spec.title, row, self.letters.get(column, "") if title else "", title, message))

    def values(self, row: dict[str, Any]) -> dict[str, Any]:
        values = new_values(self.entity, dict(self.spec.fixed))
        for key, value in row.items():
            if key in self.spec.labels and value is not None:
                value = {label: code for code, label in self.spec.labels[key].items()}[value]
            if value is not None:
                values[key] = value
        values["school_id"] = self.codes.get(row[SCHOOL_CODE])
        return normalise(self.entity, values)

    def check(self, number: int, row: dict[str, Any]) -> _Planned | None:
        values = self.values(row)
        allowed, reason = can_edit(self.session, self.entity, school=values["school_id"])
        if not allowed:
            self.error(number, "school_id", _sentence_part(reason))
            return None
        _rule, existing = find_duplicate(self.session, self.entity, values, None, live=True)
        record_id = existing.id if existing is not None else None
        problems = validate(self.entity, values, self.session, record_id)
        for name, message in problems.items():
            self.error(number, name, _sentence_part(message))
        return None if problems or self._repeated(number, values) else _Planned(self.spec, record_id, values)

    def _repeated(self, number: int, values: dict[str, Any]) -> bool:
        key_fields = self.entity.unique[0].fields
        key = tuple(values[name] for name in key_fields)
        first = self.seen.setdefault(key, number)
        if first != number:
            self.error(number, key_fields[-1], f"такая же запись (школа, год и т. д.) уже есть в строке {first} этого листа")
        return first != number


def _check_sheet(session: Session, spec: ResultSheet, sheet: Sheet, read: ImportResult, codes: dict[str, str],
                 errors: list[CellError]) -> list[_Planned]:
    rows = read.rows_by_sheet.get(spec.name, [])
    if not rows:
        return []
    check = _SheetCheck(session, spec, sheet, read, codes, errors)
    allowed, reason = can_edit(session, check.entity)
    if not allowed:
        errors.append(CellError(spec.title, 0, "", "", _sentence_part(reason) + "." + ONLY_AT_SCHOOL))
        return []
    broken = {e.row for e in read.errors if normalize_title(e.sheet) == normalize_title(spec.title)}
    planned = [check.check(number, row) for number, row in zip(read.source_rows[spec.name], rows, strict=True)
               if number not in broken]
    return [p for p in planned if p is not None]


def _read(session: Session, path: Path) -> tuple[Template, ImportResult, dict[str, str], list[CellError]]:
    codes = {school.code: school.id for school in _schools(session, own_only=False)}
    template = results_template(tuple(codes))
    read = read_workbook(path, template)
    errors = [e for e in read.errors if e.message != NO_SUCH_SHEET]
    if sum(e.message == NO_SUCH_SHEET for e in read.errors) == len(RESULT_SHEETS):
        titles = ", ".join(f"«{spec.title}»" for spec in RESULT_SHEETS)
        raise KuratorError(f"В файле нет ни одного листа шаблона результатов ({titles}). "
                           "Сохраните шаблон в программе («Шаблон Excel…») и заполните его.")
    return template, read, codes, errors


def _in_file_order(errors: list[CellError]) -> list[CellError]:
    order = {normalize_title(spec.title): index for index, spec in enumerate(RESULT_SHEETS)}
    return sorted(errors, key=lambda e: (order.get(normalize_title(e.sheet), len(order)), e.row,
                                         len(e.column_letter), e.column_letter))


def _save(session: Session, plan: list[_Planned]) -> ImportSummary:
    summary = ImportSummary()
    for item in plan:
        entity = get_entity(item.spec.entity)
        if item.record_id is None:
            create(session, entity, item.values)
            outcome = "created"
        elif get_values(session, entity, item.record_id) == item.values:
            outcome = "unchanged"
        else:
            update(session, entity, item.record_id, item.values)
            outcome = "updated"
        summary.count(item.spec.title, outcome)
    session.flush()
    return summary


def import_results(session: Session, path: Path | str) -> ImportSummary:
    """Check every row of a filled «Результаты» workbook and save all of it, or raise ResultsImportError."""
    template, read, codes, errors = _read(session, Path(path))
    plan = [p for spec, sheet in zip(RESULT_SHEETS, template.sheets, strict=True)
            for p in _check_sheet(session, spec, sheet, read, codes, errors)]
    if errors:
        raise ResultsImportError(_in_file_order(errors))
    return _save(session, plan)
