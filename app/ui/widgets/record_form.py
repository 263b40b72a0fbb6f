"""A form built from the registry: one editor per field, a red message under a field that is wrong."""

from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from app.services.records import Entity, ref_label, ref_options
from app.services.records.registry import get_entity

from ..workspace import Workspace
from .field_errors import FieldErrors
from .fields import Editor, RefEditor, make_editor

NOTE_STYLE = "background: #fff4c2; border: 1px solid #e0c060; padding: 6px; color: #4a3b00;"
INFO_STYLE = "background: #e8f1fb; border: 1px solid #9dbbe0; padding: 6px; color: #17365d;"
YEAR_FIELDS = ("year", "year_from")


def note_label(text: str, warning: bool = True) -> QLabel:
    """The yellow note that explains why a record cannot be changed here; with `warning` off, a blue note that
    only informs (e.g. «данные школы ведёт район»)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE if warning else INFO_STYLE)
    return label


def readable(widget: QWidget) -> None:
    """Disabled children of `widget` draw their text and background as enabled ones do (a read-only form)."""
    palette = widget.palette()
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.Base):
        palette.setColor(QPalette.ColorGroup.Disabled, role, palette.color(QPalette.ColorGroup.Active, role))
    widget.setPalette(palette)


class RecordForm(QWidget):
    """Editors for an entity's fields; `fixed` fields are shown but not editable (e.g. the school of a card)."""

    def __init__(self, workspace: Workspace, entity: Entity, fixed: dict[str, Any] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.entity, self.fixed = workspace, entity, dict(fixed or {})
        self.editors: dict[str, Editor] = {}
        layout = QFormLayout(self)
        self.errors = FieldErrors(layout)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        with workspace.session() as session:
            for field in entity.fields:
                editor = make_editor(field, self._options(session, field))
                self.editors[field.name] = editor
                label = QLabel(field.label + (" *" if field.required else ""))
                label.setBuddy(editor.widget)
                self.errors.add_row(field.name, label, editor.widget)
                editor.set_enabled(field.name not in self.fixed)
        self._follow_school()

    def _options(self, session, field) -> list[tuple[str, str]] | None:
        if field.kind != "ref":
            return None
        if field.name in self.fixed:
            return [(self.fixed[field.name], ref_label(session, field.ref, self.fixed[field.name]))]
        target = get_entity(field.ref)
        school = self.fixed.get("school_id") if target.school is not None and field.ref != "school" else None
        return ref_options(session, target, school=school, kept_only=self.entity.owner_kind == "school")

    def _follow_school(self) -> None:
        """Teachers offered in the form follow the school chosen in it."""
        school = self.editors.get("school_id")
        teacher = self.editors.get("teacher_id")
        if isinstance(school, RefEditor) and isinstance(teacher, RefEditor) and "teacher_id" not in self.fixed:
            school.widget.currentIndexChanged.connect(lambda _index: self._reload_teachers())

    def _reload_teachers(self) -> None:
        school = self.editors["school_id"].get()
        with self.workspace.session() as session:
            options = ref_options(session, "teacher", school=school)
        self.editors["teacher_id"].set_options(options)

    def values(self) -> dict[str, Any]:
        values = {name: editor.get() for name, editor in self.editors.items()}
        values.update(self.fixed)
        return values

    def set_values(self, values: dict[str, Any]) -> None:
        with self.workspace.session() as session:
            for field in self.entity.fields:
                value = values.get(field.name)
                if value is None and field.name in YEAR_FIELDS and field.required:
                    value = self.workspace.year
                editor = self.editors[field.name]
                if isinstance(editor, RefEditor) and value is not None:
                    editor.add_missing(value, ref_label(session, field.ref, value))
                editor.set(value)

    def set_read_only(self) -> None:
        """No editor takes input; the values read in the normal text colour, not a disabled grey on grey."""
        for editor in self.editors.values():
            editor.set_enabled(False)
        readable(self)
