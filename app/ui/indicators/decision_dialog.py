"""«Принять решение»: the methodologist sets a school's status for a year, with the date and the basis."""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import SCHOOL_STATUSES
from app.services.analytics.decisions import decide_status

from ..operations import ChangeOp
from ..widgets.field_errors import FieldErrors
from ..workspace import Workspace
from .form import submit


class DecisionDialog(QDialog):
    """Status (proposed one first chosen), year, date dd.MM.yyyy and the basis, prefilled with the reason."""

    def __init__(self, workspace: Workspace, school_id: str, school: str, status: str | None, basis: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.school_id = workspace, school_id
        self.setWindowTitle("Решение о статусе школы")
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{school}</b>")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.status = QComboBox()
        for code, label in SCHOOL_STATUSES.items():
            self.status.addItem(label, code)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(workspace.year)
        self.decided_on = QDateEdit(QDate.currentDate())
        self.decided_on.setDisplayFormat("dd.MM.yyyy")
        self.decided_on.setCalendarPopup(True)
        self.basis = QPlainTextEdit(basis)
        self.basis.setTabChangesFocus(True)
        self.basis.setPlaceholderText("Приказ, протокол, критерии отбора…")
        self.basis.setFixedHeight(96)
        for key, title, widget in (("status", "Статус", self.status), ("year", "Год", self.year),
                                   ("decided_on", "Дата решения", self.decided_on), ("basis", "Основание *", self.basis)):
            self.errors.add_row(key, title, widget)
        layout.addLayout(form)
        note = QLabel("Расчёт только предлагает статус; решение принимает методист, оно сохраняется с датой и основанием.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        layout.addWidget(note)
        buttons = QDialogButtonBox()
        buttons.addButton("Принять решение", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(600, self.sizeHint().height())

    def save(self) -> ChangeOp:
        day = self.decided_on.date()
        school_id, year, status = self.school_id, self.year.value(), self.status.currentData()
        basis, decided_on = self.basis.toPlainText(), date(day.year(), day.month(), day.day())
        return submit(self, lambda session: decide_status(session, school_id, year, status, basis, decided_on),
                      "school_status")
