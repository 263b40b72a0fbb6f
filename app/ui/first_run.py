"""First run: who this database belongs to (district office or one school), the signer's passphrase, demo data."""

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.services.exchange.keys import accept_passphrase
from app.services.installation import default_program_year
from app.services.setup import validate_identity

from .settings.page import demo_available
from .widgets.field_errors import FieldErrors


@dataclass(frozen=True)
class Setup:
    """What the user chose: the caller initialises the database with it."""

    mode: str
    name: str
    school_code: str | None
    program_year: int
    passphrase: str
    load_demo: bool


class FirstRunDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Куратор — первый запуск")
        self.result_setup: Setup | None = None
        layout = QVBoxLayout(self)
        intro = QLabel("Укажите, кто будет работать с этой базой. Настройку делают один раз.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.district = QRadioButton("Орган управления образованием (район)")
        self.school = QRadioButton("Одна школа")
        self.district.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.district)
        group.addButton(self.school)
        self.district.toggled.connect(self._mode_changed)
        modes = QVBoxLayout()
        modes.addWidget(self.district)
        modes.addWidget(self.school)
        form.addRow("Режим", modes)
        self.name = QLineEdit()
        self.code = QLineEdit(placeholderText="например, 0701001")
        self.year = QSpinBox()
        self.year.setRange(2019, 2100)
        self.year.setValue(default_program_year())
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase_repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.errors = FieldErrors(form)
        self.name_label = QLabel()
        for key, label, field in (("name", self.name_label, self.name), ("school_code", "Код школы", self.code),
                                  ("passphrase", "Парольная фраза подписи", self.passphrase),
                                  ("passphrase_repeat", "Фраза ещё раз", self.passphrase_repeat)):
            self.errors.add_row(key, label, field)
        form.addRow("Год программы", self.year)
        hint = QLabel("Парольная фраза защищает ключ, которым подписываются пакеты обмена. Её знает только подписывающий.")
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.demo = QCheckBox("Загрузить демонстрационные данные")
        self.demo.setEnabled(demo_available())
        form.addRow("", self.demo)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        buttons.addButton("Начать работу", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._mode_changed()
        self.resize(560, 0)

    @property
    def mode(self) -> str:
        return "school" if self.school.isChecked() else "district"

    def _mode_changed(self) -> None:
        school = self.mode == "school"
        self.code.setEnabled(school)
        self.name_label.setText("Наименование школы" if school else "Наименование органа")
        self.name.setPlaceholderText("МКОУ «СОШ № 1» с. Урожайное" if school else "Отдел образования администрации … района")

    def validate(self) -> dict[str, str]:
        errors = validate_identity(self.mode, self.name.text(), self.code.text() if self.mode == "school" else None)
        try:
            accept_passphrase(self.passphrase.text(), self.passphrase_repeat.text())
        except ValidationError as error:
            errors.update(error.errors)
        return errors

    def submit(self) -> None:
        errors = self.validate()
        self.errors.show(errors)
        if errors:
            return
        self.result_setup = Setup(
            mode=self.mode, name=self.name.text().strip(),
            school_code=self.code.text().strip() if self.mode == "school" else None,
            program_year=self.year.value(), passphrase=self.passphrase.text(),
            load_demo=self.demo.isChecked() and self.demo.isEnabled())
        self.accept()
