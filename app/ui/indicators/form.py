"""Helpers shared by the indicator dialogs: saving with the refusals at the fields, the Excel export."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.services.excel import write_table

from ..background import run_in_background
from ..widgets.field_errors import FieldErrors
from .rows import RowsModel

EXCEL_FILTER = "Книга Excel (*.xlsx)"


def submit(dialog, errors: FieldErrors, write: Callable[[Session], None], changed: str) -> bool:
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


def export_rows(parent: QWidget, model: RowsModel, title: str, file_name: str) -> None:
    """Ask where to save and write the table as shown to an Excel workbook in the background."""
    path, _ = QFileDialog.getSaveFileName(parent, "Сохранить в Excel", str(Path.home() / file_name), EXCEL_FILTER)
    if not path:
        return
    header, rows = model.table()
    run_in_background(parent, lambda _progress: write_table(path, title, header, rows),
                      lambda _result: QMessageBox.information(parent, "Сохранить в Excel", f"Сохранено: {path}"),
                      label="Сохраняется файл Excel…", cancellable=False)
