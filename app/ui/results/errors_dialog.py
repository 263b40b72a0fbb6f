"""The list of a refused file's errors (sheet, row, column), with the plain statement that nothing was saved."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services.excel import CellError, format_errors

SHOWN_ERRORS = 500


class ImportErrorsDialog(QDialog):
    """Every error of the file, one per line; copyable, so it can be sent to whoever fills the file."""

    def __init__(self, errors: list[CellError], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Файл не загружен")
        layout = QVBoxLayout(self)
        self.summary = QLabel("В файле есть ошибки, поэтому из него <b>ничего не сохранено</b>. "
                              "Исправьте указанные ячейки и загрузите файл снова.")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.text = QPlainTextEdit(format_errors(errors, limit=SHOWN_ERRORS))
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 420)
