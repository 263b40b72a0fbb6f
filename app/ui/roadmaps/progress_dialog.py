"""«Отметить выполнение»: the state of one occurrence, its completion date, a comment and evidence files."""

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import EVENT_STATUSES, EVIDENCE_KINDS
from app.services.records import Field
from app.services.roadmaps.evidence import attach_evidence
from app.services.roadmaps.plans import record_progress
from app.services.roadmaps.view import suggested_completion

from ..operations import ChangeOp, Changes
from ..widgets.field_errors import FieldErrors
from ..widgets.fields import DateEditor
from ..workspace import Workspace
from .statuses import ru_date

CHOSEN_STATES = ("planned", "in_progress", "done", "cancelled")  # «с нарушением срока» follows from the date



class ProgressDialog(QDialog):
    """Saves in one transaction (state, date, comment, files); messages appear at the wrong fields."""

    def __init__(self, workspace: Workspace, event_id: str, occurrence: dict, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.event_id, self.occurrence = workspace, event_id, occurrence
        self.saved = False
        self.setWindowTitle("Отметить выполнение")
        layout = QVBoxLayout(self)
        window = f"{ru_date(occurrence['window_start'])} – {ru_date(occurrence['window_end'])}"
        self.current = QLabel(f"Срок исполнения: {window}. Сейчас: {EVENT_STATUSES[occurrence['status']]}.")
        layout.addWidget(self.current)
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.status = QComboBox()
        for code in CHOSEN_STATES:
            self.status.addItem(EVENT_STATUSES[code], code)
        stored = "done" if occurrence["stored_status"] == "done_late" else occurrence["stored_status"]
        self.status.setCurrentIndex(max(self.status.findData(stored), 0))
        self.status.currentIndexChanged.connect(lambda _index: self._follow_status())
        self.completed_on = DateEditor(Field("completed_on", "Дата выполнения", "date"))
        self.completed_on.set(suggested_completion(occurrence, date.today()))
        self.completed_on.widget.setToolTip("Фактическая дата выполнения. Если она позже окончания срока, "
                                            "мероприятие будет «выполнено с нарушением срока».")
        self.comment = QPlainTextEdit(occurrence["comment"])
        self.comment.setFixedHeight(70)
        self.comment.setTabChangesFocus(True)
        for name, label, widget in (("status", "Состояние", self.status),
                                    ("completed_on", "Дата выполнения", self.completed_on.widget),
                                    ("comment", "Комментарий", self.comment)):
            self.errors.add_row(name, label, widget)
        self.errors.add_row("files", "Подтверждающие документы", self._files_box())
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._follow_status()
        self.resize(560, 460)

    def _files_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.files = QListWidget()
        self.files.setFixedHeight(80)
        self.kind = QComboBox()
        for code, label in EVIDENCE_KINDS.items():
            self.kind.addItem(label, code)
        add = QPushButton("Добавить файлы…")
        add.clicked.connect(self.choose_files)
        row = QHBoxLayout()
        row.addWidget(QLabel("Вид документа:"))
        row.addWidget(self.kind)
        row.addWidget(add)
        column.addWidget(self.files)
        column.addLayout(row)
        box.setFocusProxy(self.files)
        return box

    def _follow_status(self) -> None:
        self.completed_on.widget.setEnabled(self.status.currentData() == "done")

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(self, "Подтверждающие документы", str(Path.home()),
                                                      "Документы (*.pdf *.docx *.doc *.xlsx *.jpg *.png);;Все файлы (*)")
        self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        for path in paths:
            self.files.addItem(path)

    def _values(self) -> dict:
        return {"status": self.status.currentData(), "completed_on": self.completed_on.get(),
                "comment": self.comment.toPlainText().strip() or None,
                "files": [Path(self.files.item(i).text()) for i in range(self.files.count())],
                "kind": self.kind.currentData()}

    def save(self) -> ChangeOp:
        values, files_dir = self._values(), self.workspace.database.location.files_dir
        event_id, occurrence_id = self.event_id, self.occurrence["id"]

        def store(session) -> None:
            record_progress(session, occurrence_id, values["status"],
                            values["completed_on"] if values["status"] == "done" else None, values["comment"])
            for path in values["files"]:
                attach_evidence(session, files_dir, event_id, occurrence_id, path, values["kind"], path.stem)

        return (ChangeOp(self, self.workspace, store, Changes("roadmap")).fields(self.errors)
                .with_progress("Сохраняется отметка о выполнении…").success(self._saved).run())

    def _saved(self, _result: None) -> None:
        self.errors.clear()
        self.saved = True
        self.accept()
