"""What the risk screens share: a tab showing one school's data for the toolbar's year (with the owner's note), rows
and columns of buttons, and the «save / cancel» row of a dialog."""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QBoxLayout, QDialogButtonBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from ..operations import QueryOp
from ..widgets.record_form import note_label
from ..widgets.refresh import RefreshWhenShown
from ..workspace import Workspace

ButtonSpecs = tuple[tuple[str, str, Callable[[], Any]], ...]  # (key, title, action)


def add_buttons(layout: QBoxLayout, specs: ButtonSpecs) -> dict[str, QPushButton]:
    """The buttons in order, then a stretch; by key."""
    buttons: dict[str, QPushButton] = {}
    for key, title, action in specs:
        buttons[key] = button = QPushButton(title)
        button.clicked.connect(action)
        layout.addWidget(button)
    layout.addStretch(1)
    return buttons


def beside(widget: QWidget, specs: ButtonSpecs) -> QWidget:
    """`widget` with a column of buttons at its right."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget, 1)
    column = QVBoxLayout()
    add_buttons(column, specs)
    row.addLayout(column)
    return box


def dialog_buttons(accept_text: str, on_accept: Callable[[], Any], on_reject: Callable[[], Any]) -> QDialogButtonBox:
    """«<accept_text>» and «Отмена»."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(on_reject)
    return buttons


class SchoolTab(RefreshWhenShown, QWidget):
    """A tab of one school's data for the toolbar's year: `read(session, school_id, year)` runs off the UI thread,
    then the subclass's `_show(screen)` (with None when no school is chosen); a note says why the data may not be
    changed here."""

    def __init__(self, workspace: Workspace, school_id: Callable[[], str | None],
                 read: Callable[[Session, str, int], Any], parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.school_id, self.read = workspace, school_id, read
        self.note = note_label("")
        self.note.hide()

    def refresh(self) -> QueryOp | None:
        school, year = self.school_id(), self.workspace.year
        if school is None:
            self._show(None)
            return None
        return self.load(lambda session: self.read(session, school, year), self._show)

    def show_owner(self, screen: Any) -> bool:
        """Whether the screen's data may be changed here; the note with the reason when they may not."""
        editable = bool(screen and screen.editable)
        self.note.setText(screen.reason if screen else "")
        self.note.setVisible(bool(screen) and not editable)
        return editable
