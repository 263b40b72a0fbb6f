"""Which records open as a card with tabs (school, teacher, course, event); the rest open as a plain form."""

from typing import Any

from PySide6.QtWidgets import QWidget

from .courses.page import COURSE_CARD
from .events.page import EVENT_CARD
from .schools.page import SCHOOL_CARD
from .staff.page import TEACHER_CARD
from .widgets.record_dialog import CardSpec, RecordDialog
from .workspace import Workspace

CARDS: dict[str, CardSpec] = {
    "school": SCHOOL_CARD, "teacher": TEACHER_CARD, "course": COURSE_CARD, "method_event": EVENT_CARD,
}


def record_dialog(parent: QWidget | None, workspace: Workspace, entity: str, record_id: str | None,
                  fixed: dict[str, Any] | None = None) -> RecordDialog:
    """The dialog (a card for a stored record that has one) for creating or opening a record."""
    return RecordDialog(workspace, entity, record_id, fixed, card=CARDS.get(entity), parent=parent)


def open_record(parent: QWidget | None, workspace: Workspace, entity: str, record_id: str | None,
                fixed: dict[str, Any] | None = None) -> str | None:
    """Show the dialog modally; the id of the saved record, or None when nothing was saved."""
    dialog = record_dialog(parent, workspace, entity, record_id, fixed)
    dialog.exec()
    return dialog.saved_id
