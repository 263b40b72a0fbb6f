"""The roadmap page's editing bar: events and sections (add, edit, move, delete), approval and corrections,
versions, Word export, the school template; and a line saying where the roadmap stands (draft, approved,
an open correction). On a roadmap another installation keeps, «Изменить» becomes «Предложить изменение»."""

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.roadmaps.corrections import close_correction
from app.services.roadmaps.edit_form import roadmap_state, section_form, shift_event
from app.services.roadmaps.editing import delete_event
from app.services.roadmaps.sections import delete_section, shift_section
from app.services.roadmaps.word import export_docx

from ..operations import ChangeOp, Changes, QueryOp
from .correction_dialog import CorrectionDialog
from .edit_event_dialog import EventEditDialog
from .history_dialog import HistoryDialog
from .section_dialog import SectionDialog
from .template_dialog import TemplateDialog

STATE_STYLE = "color: #2c4a6e;"


class EditBar(QWidget):
    """Works on the page's chosen roadmap, its chosen event (table row) and section (tree)."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.school_id: str | None = None
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        lines.addLayout(row)
        self.event_menu = self._menu_button(row, "Мероприятие", (
            ("Добавить…", self.add_event), ("Изменить…", self.edit_event), ("Выше", lambda: self.shift(-1)),
            ("Ниже", lambda: self.shift(1)), ("Удалить", self.delete_event)))
        self.section_menu = self._menu_button(row, "Раздел", (
            ("Добавить…", self.add_section), ("Изменить…", self.edit_section),
            ("Выше", lambda: self.shift_section(-1)), ("Ниже", lambda: self.shift_section(1)),
            ("Удалить", self.delete_section)))
        self.approve_button = self._button(row, "Утвердить…", lambda: self.correction("approve"))
        self.correct_menu = self._menu_button(row, "Корректировка", (
            ("Начать корректировку…", lambda: self.correction("correct")), ("Завершить корректировку", self.finish_correction)))
        self.propose_button = self._button(row, "Предложить изменение…", self.propose)
        row.addStretch(1)
        documents = QHBoxLayout()  # a second row: one row of every button is wider than a 125 % laptop screen
        lines.addLayout(documents)
        self.history_button = self._button(documents, "Версии…", self.history)
        self.word_button = self._button(documents, "В Word…", self.export_word)
        self.template_button = self._button(documents, "Шаблон для школ…", self.template)
        documents.addStretch(1)
        self.state = QLabel()
        self.state.setStyleSheet(STATE_STYLE)
        self.state.setWordWrap(True)
        lines.addWidget(self.state)

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _menu_button(self, row: QHBoxLayout, text: str, actions) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for label, slot in actions:
            menu.addAction(label).triggered.connect(lambda _checked=False, s=slot: s())
        button.setMenu(menu)
        row.addWidget(button)
        return button

    # state --------------------------------------------------------------------------------------------------
    def follow(self, roadmap: dict | None, editable: bool, school_id: str | None) -> None:
        """Show what may be done with the chosen roadmap here."""
        self.school_id = school_id
        state = None
        if roadmap is not None:
            with self.page.workspace.session() as session:
                state = roadmap_state(session, roadmap["id"])
        chosen = roadmap is not None
        for widget in (self.event_menu, self.section_menu):
            widget.setEnabled(chosen and editable)
        self.approve_button.setVisible(chosen and editable and not state["approved"])
        self.correct_menu.setVisible(chosen and editable and state["approved"])
        self.history_button.setEnabled(chosen)
        self.word_button.setEnabled(chosen)
        self.template_button.setVisible(chosen and roadmap["level"] == "municipal" and (editable or school_id is not None))
        self.propose_button.setVisible(chosen and not editable)
        self.state.setText(self._state_text(state))

    @staticmethod
    def _state_text(state: dict | None) -> str:
        if state is None:
            return ""
        if not state["approved"]:
            return "Проект: не утверждена — изменения вносятся без корректировки."
        text = f"Утверждена {state['approved_by']}; текущая версия {state['version']}."
        if state["open_correction"]:
            return text + f" Открыта корректировка ({state['open_correction']})."
        return text + " Изменения — через корректировку."

    # events -------------------------------------------------------------------------------------------------
    def _event_id(self) -> str | None:
        row = self.page.table.currentRow()
        if not 0 <= row < len(self.page.rows):
            QMessageBox.information(self, "Мероприятие", "Выберите мероприятие в таблице.")
            return None
        return self.page.rows[row]["id"]

    def _dialog(self, event_id: str | None, propose: bool = False) -> EventEditDialog:
        roadmap = self.page.roadmap
        return EventEditDialog(self.page.workspace, roadmap["id"], event_id, year=self.page.year() or roadmap["year_from"],
                               section_id=self.page.chosen_section(), propose=propose, parent=self)

    def add_event(self) -> EventEditDialog:
        dialog = self._dialog(None)
        dialog.exec()
        return dialog

    def edit_event(self) -> EventEditDialog | None:
        event_id = self._event_id()
        if event_id is None:
            return None
        dialog = self._dialog(event_id)
        dialog.exec()
        return dialog

    def propose(self) -> None:
        event_id = self._event_id()
        if event_id is not None and self._dialog(event_id, propose=True).exec():
            QMessageBox.information(self, "Предложение", "Предложение сохранено. Если владелец дорожной карты изменит "
                                    "это мероприятие, при открытии мероприятия вы увидите обе версии и выберете.")

    def shift(self, step: int) -> ChangeOp | None:
        event_id = self._event_id()
        if event_id is None:
            return None
        return self._change(lambda session: shift_event(session, event_id, step).id)

    def delete_event(self) -> ChangeOp | None:
        event_id = self._event_id()
        if event_id is None or not self._confirm("Удалить мероприятие? Номера следующих мероприятий раздела сдвинутся; "
                                                 "удаление передаётся в пакете обмена."):
            return None
        return self._change(lambda session: delete_event(session, event_id))

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "Удаление", question,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _change(self, work) -> ChangeOp:
        return ChangeOp(self, self.page.workspace, work, Changes("roadmap")).run()

    # sections -----------------------------------------------------------------------------------------------
    def _sections(self) -> list[tuple[str, str]]:
        return [(s["id"], s["label"]) for s in self.page.sections]

    def add_section(self) -> None:
        SectionDialog(self.page.workspace, self.page.roadmap["id"], self._sections(), parent=self).exec()

    def _section_id(self) -> str | None:
        section_id = self.page.chosen_section()
        if section_id is None:
            QMessageBox.information(self, "Раздел", "Выберите раздел слева.")
        return section_id

    def edit_section(self) -> None:
        section_id = self._section_id()
        if section_id is None:
            return
        with self.page.workspace.session() as session:
            values = section_form(session, section_id)
        SectionDialog(self.page.workspace, self.page.roadmap["id"], self._sections(), values, parent=self).exec()

    def shift_section(self, step: int) -> ChangeOp | None:
        section_id = self._section_id()
        if section_id is None:
            return None
        return self._change(lambda session: shift_section(session, section_id, step).id)

    def delete_section(self) -> ChangeOp | None:
        section_id = self._section_id()
        if section_id is None or not self._confirm("Удалить раздел? Удаляется только пустой раздел."):
            return None
        return self._change(lambda session: delete_section(session, section_id))

    # approval, corrections, versions ------------------------------------------------------------------------
    def correction(self, mode: str) -> CorrectionDialog:
        dialog = CorrectionDialog(self.page.workspace, self.page.roadmap["id"], mode, self)
        dialog.exec()
        return dialog

    def finish_correction(self) -> ChangeOp:
        roadmap_id = self.page.roadmap["id"]

        def work(session) -> None:
            close_correction(session, roadmap_id)
        return self._change(work)

    def history(self) -> None:
        HistoryDialog(self.page.workspace, self.page.roadmap["id"], self).exec()

    def export_word(self) -> QueryOp | None:
        path, _filter = QFileDialog.getSaveFileName(self, "Выгрузить дорожную карту в Word",
                                                    str(Path.home() / "Дорожная карта.docx"), "Документ Word (*.docx)")
        if not path:
            return None
        target, roadmap_id = Path(path).with_suffix(".docx"), self.page.roadmap["id"]
        return QueryOp(self, self.page.workspace, lambda session: export_docx(session, roadmap_id, target),
                       lambda saved: QMessageBox.information(self, "Выгрузка", f"Дорожная карта сохранена:\n{saved}")
                       ).with_progress("Выгружается дорожная карта…").run()

    def template(self) -> None:
        dialog = TemplateDialog(self.page.workspace, self.page.roadmap["id"], self.school_id, self)
        if dialog.exec() and dialog.created_id:
            self.page.refresh(select=dialog.created_id)
