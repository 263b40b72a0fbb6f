"""Pieces the exchange dialogs share: fingerprints, status lines, small tables."""

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem

OK_STYLE = "color: #1b5e20; font-weight: 600;"
REFUSED_STYLE = "color: #b00020; font-weight: 600;"
NOTE_STYLE = "color: #8a5a00; font-weight: 600;"
FINGERPRINT_POINT_SIZE = 18
PACKET_FILTER = "Пакет Куратора (*.kpkt);;Все файлы (*)"
KEY_FILTER = "Открытый ключ (*.pem);;Все файлы (*)"


def fingerprint_label(text: str = "") -> QLabel:
    """A fingerprint in big monospace groups that the user can select and copy."""
    label = QLabel(text)
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(FINGERPRINT_POINT_SIZE)
    font.setBold(True)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def styled_label(style: str = "", text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(style)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def local_time(value: datetime | None) -> str:
    """A stored UTC moment as the user's local «dd.MM.yyyy HH:mm»."""
    if value is None:
        return ""
    return value.replace(tzinfo=UTC).astimezone().strftime("%d.%m.%Y %H:%M")


def read_only_table(headers: list[str], stretch: int | None = None) -> QTableWidget:
    """A small table of plain text cells: no editing, whole rows selected, one column stretched."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
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
