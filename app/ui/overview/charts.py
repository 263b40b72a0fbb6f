"""The overview's charts: an indicator's plan and fact (the indicator chosen from a list), the ИСБ × results
scatter, and the municipal roadmap's execution by section."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.services.analytics import chart_data
from app.services.indicators.catalogue import list_indicators
from app.services.roadmaps.plans import list_roadmaps

from ..operations import EVERYTHING, QueryOp
from ..widgets.charts import ChartView
from ..widgets.refresh import RefreshWhenShown
from ..workspace import Workspace


class OverviewCharts(RefreshWhenShown, QWidget):
    """Three charts for the selected year, redrawn when shown after any change; the data is read off the UI thread."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.indicator = QComboBox()
        self.indicator.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.indicator.setMinimumContentsLength(30)
        self.indicator.currentIndexChanged.connect(lambda _index: self._draw_indicator())
        self.plan_fact, self.quadrants, self.roadmap = ChartView("plan_fact"), ChartView("quadrants"), ChartView("roadmap_sections")
        self.empty = QLabel()
        chooser = QHBoxLayout()
        chooser.addWidget(QLabel("Показатель:"))
        chooser.addWidget(self.indicator, 1)
        left = QVBoxLayout()
        left.addLayout(chooser)
        left.addWidget(self.plan_fact)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.addLayout(left, 0, 0)
        grid.addWidget(self.quadrants, 0, 1)
        grid.addWidget(self.roadmap, 1, 0, 1, 2)
        grid.addWidget(self.empty, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.follow({EVERYTHING})

    def refresh(self) -> QueryOp:
        year = self.workspace.year
        return self.load(lambda session: chart_figures(session, year), lambda figures: self._show(*figures, year))

    def _show(self, indicators: list[tuple[str, str]], points: dict, sections: dict | None, year: int) -> None:
        self._fill_indicators(indicators)
        self.quadrants.setVisible(bool(points["points"]))
        if points["points"]:
            self.quadrants.show_data(points, f"Результаты и ИСБ школ, {year} год")
        self.roadmap.setVisible(bool(sections and sections["sections"]))
        if sections and sections["sections"]:
            self.roadmap.show_data(sections, f"Муниципальная дорожная карта: исполнение по разделам, {year} год")
        self.empty.setVisible(self.quadrants.isHidden() and (self.roadmap.isHidden() or not points["district"]))
        self.empty.setText(f"Для диаграмм за {year} год пока нет данных: результатов, социальных паспортов, "
                           "дорожной карты." if points["district"] else
                           "Диаграмма «Результаты и ИСБ школ»: нет данных района — она строится по всем школам района.")

    def _fill_indicators(self, indicators: list[tuple[str, str]]) -> None:
        current = self.indicator.currentData()
        self.indicator.blockSignals(True)
        self.indicator.clear()
        for code, name in indicators:
            self.indicator.addItem(f"{code} {name}", code)
            self.indicator.setItemData(self.indicator.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        index = self.indicator.findData(current)
        self.indicator.setCurrentIndex(max(index, 0))
        self.indicator.blockSignals(False)
        self._draw_indicator()

    def _draw_indicator(self) -> QueryOp | None:
        code = self.indicator.currentData()
        self.plan_fact.setVisible(code is not None)
        if code is None:
            return None
        return QueryOp(self, self.workspace, lambda session: chart_data.plan_fact_series(session, code),
                       lambda series: self._draw_series(code, series)).run()

    def _draw_series(self, code: str, series: dict) -> None:
        if code == self.indicator.currentData():  # not an older choice's series arriving late
            self.plan_fact.show_data(series, f"Показатель {code}: план и факт, {series['unit']}")


def chart_figures(session, year: int) -> tuple[list[tuple[str, str]], dict, dict | None]:
    """What the charts show for the year: the indicators to choose from, the ИСБ × results points, the municipal
    roadmap's execution by section (None without a municipal roadmap)."""
    indicators = [(indicator.code, indicator.name) for indicator in list_indicators(session)]
    municipal = next((r for r in list_roadmaps(session) if r.level == "municipal"), None)
    sections = chart_data.roadmap_by_section(session, municipal.id, year) if municipal else None
    return indicators, chart_data.quadrant_points(session, year), sections
