"""The «Показатели» page: the program's indicators, and the analysis that selects ШНОР/ШНСУ."""

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ..widgets.tabbed_page import page_title
from ..workspace import Workspace
from .analysis_tab import AnalysisTab
from .program_tab import ProgramTab
from .schools_tab import SchoolsTab


class IndicatorsPage(QWidget):
    """Three tabs: «Показатели программы», «Показатели по школам» and «Анализ и отбор ШНОР»."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Показатели"))
        self.tabs = QTabWidget()
        self.program = ProgramTab(workspace)
        self.analysis = AnalysisTab(workspace)
        self.schools = SchoolsTab(workspace)
        self.tabs.addTab(self.program, "Показатели программы")
        self.tabs.addTab(self.schools, "Показатели по школам")
        self.tabs.addTab(self.analysis, "Анализ и отбор ШНОР")
        layout.addWidget(self.tabs)

    def apply_filters(self, filters: dict) -> None:
        """Open the analysis tab when asked for it (e.g. from an overview card); the program tab otherwise."""
        self.tabs.setCurrentWidget(self.analysis if filters.get("tab") == "analysis" else self.program)
