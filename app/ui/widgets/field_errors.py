"""Messages at the fields of a dialog: a red line under each field, shown when the service refuses a value, with the
focus moved to the first wrong field. One helper for every dialog, and the function that sorts a refusal by field."""

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import KuratorError, ValidationError

ERROR_STYLE = "color: #b00020;"


def messages_by_field(error: KuratorError, default_field: str | None = None) -> dict[str, str] | None:
    """Messages by field for a refusal that names its field(s) (or belongs at `default_field`); None otherwise."""
    if isinstance(error, ValidationError):
        return dict(error.errors)
    field = error.field or default_field
    return {field: error.message} if field else None


class FieldErrors:
    """The red messages of a dialog's fields, by name: `add_row` puts a field and its message in the form, `cell` and
    `message` give them to a caller that places them itself, `show(errors)` fills them, `clear()` hides them."""

    def __init__(self, form: QFormLayout | None = None):
        self.form = form
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def add_row(self, name: str, title: str | QWidget, widget: QWidget) -> QWidget:
        """A row of the form: `title`, then `widget` with its message under it; returns `widget`."""
        self.form.addRow(title, self.cell(name, widget))
        return widget

    def cell(self, name: str, widget: QWidget) -> QWidget:
        """`widget` with its message under it, for a row the caller adds itself."""
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(self.message(name))
        self.widgets[name] = widget
        return cell

    def message(self, name: str) -> QLabel:
        """The (hidden) message of `name`, for a caller that places it itself."""
        label = self.labels.get(name)
        if label is None:
            label = self.labels[name] = QLabel()
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
            label.hide()
        return label

    def show(self, errors: dict[str, str]) -> None:
        """Each message under its field, the others hidden; the focus goes to the first wrong field."""
        for name, label in self.labels.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
        first = next((name for name in self.widgets if name in errors), None)
        if first is not None:
            self.widgets[first].setFocus()

    def show_refusal(self, error: KuratorError, default_field: str | None = None) -> bool:
        """Show a refusal at its fields; False (nothing shown) when some message has no field here to go to."""
        messages = messages_by_field(error, default_field)
        if messages is None or not messages.keys() <= self.labels.keys():
            return False
        self.show(messages)
        return True

    def clear(self) -> None:
        self.show({})

    def text(self, name: str) -> str:
        """The message shown at `name` ("" when there is none)."""
        label = self.labels.get(name)
        return label.text() if label is not None and not label.isHidden() else ""
