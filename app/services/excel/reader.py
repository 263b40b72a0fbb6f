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

from app.errors import KuratorError
from app.services.documents import office_zip
from app.services.documents.table_grid import GridCell
from app.services.documents.table_header import Header, find_header
from app.services.excel.spec import (
    RESERVED_TITLES,
    CellError,
    Column,
    ImportResult,
    Sheet,
    Template,
    header_vocabulary,
    normalize_title,
)
from app.services.excel.values import BadValue, is_blank, parse_value, shown

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
    """Read every sheet of `template` from an .xlsx; raises KuratorError only for an unreadable file (or one over
    the row limit, `office_zip.DATA_WORKBOOK.rows` per sheet: refused, never cut short)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise KuratorError(f"Файл «{path.name}» — не книга Excel (.xlsx). Откройте его в Excel или LibreOffice "
                           "и сохраните как «Книга Excel (*.xlsx)».")
    office_zip.check_office_file(path, office_zip.DATA_WORKBOOK)
    result = ImportResult({}, [], {})
    with office_zip.refusing_damage(path), path.open("rb") as stream:
        wb = load_workbook(stream, read_only=True, data_only=True)
        try:
            for sheet in template.sheets:
                _read_sheet(path, wb, sheet, template, result)
        finally:
            wb.close()
    return result


def _candidates(wb: Workbook, sheet: Sheet, template: Template) -> list[ReadOnlyWorksheet]:
    """The sheet by its title (even if hidden); for a one-sheet template, else every visible data sheet in order."""
    wanted = normalize_title(sheet.title)
    named = [ws for ws in wb.worksheets if normalize_title(ws.title) == wanted]
    if named or len(template.sheets) > 1:
        return named
    reserved = {normalize_title(t) for t in RESERVED_TITLES}
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible" and normalize_title(ws.title) not in reserved]


def _read_sheet(path: Path, wb: Workbook, sheet: Sheet, template: Template, result: ImportResult) -> None:
    result.rows_by_sheet.setdefault(sheet.name, [])
    result.source_rows.setdefault(sheet.name, [])
    candidates = _candidates(wb, sheet, template)
    if not candidates:
        result.errors.append(CellError(sheet.title, 0, "", "", NO_SUCH_SHEET))
        return
    vocabulary = header_vocabulary(sheet)
    for ws in candidates:  # the first sheet whose header is found is the one read
        rows = _rows(ws)
        head = list(islice(rows, vocabulary.scan_rows))
        header = find_header([_grid_row(cells) for _number, cells in head], vocabulary)
        if header is not None:
            _read_found(path, ws, sheet, header, head, rows, result)
            return
    expected = ", ".join(f"«{c.title}»" for c in sheet.columns)
    result.errors.append(CellError(candidates[0].title, 0, "", "",
                                   f"не найдена строка заголовков; ожидаются столбцы {expected}"))


def _grid_row(cells: _Row) -> list[GridCell]:
    width = max(cells, default=0)
    return [GridCell(cells[c].value if c in cells and isinstance(cells[c].value, str) else "")
            for c in range(1, width + 1)]


def _read_found(path: Path, ws: ReadOnlyWorksheet, sheet: Sheet, header: Header, head: list[tuple[int, _Row]],
                rows: Iterator[tuple[int, _Row]], result: ImportResult) -> None:
    positions = {key: col + 1 for key, col in header.columns.items()}
    header_row = head[header.row][0]
    for key, col in header.repeated:
        column = sheet.column(key)
        first = get_column_letter(positions[key])
        result.errors.append(CellError(ws.title, header_row, get_column_letter(col + 1), column.title,
                                       f"столбец повторяется (первый — {first}); оставьте один"))
    for column in sheet.columns:
        if column.required and column.key not in positions:
            result.errors.append(CellError(ws.title, 0, "", column.title,
                                           "обязательный столбец не найден в строке заголовков"))
    result.column_letters[sheet.name] = {key: get_column_letter(p) for key, p in positions.items()}
    result.sheet_titles[sheet.name] = ws.title
    rows_out, numbers_out = result.rows_by_sheet[sheet.name], result.source_rows[sheet.name]
    for number, cells in chain(head[header.first_data_row:], rows):
        if all(_is_empty(cells.get(p)) for p in positions.values()):
            continue
        if len(rows_out) >= office_zip.DATA_WORKBOOK.rows:
            raise office_zip.too_many_rows(path, f"на листе «{ws.title}»", office_zip.DATA_WORKBOOK)
        rows_out.append(_read_row(ws.title, number, cells, sheet, positions, result.errors))
        numbers_out.append(number)


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
