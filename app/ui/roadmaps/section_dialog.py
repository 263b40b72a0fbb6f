"""Add or edit a section of a roadmap: number (the next one when left empty), title, note, parent section."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.roadmaps.sections import add_section, edit_section

from ..operations import ChangeOp, Changes
from ..widgets.dialog_buttons import save_buttons
from ..widgets.field_errors import FieldErrors
from ..workspace import Workspace


class SectionDialog(QDialog):
    """`section` None adds a section; otherwise a dict with id, number, title, note edits it."""

    def __init__(self, workspace: Workspace, roadmap_id: str, sections: list[tuple[str, str]],
                 section: dict | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.roadmap_id, self.section = workspace, roadmap_id, section
        self.setWindowTitle("Изменить раздел" if section else "Новый раздел")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.number = QLineEdit((section or {}).get("number", ""))
        self.number.setPlaceholderText("пусто — следующий по порядку")
        self.title = QLineEdit((section or {}).get("title", ""))
        self.note = QPlainTextEdit((section or {}).get("note", ""))
        self.note.setFixedHeight(60)
        self.note.setPlaceholderText("например: «Осуществляется на региональном уровне»")
        self.parent_section = QComboBox()
        self.parent_section.addItem("— верхний уровень —", "")
        for section_id, label in sections:
            self.parent_section.addItem(label[:80], section_id)
        self.errors.add_row("number", "Номер", self.number)
        self.errors.add_row("title", "Название", self.title)
        self.errors.add_row("note", "Примечание", self.note)
        if section is None:
            self.errors.add_row("section", "Входит в раздел", self.parent_section)
        layout.addLayout(form)
        layout.addWidget(save_buttons(self, self.save))
        self.resize(560, 260)

    def values(self) -> dict:
        values = {"number": self.number.text(), "title": self.title.text(), "note": self.note.toPlainText()}
        if self.section is None:
            values["parent"] = self.parent_section.currentData()
        return values

    def save(self) -> ChangeOp:
        values, roadmap_id, section = self.values(), self.roadmap_id, self.section
        if section is None:
            def work(session):
                return add_section(session, roadmap_id, values).id
        else:
            def work(session):
                return edit_section(session, section["id"], values).id
        return ChangeOp(self, self.workspace, work, Changes("roadmap")).fields(self.errors, "title").success(
            lambda _id: self.accept()).run()
