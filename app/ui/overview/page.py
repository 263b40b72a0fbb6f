"""Обзор: the year's key numbers as cards; a click opens the list behind the number."""

from importlib import import_module

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.analytics.overview import Figure, overview
from app.services.installation import get_installation

from ..operations import EVERYTHING, QueryOp
from ..widgets.refresh import RefreshWhenShown
from ..widgets.tabbed_page import page_title, scrolled_body
from ..workspace import Workspace

CARD_STYLE = """
QPushButton { text-align: left; padding: 14px; border: 1px solid #c8d3e0; border-radius: 6px; background: #f6f9fc; }
QPushButton:hover { background: #e8f0fa; border-color: #7fa3cc; }
"""
COLUMNS = 3
CHARTS = f"{__package__}.charts"


class FigureCard(QPushButton):
    """A big number (or a short text) with its caption; a click opens what stands behind it."""

    def __init__(self, value: str, caption: str, parent: QWidget | None = None, tip: str = "Открыть список",
                 big: bool = True):
        super().__init__(parent)
        self.setStyleSheet(CARD_STYLE)
        self.setMinimumSize(220, 84)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tip)
        layout = QVBoxLayout(self)
        self.number = QLabel(value)
        size = "22pt" if big else "13pt"
        self.number.setStyleSheet(f"font-size: {size}; font-weight: 600; color: #1f4e79; background: transparent;")
        self.number.setWordWrap(True)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("background: transparent;")
        for label in (self.number, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)


class OverviewPage(RefreshWhenShown, QWidget):
    """The figures for the selected year; `charts_area` is where the indicators' charts go. The figures count every
    kind of data, so any change refreshes them."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        self.title = page_title("Обзор")
        self.subtitle = QLabel()
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout = scrolled_body(layout)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        layout.addLayout(self.grid)
        self.charts_area = QVBoxLayout()
        self.charts = None  # made once the figures are painted and the charts' module is loaded off the UI thread
        self.charts_loading: QueryOp | None = None
        layout.addLayout(self.charts_area)
        layout.addStretch(1)
        self.cards: dict[str, FigureCard] = {}
        self.follow({EVERYTHING})

    def refresh(self) -> QueryOp:
        """Count the year's figures off the UI thread; the cards show when they are back."""
        year = self.workspace.year

        def count(session) -> tuple[str, list[Figure]]:
            installation = get_installation(session)
            return (installation.name if installation else ""), overview(session, year)

        return self.load(count, lambda counted: self._show(*counted, year))

    def _show(self, who: str, figures: list[Figure], year: int) -> None:
        self.subtitle.setText(f"{who} · {year} год")
        for card in self.cards.values():
            card.deleteLater()
        self.cards = {}
        for index, figure in enumerate(figures):
            card = FigureCard(str(figure.value), figure.title)
            card.clicked.connect(lambda _checked=False, f=figure: self.workspace.navigate.emit(f.page, dict(f.filters)))
            self.grid.addWidget(card, index // COLUMNS, index % COLUMNS)
            self.cards[figure.key] = card

    def paintEvent(self, event) -> None:  # noqa: N802 — Qt naming
        super().paintEvent(event)
        if self.charts_loading is None and self.cards:
            QTimer.singleShot(0, self._load_charts)

    def _load_charts(self) -> None:
        """Import the charts' module (QPainter charts over plain-Python chart data) on a worker thread, so that
        the window painted first stays responsive; the charts are made on the UI thread when it is loaded."""
        if self.charts_loading is None:
            self.charts_loading = QueryOp(self, self.workspace, lambda _session: import_module(CHARTS),
                                          self._make_charts).run()

    def _make_charts(self, charts) -> None:
        self.charts = charts.OverviewCharts(self.workspace)
        self.charts_area.addWidget(self.charts)
        self.charts.show()  # now, so that its data is read now
