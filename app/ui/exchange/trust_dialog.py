"""Register a peer's public key after comparing its fingerprint with the one read out over the phone."""

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import KuratorError
from app.services.exchange import keys, peers
from app.services.installation import require_installation

from ..operations import ChangeOp, Changes
from ..widgets.field_errors import FieldErrors
from ..workspace import Workspace
from .common import KEY_FILTER, REFUSED_STYLE, fingerprint_label, styled_label

COMPARE_HINT = ("Позвоните отправителю и попросите продиктовать отпечаток его ключа (раздел «Обмен данными» в его "
                "Куратор). Сравните каждую группу. Если хоть один знак не совпадает — не регистрируйте ключ.")
MATCHES = "Отпечаток совпадает с продиктованным"
REPLACE_QUESTION = ("Для «{name}» уже зарегистрирован другой ключ (отпечаток {old}).\n\n"
                    "Новый ключ обычно означает переустановленную программу. Заменяйте ключ только после сверки "
                    "отпечатка по телефону. Заменить ключ?")


class TrustDialog(QDialog):
    """At a district: a school's key (code and name); at a school: the district's key. `pem` may come preloaded
    (the key a packet carries), `school_code` and `name` prefill the fields."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None, pem: bytes | None = None,
                 source: str = "", school_code: str | None = None, name: str | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.pem: bytes | None = None
        with workspace.session() as session:
            self.at_district = require_installation(session).kind == "district"
        self.setWindowTitle("Регистрация ключа " + ("школы" if self.at_district else "органа управления образованием"))
        layout = QVBoxLayout(self)
        layout.addLayout(self._key_row())
        self.fingerprint = fingerprint_label("—")
        layout.addWidget(QLabel("Отпечаток ключа:"))
        layout.addWidget(self.fingerprint)
        hint = QLabel(COMPARE_HINT)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.matches = QCheckBox(MATCHES)
        self.matches.toggled.connect(self._update_button)
        layout.addWidget(self.matches)
        layout.addLayout(self._whose_form(school_code, name))
        self.error = styled_label(REFUSED_STYLE)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.register_button = buttons.addButton("Зарегистрировать", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if pem is not None:
            self.set_key(pem, source)
        self._update_button()
        self.setMinimumWidth(640)
        self.adjustSize()

    def _key_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.source = QLabel("Файл ключа не выбран")
        self.source.setWordWrap(True)
        choose = QPushButton("Выбрать файл .pem…")
        choose.clicked.connect(self.choose_file)
        row.addWidget(self.source, 1)
        row.addWidget(choose)
        return row

    def _whose_form(self, school_code: str | None, name: str | None) -> QFormLayout:
        form = QFormLayout()
        self.messages = FieldErrors(form)
        self.code = QLineEdit(school_code or "", placeholderText="например, 0701001")
        self.name = QLineEdit(name or "")
        if self.at_district:
            self.messages.add_row("school_code", "Код школы", self.code)
            self.name.setPlaceholderText("МКОУ «СОШ № 1» с. Урожайное")
            self.messages.add_row("name", "Наименование школы", self.name)
        else:
            self.name.setPlaceholderText("Отдел образования администрации … района")
            self.messages.add_row("name", "Орган управления образованием", self.name)
        self.code.textChanged.connect(self._update_button)
        return form

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Открытый ключ", str(Path.home()), KEY_FILTER)
        if not path:
            return
        try:
            self.set_key(keys.read_public_key_file(Path(path)), Path(path).name)
        except KuratorError as error:
            self._show_error(error.message)

    def set_key(self, pem: bytes, source: str) -> None:
        """Show a key's fingerprint; the match must be confirmed again for every new key."""
        self.pem = pem
        self.source.setText(f"Ключ: {source}" if source else "Ключ выбран")
        self.fingerprint.setText(keys.fingerprint(pem))
        self.matches.setChecked(False)
        self.error.hide()
        self._update_button()

    def _update_button(self) -> None:
        ready = self.pem is not None and self.matches.isChecked()
        self.register_button.setEnabled(ready and (not self.at_district or bool(self.code.text().strip())))

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def submit(self) -> ChangeOp | None:
        """Register the key in the background (asking first when it replaces another); the dialog closes once it is
        registered. None when nothing was started."""
        if not self.register_button.isEnabled():
            return None
        code = self.code.text().strip() if self.at_district else None
        replace = self._confirm_replace(code)
        if replace is None:
            return None
        pem, district, name = self.pem, not self.at_district, self.name.text()

        def trust(session) -> peers.TrustResult:
            return peers.trust(session, pem, school_code=code, district=district, name=name, replace=replace)

        return (ChangeOp(self, self.workspace, trust, Changes("peer"))
                .success(lambda _trusted: self.accept()).failure(self._refused).run())

    def _refused(self, error: KuratorError) -> None:
        self.messages.clear()
        if not self.messages.show_refusal(error):
            self._show_error(error.message)

    def _confirm_replace(self, code: str | None) -> bool | None:
        """False when nothing is replaced, True when the user agreed to replace a different key, None to stop."""
        with self.workspace.session() as session:
            peer = peers.find_school_peer(session, code) if code else peers.find_district_peer(session)
        if peer is None or peer.fingerprint == keys.fingerprint(self.pem):
            return False
        answer = QMessageBox.question(self, "Замена ключа", REPLACE_QUESTION.format(name=peer.name, old=peer.fingerprint),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return True if answer == QMessageBox.StandardButton.Yes else None
