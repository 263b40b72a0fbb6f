"""The buttons at the foot of a dialog, in Russian: «Закрыть» alone, or a save button and «Отмена»."""

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox


def close_buttons(dialog: QDialog) -> QDialogButtonBox:
    """A «Закрыть» button that rejects the dialog."""
    buttons = QDialogButtonBox()
    buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.rejected.connect(dialog.reject)
    return buttons


def save_buttons(dialog: QDialog, on_save: Callable[[], object], text: str = "Сохранить") -> QDialogButtonBox:
    """`text` runs `on_save` (which closes the dialog when it succeeds); «Отмена» rejects it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText(text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons
