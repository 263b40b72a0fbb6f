"""A navigation page made of several entity lists in tabs (e.g. Школы: register, statuses, passports…)."""

from typing import Any

from PySide6.QtWidgets import QLabel, QLayout, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from ..workspace import Workspace
from .record_dialog import opening_records
from .table_page import TablePage

TITLE_STYLE = "font-size: 16pt; font-weight: 600; margin: 4px 0 6px 0;"


def page_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(TITLE_STYLE)
    return label


class TabbedPage(QWidget):
    """One tab per entity: (tab title, entity name[, fixed values such as {"exam": "ЕГЭ"}]).
    Pages expose `current_table()` and `apply_filters()`; the first tab of an entity answers for it."""

    def __init__(self, workspace: Workspace, title: str, tabs: tuple[tuple, ...], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(title))
        self.tabs = QTabWidget()
        self.tables: dict[str, TablePage] = {}
        for tab_title, entity, *fixed in tabs:
            table = opening_records(TablePage(workspace, entity, fixed=fixed[0] if fixed else None))
            self.tables.setdefault(entity, table)
            self.tabs.addTab(table, tab_title)
        layout.addWidget(self.tabs)
        self.bars = 0

    def insert_bar(self, bar: QLayout) -> None:
        """Put a row of page actions (e.g. «Загрузить из Excel…») between the title and the tabs."""
        self.layout().insertLayout(1 + self.bars, bar)
        self.bars += 1

    def current_table(self) -> TablePage | None:
        """The list in the current tab (None for a tab that is not a list, e.g. a monitoring)."""
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, TablePage) else None

    def apply_filters(self, filters: dict[str, Any]) -> None:
        """Show the tab of `filters["entity"]` (the first by default) with the other filters applied."""
        table = self.tables.get(filters.get("entity"), self.tabs.widget(0))
        self.tabs.setCurrentWidget(table)
        table.apply_filters(filters)


def scrolled_body(layout: QVBoxLayout) -> QVBoxLayout:
    """Add a frameless scroll area to `layout` and return the layout inside it: a page taller than a small screen
    (1366×768) scrolls instead of stretching the window."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    body = QWidget()
    scroll.setWidget(body)
    layout.addWidget(scroll, 1)
    return QVBoxLayout(body)
