"""ИСБ dialogs: the weights of its inputs (with «По умолчанию») and the method as documented in docs/isb.md."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.paths import ROOT
from app.services.analytics.selection import (
    DEFAULT_ISB_WEIGHTS,
    ISB_INPUTS,
    get_isb_weights,
    set_isb_weights,
)

from ..operations import ChangeOp
from ..widgets.field_errors import FieldErrors
from ..widgets.fields import RUSSIAN
from ..workspace import Workspace
from .form import submit

METHOD_FILE = ROOT / "docs" / "isb.md"
WEIGHT_LIMIT = 100.0


class WeightsDialog(QDialog):
    """One spin box per ИСБ input; the service refuses negative weights and a zero sum, shown at the fields."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Веса ИСБ")
        layout = QVBoxLayout(self)
        hint = QLabel("Вес показывает, насколько сильно показатель социального паспорта влияет на ИСБ. "
                      "Вес 0 исключает показатель из расчёта.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.boxes: dict[str, QDoubleSpinBox] = {}
        for key, (title, sign) in ISB_INPUTS.items():
            box = self.boxes[key] = QDoubleSpinBox()
            box.setLocale(RUSSIAN)
            box.setDecimals(2)
            box.setSingleStep(0.25)
            box.setRange(-WEIGHT_LIMIT, WEIGHT_LIMIT)
            box.setAlignment(Qt.AlignmentFlag.AlignRight)
            box.setToolTip("Чем больше, тем благополучнее" if sign > 0 else "Чем больше, тем менее благополучно")
            self.errors.add_row(key, title, box)
        layout.addLayout(form)
        layout.addWidget(self.errors.message("weights"))
        self.buttons = QDialogButtonBox()
        self.buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        self.buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        self.defaults_button = self.buttons.addButton("По умолчанию", QDialogButtonBox.ButtonRole.ResetRole)
        self.defaults_button.clicked.connect(lambda: self.set_weights(DEFAULT_ISB_WEIGHTS))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        with workspace.session() as session:
            self.set_weights(get_isb_weights(session))
        self.resize(560, self.sizeHint().height())

    def set_weights(self, weights: dict[str, float]) -> None:
        for key, box in self.boxes.items():
            box.setValue(weights.get(key, 0.0))

    def weights(self) -> dict[str, float]:
        return {key: box.value() for key, box in self.boxes.items()}

    def save(self) -> ChangeOp:
        weights = self.weights()
        return submit(self, lambda session: set_isb_weights(session, weights), "isb_weights")


def method_text() -> str:
    """The documented method (docs/isb.md), or a note when the file is not shipped."""
    try:
        return METHOD_FILE.read_text(encoding="utf-8")
    except OSError:
        return "Описание методики не найдено в этой установке (файл docs/isb.md)."


class MethodDialog(QDialog):
    """«Как считается ИСБ»: the method as written for the methodologist."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Как считается ИСБ")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setMarkdown(method_text())
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 620)
