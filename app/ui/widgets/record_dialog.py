"""The dialog that creates, shows and edits one record; a card adds tabs with the records that belong to it."""

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.records import (
    Entity,
    create,
    editable,
    get_entity,
    get_values,
    new_values,
    update,
)

from ..operations import ChangeOp, Changes
from ..workspace import Workspace
from .cards import CardSpec, card_of
from .record_form import RecordForm, note_label
from .table_page import TablePage


class RecordDialog(QDialog):
    """Create (no `record_id`) or edit a record; a read-only record opens disabled with a yellow note."""

    def __init__(self, workspace: Workspace, entity: "Entity | str", record_id: str | None = None,
                 fixed: dict[str, Any] | None = None, card: CardSpec | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.entity, self.record_id = workspace, get_entity(entity), record_id
        self.saved_id: str | None = None
        with workspace.session() as session:
            allowed, reason = editable(session, self.entity, record_id, school=(fixed or {}).get("school_id"))
            values = get_values(session, self.entity, record_id) if record_id else new_values(self.entity, fixed)
        self.read_only = not allowed
        title = self.entity.singular if record_id else f"{self.entity.singular}: новая запись"
        self.setWindowTitle(title)
        self.form = RecordForm(workspace, self.entity, fixed)
        self.form.set_values(values)
        layout = QVBoxLayout(self)
        if self.read_only or reason:
            self.note = note_label(reason, warning=self.read_only)
            layout.addWidget(self.note)
        if self.read_only:
            self.form.set_read_only()
        layout.addWidget(self._body(card))
        self.buttons = QDialogButtonBox()
        if self.read_only:
            self.buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.save_button = self.buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole)
            self.save_button.setDefault(True)
            self.buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        scope = workspace.scope()
        for action in (card.actions if card and record_id else ()):
            with workspace.session() as session:
                allowed, reason = editable(session, action.creates)
            if not allowed and scope is not None and scope.is_school:
                continue  # at a school, what only the district does is absent, not disabled
            button = QPushButton(action.label)
            button.setEnabled(allowed)
            button.setToolTip(reason)
            button.clicked.connect(lambda _checked=False, run=action.run: run(self.workspace, self.record_id, self))
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(900 if card and record_id else 640, 680)

    def _body(self, card: CardSpec | None) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        if not card or not self.record_id or not card.tabs:
            return scroll
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "Сведения")
        self.pages: dict[str, TablePage] = {}
        for tab in card.tabs:
            page = opening_records(TablePage(self.workspace, tab.entity, fixed={tab.link: self.record_id}, use_year=False))
            self.pages[tab.entity] = page
            self.tabs.addTab(page, tab.title)
        return self.tabs

    def save(self) -> ChangeOp:
        """Validate and store; a refusal appears at its fields and nothing is saved; the dialog closes once saved."""
        entity, record_id, values = self.entity, self.record_id, self.form.values()

        def store(session) -> str:
            record = update(session, entity, record_id, values) if record_id else create(session, entity, values)
            return record.id

        return (ChangeOp(self, self.workspace, store, Changes(entity.name)).fields(self.form.errors)
                .success(self._saved).run())

    def _saved(self, record_id: str) -> None:
        self.saved_id = record_id
        self.form.errors.clear()
        self.accept()


def record_dialog(parent: QWidget | None, workspace: Workspace, entity: str, record_id: str | None,
                  fixed: dict[str, Any] | None = None) -> RecordDialog:
    """The dialog for creating or opening a record: the entity's registered card for a stored record, if any."""
    return RecordDialog(workspace, entity, record_id, fixed, card=card_of(entity), parent=parent)


def open_record(parent: QWidget | None, workspace: Workspace, entity: str, record_id: str | None,
                fixed: dict[str, Any] | None = None) -> str | None:
    """Show the dialog modally; the id of the saved record, or None when nothing was saved."""
    dialog = record_dialog(parent, workspace, entity, record_id, fixed)
    dialog.exec()
    dialog.deleteLater()  # a child of the list: else every card opened, with its lists, would stay alive
    return dialog.saved_id


def opening_records(table: TablePage) -> TablePage:
    """Let `table` open its records (and new ones, pre-filled with its fixed values) in record dialogs."""
    table.open_requested.connect(
        lambda record_id: open_record(table, table.workspace, table.entity.name, record_id, table.fixed))
    return table
