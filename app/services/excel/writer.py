"""Writing templates (typed, validated, with an instruction sheet) and plain tables for reports."""

import os
import re
import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from app.errors import KuratorError
from app.services.excel.spec import (
    INSTRUCTIONS_TITLE,
    LISTS_TITLE,
    Column,
    Sheet,
    Template,
    describe,
    format_number,
)

DATE_FORMAT = "DD.MM.YYYY"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
LAST_ROW = 1_048_576
_MIN_DATE, _MAX_DATE = date(1900, 1, 1), date(2100, 12, 31)
_UNBOUNDED = {"int": (-2_147_483_648, 2_147_483_647), "decimal": (-1e15, 1e15)}

_NUMBER_FORMATS: dict[str, str] = {
    "text": "@", "choice": "@", "bool": "@",
    "int": "0", "decimal": "0.##", "percent": "0.##", "date": DATE_FORMAT,
}
_VALIDATION_TYPES: dict[str, str] = {"int": "whole", "decimal": "decimal", "percent": "decimal", "date": "date"}

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", start_color="FCE4D6")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")

_GENERAL_RULES = (
    "Заполняйте по одной строке на каждую запись, начиная со второй строки листа. Не удаляйте и не "
    "переименовывайте строку заголовков: по ней программа узнаёт столбцы (порядок столбцов может быть любым).",
    "Обязательные столбцы выделены оранжевым заголовком, остальные можно оставить пустыми. "
    "Наведите указатель на заголовок, чтобы увидеть подсказку.",
    "Числа вводите как обычно, дробную часть можно отделять запятой (45,5). "
    "Проценты — числом от 0 до 100, можно со знаком % (45 %).",
    "Даты — в виде ДД.ММ.ГГГГ, например 25.05.2024.",
    "Значения из списка и «да»/«нет» выбирайте стрелкой справа от ячейки.",
    "Пустые строки пропускаются. Формулы допускаются: берётся вычисленное значение, поэтому сохраните "
    "файл в Excel или LibreOffice перед загрузкой.",
    "Если в файле найдутся ошибки, программа покажет строку и столбец каждой и ничего не загрузит, "
    "пока их не исправят.",
)
_COLUMN_TABLE_HEADER = ("Столбец", "Обязательный", "Что вводить", "Пояснение")
_INSTRUCTION_WIDTHS = (30, 14, 40, 60)
HEADER_LINES = 4  # a long header wraps into up to this many lines rather than widening its column
HEADER_LINE_HEIGHT = 15  # points


def cell_value(value: Any) -> Any:
    """A Python value as it should sit in a cell: booleans as «да»/«нет», text without control characters."""
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None) -> Cell:
    """Write a value, the one way every .xlsx export writes a cell: text is always text, dates get the Russian
    date format.

    Text that a spreadsheet could take for a formula (OWASP «CSV injection»: it begins with = + - @, a tab or a
    carriage return) is stored as a string with the «quote prefix» style, so Excel and LibreOffice show it as
    typed and keep it text even when the cell is edited."""
    cell = ws.cell(row=row, column=column, value=cell_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
        cell.quotePrefix = cell.value.startswith(FORMULA_TRIGGERS)
    if isinstance(value, date | datetime):
        cell.number_format = DATE_FORMAT
    elif number_format:
        cell.number_format = number_format
    return cell


def put_row(ws: Worksheet, row: int, values: Sequence[Any]) -> list[Cell]:
    """`put` the values into one row from its first column; returns the cells (to style them)."""
    return [put(ws, row, column, value) for column, value in enumerate(values, start=1)]


def style_header(ws: Worksheet, titles: Sequence[str], widths: Sequence[int]) -> None:
    """Bold wrapped header in row 1, column widths, panes frozen below it."""
    for index, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        put(ws, 1, index, title)
        cell = ws.cell(row=1, column=index)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"


def save_workbook(wb: Workbook, path: Path | str) -> None:
    """Save through a temporary file beside the target, so a failed save never leaves half a workbook."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError:
        raise KuratorError(
            f"Не удалось сохранить файл «{path.name}»: он открыт в другой программе или нет доступа к папке."
        ) from None
    finally:
        tmp.unlink(missing_ok=True)


def write_table(path: Path | str, sheet_title: str, header: Sequence[str],
                rows: Iterable[Sequence[Any]]) -> None:
    """A plain report table: bold header, autofilter, widths from the content, frozen header row."""
    write_tables(path, [(sheet_title, header, rows)])


def write_tables(path: Path | str, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> None:
    """A workbook of plain report tables, one sheet per (title, header, rows), each as `write_table` writes it."""
    wb = Workbook()
    for index, (sheet_title, header, rows) in enumerate(sheets):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = safe_sheet_title(sheet_title)
        _fill_table(ws, header, [list(r) for r in rows])
    save_workbook(wb, path)


def _fill_table(ws: Worksheet, header: Sequence[str], rows: list[list[Any]]) -> None:
    widths = [_fitted_width(i, header, rows) for i in range(len(header))]
    style_header(ws, header, widths)
    ws.row_dimensions[1].height = max(HEADER_LINE_HEIGHT * max((_wrapped_lines(str(title), width)
                                                                for title, width in zip(header, widths)), default=1),
                                      ws.row_dimensions[1].height)
    for row_index, row in enumerate(rows, start=2):
        put_row(ws, row_index, row)
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{len(rows) + 1}"
    print_on_a4(ws)


def print_on_a4(ws: Worksheet) -> None:
    """Printed on A4 landscape, as wide as the page (as many pages down as it takes), the header row on every
    page."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.gridLines = True


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines a wrapped header cell of `width` characters takes."""
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def safe_sheet_title(title: str) -> str:
    """A worksheet tab name Excel accepts: no []:*?/\\, at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", ILLEGAL_CHARACTERS_RE.sub("", title)).strip()
    return cleaned[:31] or "Лист1"


def _fitted_width(index: int, header: Sequence[str], rows: list[list[Any]]) -> int:
    """Characters for the column: its longest cell (of the first thousand rows), or more where the header would
    wrap into more than HEADER_LINES lines, never less than its longest header word; between 8 and 60."""
    title = str(header[index])
    longest = max((len(_shown_text(r[index])) for r in rows[:1000] if index < len(r)), default=0)
    words = max((len(word) for word in title.split()), default=0)
    needed = max(longest, words, -(-len(title) // HEADER_LINES))
    return min(max(needed + 2, 8), 60)


def _shown_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return "00.00.0000"
    return str(cell_value(value))


def write_template(path: Path | str, template: Template,
                   rows_by_sheet: dict[str, list[dict]] | None = None) -> None:
    """Write an .xlsx to fill in: an «Инструкция» sheet, then one validated sheet per template sheet."""
    wb = Workbook()
    _write_instructions(wb.active, template)
    lists = wb.create_sheet(LISTS_TITLE)
    lists.sheet_state = "hidden"
    for sheet in template.sheets:
        ws = wb.create_sheet(sheet.title)
        _write_data_sheet(ws, sheet, lists, (rows_by_sheet or {}).get(sheet.name, []))
    wb.move_sheet(lists, offset=len(template.sheets))
    save_workbook(wb, path)


def _write_instructions(ws: Worksheet, template: Template) -> None:
    ws.title = INSTRUCTIONS_TITLE
    for index, width in enumerate(_INSTRUCTION_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    put(ws, 1, 1, template.name)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    row = 3
    for number, rule in enumerate(_GENERAL_RULES, start=1):
        row = _paragraph(ws, row, f"{number}. {rule}")
    for sheet in template.sheets:
        row = _sheet_section(ws, row + 1, sheet)


def _paragraph(ws: Worksheet, row: int, text: str, bold: bool = False) -> int:
    """Text across the four instruction columns; returns the next free row."""
    put(ws, row, 1, text)
    cell = ws.cell(row=row, column=1)
    cell.alignment, cell.font = _WRAP, Font(bold=bold)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(_INSTRUCTION_WIDTHS))
    chars_per_line = sum(_INSTRUCTION_WIDTHS) * 1.1
    lines = sum(1 + int(len(part) / chars_per_line) for part in text.split("\n"))
    ws.row_dimensions[row].height = 15 * lines + 3
    return row + 1


def _sheet_section(ws: Worksheet, row: int, sheet: Sheet) -> int:
    row = _paragraph(ws, row, f"Лист «{sheet.title}»", bold=True)
    row = _paragraph(ws, row, sheet.instructions)
    for col_index, title in enumerate(_COLUMN_TABLE_HEADER, start=1):
        put(ws, row, col_index, title)
        ws.cell(row=row, column=col_index).font = _HEADER_FONT
        ws.cell(row=row, column=col_index).fill = _HEADER_FILL
    for column in sheet.columns:
        row += 1
        values = (column.title, "да" if column.required else "", describe(column), column.help)
        for col_index, value in enumerate(values, start=1):
            put(ws, row, col_index, value)
            ws.cell(row=row, column=col_index).alignment = _WRAP
    return row + 2


def _write_data_sheet(ws: Worksheet, sheet: Sheet, lists: Worksheet, rows: list[dict]) -> None:
    style_header(ws, [c.title for c in sheet.columns], [c.width for c in sheet.columns])
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index)
        header.comment = _header_comment(column)
        if column.required:
            header.fill = _REQUIRED_FILL
        ws.column_dimensions[letter].number_format = _NUMBER_FORMATS[column.kind]
        validation = _validation(column, lists)
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        ws.add_data_validation(validation)
    for row_index, row in enumerate(rows, start=2):
        for col_index, column in enumerate(sheet.columns, start=1):
            put(ws, row_index, col_index, row.get(column.key), _NUMBER_FORMATS[column.kind])


def _header_comment(column: Column) -> Comment:
    parts = [column.help, f"Что вводить: {describe(column)}."]
    if column.required:
        parts.append("Обязательный столбец.")
    comment = Comment("\n".join(p for p in parts if p), "Куратор")
    comment.width, comment.height = 320, 140
    return comment


def _validation(column: Column, lists: Worksheet) -> DataValidation:
    """The data-validation rule of a column: a list, a number range, a date range, or text of any kind."""
    validation = DataValidation(
        allow_blank=True, showErrorMessage=True, showInputMessage=bool(column.help),
        errorTitle="Неверное значение", error=f"Ожидается {describe(column)}."[:255],
        promptTitle=column.title[:32], prompt=column.help[:255],
    )
    if column.allowed:
        validation.type, validation.formula1 = "list", _list_range(lists, column.allowed)
    elif column.kind == "date":
        validation.type, validation.operator = "date", "between"
        validation.formula1, validation.formula2 = str(to_excel(_MIN_DATE)), str(to_excel(_MAX_DATE))
    elif column.kind in _VALIDATION_TYPES:
        validation.type = _VALIDATION_TYPES[column.kind]
        validation.operator, validation.formula1, validation.formula2 = _number_rule(column)
    return validation


def _list_range(lists: Worksheet, values: tuple[str, ...]) -> str:
    """Put the values in a column of the hidden lists sheet and return a reference to them."""
    column = (lists.max_column + 1) if lists.max_row > 1 or lists["A1"].value is not None else 1
    for row, value in enumerate(values, start=1):
        put(lists, row, column, value)
    letter = get_column_letter(column)
    return f"{quote_sheetname(lists.title)}!${letter}$1:${letter}${len(values)}"


def _number_rule(column: Column) -> tuple[str, str | None, str | None]:
    low, high = column.bounds
    if low is not None and high is not None:
        return "between", _formula_number(low), _formula_number(high)
    if low is not None:
        return "greaterThanOrEqual", _formula_number(low), None
    if high is not None:
        return "lessThanOrEqual", _formula_number(high), None
    low, high = _UNBOUNDED[column.kind]
    return "between", _formula_number(low), _formula_number(high)


def _formula_number(value: float) -> str:
    """A number as a formula operand (a dot, whatever the locale)."""
    return format_number(value).replace(",", ".")
