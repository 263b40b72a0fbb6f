"""Editors for form fields, one class per field kind, all with `get()`, `set(value)` and `widget`."""

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.services.records import Field

from .multi_select import MultiSelect

NO_DATE = QDate(1900, 1, 1)
RUSSIAN = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
NUMBER_LIMIT = 1_000_000


class Editor:
    """A field's editor: `widget` to place in a form, `get()`/`set()` typed values (None = empty)."""

    widget: QWidget

    def __init__(self, field: Field):
        self.field = field

    def get(self) -> Any:
        raise NotImplementedError

    def set(self, value: Any) -> None:
        raise NotImplementedError

    def set_enabled(self, enabled: bool) -> None:
        self.widget.setEnabled(enabled)


class TextEditor(Editor):
    def __init__(self, field: Field):
        super().__init__(field)
        self.widget = QLineEdit()
        if field.max_length:
            self.widget.setMaxLength(field.max_length)

    def get(self) -> str | None:
        return self.widget.text().strip() or None

    def set(self, value: Any) -> None:
        self.widget.setText("" if value is None else str(value))


class NoteEditor(Editor):
    def __init__(self, field: Field):
        super().__init__(field)
        self.widget = QPlainTextEdit()
        self.widget.setTabChangesFocus(True)
        self.widget.setFixedHeight(72)

    def get(self) -> str | None:
        return self.widget.toPlainText().strip() or None

    def set(self, value: Any) -> None:
        self.widget.setPlainText(value or "")


class NumberEditor(Editor):
    """A spin box; an optional field gets a «не указано» step just below its minimum."""

    def __init__(self, field: Field):
        super().__init__(field)
        integer = field.kind == "int"
        self.widget = QSpinBox() if integer else QDoubleSpinBox()
        self.widget.setLocale(RUSSIAN)
        if not integer:
            self.widget.setDecimals(field.decimals)
        low = field.min if field.min is not None else -NUMBER_LIMIT
        high = field.max if field.max is not None else NUMBER_LIMIT
        step = 1 if integer else 10 ** -field.decimals
        self.empty = None if field.required else low - step
        bottom = low if self.empty is None else self.empty
        self.widget.setRange(int(bottom), int(high)) if integer else self.widget.setRange(bottom, high)
        if self.empty is not None:
            self.widget.setSpecialValueText("не указано")
        self.widget.setMinimumWidth(110)
        self.widget.setAlignment(Qt.AlignmentFlag.AlignRight)

    def get(self) -> float | int | None:
        value = self.widget.value()
        if self.empty is not None and value <= self.empty:
            return None
        return value

    def set(self, value: Any) -> None:
        self.widget.setValue(self.widget.minimum() if value is None else value)


class DateEditor(Editor):
    """dd.MM.yyyy with a calendar; an optional date has a «не указана» state."""

    def __init__(self, field: Field):
        super().__init__(field)
        self.widget = QDateEdit()
        self.widget.setDisplayFormat("dd.MM.yyyy")
        self.widget.setCalendarPopup(True)
        self.widget.setMinimumDate(NO_DATE)
        self.widget.setMaximumDate(QDate(2100, 12, 31))
        if not field.required:
            self.widget.setSpecialValueText("не указана")
        self.widget.setMinimumWidth(130)

    def get(self) -> date | None:
        value = self.widget.date()
        if value == NO_DATE:
            return None
        return date(value.year(), value.month(), value.day())

    def set(self, value: Any) -> None:
        if value is None and self.field.required:
            value = date.today()
        self.widget.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))


class BoolEditor(Editor):
    def __init__(self, field: Field):
        super().__init__(field)
        self.widget = QCheckBox()

    def get(self) -> bool:
        return self.widget.isChecked()

    def set(self, value: Any) -> None:
        self.widget.setChecked(bool(value))


class ChoiceEditor(Editor):
    """A combo box of (code, label) pairs; optional fields start with «—», required ones with «Выберите…»."""

    def __init__(self, field: Field, options: list[tuple[str, str]] | None = None):
        super().__init__(field)
        self.widget = QComboBox()
        self.widget.setPlaceholderText("Выберите…")
        self.widget.setMinimumWidth(220)
        self.widget.setMaxVisibleItems(20)
        self.set_options(options if options is not None else list((field.choices or {}).items()))

    def set_options(self, options: list[tuple[str, str]]) -> None:
        current = self.get()
        self.widget.clear()
        if not self.field.required:
            self.widget.addItem("—", None)
        for code, label in options:
            self.widget.addItem(label, code)
        self.set(current)

    def get(self) -> str | None:
        return self.widget.currentData() if self.widget.currentIndex() >= 0 else None

    def set(self, value: Any) -> None:
        index = self.widget.findData(value) if value is not None else (-1 if self.field.required else 0)
        self.widget.setCurrentIndex(index)


class RefEditor(ChoiceEditor):
    """A reference to another record: type to find it among many (the list may hold thousands)."""

    def __init__(self, field: Field, options: list[tuple[str, str]]):
        super().__init__(field, options)
        self.widget.setEditable(True)
        self.widget.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.widget.lineEdit().setPlaceholderText("Начните вводить, чтобы найти…")
        completer = self.widget.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.widget.setMinimumWidth(360)

    def get(self) -> str | None:
        index = self.widget.currentIndex()
        if index < 0 or self.widget.currentText() != self.widget.itemText(index):
            return None
        return self.widget.itemData(index)

    def add_missing(self, value: str, label: str) -> None:
        """Show a current value that is not among the options (e.g. a record outside this list's scope)."""
        if value is not None and self.widget.findData(value) < 0:
            self.widget.addItem(label, value)


class MultiEditor(Editor):
    def __init__(self, field: Field):
        super().__init__(field)
        self.widget = MultiSelect(list((field.choices or {}).items()), filterable=len(field.choices or {}) > 12)

    def get(self) -> list[str]:
        return self.widget.checked()

    def set(self, value: Any) -> None:
        self.widget.set_checked(value or [])


EDITORS = {
    "text": TextEditor, "multiline": NoteEditor, "int": NumberEditor, "float": NumberEditor, "date": DateEditor,
    "bool": BoolEditor, "choice": ChoiceEditor, "multi": MultiEditor,
}


def make_editor(field: Field, options: list[tuple[str, str]] | None = None) -> Editor:
    """The editor for a field, its hint as the tooltip; reference fields need their (id, label) options."""
    editor = RefEditor(field, options or []) if field.kind == "ref" else EDITORS[field.kind](field)
    if field.hint:
        editor.widget.setToolTip(field.hint)
    return editor
