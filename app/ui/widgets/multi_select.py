"""A checkable list: pick several values (subjects, positions, teachers) with a filter line above it."""

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class MultiSelect(QWidget):
    """Check any number of (code, label) items; `checked()` returns the codes in list order."""

    changed = Signal()

    def __init__(self, items: Iterable[tuple[str, str]] = (), parent: QWidget | None = None, filterable: bool = False,
                 height: int = 130):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.filter = QLineEdit(placeholderText="Найти в списке…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.setVisible(filterable)
        self.list = QListWidget()
        self.list.setMinimumHeight(height)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.set_items(items)

    def set_items(self, items: Iterable[tuple[str, str]], checked: Iterable[str] = ()) -> None:
        chosen = set(checked)
        self.list.blockSignals(True)
        self.list.clear()
        for code, label in items:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._apply_filter(self.filter.text())

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def checked(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._items() if item.checkState() == Qt.CheckState.Checked]

    def set_checked(self, codes: Iterable[str]) -> None:
        """Check exactly `codes`; the list scrolls to the first checked item, so it shows without scrolling."""
        chosen = set(codes)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in chosen else Qt.CheckState.Unchecked)
        first = next((item for item in self._items() if item.checkState() == Qt.CheckState.Checked), None)
        if first is not None:
            self.list.scrollToItem(first, QListWidget.ScrollHint.PositionAtTop)

    def set_all(self, checked: bool) -> None:
        """Check or uncheck every item that the filter shows."""
        for item in self._items():
            if not item.isHidden():
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower().replace("ё", "е")
        for item in self._items():
            item.setHidden(bool(needle) and needle not in item.text().lower().replace("ё", "е"))

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 — Qt naming
        self.list.setEnabled(enabled)
        self.filter.setEnabled(enabled)
