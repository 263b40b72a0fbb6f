"""Pieces the exchange dialogs share: fingerprints, status lines, small tables."""

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel

from ..widgets.small_table import fill_table, read_only_table

__all__ = ["fill_table", "read_only_table"]  # the exchange dialogs take the small tables from here too

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
