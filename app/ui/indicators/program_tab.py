"""«Показатели программы»: every indicator's target, actual and status for the workspace year, and its editing."""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
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

from ..operations import EVERYTHING, QueryOp
from ..widgets.record_form import note_label
from ..widgets.refresh import RefreshWhenShown
from ..workspace import Workspace
from .explain_dialog import ExplainDialog
from .form import export_rows
from .indicator_dialog import IndicatorDialog
from .manual_value_dialog import ManualValueDialog
from .rows import STRETCH, Col, RowsModel, RowsTable, labels, number
from .targets_dialog import TargetsDialog

STATUS_COLOURS = {"achieved": "#cdebd0", "not_achieved": "#f6cccc", "no_data": "#e2e2e2"}


def status_colour(row: dict) -> QColor | None:
    colour = STATUS_COLOURS.get(row["status"])
    return QColor(colour) if colour else None


def columns(year: int) -> list[Col]:
    return [
        Col("code", "Код", width=60), Col("name", "Показатель", width=STRETCH), Col("unit", "Ед.", width=45),
        Col("target", f"Цель {year}", number, 80, True), Col("actual", f"Факт {year}", number, 80, True),
        Col("status", "Статус", labels(STATUSES), 100), Col("numerator", "Числитель", number, 80, True),
        Col("denominator", "Знаменатель", number, 90, True), Col("method", "Способ", labels(INDICATOR_METHODS), 130),
        Col("direction", "Направление", labels(DIRECTIONS), 130),
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
        self.model = RowsModel(columns(workspace.year), status_colour, "status")
        self.table = RowsTable(self.model)
        self.table.doubleClicked.connect(lambda _index: self.explain())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._follow_selection())
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.follow({EVERYTHING})

    def _buttons(self) -> QHBoxLayout:
        bar = QHBoxLayout()
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
        year = self.workspace.year
        return self.load(lambda session: indicator_table(session, year), lambda rows: self._show(rows, year))

    def _show(self, rows: list[dict], year: int) -> None:
        chosen = (self.table.current() or {}).get("code")
        self.model.columns = columns(year)
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
        self._open(ExplainDialog)

    def edit_targets(self) -> None:
        self._open(TargetsDialog)

    def enter_value(self) -> None:
        self._open(ManualValueDialog)

    def edit(self) -> None:
        self._open(IndicatorDialog)

    def create(self) -> None:
        IndicatorDialog(self.workspace, None, self).exec()

    def export(self) -> None:
        year = self.workspace.year
        export_rows(self, self.workspace, self.model, f"Показатели {year}", f"Показатели программы {year}.xlsx")
