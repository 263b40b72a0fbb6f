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
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.services.exchange import signing
from app.services.exchange.keys import accept_passphrase

from ..operations import ChangeOp, Changes
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

    def submit(self) -> ChangeOp:
        """Check the fields, then create the key or change its passphrase in the background; messages appear at the
        fields, and the dialog closes once it is done."""
        change, old, new, repeated = self.change, self.old.text(), self.new.text(), self.repeat.text()

        def store(session: Session) -> None:
            passphrase = accept_passphrase(new, repeated)
            if change:
                change_passphrase(session, old, passphrase)
            else:
                signing.ensure_keys(session, passphrase)

        return (ChangeOp(self, self.workspace, store, Changes("installation")).fields(self.messages, "passphrase")
                .success(lambda _result: self.accept()).run())


def change_passphrase(session: Session, old: str, passphrase: str) -> None:
    """Re-protect the key under `passphrase`; a wrong old passphrase is a message at its own field."""
    try:
        signing.change_passphrase(session, old, passphrase)
    except KuratorError as error:
        raise ValidationError({"old": error.message}) from None
