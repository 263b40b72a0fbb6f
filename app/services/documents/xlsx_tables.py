"""Read every visible sheet of an .xlsx file as a grid of cell texts (openpyxl over defusedxml).

Formulas are read as the values Excel cached when it saved the file; dates become dd.mm.yyyy text.
The workbook is opened in full mode because read-only mode does not report merged cells.
"""

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from app.services.documents.office_zip import DocumentLimits, too_many_rows
from app.services.documents.table_grid import GridCell, RawTable, clean_text

MAX_COLUMNS = 30


def read_xlsx_tables(path: Path, limits: DocumentLimits) -> list[RawTable]:
    """One table per visible worksheet, in workbook order; hidden sheets are skipped. A sheet whose data goes
    past row `limits.rows` is refused."""
    workbook = openpyxl.load_workbook(path, data_only=True)
    formulas = _formula_workbook(path)
    tables = []
    for sheet in workbook.worksheets:
        if sheet.sheet_state != "visible":
            continue
        table = _sheet_table(path, sheet, limits)
        if formulas is not None:
            table.warnings.extend(_uncached_formulas(sheet, formulas[sheet.title], len(table.rows)))
        tables.append(table)
    if formulas is not None:
        formulas.close()
    return tables


def cell_text(value: object) -> str:
    """The text a user sees in a cell: dates as dd.mm.yyyy, whole numbers without «.0»."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y" if value.time() == time() else "%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean_text(str(value))


def _sheet_table(path: Path, sheet, limits: DocumentLimits) -> RawTable:
    last_row = _last_data_row(sheet)
    if last_row > limits.rows:
        raise too_many_rows(path, f"на листе «{sheet.title}»", limits)
    last_column = min(sheet.max_column, MAX_COLUMNS)
    rows = [
        [GridCell(cell_text(cell.value)) for cell in row]
        for row in (sheet.iter_rows(min_row=1, max_row=last_row, max_col=last_column) if last_row else ())
    ]
    _spread_merged(sheet, rows)
    return RawTable(position=f"лист «{sheet.title}»", rows=rows, row_numbers=list(range(1, len(rows) + 1)))


def _last_data_row(sheet) -> int:
    """The last row holding a value, from the cells the file has: formatted empty rows below the table do not count,
    and iter_rows would create every missing cell up to max_row (openpyxl's `_cells`, as its own iterators use)."""
    return max((row for (row, _column), cell in sheet._cells.items() if cell.value not in (None, "")), default=0)


def _spread_merged(sheet, rows: list[list[GridCell]]) -> None:
    """Give every position of a merged range the top-left text, flagged as a repeat."""
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(rows) or left >= len(rows[top]):
            continue
        text = rows[top][left].text
        for r in range(top, min(merged.max_row, len(rows))):
            for c in range(left, min(merged.max_col, len(rows[r]))):
                if (r, c) != (top, left):
                    rows[r][c] = GridCell(text, spans_left=c > left, spans_above=r > top)


def _formula_workbook(path: Path):
    """The workbook with formulas as written, or None when no sheet has a formula."""
    with zipfile.ZipFile(path) as archive:
        has_formula = any(
            name.startswith("xl/worksheets/") and b"<f" in archive.read(name) for name in archive.namelist()
        )
    return openpyxl.load_workbook(path, read_only=True, data_only=False) if has_formula else None


def _uncached_formulas(sheet, formula_sheet, last_row: int) -> list[str]:
    """Warn about formula cells that Excel never computed (no cached value saved in the file)."""
    warnings = []
    for row in formula_sheet.iter_rows(max_row=max(last_row, 1), max_col=MAX_COLUMNS):
        for cell in row:
            value = getattr(cell, "value", None)
            if isinstance(value, str) and value.startswith("=") and sheet.cell(cell.row, cell.column).value is None:
                warnings.append(
                    f"Лист «{sheet.title}», ячейка {get_column_letter(cell.column)}{cell.row}: формула без "
                    "сохранённого значения; откройте файл в Excel и сохраните его, чтобы значение появилось."
                )
    return warnings
