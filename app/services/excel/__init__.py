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

import importlib
from typing import TYPE_CHECKING

# Each name from the module that holds it, imported when first asked for: a command that only reads a column's
# declaration (app.services.excel.spec) does not load openpyxl with the reader and the writer.
_WHERE = {
    "MAX_FILE_BYTES": "app.services.documents.office_zip", "read_workbook": "app.services.excel.reader",
    **dict.fromkeys(("CellError", "Column", "ImportResult", "Kind", "Sheet", "Template", "format_errors"),
                    "app.services.excel.spec"),
    **dict.fromkeys(("write_table", "write_tables", "write_template"), "app.services.excel.writer"),
}
__all__ = sorted(_WHERE)

if TYPE_CHECKING:
    from app.services.documents.office_zip import MAX_FILE_BYTES
    from app.services.excel.reader import read_workbook
    from app.services.excel.spec import CellError, Column, ImportResult, Kind, Sheet, Template, format_errors
    from app.services.excel.writer import write_table, write_tables, write_template


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
