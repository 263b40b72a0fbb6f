"""Настройки: who this installation is, where its data lies, and the training data it can be filled with."""

import importlib.util

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config import data_dir
from app.models.reference import INSTALLATION_KINDS
from app.services.demo import load_demo
from app.services.demo.generator import generate_region
from app.services.installation import get_installation

from ..operations import EVERYTHING, ChangeOp, Changes, Progress
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
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Настройки"))
        self.info = QFormLayout()
        box = QGroupBox("Эта установка")
        box.setLayout(self.info)
        layout.addWidget(box)
        data = QGroupBox("Учебные данные")
        buttons = QHBoxLayout(data)
        self.demo_button = QPushButton("Загрузить демонстрационный район…")
        self.demo_button.setEnabled(demo_available())
        if not demo_available():
            self.demo_button.setToolTip("Демонстрационные данные не входят в эту сборку.")
        self.demo_button.clicked.connect(self.load_demo)
        self.generate_button = QPushButton("Сгенерировать учебную базу региона…")
        self.generate_button.clicked.connect(self.generate)
        scope = workspace.scope()
        if scope is not None and scope.is_school:
            self.generate_button.setEnabled(False)
            self.generate_button.setToolTip("Учебную базу региона создают в базе органа управления образованием.")
        self.remove_demo_button = QPushButton("Удалить демонстрационные данные…")
        self.remove_demo_button.setToolTip("Удаляет все демонстрационные записи; рабочие данные не затрагиваются.")
        self.remove_demo_button.clicked.connect(lambda: remove_demo_data(self, self.workspace))
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.remove_demo_button)
        buttons.addStretch(1)
        layout.addWidget(data)
        layout.addStretch(1)
        self._fill_info()

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
        QMessageBox.information(self, "Демонстрационные данные", summary.get("message", "Демонстрационные данные загружены."))
