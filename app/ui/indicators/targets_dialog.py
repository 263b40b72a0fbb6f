"""«Цели по годам»: one target value per program year, saved together; a refused value is marked at its year."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services.indicators.catalogue import get_indicator, plan_fact, set_target

from ..operations import ChangeOp
from ..widgets.field_errors import FieldErrors
from ..widgets.fields import RUSSIAN
from ..workspace import Workspace
from .form import submit

TARGET_YEARS = range(2021, 2031)
EMPTY = -1.0
LIMIT = 1_000_000.0


def value_box(unit: str) -> QDoubleSpinBox:
    """A spin box for a value of `unit`, with «не задано» just below zero. Its range is wide on purpose: the
    service checks the limits (0–100 for %) and the message appears at the field."""
    box = QDoubleSpinBox()
    box.setLocale(RUSSIAN)
    box.setDecimals(2)
    box.setRange(EMPTY, LIMIT)
    box.setSpecialValueText("не задано")
    box.setSuffix(f" {unit}" if unit else "")
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setMinimumWidth(150)
    return box


def box_value(box: QDoubleSpinBox) -> float | None:
    return None if box.value() <= EMPTY else box.value()


class TargetsDialog(QDialog):
    """Targets of one indicator for 2021–2030; only the changed years are written, all or none."""

    def __init__(self, workspace: Workspace, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.code = workspace, code
        with workspace.session() as session:
            indicator = get_indicator(session, code)
            name, unit = indicator.name, indicator.unit
            self.stored = {row["year"]: row["target"] for row in plan_fact(session, code)}
        self.setWindowTitle(f"Цели по годам: показатель {code}")
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{code}</b> {name}")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.boxes: dict[int, QDoubleSpinBox] = {}
        for year in TARGET_YEARS:
            box = self.boxes[year] = value_box(unit)
            stored = self.stored.get(year)
            box.setValue(EMPTY if stored is None else stored)
            self.errors.add_row(str(year), f"{year} год", box)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def changed_targets(self) -> dict[int, float | None]:
        values = {year: box_value(box) for year, box in self.boxes.items()}
        return {year: value for year, value in values.items() if value != self.stored.get(year)}

    def save(self) -> ChangeOp:
        """Write the changed targets in one transaction; any refusal keeps them all unsaved."""
        code, changed = self.code, self.changed_targets()

        def write(session) -> None:
            errors = {}
            for year, value in changed.items():
                try:
                    set_target(session, code, year, value)
                except ValidationError as error:
                    errors[str(year)] = next(iter(error.errors.values()))
            if errors:
                raise ValidationError(errors)

        return submit(self, write, "indicator_target")
