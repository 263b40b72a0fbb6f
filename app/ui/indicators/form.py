"""Form helpers shared by the indicator dialogs: a field with a red message under it, the Excel export."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.services.excel import write_table

from ..background import run_in_background
from ..widgets.record_form import ERROR_STYLE
from .rows import RowsModel

EXCEL_FILTER = "Книга Excel (*.xlsx)"


def submit(dialog, errors: "FieldErrors", write: Callable[[Session], None], changed: str) -> bool:
    """Run `write` in one transaction; show refusals at the fields (or in a warning), else close the dialog
    and tell the window which table changed."""
    try:
        with dialog.workspace.session() as session:
            write(session)
    except ValidationError as error:
        errors.show(error.errors)
        return False
    except KuratorError as error:
        QMessageBox.warning(dialog, dialog.windowTitle(), error.message)
        return False
    dialog.workspace.changed(changed)
    dialog.accept()
    return True


class FieldErrors:
    """Rows of a QFormLayout, each a widget with a hidden red message; `show(errors)` fills them by key."""

    def __init__(self, layout: QFormLayout):
        self.layout = layout
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def add(self, key: str, title: str, widget: QWidget) -> QWidget:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(self.message(key))
        self.widgets[key] = widget
        self.layout.addRow(title, cell)
        return widget

    def message(self, key: str) -> QLabel:
        """The (hidden) red message of `key`, for a caller that places it itself."""
        label = self.labels.get(key)
        if label is None:
            label = self.labels[key] = QLabel()
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)
            label.hide()
        return label

    def show(self, errors: dict[str, str]) -> None:
        """Each message under its field; the focus goes to the first wrong one."""
        for key, label in self.labels.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        first = next((key for key in self.labels if key in errors), None)
        if first is not None and first in self.widgets:
            self.widgets[first].setFocus()

    def text(self, key: str) -> str:
        return self.labels[key].text() if key in self.labels and not self.labels[key].isHidden() else ""


def export_rows(parent: QWidget, model: RowsModel, title: str, file_name: str) -> None:
    """Ask where to save and write the table as shown to an Excel workbook in the background."""
    path, _ = QFileDialog.getSaveFileName(parent, "Сохранить в Excel", str(Path.home() / file_name), EXCEL_FILTER)
    if not path:
        return
    header, rows = model.table()
    run_in_background(parent, lambda _progress: write_table(path, title, header, rows),
                      lambda _result: QMessageBox.information(parent, "Сохранить в Excel", f"Сохранено: {path}"),
                      label="Сохраняется файл Excel…", cancellable=False)
