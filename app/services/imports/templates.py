"""The template of each import kind: the instruction sheet, the data sheets with typed, validated columns, and a
«Школы» sheet saying which code is which school; optionally the stored rows of a year, ready to correct."""

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import School, alive
from app.services.excel import write_template
from app.services.excel.writer import put_row, save_workbook, style_header
from app.services.records import current_scope, get_entity
from app.services.records.ownership import NOT_SET_UP

from .kinds import get_kind
from .spec import SCHOOL_CODE, SCHOOL_NAME, YEAR, ImportKind, ImportSheet

SCHOOLS_TITLE = "Школы"


def listed_schools(session: Session) -> list[School]:
    """The schools a template lists: a school installation's own, or the district's whole register."""
    scope = current_scope(session)
    if scope is None:
        raise KuratorError(NOT_SET_UP)
    stmt = select(School).where(alive(School)).order_by(School.code)
    if scope.is_school:
        stmt = stmt.where(School.id == scope.school_id)
    return list(session.scalars(stmt))


def write_kind_template(session: Session, kind: "ImportKind | str", path: Path | str, year: int | None = None,
                        prefill: bool = False) -> int:
    """Write the kind's template; with `prefill`, the stored rows (of `year`, when given) of the sheets that can
    carry them back unchanged. Returns how many rows were prefilled."""
    kind, path = get_kind(kind), Path(path)
    with_schools = any(spec.school for spec in kind.sheets)
    schools = listed_schools(session) if with_schools else []
    if with_schools and not schools:
        raise KuratorError("В реестре нет ни одной школы: сначала добавьте школы (или загрузите реестр: вид «schools»).")
    rows = {spec.name: _prefill(session, spec, schools, year) for spec in kind.sheets
            if prefill and spec.school and _round_trips(spec)}
    write_template(path, kind.template(), rows)
    if schools:
        _add_school_list(path, schools)
    return sum(len(r) for r in rows.values())


def _round_trips(spec: ImportSheet) -> bool:
    """Whether stored records can be written into the sheet and read back as they are (every column a field)."""
    fields = {f.name for f in get_entity(spec.entity).fields}
    return all(column.key in fields or column.key in (SCHOOL_CODE, SCHOOL_NAME, YEAR) for column in spec.columns)


def _shown(spec: ImportSheet, key: str, value: Any) -> Any:
    return spec.labels[key].get(value, value) if key in spec.labels else value


def _prefill(session: Session, spec: ImportSheet, schools: list[School], year: int | None) -> list[dict[str, Any]]:
    model = get_entity(spec.entity).model
    stmt = (select(model, School).join(School, School.id == model.school_id)
            .where(alive(model), model.school_id.in_([s.id for s in schools]),
                   *(getattr(model, key) == value for key, value in spec.fixed.items()))
            .order_by(School.code, model.year, model.id))
    if year is not None:
        stmt = stmt.where(model.year == year)
    return [{SCHOOL_CODE: school.code, SCHOOL_NAME: school.short_name or school.name, YEAR: record.year,
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
