"""«Показатели по школам»: a school × indicator table for the workspace year (or a half-year), each cell coloured by
how the school stands against the district's value and the year's target, its tooltip the definition and the
numbers; a double click opens the school's «Расшифровка»."""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.indicators.per_school import STANDINGS, school_matrix
from app.services.installation import DISTRICT_DATA_MISSING, district_figures_here

from ..operations import EVERYTHING, QueryOp
from ..widgets.refresh import RefreshWhenShown
from ..workspace import Workspace
from .explain_dialog import ExplainDialog
from .form import export_rows
from .program_tab import PERIODS
from .rows import Col, RowsModel, RowsTable, number

COLOURS = {"target_met": "#cdebd0", "district_or_better": "#fbf0c4", "below": "#f6cccc", "below_target": "#f9dede",
           "no_data": "#e2e2e2"}


def cell_text(cell: dict | None) -> str:
    if not cell or cell["standing"] == "outside":
        return "—"
    if cell["value"] is None:
        return DISTRICT_DATA_MISSING if cell["reason"] == DISTRICT_DATA_MISSING else "нет данных"
    return number(cell["value"])


def cell_value(cell: dict | None) -> float | None:
    return cell["value"] if cell else None


def matrix_columns(indicators: list[dict]) -> list[Col]:
    return [Col("school", "Школа", width=240), Col("code", "Код", width=66)] + [
        Col(i["code"], i["code"], cell_text, 72, True, f"{i['code']} {i['name']}", cell_value) for i in indicators]


class SchoolsTab(RefreshWhenShown, QWidget):
    """The per-school indicators; computed off the UI thread when the year, the period or any data change."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.indicators = workspace, {}
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.period = QComboBox()
        for half, title in PERIODS.items():
            self.period.addItem(title, half)
        self.period.currentIndexChanged.connect(lambda _index: self.refresh())
        bar.addWidget(self.period)
        for title, action in (("Расшифровать…", self.explain), ("В Excel…", self.export)):
            button = QPushButton(title)
            button.clicked.connect(action)
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        with workspace.session() as session:
            shown = [k for k in COLOURS if (k == "below_target") != district_figures_here(session)
                     or k in ("target_met", "no_data")]
        legend = QLabel(" ".join(f"<span style='background:{COLOURS[k]}'>&nbsp;{STANDINGS[k]}&nbsp;</span>"
                                 for k in shown) + " · «—» " + STANDINGS["outside"])
        legend.setWordWrap(True)
        layout.addWidget(legend)
        self.model = RowsModel(matrix_columns([]), tooltip=self._tip, cell_colour=self._colour)
        self.table = RowsTable(self.model)
        self.table.setSelectionBehavior(RowsTable.SelectionBehavior.SelectItems)
        self.table.doubleClicked.connect(lambda _index: self.explain())
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.follow({EVERYTHING})

    def refresh(self) -> QueryOp:
        year, half = self.workspace.year, self.period.currentData()
        return self.load(lambda session: school_matrix(session, year, half), self._show,
                         label="Считаются показатели по школам…")

    def _show(self, matrix: dict) -> None:
        self.indicators = {i["code"]: i for i in matrix["indicators"]}
        self.model.columns = matrix_columns(matrix["indicators"])
        self.model.set_rows(matrix["rows"])
        self.table.resizeColumnsToContents()  # «нет данных района» is wider than a number
        for index, column in enumerate(self.model.columns):
            self.table.setColumnWidth(index, max(column.width, self.table.columnWidth(index)))
        self.summary.setText(f"Школ: {len(matrix['rows'])} · показателей: {len(matrix['indicators'])} · "
                             f"период: {matrix['indicators'][0]['period'] if matrix['indicators'] else '—'}")

    def _colour(self, row: dict, key: str) -> QColor | None:
        cell = row.get(key) if key in self.indicators else None
        colour = COLOURS.get(cell["standing"]) if cell else None
        return QColor(colour) if colour else None

    def _tip(self, row: dict, key: str) -> str | None:
        indicator, cell = self.indicators.get(key), row.get(key)
        if indicator is None or cell is None:
            return None
        district = (number(indicator["actual"]) if indicator["actual"] is not None
                    else indicator["reason"] or "нет данных")
        own = (f"{number(cell['value'])} {indicator['unit']} (числитель {number(cell['numerator'])}, знаменатель "
               f"{number(cell['denominator'])})" if cell["value"] is not None else cell["reason"] or "нет данных")
        target = number(indicator["target"]) if indicator["target"] is not None else "не задана"
        return (f"{row['school']}: {own}\nРайон: {district} · цель: {target} · {STANDINGS[cell['standing']]}\n\n"
                f"{indicator['code']} {indicator['name']}\n{indicator['definition']}")

    def explain(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row, key = self.model.rows[index.row()], self.model.columns[index.column()].key
        code = key if key in self.indicators else next(iter(self.indicators), None)
        if code is not None:
            ExplainDialog(self.workspace, code, self, half=self.period.currentData(), school_code=row["code"],
                          title=row["school"]).exec()

    def export(self) -> None:
        year = self.workspace.year
        export_rows(self, self.workspace, self.model, f"По школам {year}", f"Показатели по школам {year}.xlsx")
