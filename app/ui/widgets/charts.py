"""Chart views for the window: the same drawings as the reports' PNGs (app.services.output.charts) on a PlotWidget,
with tooltips naming the points of the scatter and an «Экспорт PNG…» context action."""

from typing import Any

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.services.output import charts

MIN_HEIGHT = 320


class ChartView(pg.PlotWidget):
    """One chart of kind `kind` (a key of app.services.output.charts.CHARTS); `show_data(data, title)` redraws it."""

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        charts.register_fonts()
        self.kind = kind
        self.title = ""
        self.setMinimumHeight(MIN_HEIGHT)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        self.sceneObj.contextMenu = []  # pyqtgraph's own (English) export menu
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        export = QAction("Экспорт PNG…", self)
        export.triggered.connect(self.export_png)
        self.addAction(export)
        self.setMouseEnabled(x=False, y=False)

    def show_data(self, data: Any, title: str) -> None:
        """Draw `data` (from app.services.analytics.chart_data) with its title."""
        self.title = title
        charts.draw(self.getPlotItem(), self.kind, data, title)

    def export_png(self, path: str | None = None) -> None:
        """Save the chart as it is shown; without `path` the user chooses the file."""
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Экспорт диаграммы", f"{self.title or 'Диаграмма'}.png",
                                                  "Изображение PNG (*.png)")
        if not path:
            return
        exporter = ImageExporter(self.getPlotItem())
        exporter.parameters()["width"] = max(self.width() * 2, 1200)
        if not exporter.export(toBytes=True).save(path, "PNG"):
            QMessageBox.warning(self, "Куратор", f"Не удалось сохранить изображение «{path}».")
