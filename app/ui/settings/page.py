"""Настройки: who this installation is, where its data lies, who signs its reports, and the training data it can be
filled with (a school: its own demo school; a district: the demo district or a generated region)."""

import importlib.util

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import data_dir
from app.models.reference import INSTALLATION_KINDS
from app.services.demo import DEMO_YEAR, load_demo
from app.services.demo.generator import generate_region
from app.services.installation import get_installation
from app.services.reports import facts

from ..operations import EVERYTHING, ChangeOp, Changes, Progress
from ..widgets.field_errors import FieldErrors
from ..widgets.tabbed_page import page_title
from .demo_actions import remove_demo_data
from ..workspace import Workspace


def demo_available() -> bool:
    """Whether this build ships the demo district (app.services.demo)."""
    return importlib.util.find_spec("app.services.demo") is not None


class GenerateDialog(QDialog):
    """How big a training region to make."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Учебная база региона")
        layout = QFormLayout(self)
        text = QLabel("В пустую базу будут добавлены вымышленные школы и педагоги — для обучения и проверки скорости.")
        text.setWordWrap(True)
        layout.addRow(text)
        self.schools, self.staff = QSpinBox(), QSpinBox()
        for box, (low, high, value) in ((self.schools, (1, 100_000, 2000)), (self.staff, (0, 1_000_000, 40_000))):
            box.setRange(low, high)
            box.setValue(value)
            box.setGroupSeparatorShown(True)
        layout.addRow("Школ", self.schools)
        layout.addRow("Педагогов", self.staff)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Создать")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)


class SettingsPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        scope = workspace.scope()
        self.school_mode = bool(scope and scope.is_school)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Настройки"))
        self.info = QFormLayout()
        box = QGroupBox("Эта установка")
        box.setLayout(self.info)
        layout.addWidget(box)
        layout.addWidget(self._signer_box())
        layout.addWidget(self._data_box())
        layout.addStretch(1)
        self._fill_info()

    def _signer_box(self) -> QGroupBox:
        """Who signs the reports this installation prints (a school's profile: its director by default)."""
        box = QGroupBox("Подпись отчётов")
        form = QFormLayout(box)
        self.signer_errors = FieldErrors(form)
        with self.workspace.session() as session:
            stored, default = facts.stored_signer(session), facts.get_signer(session)
        self.signer_position = QLineEdit(stored.position if stored else "")
        self.signer_name = QLineEdit(stored.name if stored else "")
        fallback = default if stored is None else None
        self.signer_position.setPlaceholderText(fallback.position if fallback else "например, Директор")
        self.signer_name.setPlaceholderText(fallback.name if fallback else "например, Иванова А.А.")
        self.signer_errors.add_row("position", "Должность", self.signer_position)
        self.signer_errors.add_row("name", "Фамилия и инициалы", self.signer_name)
        save = QPushButton("Сохранить подпись")
        save.clicked.connect(self.save_signer)
        hint = QLabel("Без этой настройки отчёты подписывает " + (
            "директор школы из сведений района." if self.school_mode else "руководитель из сведений о районе."))
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(save)
        row.addStretch(1)
        form.addRow("", hint)
        form.addRow("", row)
        return box

    def _data_box(self) -> QGroupBox:
        data = QGroupBox("Учебные данные")
        buttons = QHBoxLayout(data)
        self.demo_button = QPushButton("Загрузить демонстрационные данные школы…" if self.school_mode
                                       else "Загрузить демонстрационный район…")
        self.demo_button.setEnabled(demo_available())
        if not demo_available():
            self.demo_button.setToolTip("Демонстрационные данные не входят в эту сборку.")
        self.demo_button.clicked.connect(self.load_demo)
        buttons.addWidget(self.demo_button)
        self.generate_button = None
        if not self.school_mode:  # a training region is made in a district's database only
            self.generate_button = QPushButton("Сгенерировать учебную базу региона…")
            self.generate_button.clicked.connect(self.generate)
            buttons.addWidget(self.generate_button)
        self.remove_demo_button = QPushButton("Удалить демонстрационные данные…")
        self.remove_demo_button.setToolTip("Удаляет все демонстрационные записи; рабочие данные не затрагиваются.")
        self.remove_demo_button.clicked.connect(lambda: remove_demo_data(self, self.workspace))
        buttons.addWidget(self.remove_demo_button)
        buttons.addStretch(1)
        return data

    def save_signer(self) -> ChangeOp:
        position, name = self.signer_position.text(), self.signer_name.text()
        return (ChangeOp(self, self.workspace, lambda session: facts.set_signer(session, position, name),
                         Changes("setting")).fields(self.signer_errors)
                .success(lambda signer: self.signer_errors.clear()).run())

    def _fill_info(self) -> None:
        with self.workspace.session() as session:
            installation = get_installation(session)
        rows = [
            ("Наименование", installation.name if installation else "—"),
            ("Режим", INSTALLATION_KINDS.get(installation.kind, "—") if installation else "—"),
            ("Код школы", (installation.school_code or "—") if installation else "—"),
            ("Год программы", str(installation.program_year or "—") if installation else "—"),
            ("База данных", self.workspace.database.location.display),
            ("Папка данных", str(data_dir())),
        ]
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            self.info.addRow(label, text)

    def generate(self) -> ChangeOp | None:
        """Ask how big, then fill the empty database with a training region; «Отменить» leaves it unchanged."""
        dialog = GenerateDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        schools, staff, progress = dialog.schools.value(), dialog.staff.value(), Progress()
        return (ChangeOp(self, self.workspace,
                         lambda session: generate_region(session, schools, staff, progress=progress),
                         Changes(EVERYTHING)).with_progress("Создаётся учебная база региона…", progress)
                .success(self._generated).run())

    def _generated(self, counts: dict) -> None:
        QMessageBox.information(self, "Учебная база", f"Создано школ: {counts['school']}, педагогов: {counts['teacher']}.")

    def load_demo(self) -> ChangeOp:
        return (ChangeOp(self, self.workspace, load_demo, Changes(EVERYTHING))
                .with_progress("Загружаются демонстрационные данные…").success(self._demo_loaded).run())

    def _demo_loaded(self, summary: dict) -> None:
        self.workspace.set_year(DEMO_YEAR)  # the demo's data are of its year: the window opens on them
        QMessageBox.information(self, "Демонстрационные данные", summary.get("message", "Демонстрационные данные загружены."))
