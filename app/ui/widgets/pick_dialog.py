"""A dialog frame for picking many records at once: the caller adds its lists, this adds the buttons."""

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ..operations import ChangeOp, Changes
from ..workspace import Workspace
from .multi_select import MultiSelect


def select_all_bar(target: MultiSelect) -> QHBoxLayout:
    """«Отметить все» / «Снять все» for the items the filter shows."""
    bar = QHBoxLayout()
    for label, checked in (("Отметить все", True), ("Снять все", False)):
        button = QPushButton(label)
        button.clicked.connect(lambda _checked=False, on=checked: target.set_all(on))
        bar.addWidget(button)
    bar.addStretch(1)
    return bar


class PickDialog(QDialog):
    """OK runs `apply(session) -> count` in one transaction and reports «<done_text>: N»."""

    def __init__(self, workspace: Workspace, title: str, done_text: str, changed: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.done_text, self.changed_entity = workspace, done_text, changed
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.buttons = QDialogButtonBox()
        self.buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.resize(620, 620)
        self.added = 0

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.buttons)

    def run(self, apply: Callable[[Session], int]) -> ChangeOp:
        """Store the picks with `apply(session) -> count` in one transaction; report the count and close."""
        return ChangeOp(self, self.workspace, apply, Changes(self.changed_entity)).success(self._done).run()

    def _done(self, added: int) -> None:
        self.added = added
        QMessageBox.information(self, self.windowTitle(), f"{self.done_text}: {added}.")
        self.accept()

    def save(self) -> ChangeOp:
        raise NotImplementedError
