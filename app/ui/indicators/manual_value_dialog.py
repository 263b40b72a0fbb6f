"""«Ввести значение»: the actual of a manual indicator for a year or a half-year, with its numerator, denominator and
comment."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.indicators.catalogue import compute, get_indicator, set_manual_value
from app.services.indicators.choices import half_yearly
from app.services.indicators.periods import HALVES

from ..operations import ChangeOp
from ..widgets.field_errors import FieldErrors
from ..workspace import Workspace
from .form import submit
from .targets_dialog import EMPTY, box_value, value_box


class ManualValueDialog(QDialog):
    """Value, numerator and denominator are optional («не задано»); the year defaults to the workspace's."""

    def __init__(self, workspace: Workspace, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.code = workspace, code
        with workspace.session() as session:
            indicator = get_indicator(session, code)
            name, self.unit, by_halves = indicator.name, indicator.unit, half_yearly(indicator)
        self.setWindowTitle(f"Значение показателя {code}")
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{code}</b> {name}")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(workspace.year)
        self.year.valueChanged.connect(self._load)
        self.half = QComboBox()
        for half, title in HALVES.items():
            if by_halves or not half:
                self.half.addItem(title.capitalize(), half)
        self.half.setToolTip("Полугодия — у показателей, которые анализируются раз в полугодие (см. определение)")
        self.half.currentIndexChanged.connect(lambda _index: self._load())
        self.value, self.numerator, self.denominator = value_box(self.unit), value_box(""), value_box("")
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(72)
        for key, title, widget in (("year", "Год", self.year), ("half", "Период", self.half),
                                   ("value", "Значение", self.value),
                                   ("numerator", "Числитель", self.numerator),
                                   ("denominator", "Знаменатель", self.denominator), ("comment", "Комментарий", self.comment)):
            self.errors.add_row(key, title, widget)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load()
        self.resize(560, self.sizeHint().height())

    def _load(self) -> None:
        """Show what is stored for the chosen year."""
        with self.workspace.session() as session:
            result = compute(session, get_indicator(session, self.code), self.year.value(), self.half.currentData())
        for box, value in ((self.value, result.value), (self.numerator, result.numerator),
                           (self.denominator, result.denominator)):
            box.setValue(EMPTY if value is None else value)

    def save(self) -> ChangeOp:
        code, year, comment = self.code, self.year.value(), self.comment.toPlainText().strip() or None
        half = self.half.currentData()
        value, numerator, denominator = (box_value(box) for box in (self.value, self.numerator, self.denominator))
        return submit(self, lambda session: set_manual_value(session, code, year, value, numerator, denominator,
                                                             comment, half), "indicator_value")
