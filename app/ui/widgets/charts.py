"""Chart views for the window: the reports' charts (app.services.output.charts) painted on a widget by the same
painter, with tooltips naming the points of the scatter and the boxes of the bar charts and the risk map, and an
«Экспорт PNG…» context action."""

from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolTip, QWidget

from app.services.output import charts
from app.services.output.figure import Figure, Point
from app.services.output.painter import Frame, paint

MIN_HEIGHT = 320
EXPORT_WIDTH = 1200  # px at least; the picture is laid out as the view is and painted at twice its size or more


class ChartView(QWidget):
    """One chart of kind `kind` (a key of app.services.output.charts.CHARTS); `show_data(data, title)` redraws it."""

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        charts.register_fonts()
        self.kind = kind
        self.title = ""
        self.figure: Figure | None = None
        self.frame: Frame | None = None
        self.hovered: Point | None = None
        self.setMinimumHeight(MIN_HEIGHT)
        self.setMouseTracking(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        export = QAction("Экспорт PNG…", self)
        export.triggered.connect(lambda _checked=False: self.export_png())
        self.addAction(export)

    def show_data(self, data: Any, title: str) -> None:
        """Draw `data` (from app.services.analytics.chart_data) with its title; a bar chart asks for the height its
        rows need to keep their names readable (as in print: a scroll area around the view shows the rest)."""
        self.title = title
        self.figure = charts.figure(self.kind, data, title)
        self.setMinimumHeight(max(MIN_HEIGHT, charts.rows_height(self.kind, data) // 2))
        self.hovered = None
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt naming
        painter = QPainter(self)
        if self.figure is None:
            painter.fillRect(self.rect(), Qt.GlobalColor.white)
        else:
            self.frame = paint(painter, QRectF(self.rect()), self.figure, self.hovered)
        painter.end()

    def point_at(self, position: QPointF) -> Point | None:
        """The scatter's point under `position` (widget coordinates), as last painted."""
        return self.frame.point_at(position) if self.frame is not None else None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 — Qt naming
        hovered = self.point_at(event.position())
        if hovered != self.hovered:
            self.hovered = hovered
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 — Qt naming
        if self.hovered is not None:
            self.hovered = None
            self.update()
        super().leaveEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            tip = self.frame.tip_at(QPointF(event.pos())) if self.frame is not None else None
            if tip is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)

    def export_png(self, path: str | None = None) -> None:
        """Save the chart as it is shown, at twice its size or EXPORT_WIDTH px wide; without `path` the user
        chooses the file."""
        if self.figure is None:
            return
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, "Экспорт диаграммы", f"{self.title or 'Диаграмма'}.png",
                                                  "Изображение PNG (*.png)")
        if not path:
            return
        scale = max(2.0, EXPORT_WIDTH / max(self.width(), 1))
        image = charts.picture(self.figure, (round(self.width() * scale), round(self.height() * scale)), scale)
        if not image.save(path, "PNG"):
            QMessageBox.warning(self, "Куратор", f"Не удалось сохранить изображение «{path}».")
