"""Reading a filled template back into plain rows, with every bad cell reported in Russian.

The caller must save nothing when `ImportResult.errors` is non-empty: the rows are returned only so that
a preview can show them next to the errors.
"""

from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from app.services.documents import office_zip
from app.services.excel.spec import (
    RESERVED_TITLES,
    CellError,
    Column,
    ImportResult,
    Sheet,
    Template,
    normalize_title,
)
from app.services.excel.values import BadValue, is_blank, parse_value, shown

HEADER_SCAN_ROWS = 10
NO_SUCH_SHEET = "в файле нет такого листа"
_UNCALCULATED = "uncalculated"
_Row = dict[int, ReadOnlyCell]


class _FormulaAwareParser(WorkSheetParser):
    """openpyxl's sheet parser, marking formulas that have no cached value (data_only reads them as empty)."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["data_type"] = _UNCALCULATED
        return cell


def _rows(ws: ReadOnlyWorksheet) -> Iterator[tuple[int, _Row]]:
    """Stream (Excel row number, {column number: cell}) for the rows present in the sheet's XML.

    Uses openpyxl's read-only internals (`_get_source`, the workbook's date formats) exactly as
    `ReadOnlyWorksheet._cells_by_row` does, to tell an uncalculated formula from an empty cell in one pass.
    """
    wb = ws.parent
    with ws._get_source() as source:
        parser = _FormulaAwareParser(
            source, ws._shared_strings, data_only=True, epoch=wb.epoch,
            date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats,
        )
        for number, cells in parser.parse():
            yield number, {c["column"]: ReadOnlyCell(ws, **c) for c in cells}


def read_workbook(path: Path | str, template: Template) -> ImportResult:
    """Read every sheet of `template` from an .xlsx; raises KuratorError only for an unreadable file."""
    path = Path(path)
    office_zip.check_office_file(path, office_zip.DATA_WORKBOOK)
    result = ImportResult({}, [], {})
    with office_zip.refusing_damage(path), path.open("rb") as stream:
        wb = load_workbook(stream, read_only=True, data_only=True)
        try:
            for sheet in template.sheets:
                _read_sheet(path, _find_worksheet(wb, sheet, template), sheet, result)
        finally:
            wb.close()
    return result


def _find_worksheet(wb: Workbook, sheet: Sheet, template: Template) -> ReadOnlyWorksheet | None:
    """The sheet by its title (even if hidden); for a one-sheet template, else the first visible data sheet."""
    wanted = normalize_title(sheet.title)
    for ws in wb.worksheets:
        if normalize_title(ws.title) == wanted:
            return ws
    if len(template.sheets) > 1:
        return None
    reserved = {normalize_title(t) for t in RESERVED_TITLES}
    visible = (ws for ws in wb.worksheets if ws.sheet_state == "visible" and normalize_title(ws.title) not in reserved)
    return next(visible, None)


def _read_sheet(path: Path, ws: ReadOnlyWorksheet | None, sheet: Sheet, result: ImportResult) -> None:
    rows_out = result.rows_by_sheet.setdefault(sheet.name, [])
    numbers_out = result.source_rows.setdefault(sheet.name, [])
    if ws is None:
        result.errors.append(CellError(sheet.title, 0, "", "", NO_SUCH_SHEET))
        return
    rows = _rows(ws)
    head = list(islice(rows, HEADER_SCAN_ROWS))
    found = _header(head, sheet, ws.title, result.errors)
    if found is None:
        return
    header_index, positions = found
    result.column_letters[sheet.name] = {key: get_column_letter(p) for key, p in positions.items()}
    for number, cells in chain(head[header_index + 1:], rows):
        if all(_is_empty(cells.get(p)) for p in positions.values()):
            continue
        if len(rows_out) >= office_zip.DATA_WORKBOOK.rows:
            raise office_zip.too_many_rows(path, f"на листе «{ws.title}»", office_zip.DATA_WORKBOOK)
        rows_out.append(_read_row(ws.title, number, cells, sheet, positions, result.errors))
        numbers_out.append(number)


def _header(head: list[tuple[int, _Row]], sheet: Sheet, title: str,
            errors: list[CellError]) -> tuple[int, dict[str, int]] | None:
    """Pick the header row (most recognised titles among the first rows) and map column keys to positions."""
    scored = [(len(_match_header(cells, sheet, title, [])), -i) for i, (_, cells) in enumerate(head)]
    best = max(scored, default=(0, 0))
    if best[0] == 0:
        expected = ", ".join(f"«{c.title}»" for c in sheet.columns)
        errors.append(CellError(title, 0, "", "", f"не найдена строка заголовков; ожидаются столбцы {expected}"))
        return None
    index = -best[1]
    positions = _match_header(head[index][1], sheet, title, errors)
    for column in sheet.columns:
        if column.required and column.key not in positions:
            errors.append(CellError(title, 0, "", column.title, "обязательный столбец не найден в строке заголовков"))
    return index, positions


def _match_header(cells: _Row, sheet: Sheet, title: str, errors: list[CellError]) -> dict[str, int]:
    """Map column keys to column numbers by title or synonym; a column named twice is an error."""
    by_name = {name: column for column in sheet.columns for name in column.header_names}
    positions: dict[str, int] = {}
    for position, cell in sorted(cells.items()):
        column = by_name.get(normalize_title(cell.value)) if isinstance(cell.value, str) else None
        if column is None:
            continue
        if column.key in positions:
            first = get_column_letter(positions[column.key])
            errors.append(CellError(title, cell.row, get_column_letter(position), column.title,
                                    f"столбец повторяется (первый — {first}); оставьте один"))
            continue
        positions[column.key] = position
    return positions


def _read_row(title: str, number: int, cells: _Row, sheet: Sheet, positions: dict[str, int],
              errors: list[CellError]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in sheet.columns:
        position = positions.get(column.key)
        cell = cells.get(position) if position is not None else None
        try:
            row[column.key] = _cell_value(column, cell) if position is not None else None
        except BadValue as problem:
            row[column.key] = None
            errors.append(CellError(title, number, get_column_letter(position), column.title, str(problem)))
    return row


def _is_empty(cell: ReadOnlyCell | None) -> bool:
    return cell is None or (cell.data_type != _UNCALCULATED and is_blank(cell.value))


def _cell_value(column: Column, cell: ReadOnlyCell | None) -> Any:
    if cell is None:
        return parse_value(column, None)
    if cell.data_type == _UNCALCULATED:
        raise BadValue("формула без сохранённого значения: откройте файл в Excel или LibreOffice, "
                       "пересчитайте и сохраните")
    if cell.data_type == "e":
        raise BadValue(f"в ячейке ошибка формулы «{shown(cell.value)}»")
    number_format = cell.number_format if column.kind == "percent" else "General"
    return parse_value(column, cell.value, number_format)
