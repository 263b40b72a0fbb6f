"""The program year chooser in the toolbar: changing it re-filters every page."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

FIRST_YEAR = 2019


class YearSelector(QComboBox):
    """Years from 2019 to two years ahead of the program year; emits `year_changed(int)`."""

    year_changed = Signal(int)

    def __init__(self, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        for value in range(FIRST_YEAR, max(year, FIRST_YEAR) + 3):
            self.addItem(f"{value} год", value)
        self.setToolTip("Год программы: списки и показатели за этот год")
        self.set_year(year)
        self.currentIndexChanged.connect(lambda _index: self.year_changed.emit(self.year()))

    def year(self) -> int:
        return int(self.currentData())

    def set_year(self, year: int) -> None:
        """Show `year`, adding it (and the years up to it) to the list when a new year was started."""
        while year > self.itemData(self.count() - 1):
            value = self.itemData(self.count() - 1) + 1
            self.addItem(f"{value} год", value)
        index = self.findData(year)
        if index >= 0:
            self.setCurrentIndex(index)
