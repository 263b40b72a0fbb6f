"""«Новый показатель» / «Изменить»: code, name, unit, direction, method, the definition in plain Russian and its open
choices; for a computed one the numerator and denominator measures with filters, and a live preview of the value for
the workspace year (changing a choice changes it)."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import DIRECTIONS, INDICATOR_METHODS
from app.services.indicators.catalogue import (
    create_indicator,
    get_indicator,
    preview,
    update_indicator,
)

from ..operations import ChangeOp
from ..widgets.field_errors import FieldErrors
from ..workspace import Workspace
from .form import submit
from .choices_editor import ChoicesEditor
from .measure_editor import MeasureEditor
from .rows import number

UNITS = ("%", "чел.", "ед.", "балл")
PARTS = (("numerator", "Числитель"), ("denominator", "Знаменатель"))
PREVIEW_DELAY_MS = 250


def choice_combo(choices) -> QComboBox:
    combo = QComboBox()
    for code, label in choices.items():
        combo.addItem(label, code)
    return combo


class IndicatorDialog(QDialog):
    """Create (no `code`) or change an indicator; errors from the service appear under their fields."""

    def __init__(self, workspace: Workspace, code: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.original_code = workspace, code
        self.setWindowTitle(f"Показатель {code}" if code else "Новый показатель")
        layout = QVBoxLayout(self)
        layout.addLayout(self._definition_form())
        choices_box = QGroupBox("Выбор определения (где источники оставляют выбор)")
        choices_layout = QVBoxLayout(choices_box)
        self.choices = ChoicesEditor()
        self.choices.changed.connect(self._schedule_preview)
        choices_layout.addWidget(self.choices)
        choices_layout.addWidget(self.errors.message("choices"))
        layout.addWidget(choices_box)
        self.parts_row = QWidget()
        parts_layout = QHBoxLayout(self.parts_row)
        parts_layout.setContentsMargins(0, 0, 0, 0)
        self.parts: dict[str, MeasureEditor] = {}
        for key, title in PARTS:
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            editor = self.parts[key] = MeasureEditor()
            editor.changed.connect(self._schedule_preview)
            box_layout.addWidget(editor)
            box_layout.addWidget(self.errors.message(key))
            parts_layout.addWidget(box)
        self.parts_area = QScrollArea()  # the measures' filter lists are long: the dialog fits a 768-pixel screen
        self.parts_area.setWidgetResizable(True)
        self.parts_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.parts_area.setWidget(self.parts_row)
        layout.addWidget(self.parts_area, 1)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        self.buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.update_preview)
        if code:
            self._load(code)
        self.method.currentIndexChanged.connect(self._method_changed)
        self.unit.currentTextChanged.connect(self._schedule_preview)
        self._method_changed()
        self.resize(1100, 700)

    def _definition_form(self) -> QFormLayout:
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.code = QLineEdit(placeholderText="например, 2.1.1")
        self.code.setMaxLength(32)
        self.name = QPlainTextEdit()
        self.name.setTabChangesFocus(True)
        self.name.setFixedHeight(60)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(UNITS)
        self.direction = choice_combo(DIRECTIONS)
        self.method = choice_combo(INDICATOR_METHODS)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(84)
        self.description.setPlaceholderText("Что считается, по каким школам, за какой период, по каким записям")
        for key, title, widget in (("code", "Код *", self.code), ("name", "Наименование *", self.name),
                                   ("description", "Определение", self.description),
                                   ("unit", "Единица измерения *", self.unit), ("direction", "Направление", self.direction),
                                   ("method", "Способ определения", self.method)):
            self.errors.add_row(key, title, widget)
        return form

    def _load(self, code: str) -> None:
        with self.workspace.session() as session:
            indicator = get_indicator(session, code)
            self.code.setText(indicator.code)
            self.name.setPlainText(indicator.name)
            self.unit.setCurrentText(indicator.unit)
            self.direction.setCurrentIndex(self.direction.findData(indicator.direction))
            self.method.setCurrentIndex(self.method.findData(indicator.method))
            self.description.setPlainText(indicator.description or "")
            self.choices.set_choices(indicator.choices)
            for key, editor in self.parts.items():
                editor.set_spec(getattr(indicator, key))

    def values(self) -> dict:
        values = {"code": self.code.text().strip(), "name": self.name.toPlainText().strip(),
                  "unit": self.unit.currentText().strip(), "direction": self.direction.currentData(),
                  "method": self.method.currentData(), "description": self.description.toPlainText().strip() or None,
                  "choices": self.choices.choices()}
        if values["method"] == "computed":
            values |= {key: editor.spec() for key, editor in self.parts.items()}
        return values

    def _method_changed(self) -> None:
        self.parts_area.setVisible(self.method.currentData() == "computed")
        self._schedule_preview()

    def _schedule_preview(self) -> None:
        self.timer.start()

    def update_preview(self) -> None:
        """The value the indicator would have for the workspace year, from the measures as chosen now."""
        year = self.workspace.year
        if self.method.currentData() != "computed":
            self.preview.setText("Значение вводится вручную по годам («Ввести значение…»).")
            return
        with self.workspace.session() as session:
            result = preview(session, self.values(), year)
        if result is None:
            self.preview.setText(f"Значение за {year} год: выберите числитель и знаменатель.")
        elif result.value is None:
            self.preview.setText(f"Значение за {year} год: нет данных — {result.reason}.")
        else:
            self.preview.setText(f"Значение за {year} год: <b>{number(result.value)} {self.unit.currentText()}</b> "
                                 f"(числитель {number(result.numerator)}, знаменатель {number(result.denominator)}).")

    def save(self) -> ChangeOp:
        code, values = self.original_code, self.values()
        return submit(self, lambda session: update_indicator(session, code, values) if code
                      else create_indicator(session, values), "indicator")
