"""Helpers shared by the indicator dialogs: saving with the refusals at the fields, the Excel export."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget
from sqlalchemy.orm import Session

from app.services.excel import write_table

from ..operations import ChangeOp, Changes, QueryOp
from ..workspace import Workspace
from .rows import RowsModel

EXCEL_FILTER = "Книга Excel (*.xlsx)"


def submit(dialog: QDialog, write: Callable[[Session], object], changed: str) -> ChangeOp:
    """Run `write` in one transaction off the UI thread; a refusal appears at the dialog's fields (`dialog.errors`)
    or in a warning; once saved, the dialog closes and the window hears which kind of data changed."""
    return (ChangeOp(dialog, dialog.workspace, write, Changes(changed)).fields(dialog.errors)
            .success(lambda _result: dialog.accept()).run())


def export_excel(parent: QWidget, workspace: Workspace, file_name: str,
                 write: Callable[[Session, str], object]) -> None:
    """Ask where to save, then `write(session, path)` the workbook in the background and say where it went."""
    path, _ = QFileDialog.getSaveFileName(parent, "Сохранить в Excel", str(Path.home() / file_name), EXCEL_FILTER)
    if not path:
        return
    QueryOp(parent, workspace, lambda session: write(session, path),
            lambda _result: QMessageBox.information(parent, "Сохранить в Excel", f"Сохранено: {path}")
            ).with_progress("Сохраняется файл Excel…").run()


def export_rows(parent: QWidget, workspace: Workspace, model: RowsModel, title: str, file_name: str) -> None:
    """Ask where to save and write the table as shown to an Excel workbook in the background."""
    header, rows = model.table()
    export_excel(parent, workspace, file_name, lambda _session, path: write_table(path, title, header, rows))
