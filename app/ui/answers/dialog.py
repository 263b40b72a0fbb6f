"""«Ответ на рекомендацию»: the recommendation as the district wrote it, and the school's answer — text, state, date,
files. The school writes it; the district opens the same dialog read-only and opens the files from it."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import ANSWER_STATES, EVIDENCE_KINDS
from app.services.records import Field
from app.services.school.answers import (
    MAX_TEXT,
    AnswerDetail,
    answer_detail,
    answer_file,
    remove_answer_file,
    save_answer,
)

from ..operations import ChangeOp, Changes
from ..widgets.field_errors import FieldErrors
from ..widgets.fields import DateEditor
from ..widgets.record_form import note_label
from ..widgets.stored_files import open_stored
from ..workspace import Workspace

FILE_FILTER = "Документы и фото (*.pdf *.docx *.doc *.xlsx *.odt *.jpg *.jpeg *.png);;Все файлы (*)"
NEW = "new"
FILE_ID, NEW_FILE = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1  # a stored file's id; a new (path, kind)
ANSWER_CHANGES = Changes("recommendation_answer", "answer_file")


def ru_date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else "не указан"


class AnswerDialog(QDialog):
    """One recommendation and its answer; editable where the school it is addressed to keeps its answer."""

    def __init__(self, workspace: Workspace, recommendation_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.recommendation_id = workspace, recommendation_id
        self.files_dir = workspace.database.location.files_dir
        self.saved = False
        with workspace.session() as session:
            self.detail: AnswerDetail = answer_detail(session, self.files_dir, recommendation_id)
        self.setWindowTitle("Ответ на рекомендацию")
        layout = QVBoxLayout(self)
        layout.addLayout(self._recommendation())
        if not self.detail["editable"]:
            layout.addWidget(note_label(self.detail["reason"]))
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self._answer_fields()
        for name, label, widget in (("text", "Что сделано *", self.text), ("state", "Состояние *", self.state),
                                    ("answered_on", "Дата ответа *", self.answered_on.widget),
                                    ("files", "Подтверждающие файлы", self._files_box())):
            self.errors.add_row(name, label, widget)
        layout.addLayout(form)
        layout.addWidget(self._buttons())
        self.fill_files()
        self.resize(760, 640)

    # building -----------------------------------------------------------------------------------------------
    def _recommendation(self) -> QFormLayout:
        detail = self.detail
        form = QFormLayout()
        text = QPlainTextEdit(detail["recommendation"])
        text.setReadOnly(True)
        text.setFixedHeight(70)
        form.addRow("Школа", QLabel(detail["school"]))
        form.addRow("Рекомендация", text)
        form.addRow("Выдана · срок", QLabel(f"{ru_date(detail['issued_on'])} · {ru_date(detail['due_date'])}"))
        form.addRow("Статус у района", QLabel(detail["district_status"]))
        return form

    def _answer_fields(self) -> None:
        editable = self.detail["editable"]
        self.text = QPlainTextEdit(self.detail["text"])
        self.text.setPlaceholderText(f"Что школа сделала по рекомендации (до {MAX_TEXT} символов)")
        self.text.setTabChangesFocus(True)
        self.text.setReadOnly(not editable)
        self.state = QComboBox()
        self.state.addItem("— выберите —", None)
        for code, label in ANSWER_STATES.items():
            self.state.addItem(label, code)
        self.state.setCurrentIndex(max(self.state.findData(self.detail["state"]), 0))
        self.answered_on = DateEditor(Field("answered_on", "Дата ответа", "date"))
        self.answered_on.set(self.detail["answered_on"])
        for widget in (self.state, self.answered_on.widget):
            widget.setEnabled(editable)

    def _files_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.files = QListWidget()
        self.files.setFixedHeight(110)
        self.files.itemDoubleClicked.connect(lambda _item: self.open_file())
        self.kind = QComboBox()
        for code, label in EVIDENCE_KINDS.items():
            self.kind.addItem(label, code)
        row = QHBoxLayout()
        self.add_button, self.open_button, self.remove_button = (
            QPushButton("Добавить файлы…"), QPushButton("Открыть"), QPushButton("Убрать"))
        self.add_button.clicked.connect(self.choose_files)
        self.open_button.clicked.connect(self.open_file)
        self.remove_button.clicked.connect(self.remove_file)
        if self.detail["editable"]:
            row.addWidget(QLabel("Вид:"))
            row.addWidget(self.kind)
            row.addWidget(self.add_button)
        row.addWidget(self.open_button)
        if self.detail["editable"]:
            row.addWidget(self.remove_button)
        row.addStretch(1)
        column.addWidget(self.files)
        column.addLayout(row)
        box.setFocusProxy(self.files)
        return box

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        if self.detail["editable"]:
            save = buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole)
            save.setDefault(True)
            buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        return buttons

    # files --------------------------------------------------------------------------------------------------
    def fill_files(self) -> None:
        self.files.clear()
        for row in self.detail["files"]:
            note = "" if row["present"] else " — файла пока нет в этой базе"
            item = QListWidgetItem(f"{row['title']} ({row['kind']}, {row['file_name']}){note}")
            item.setData(FILE_ID, row["id"])
            self.files.addItem(item)

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, "Подтверждающие файлы", str(Path.home()), FILE_FILTER)
        self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Files to attach on «Сохранить», with the kind chosen now."""
        for path in paths:
            item = QListWidgetItem(f"{Path(path).name} ({self.kind.currentText()}) — будет добавлен")
            item.setData(FILE_ID, NEW)
            item.setData(NEW_FILE, (path, self.kind.currentData()))
            self.files.addItem(item)

    def _new_files(self) -> list[tuple[Path, str]]:
        items = (self.files.item(i) for i in range(self.files.count()))
        return [(Path(item.data(NEW_FILE)[0]), item.data(NEW_FILE)[1]) for item in items if item.data(FILE_ID) == NEW]

    def _chosen_id(self) -> str | None:
        item = self.files.currentItem()
        return item.data(FILE_ID) if item is not None else None

    def open_file(self) -> None:
        file_id = self._chosen_id()
        if file_id in (None, NEW):
            QMessageBox.information(self, "Файлы", "Выберите сохранённый файл в списке.")
            return
        with self.workspace.session() as session:
            record = answer_file(session, file_id)
        open_stored(self, self.files_dir, record)

    def remove_file(self) -> ChangeOp | None:
        file_id = self._chosen_id()
        if file_id == NEW:
            self.files.takeItem(self.files.currentRow())
            return None
        if file_id is None:
            return None
        return (ChangeOp(self, self.workspace, lambda session: remove_answer_file(session, file_id), ANSWER_CHANGES)
                .success(lambda _none: self._reload()).run())

    def _reload(self) -> None:
        new = [(str(path), kind) for path, kind in self._new_files()]
        with self.workspace.session() as session:
            self.detail = answer_detail(session, self.files_dir, self.recommendation_id)
        self.fill_files()
        for path, kind in new:
            self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
            self.add_files([path])

    # saving -------------------------------------------------------------------------------------------------
    def save(self) -> ChangeOp:
        """Save the answer and attach the new files in one transaction; a wrong field shows its message."""
        recommendation_id, files_dir = self.recommendation_id, self.files_dir
        text, state, when, files = (self.text.toPlainText(), self.state.currentData(), self.answered_on.get(),
                                    self._new_files())
        return (ChangeOp(self, self.workspace, lambda session: save_answer(
            session, files_dir, recommendation_id, text, state, when, files), ANSWER_CHANGES)
                .fields(self.errors).with_progress("Сохраняется ответ…").success(self._saved).run())

    def _saved(self, _answer) -> None:
        self.errors.clear()
        self.saved = True
        self.accept()


def open_answer(workspace: Workspace, recommendation_id: str, parent: QWidget | None) -> bool:
    """Show the answer dialog modally; whether an answer was saved."""
    dialog = AnswerDialog(workspace, recommendation_id, parent)
    dialog.exec()
    dialog.deleteLater()
    return dialog.saved
