"""Small read-only tables of plain text (a packet's counts, a year's proposals, a submissions grid)."""

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from app.services.records.spec import CONTENT, STRETCH, TEXT

from .columns import ColumnWidths


def read_only_table(headers: list[str], stretch: int | None = None, widths: dict[int, int] | None = None) -> QTableWidget:
    """A small table of plain text cells: no editing, whole rows selected, one column stretched, the others
    fitting their content or, those in `widths`, keeping that width (app.ui.widgets.columns)."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    table.widths = ColumnWidths(table, "plain/" + ",".join(headers),
                                [(STRETCH, 0) if index == stretch else (TEXT, widths[index]) if index in (widths or {})
                                 else (CONTENT, 0) for index in range(len(headers))])
    return table


NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def fill_table(table: QTableWidget, rows: list[list[Any]]) -> None:
    """Replace the table's rows; numbers are right-aligned, long texts get a tooltip."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int) and not isinstance(value, bool):
                item.setTextAlignment(NUMBER_ALIGNMENT)
            if isinstance(value, str) and len(value) > 40:
                item.setToolTip(value)
            table.setItem(r, c, item)
