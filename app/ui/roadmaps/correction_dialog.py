"""Approve a draft roadmap by an order, or start a correction of an approved one: the basis and its date."""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.roadmaps.corrections import approve_roadmap, open_correction

from ..operations import ChangeOp, Changes
from ..widgets.dialog_buttons import save_buttons
from ..widgets.field_errors import FieldErrors
from ..widgets.record_form import note_label
from ..workspace import Workspace

TEXTS = {  # mode → (window title, explanation, basis label, basis field, placeholder)
    "approve": ("Утвердить дорожную карту",
                "Утверждённый текст станет версией 1. Дальнейшие изменения вносятся корректировками с основанием.",
                "Приказ об утверждении", "order", "приказ УО № 5 от 20.01.2023"),
    "correct": ("Корректировка дорожной карты",
                "Изменения, которые вы внесёте дальше, войдут в эту корректировку (новую версию) до её завершения.",
                "Основание", "basis", "приказ УО № 112 от 14.03.2023"),
}


class CorrectionDialog(QDialog):
    def __init__(self, workspace: Workspace, roadmap_id: str, mode: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.roadmap_id, self.mode = workspace, roadmap_id, mode
        title, explanation, label, self.field, placeholder = TEXTS[mode]
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(explanation))
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(placeholder)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setDisplayFormat("dd.MM.yyyy")
        self.on.setCalendarPopup(True)
        self.errors.add_row(self.field, label, self.basis)
        self.errors.add_row("date", "Дата", self.on)
        layout.addLayout(form)
        layout.addWidget(save_buttons(self, self.save, "Утвердить" if mode == "approve" else "Начать корректировку"))
        self.resize(560, 200)

    def chosen_date(self) -> date:
        value = self.on.date()
        return date(value.year(), value.month(), value.day())

    def save(self) -> ChangeOp:
        roadmap_id, text, on = self.roadmap_id, self.basis.text(), self.chosen_date()
        if self.mode == "approve":
            def work(session):
                return approve_roadmap(session, roadmap_id, text, on).version
        else:
            def work(session):
                return open_correction(session, roadmap_id, text, on).version
        return ChangeOp(self, self.workspace, work, Changes("roadmap")).fields(self.errors, self.field).success(
            lambda _version: self.accept()).run()
