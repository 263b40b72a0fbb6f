"""«Показатели программы»: every indicator's target, actual and status for the workspace year, and its editing."""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import DIRECTIONS, INDICATOR_METHODS
from app.services.indicators.catalogue import (
    STATUSES,
    catalogue_editable,
    indicator_table,
)
from app.services.indicators.periods import HALVES
from app.services.reports.excel import export_indicators_xlsx, program_years

from ..operations import EVERYTHING, QueryOp
from ..widgets.record_form import note_label
from ..widgets.refresh import RefreshWhenShown
from ..workspace import Workspace
from .explain_dialog import ExplainDialog
from .form import export_excel
from .indicator_dialog import IndicatorDialog
from .manual_value_dialog import ManualValueDialog
from .rows import STRETCH, Col, RowsModel, RowsTable, column_number, labels, number
from .targets_dialog import TargetsDialog

STATUS_COLOURS = {"achieved": "#cdebd0", "not_achieved": "#f6cccc", "no_data": "#e2e2e2"}
PERIODS = {0: "за год", 1: "за I полугодие", 2: "за II полугодие"}


def status_colour(row: dict) -> QColor | None:
    colour = STATUS_COLOURS.get(row["status"])
    return QColor(colour) if colour else None


def actual_text(value) -> str:
    """The actual as the table shows it: the number, or «нет данных» (the reason stands in its own column)."""
    return "нет данных" if value is None else column_number(value)


def definition_tip(row: dict, key: str) -> str | None:
    """Every cell explains itself: a missing value its reason, the rest the indicator's definition."""
    if key in ("actual", "status", "reason") and row["reason"]:
        return f"Нет данных: {row['reason']}."
    return f"{row['code']} {row['name']}\n\n{row['definition']}\nПериод: {row['period']}."


def columns(year: int, half: int = 0) -> list[Col]:
    period = f"{year}" if not half else f"{HALVES[half]} {year}"
    return [
        Col("code", "Код", width=60), Col("name", "Показатель", width=STRETCH), Col("unit", "Ед.", width=45),
        Col("target", f"Цель {year}", column_number, 80, True), Col("actual", f"Факт {period}", actual_text, 100, True),
        Col("status", "Статус", labels(STATUSES), 100), Col("reason", "Почему нет данных", width=150),
        Col("numerator", "Числитель", number, 80, True), Col("denominator", "Знаменатель", number, 90, True),
        Col("method", "Способ", labels(INDICATOR_METHODS), 120),
        Col("direction", "Направление", labels(DIRECTIONS), 120),
    ]


class ProgramTab(RefreshWhenShown, QWidget):
    """The year's indicator table; a school installation sees it read-only with the reason. Computed indicators count
    records of every kind, so any change refreshes it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        with workspace.session() as session:
            self.allowed, reason = catalogue_editable(session)
        layout = QVBoxLayout(self)
        if not self.allowed:
            self.note = note_label(reason)
            layout.addWidget(self.note)
        layout.addLayout(self._buttons())
        self.model = RowsModel(columns(workspace.year), status_colour, "status", definition_tip)
        self.table = RowsTable(self.model)
        self.table.doubleClicked.connect(lambda _index: self.explain())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._follow_selection())
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.follow({EVERYTHING})

    def _buttons(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.period = QComboBox()
        for half, title in PERIODS.items():
            self.period.addItem(title, half)
        self.period.setToolTip("Значения за полугодие — у показателей, которые анализируются раз в полугодие "
                               "(так в подпрограмме поддержки ШНОР и ШНСУ); цель задаётся на год")
        self.period.currentIndexChanged.connect(lambda _index: self.refresh())
        bar.addWidget(self.period)
        specs = (("explain", "Расшифровать…", self.explain, False), ("targets", "Цели по годам…", self.edit_targets, True),
                 ("manual", "Ввести значение…", self.enter_value, True), ("create", "Новый показатель…", self.create, True),
                 ("edit", "Изменить…", self.edit, True), ("export", "В Excel…", self.export, False))
        self.buttons: dict[str, QPushButton] = {}
        for key, title, action, writes in specs:
            button = self.buttons[key] = QPushButton(title)
            button.clicked.connect(action)
            button.setVisible(self.allowed or not writes)
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def refresh(self) -> QueryOp:
        """Compute the year's table again off the UI thread (computed indicators are counted live)."""
        year, half = self.workspace.year, self.period.currentData()
        return self.load(lambda session: indicator_table(session, year, half),
                         lambda rows: self._show(rows, year, half))

    def _show(self, rows: list[dict], year: int, half: int = 0) -> None:
        chosen = (self.table.current() or {}).get("code")
        self.model.columns = columns(year, half)
        self.model.set_rows(rows)
        if chosen:
            self.table.select_where("code", chosen)
        counts = {key: sum(row["status"] == key for row in rows) for key in STATUSES}
        self.summary.setText(f"Показателей: {len(rows)} · " + " · ".join(
            f"{label}: {counts[key]}" for key, label in STATUSES.items()))
        self._follow_selection()

    def _follow_selection(self) -> None:
        row = self.table.current()
        self.buttons["manual"].setEnabled(bool(row) and row["method"] == "manual")
        for key in ("explain", "targets", "edit"):
            self.buttons[key].setEnabled(row is not None)

    def _selected_code(self) -> str | None:
        row = self.table.current()
        if row is None:
            QMessageBox.information(self, "Показатели", "Выберите показатель в таблице.")
            return None
        return row["code"]

    def _open(self, dialog_class) -> None:
        code = self._selected_code()
        if code is not None:
            dialog_class(self.workspace, code, self).exec()

    def explain(self) -> None:
        code = self._selected_code()
        if code is not None:
            ExplainDialog(self.workspace, code, self, half=self.period.currentData()).exec()

    def edit_targets(self) -> None:
        self._open(TargetsDialog)

    def enter_value(self) -> None:
        self._open(ManualValueDialog)

    def edit(self) -> None:
        self._open(IndicatorDialog)

    def create(self) -> None:
        IndicatorDialog(self.workspace, None, self).exec()

    def export(self) -> None:
        """Plan and fact by program year with the reasons of missing values and every indicator's definition."""
        year = self.workspace.year
        export_excel(self, self.workspace, f"Показатели программы {year}.xlsx",
                     lambda session, path: export_indicators_xlsx(session, path, program_years(session, year)))
