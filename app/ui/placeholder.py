"""A registered page that another part of the program fills: it names the section and what it will hold."""

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .widgets.tabbed_page import page_title
from .workspace import Workspace


class PlaceholderPage(QWidget):
    def __init__(self, workspace: Workspace, title: str, description: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        layout.addWidget(page_title(title))
        text = QLabel(description)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addStretch(1)

    def apply_filters(self, filters: dict[str, Any]) -> None:
        """Nothing to filter yet."""
