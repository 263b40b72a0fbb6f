"""The installation's signing key: create it (passphrase twice) or change its passphrase (old, new twice)."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import KuratorError, ValidationError
from app.services.exchange import signing
from app.services.installation import accept_passphrase

from ..widgets.field_errors import FieldErrors
from ..workspace import Workspace

CREATE_INTRO = ("Ключ подписи удостоверяет пакеты этой установки. Он защищён парольной фразой (не короче 8 символов): "
                "её знает только тот, кто подписывает пакеты. Без неё ключ не восстановить.")
CHANGE_INTRO = "Ключ и его отпечаток останутся прежними: изменится только парольная фраза, которой он защищён."


def password_field() -> QLineEdit:
    return QLineEdit(echoMode=QLineEdit.EchoMode.Password)


class KeysDialog(QDialog):
    """Create the key pair (`change=False`) or re-protect it under a new passphrase (`change=True`)."""

    def __init__(self, workspace: Workspace, change: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.change = workspace, change
        self.setWindowTitle("Смена парольной фразы" if change else "Создание ключа подписи")
        layout = QVBoxLayout(self)
        intro = QLabel(CHANGE_INTRO if change else CREATE_INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.old, self.new, self.repeat = password_field(), password_field(), password_field()
        self.messages = FieldErrors(form)
        if change:
            self.messages.add_row("old", "Прежняя парольная фраза", self.old)
        self.messages.add_row("passphrase", "Новая парольная фраза" if change else "Парольная фраза", self.new)
        self.messages.add_row("passphrase_repeat", "Ещё раз", self.repeat)
        layout.addLayout(form)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("Сменить" if change else "Создать ключ", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.adjustSize()

    def submit(self) -> bool:
        """Check the fields, then create the key or change its passphrase; messages appear at the fields."""
        try:
            passphrase = accept_passphrase(self.new.text(), self.repeat.text())
            with self.workspace.session() as session:
                if self.change:
                    self._change(session, passphrase)
                else:
                    signing.ensure_keys(session, passphrase)
        except KuratorError as error:
            self.messages.show_refusal(error, "passphrase")
            return False
        self.messages.clear()
        self.workspace.changed("installation")
        self.accept()
        return True

    def _change(self, session, passphrase: str) -> None:
        try:
            signing.change_passphrase(session, self.old.text(), passphrase)
        except KuratorError as error:
            raise ValidationError({"old": error.message}) from None
