"""Kurator's Excel templates and imports: declare columns once, write a template, read it back.

    template = Template("Результаты ЕГЭ", (Sheet("ege", "ЕГЭ", (Column(...), ...), "Инструкция листа"),))
    write_template(path, template)                 # a workbook for a school to fill in
    result = read_workbook(path, template)         # KuratorError only if the file cannot be read at all
    if not result.ok:                              # then save nothing; show format_errors(result.errors)
        ...
    rows = result.rows_by_sheet["ege"]             # [{"school_code": "007", "mean_score": 45.5, ...}]

Reading is defensive: size, zip and encryption checks before openpyxl, XML through defusedxml, a row limit
(documents.office_zip.DATA_WORKBOOK).
"""

from app.services.documents.office_zip import MAX_FILE_BYTES
from app.services.excel.reader import read_workbook
from app.services.excel.spec import (
    CellError,
    Column,
    ImportResult,
    Kind,
    Sheet,
    Template,
    format_errors,
)
from app.services.excel.writer import write_table, write_tables, write_template

__all__ = [
    "MAX_FILE_BYTES", "CellError", "Column", "ImportResult", "Kind", "Sheet", "Template",
    "format_errors", "read_workbook", "write_table", "write_tables", "write_template",
]
