"""One event of a roadmap: its texts as written, how its deadline was understood (with a correction field),
its occurrences and the evidence attached to them."""

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import EVIDENCE_KINDS
from app.services.roadmaps.access import roadmap_editable
from app.services.roadmaps.editing import correct_deadline
from app.services.roadmaps.evidence import list_evidence, remove_evidence
from app.services.roadmaps.view import event_card

from ..operations import ChangeOp, Changes
from ..widgets.dialog_buttons import close_buttons
from ..widgets.field_errors import FieldErrors
from ..widgets.record_form import note_label
from ..widgets.stored_files import open_stored
from ..workspace import Workspace
from .progress_dialog import ProgressDialog
from .proposals_box import ProposalsBox
from .statuses import plain_table, read_only_item, ru_date, status_item

OCCURRENCE_COLUMNS = (("Срок исполнения", 190), ("Состояние", 200), ("Дата выполнения", 125), ("Комментарий", 220),
                      ("Документов", 80))
EVIDENCE_COLUMNS = (("Документ", 240), ("Вид", 100), ("Файл", 220), ("Срок исполнения", 190))


def window_text(start, end) -> str:
    return f"{ru_date(start)} – {ru_date(end)}"


class EventDialog(QDialog):
    """Read-only texts; progress, corrections and files only where the roadmap is ours to keep."""

    def __init__(self, workspace: Workspace, event_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.event_id = workspace, event_id
        self.setWindowTitle("Мероприятие дорожной карты")
        layout = QVBoxLayout(self)
        with workspace.session() as session:
            self.card = event_card(session, event_id)
            self.editable, reason = roadmap_editable(session, self.card["roadmap_id"])
        if not self.editable:
            layout.addWidget(note_label(reason))
        layout.addLayout(self._texts())
        layout.addWidget(ProposalsBox(workspace, event_id, self))
        layout.addWidget(QLabel("Сроки исполнения:"))
        layout.addWidget(self._occurrences())
        layout.addLayout(self._occurrence_buttons())
        layout.addWidget(QLabel("Подтверждающие документы:"))
        layout.addWidget(self._evidence())
        layout.addLayout(self._evidence_buttons())
        layout.addWidget(close_buttons(self))
        self.resize(900, 760)
        self.fill()

    # building -----------------------------------------------------------------------------------------------
    def _texts(self) -> QFormLayout:
        form = QFormLayout()
        card = self.card
        self.title = QPlainTextEdit(card["title"])
        self.title.setReadOnly(True)
        self.title.setFixedHeight(64)
        self.planned_result = QLabel(card["planned_result"] or "—")
        self.deadline = QLabel()
        self.understood = QLabel()
        for label in (self.planned_result, self.deadline, self.understood):
            label.setWordWrap(True)
        form.addRow("№", QLabel(card["number"] or "—"))
        form.addRow("Мероприятие", self.title)
        form.addRow("Ответственный", QLabel(card["responsible"] or "—"))
        form.addRow("Планируемый результат", self.planned_result)
        form.addRow("Срок (как в документе)", self.deadline)
        form.addRow("Как понят срок", self.understood)
        if card["moved"]:
            moved = QLabel("\n".join(card["moved"]))
            moved.setWordWrap(True)
            form.addRow("Перенос срока", moved)
        self.errors = FieldErrors(form)
        self.errors.add_row("deadline_override", "Исправить срок", self._correction())
        return form

    def _correction(self) -> QWidget:
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        self.correction = QLineEdit(self.card["deadline_override"])
        self.correction.setPlaceholderText("Например: «Март - апрель», «Ежемесячно», «до 01.09.2022»")
        self.apply_button = QPushButton("Применить")
        self.apply_button.clicked.connect(self.apply_correction)
        self.correction.returnPressed.connect(self.apply_correction)
        row.addWidget(self.correction, 1)
        row.addWidget(self.apply_button)
        cell.setFocusProxy(self.correction)
        for widget in (self.correction, self.apply_button):
            widget.setEnabled(self.editable)
        return cell

    def _occurrences(self) -> QTableWidget:
        self.occurrences = plain_table(OCCURRENCE_COLUMNS)
        self.occurrences.doubleClicked.connect(lambda _index: self.mark_progress())
        return self.occurrences

    def _occurrence_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.progress_button = QPushButton("Отметить выполнение…")
        self.progress_button.clicked.connect(self.mark_progress)
        self.progress_button.setEnabled(self.editable)
        row.addWidget(self.progress_button)
        row.addStretch(1)
        return row

    def _evidence(self) -> QTableWidget:
        self.evidence = plain_table(EVIDENCE_COLUMNS)
        self.evidence.setMaximumHeight(160)
        self.evidence.doubleClicked.connect(lambda _index: self.open_file())
        return self.evidence

    def _evidence_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_button = QPushButton("Открыть файл")
        self.remove_button = QPushButton("Удалить документ")
        self.open_button.clicked.connect(self.open_file)
        self.remove_button.clicked.connect(self.remove_file)
        self.remove_button.setEnabled(self.editable)
        row.addWidget(self.open_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        return row

    # filling ------------------------------------------------------------------------------------------------
    def fill(self) -> None:
        with self.workspace.session() as session:
            self.card = event_card(session, self.event_id)
            self.files = list_evidence(session, self.event_id)
        card = self.card
        self.deadline.setText(card["deadline_text"] or "—")
        windows = "; ".join(window_text(w.start, w.end) for w in card["windows"])
        corrected = f" (исправлен: «{card['deadline_override']}»)" if card["deadline_override"] else ""
        self.understood.setText(f"{card['kind'].label}{corrected}" + (f": {windows}" if windows else ""))
        occurrences = card["occurrences"]
        self.occurrences.setRowCount(len(occurrences))
        for row, occurrence in enumerate(occurrences):
            cells = (window_text(occurrence["window_start"], occurrence["window_end"]), None,
                     ru_date(occurrence["completed_on"]), occurrence["comment"], str(occurrence["evidence"]))
            for column, text in enumerate(cells):
                if text is not None:
                    self.occurrences.setItem(row, column, read_only_item(text))
            self.occurrences.setItem(row, 1, status_item(occurrence["status"]))
        if occurrences:
            self.occurrences.selectRow(0)
        self.progress_button.setEnabled(self.editable and bool(occurrences))
        if not occurrences:
            self.progress_button.setToolTip("У мероприятия нет сроков исполнения: исправьте срок, чтобы отмечать выполнение.")
        self._fill_evidence()

    def _fill_evidence(self) -> None:
        windows = {o["id"]: window_text(o["window_start"], o["window_end"]) for o in self.card["occurrences"]}
        self.evidence.setRowCount(len(self.files))
        for row, item in enumerate(self.files):
            cells = (item.title or item.file_name, EVIDENCE_KINDS.get(item.kind, ""), item.file_name,
                     windows.get(item.occurrence_id, "всё мероприятие"))
            for column, text in enumerate(cells):
                self.evidence.setItem(row, column, read_only_item(text))

    def current_occurrence(self) -> dict | None:
        row = self.occurrences.currentRow()
        occurrences = self.card["occurrences"]
        return occurrences[row] if 0 <= row < len(occurrences) else None

    # actions ------------------------------------------------------------------------------------------------
    def apply_correction(self) -> ChangeOp:
        """Store the corrected deadline and plan its occurrences; a message under the field when not understood."""
        event_id, text = self.event_id, self.correction.text().strip()
        return self._change(lambda session: correct_deadline(session, event_id, text))

    def _change(self, work) -> ChangeOp:
        """Change the event's roadmap; once done, show the event again."""
        return ChangeOp(self, self.workspace, work, Changes("roadmap")).fields(self.errors).success(self._changed).run()

    def _changed(self, _result: object) -> None:
        self.errors.clear()
        self.fill()

    def progress_dialog(self) -> ProgressDialog | None:
        """The «Отметить выполнение» dialog for the chosen occurrence (None when none is chosen or allowed)."""
        occurrence = self.current_occurrence()
        if occurrence is None or not self.editable:
            return None
        return ProgressDialog(self.workspace, self.event_id, occurrence, self)

    def mark_progress(self) -> None:
        dialog = self.progress_dialog()
        if dialog is not None and dialog.exec():
            self.fill()

    def selected_file(self):
        row = self.evidence.currentRow()
        return self.files[row] if 0 <= row < len(self.files) else None

    def open_file(self) -> None:
        item = self.selected_file()
        if item is None:
            QMessageBox.information(self, "Документы", "Выберите документ в списке.")
            return
        open_stored(self, self.workspace.database.location.files_dir, item)

    def remove_file(self) -> ChangeOp | None:
        item = self.selected_file()
        if item is None:
            return None
        answer = QMessageBox.question(self, "Документы", f"Удалить документ «{item.title or item.file_name}»?",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self._change(lambda session: remove_evidence(session, item.id))

