"""«Карта рисков» (the district): schools × factors coloured by level for the toolbar's year, filtered by status, with
the change since last year, the priority risks and the programs; the schools with a high level of each factor and
whether they have a program; the chart; Excel and PDF."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import RISK_LEVELS, SCHOOL_STATUSES
from app.services.output.ru_format import format_value
from app.services.reports.risk_excel import export_risks_xlsx
from app.services.reports.risk_sections import risks_report
from app.services.risks.chart_data import CHART_CAPTIONS, risk_chart
from app.services.risks.risk_map import MAP_STATUSES, MapCell, RiskMap, cell_text, risk_map

from ..operations import QueryOp
from ..roadmaps.statuses import plain_table, read_only_item
from ..widgets.charts import ChartView
from ..widgets.refresh import RefreshWhenShown
from ..widgets.screen_fit import scrolling
from ..workspace import Workspace

LEVEL_COLOURS = {"high": "#f4b6b0", "medium": "#fbd3a5", "low": "#fcefb0", "none": "#cdebd3", None: "#eeeeee"}
ARROWS = {"worse": " ▲", "better": " ▼", "same": ""}
SHOWN = {"risk_profile", "risk_program", "risk_factor", "roadmap", "school", "school_status"}
FIXED_COLUMNS = ("Школа", "Статусы")


def cell_label(cell: MapCell) -> str:
    """«высокий ▲ ★ П»: the level, the change since last year, a priority risk, a program for it."""
    if cell.level is None:
        return "—"
    return (RISK_LEVELS[cell.level] + ARROWS.get(cell.change or "", "") + (" ★" if cell.priority else "")
            + (" П" if cell.program else ""))


class MapModel(QAbstractTableModel):
    """The map's rows (schools) and columns (school, statuses, then each factor by its number)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: RiskMap | None = None

    def set_map(self, found: RiskMap) -> None:
        self.beginResetModel()
        self.found = found
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 — Qt naming
        return 0 if parent.isValid() or self.found is None else len(self.found.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() or self.found is None else len(FIXED_COLUMNS) + len(self.found.factors)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.found.rows[index.row()]
        column = index.column() - len(FIXED_COLUMNS)
        if column < 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return row.short_name if index.column() == 0 else ", ".join(SCHOOL_STATUSES[s] for s in row.statuses)
            return None
        factor = self.found.factors[column]
        cell = row.cells[factor.code]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_label(cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(LEVEL_COLOURS[cell.level])
        if role == Qt.ItemDataRole.ToolTipRole:
            before = f"\nГод назад: {RISK_LEVELS[cell.previous]}" if cell.previous else ""
            return f"{factor.title}\n{cell_text(cell) or 'нет оценки'}{before}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or self.found is None:
            return None
        column = section - len(FIXED_COLUMNS)
        if role == Qt.ItemDataRole.DisplayRole:
            return FIXED_COLUMNS[section] if column < 0 else str(column + 1)
        if role == Qt.ItemDataRole.ToolTipRole and column >= 0:
            return self.found.factors[column].title
        return None


class MapTab(RefreshWhenShown, QWidget):
    """The map of the toolbar's year; double-clicking a school opens its profile (`open_school(school_id)`)."""

    def __init__(self, workspace: Workspace, open_school: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.open_school = workspace, open_school
        self.found: RiskMap | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.views = QTabWidget()
        self.views.addTab(self._map_view(), "Школы и факторы")
        self.views.addTab(self._coverage_view(), "Высокий уровень и программы")
        self.chart = ChartView("risk_map")
        self.views.addTab(scrolling(self.chart), "Диаграмма")  # a map of many schools: as tall as its rows need
        layout.addWidget(self.views, 1)
        self.factor_list = QLabel()
        self.factor_list.setWordWrap(True)
        layout.addWidget(self.factor_list)
        self.follow(SHOWN)

    def _filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Статус школы в году:"))
        self.statuses: dict[str, QCheckBox] = {}
        for code in MAP_STATUSES:
            box = self.statuses[code] = QCheckBox(SCHOOL_STATUSES[code])
            box.toggled.connect(lambda _on: self.refresh())
            bar.addWidget(box)
        bar.addStretch(1)
        for title, action in (("Выгрузить в Excel…", self.export_excel), ("Отчёт PDF…", self.export_pdf)):
            button = QPushButton(title)
            button.clicked.connect(action)
            bar.addWidget(button)
        return bar

    def _map_view(self) -> QWidget:
        self.model = MapModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.setToolTip("Двойной щелчок — профиль рисков школы")
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        legend = QLabel("▲ — уровень выше, чем год назад; ▼ — ниже; ★ — приоритетный риск; П — есть антирисковая "
                        "программа. Наведите указатель на номер столбца, чтобы увидеть фактор.")
        legend.setWordWrap(True)
        layout.addWidget(legend)
        return box

    def _coverage_view(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.high = plain_table((("Фактор риска", 380), ("Высокий уровень", 330), ("Без антирисковой программы", 300)))
        self.programs = plain_table((("Школа", 250), ("Риск", 300), ("Цель", 320), ("Мероприятий", 90),
                                     ("Выполнено, %", 90), ("Просрочено", 80)))
        layout.addWidget(QLabel("Школы с высоким уровнем риска и есть ли у них программа по нему:"))
        layout.addWidget(self.high, 1)
        layout.addWidget(QLabel("Какие антирисковые программы каким рискам посвящены:"))
        layout.addWidget(self.programs, 1)
        return box

    # loading ------------------------------------------------------------------------------------------------
    def chosen_statuses(self) -> list[str]:
        return [code for code, box in self.statuses.items() if box.isChecked()]

    def refresh(self) -> QueryOp:
        year, statuses = self.workspace.year, self.chosen_statuses()
        return self.load(lambda session: risk_map(session, year, statuses), self._show)

    def _show(self, found: RiskMap) -> None:
        self.found = found
        self.model.set_map(found)
        self.table.setColumnWidth(0, 210)
        self.table.setColumnWidth(1, 100)
        for column in range(len(FIXED_COLUMNS), self.model.columnCount()):
            self.table.setColumnWidth(column, 100)
        missing = [row.short_name for row in found.rows if not row.has_profile]
        self.summary.setText(f"{found.year} год: школ на карте — {len(found.rows)}, профиль заполнили — "
                             f"{found.profiles}" + (f"; не заполнили: {', '.join(missing)}." if missing else "."))
        self._fill_coverage(found)
        self.chart.kind, data = risk_chart(found)  # a region's many schools: the counts by level instead
        self.chart.show_data(data, CHART_CAPTIONS[self.chart.kind].format(year=found.year))
        self.factor_list.setText("Факторы: " + "; ".join(f"{i} — {f.title}"
                                                         for i, f in enumerate(found.factors, start=1)))

    def _fill_coverage(self, found: RiskMap) -> None:
        self.high.setRowCount(len(found.factors))
        for row, factor in enumerate(found.factors):
            texts = (factor.title, ", ".join(h.school for h in factor.high) or "нет",
                     ", ".join(factor.high_without_program) or "нет")
            for column, text in enumerate(texts):
                self.high.setItem(row, column, read_only_item(text))
        self.high.resizeRowsToContents()
        self.programs.setRowCount(len(found.programs))
        for row, line in enumerate(found.programs):
            texts = (line.school, line.factor_title, line.goal, str(line.measures),
                     "—" if line.done_percent is None else format_value(line.done_percent), str(line.overdue))
            for column, text in enumerate(texts):
                self.programs.setItem(row, column, read_only_item(text))
        self.programs.resizeRowsToContents()

    def open_row(self, row: int) -> None:
        if self.found is not None and 0 <= row < len(self.found.rows):
            self.open_school(self.found.rows[row].school_id)

    # exports ------------------------------------------------------------------------------------------------
    def _export(self, title: str, suffix: str, write) -> QueryOp | None:
        year = self.workspace.year
        path, _filter = QFileDialog.getSaveFileName(self, title, f"Карта рисков {year}.{suffix}",
                                                    f"{title} (*.{suffix})")
        if not path:
            return None
        target = Path(path).with_suffix(f".{suffix}")
        return (QueryOp(self, self.workspace, lambda session: write(session, year, target),
                        lambda saved: QMessageBox.information(self, "Карта рисков", f"Сохранено: {saved}"))
                .with_progress("Готовится файл…").run())

    def export_excel(self) -> QueryOp | None:
        return self._export("Книга Excel", "xlsx", export_risks_xlsx)

    def export_pdf(self) -> QueryOp | None:
        return self._export("Документ PDF", "pdf", risks_report)
