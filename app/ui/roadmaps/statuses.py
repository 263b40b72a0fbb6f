"""How event states look on the roadmap screens: one colour per state, a legend, dates as dd.MM.yyyy."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.models.reference import EVENT_STATUSES
from app.services.records.spec import STRETCH, TEXT

from ..widgets.columns import ColumnWidths

STATUS_COLORS = {  # background of the state cell
    "overdue": "#f6c9cc",
    "done_late": "#ffe3a3",
    "done": "#cdebd3",
    "in_progress": "#d3e4f8",
    "cancelled": "#e1e1e1",
    "planned": "#ffffff",
}
LEGEND_ORDER = ("overdue", "done_late", "done", "in_progress", "planned", "cancelled")


def ru_date(value: "date | str | None") -> str:
    """dd.MM.yyyy for a date or an ISO string; «» for none."""
    if not value:
        return ""
    value = date.fromisoformat(value) if isinstance(value, str) else value
    return value.strftime("%d.%m.%Y")


def status_item(status: str) -> QTableWidgetItem:
    """A read-only table cell with the state's Russian name on its colour."""
    item = read_only_item(EVENT_STATUSES.get(status, status))
    item.setBackground(QColor(STATUS_COLORS.get(status, "#ffffff")))
    item.setData(Qt.ItemDataRole.UserRole, status)
    return item


def read_only_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if len(text) > 60:
        item.setToolTip(text)
    return item


def legend() -> QWidget:
    """A row of coloured swatches naming each state."""
    widget = QWidget()
    row = QHBoxLayout(widget)
    row.setContentsMargins(0, 0, 0, 0)
    for status in LEGEND_ORDER:
        swatch = QLabel(EVENT_STATUSES[status])
        swatch.setStyleSheet(f"background: {STATUS_COLORS[status]}; border: 1px solid #b9c2cc; padding: 1px 6px;")
        row.addWidget(swatch)
    row.addStretch(1)
    return widget


def plain_table(columns: tuple[tuple[str, int], ...], stretch: int | None = None) -> QTableWidget:
    """A read-only table of whole-row selection with (title, width) columns: the `stretch` one (the widest declared
    by default — what names the row) takes the spare width, the others their declared width, at least their header's;
    widths the user drags are remembered (app.ui.widgets.columns)."""
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels([title for title, _ in columns])
    widest = max(range(len(columns)), key=lambda index: columns[index][1]) if stretch is None else stretch
    table.widths = ColumnWidths(table, "plain/" + ",".join(title for title, _ in columns),
                                [(STRETCH if index == widest else TEXT, width) for index, (_t, width) in enumerate(columns)])
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    return table
