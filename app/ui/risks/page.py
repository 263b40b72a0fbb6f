"""The «Риски «500+»» page: a school's risk profile and its programs for the toolbar's year; at the district also the
risk map of its schools and the list of risk factors. A school sees its own profile and programs only."""

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.services.risks.risk_map import schools_on_map

from ..operations import QueryOp
from ..widgets.refresh import RefreshWhenShown
from ..widgets.tabbed_page import page_title
from ..workspace import Workspace
from .factors_tab import FactorsTab
from .map_tab import MapTab
from .profile_tab import ProfileTab
from .programs_tab import ProgramsTab

SHOWN = {"risk_profile", "school", "school_status"}  # which schools are on the map


class SchoolChoice(RefreshWhenShown, QWidget):
    """At the district, the school whose profile and programs are shown: the schools on the year's risk map."""

    def __init__(self, workspace: Workspace, on_change, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.on_change = workspace, on_change
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Школа:"))
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(40)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.currentIndexChanged.connect(lambda _index: self.on_change())
        row.addWidget(self.combo)
        self.note = QLabel()
        row.addWidget(self.note, 1)
        self.follow(SHOWN)

    def refresh(self) -> QueryOp:
        year = self.workspace.year
        return self.load(lambda session: schools_on_map(session, year), lambda schools: self._show(schools, year))

    def _show(self, schools: list[tuple[str, str]], year: int) -> None:
        keep = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for school_id, name in schools:
            self.combo.addItem(name, school_id)
        self.combo.setCurrentIndex(max(self.combo.findData(keep), 0) if schools else -1)
        self.combo.blockSignals(False)
        self.note.setText("" if schools else f"В {year} году нет школ «500+» и профилей рисков.")
        self.on_change()

    def choose(self, school_id: str) -> None:
        index = self.combo.findData(school_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)


class RisksPage(QWidget):
    """Tabs: «Профиль рисков», «Программы»; at the district also «Карта рисков» and «Факторы риска»."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        scope = workspace.scope()
        self.own_school = scope.school_id if scope and scope.is_school else None
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Риски «500+»"))
        self.chooser: SchoolChoice | None = None
        if self.own_school is None:
            self.chooser = SchoolChoice(workspace, self._school_changed)
            layout.addWidget(self.chooser)
        self.tabs = QTabWidget()
        self.profile = ProfileTab(workspace, self.school_id)
        self.programs = ProgramsTab(workspace, self.school_id)
        self.tabs.addTab(self.profile, "Профиль рисков")
        self.tabs.addTab(self.programs, "Концепция и программы")
        self.map: MapTab | None = None
        if self.own_school is None:
            self.map = MapTab(workspace, self.open_school)
            self.tabs.addTab(self.map, "Карта рисков")
            self.tabs.addTab(FactorsTab(workspace), "Факторы риска")
        self.tabs.currentChanged.connect(self._follow_tab)
        layout.addWidget(self.tabs, 1)

    def _follow_tab(self, _index: int) -> None:
        """The school chooser stands over the tabs that show one school."""
        if self.chooser is not None:
            self.chooser.setVisible(self.tabs.currentWidget() in (self.profile, self.programs))

    def school_id(self) -> str | None:
        """The school shown: a school installation's own, or the one chosen at the district."""
        return self.own_school or (self.chooser.combo.currentData() if self.chooser else None)

    def _school_changed(self) -> None:
        for tab in (self.profile, self.programs):
            tab.mark_dirty()

    def open_school(self, school_id: str) -> None:
        """From the map: show this school's profile."""
        if self.chooser is not None:
            self.chooser.choose(school_id)
        self.tabs.setCurrentWidget(self.profile)

    def apply_filters(self, filters: dict) -> None:
        """«tab»: "map" opens the risk map (at the district), anything else the profile."""
        self.tabs.setCurrentWidget(self.map if filters.get("tab") == "map" and self.map else self.profile)


def risks_page(workspace: Workspace) -> RisksPage:
    return RisksPage(workspace)
