"""The window's pages, each made when it is first shown or asked for: its feature (reports, charts, Office files…)
is imported then, not when the window starts."""

from collections.abc import Iterator

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from .pages import PageSpec
from .workspace import Workspace


class PageStack(QStackedWidget):
    """A stacked widget with one slot per page spec, and a mapping key → page (`stack[key]`, `key in stack`) that
    makes the page on first access."""

    def __init__(self, specs: tuple[PageSpec, ...], workspace: Workspace):
        super().__init__()
        self.specs, self.workspace = specs, workspace
        self.made: dict[str, QWidget] = {}
        for _spec in specs:
            slot = QWidget()
            QVBoxLayout(slot).setContentsMargins(0, 0, 0, 0)
            self.addWidget(slot)

    def __getitem__(self, key: str) -> QWidget:
        if key not in self.made:
            index = self.index_of(key)
            page = self.specs[index].build(self.workspace)
            self.widget(index).layout().addWidget(page)
            self.made[key] = page
        return self.made[key]

    def __iter__(self) -> Iterator[str]:
        return (spec.key for spec in self.specs)

    def __contains__(self, key: object) -> bool:
        return any(spec.key == key for spec in self.specs)

    def index_of(self, key: str) -> int:
        for index, spec in enumerate(self.specs):
            if spec.key == key:
                return index
        raise KeyError(key)

    def show_row(self, row: int) -> None:
        """Make the page of this row if it is not made yet, then show it."""
        if 0 <= row < len(self.specs):
            self[self.specs[row].key]
            self.setCurrentIndex(row)

    def current_page(self) -> QWidget:
        return self[self.specs[self.currentIndex()].key]
