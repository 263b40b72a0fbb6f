"""Обмен данными: this installation's key, the keys it trusts, the packet log, and the two big packet buttons."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.errors import KuratorError
from app.models.reference import INSTALLATION_KINDS, PACKET_DIRECTIONS
from app.services import exchange
from app.services.exchange import keys, peers, signing
from app.services.installation import get_installation, require_installation
from app.services.output.atomic_write import write_bytes_atomically

from ..widgets.refresh import RefreshWhenShown
from ..widgets.tabbed_page import page_title
from ..workspace import Workspace
from .common import (
    KEY_FILTER,
    NOTE_STYLE,
    PACKET_FILTER,
    fill_table,
    fingerprint_label,
    local_time,
    read_only_table,
    styled_label,
)
from .export_dialog import ExportDialog
from .import_dialog import ImportDialog
from .keys_dialog import KeysDialog
from .trust_dialog import TrustDialog

BIG_BUTTON_STYLE = "font-size: 12pt; font-weight: 600; padding: 10px 22px;"
PEER_KINDS = {"school": "Школа", "district": "Орган управления"}
PEER_COLUMNS = ["Вид", "Код школы", "Наименование", "Отпечаток ключа", "Принят пакет №", "Подтверждён наш пакет №"]
LOG_COLUMNS = ["Дата", "Направление", "Отправитель", "№", "Итог", "Причина", "Подписал", "Подписан незаполненным"]
NO_KEY_TEXT = "Ключа подписи ещё нет. Создайте его, чтобы подписывать пакеты и передать отпечаток другой стороне."
NO_PEERS = {"school": "Ключ органа управления образованием ещё не зарегистрирован: без него пакеты района не принять.",
            "district": "Ключи школ ещё не зарегистрированы: пакеты школ принимаются только с зарегистрированным ключом."}
SIGNER_WIDTH = 280
REFUSED_COLOR = "#b00020"
DECLARED_COLOR = "#8a5a00"  # a packet signed off with sections declared unfinished
SAY_FINGERPRINT = "Продиктуйте этот отпечаток по телефону тому, кто регистрирует ваш ключ, и сверьте каждую группу."
SHOWN = {"installation", "peer", "packet_log"}


class ExchangePage(RefreshWhenShown, QWidget):
    """This installation, the keys it trusts and the packet log; refreshed when any of them changes."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.has_keys = False
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Обмен данными"))
        layout.addLayout(self._big_buttons())
        layout.addWidget(self._identity_box())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._peers_box())
        splitter.addWidget(self._log_box())
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        self.follow(SHOWN, year=False)

    def _big_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.export_button = QPushButton("Подготовить пакет…")
        self.export_button.clicked.connect(self.export_packet)
        self.import_button = QPushButton("Загрузить пакет…")
        self.import_button.clicked.connect(lambda: self.import_packet())
        for button in (self.export_button, self.import_button):
            button.setStyleSheet(BIG_BUTTON_STYLE)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _identity_box(self) -> QGroupBox:
        box = QGroupBox("Эта установка")
        layout = QVBoxLayout(box)
        self.identity = styled_label("font-weight: 600;")
        layout.addWidget(self.identity)
        self.fingerprint = fingerprint_label()
        layout.addWidget(self.fingerprint)
        self.key_hint = styled_label()
        layout.addWidget(self.key_hint)
        buttons = QHBoxLayout()
        self.save_key_button = QPushButton("Сохранить открытый ключ…")
        self.save_key_button.clicked.connect(self.save_public_key)
        self.create_keys_button = QPushButton("Создать ключи…")
        self.create_keys_button.clicked.connect(lambda: self.edit_keys(change=False))
        self.change_button = QPushButton("Сменить парольную фразу…")
        self.change_button.clicked.connect(lambda: self.edit_keys(change=True))
        for button in (self.save_key_button, self.create_keys_button, self.change_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def _peers_box(self) -> QGroupBox:
        box = QGroupBox("Зарегистрированные ключи")
        layout = QVBoxLayout(box)
        self.peers_table = read_only_table(PEER_COLUMNS, stretch=2)
        layout.addWidget(self.peers_table)
        self.no_peers = styled_label(NOTE_STYLE)
        layout.addWidget(self.no_peers)
        row = QHBoxLayout()
        trust = QPushButton("Зарегистрировать ключ…")
        trust.clicked.connect(self.trust_key)
        row.addWidget(trust)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _log_box(self) -> QGroupBox:
        box = QGroupBox("Журнал пакетов (новые сверху)")
        layout = QVBoxLayout(box)
        self.log_table = read_only_table(LOG_COLUMNS, stretch=LOG_COLUMNS.index("Причина"),
                                         widths={LOG_COLUMNS.index("Подписал"): SIGNER_WIDTH})
        layout.addWidget(self.log_table)
        return box

    # --- showing --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the identity, the peers and the packet log again."""
        with self.workspace.session() as session:
            installation = get_installation(session)
            self.has_keys = installation is not None and signing.has_keys(installation)
            self._show_identity(installation, signing.fingerprint_of_installation(session))
            listed = peers.list_peers(session)
            fill_table(self.peers_table, [self._peer_row(p) for p in listed])
            history = exchange.packet_history(session)
            fill_table(self.log_table, [self._log_row(line) for line in history])
        self.no_peers.setText(NO_PEERS.get(installation.kind if installation else "", ""))
        self.no_peers.setVisible(not listed)
        self._mark_refused(history)

    def _mark_refused(self, history) -> None:
        outcome, declared = LOG_COLUMNS.index("Итог"), LOG_COLUMNS.index("Подписан незаполненным")
        for row, line in enumerate(history):
            if not line.accepted:
                self.log_table.item(row, outcome).setForeground(QColor(REFUSED_COLOR))
            titles, details = exchange.declared_incomplete(line)
            if titles:
                self.log_table.item(row, declared).setForeground(QColor(DECLARED_COLOR))
                self.log_table.item(row, declared).setToolTip(details)

    def _show_identity(self, installation, fingerprint: str | None) -> None:
        for button in (self.export_button, self.import_button, self.create_keys_button):
            button.setEnabled(installation is not None)
        if installation is None:
            self.identity.setText("База ещё не настроена.")
            return
        code = f", код {installation.school_code}" if installation.school_code else ""
        self.identity.setText(f"{installation.name} — {INSTALLATION_KINDS.get(installation.kind, '')}{code}")
        self.fingerprint.setText(fingerprint or "")
        self.fingerprint.setVisible(self.has_keys)
        self.key_hint.setText(SAY_FINGERPRINT if self.has_keys else NO_KEY_TEXT)
        self.save_key_button.setVisible(self.has_keys)
        self.change_button.setVisible(self.has_keys)
        self.create_keys_button.setVisible(not self.has_keys)

    @staticmethod
    def _peer_row(peer) -> list[Any]:
        return [PEER_KINDS.get(peer.kind, peer.kind), peer.school_code or "", peer.name, peer.fingerprint,
                peer.last_sequence or "", peer.acknowledged_sequence or ""]

    @staticmethod
    def _log_row(line) -> list[Any]:
        sender = line.sender_name or ""
        if line.school_code and line.direction == "in":
            sender = f"{sender} ({line.school_code})"
        outcome = ("записан" if line.direction == "out" else "принят") if line.accepted else "отклонён"
        return [local_time(line.logged_at), PACKET_DIRECTIONS.get(line.direction, line.direction), sender,
                line.sequence if line.sequence is not None else "", outcome, line.reason or "", line.signed_off_by or "",
                exchange.declared_incomplete(line)[0]]

    # --- actions --------------------------------------------------------------------------------------

    def edit_keys(self, change: bool) -> bool:
        """Create the key pair or change its passphrase; True when done."""
        return KeysDialog(self.workspace, change, self).exec() == QDialog.DialogCode.Accepted

    def save_public_key(self) -> None:
        with self.workspace.session() as session:
            pem = signing.public_key(session)
            code = require_installation(session).school_code or "district"
        chosen, _ = QFileDialog.getSaveFileName(self, "Открытый ключ", str(Path.home() / f"kurator-{code}.pem"), KEY_FILTER)
        if not chosen:
            return
        try:
            write_bytes_atomically(Path(chosen), pem)
        except KuratorError as error:
            QMessageBox.warning(self, "Открытый ключ", error.message)
            return
        QMessageBox.information(self, "Открытый ключ", f"Открытый ключ записан: {chosen}\n"
                                f"Отпечаток: {keys.fingerprint(pem)}")

    def trust_key(self) -> None:
        TrustDialog(self.workspace, self).exec()

    def export_packet(self) -> None:
        """Sign-off dialog; without a key yet, the key is created first."""
        if not self.has_keys and not self.edit_keys(change=False):
            return
        ExportDialog(self.workspace, self).exec()

    def import_packet(self, path: Path | None = None) -> None:
        """Import dialog for `path`, or for a file the user picks."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Пакет обмена", str(Path.home()), PACKET_FILTER)
            if not chosen:
                return
            path = Path(chosen)
        ImportDialog(self.workspace, path, self).exec()

    def apply_filters(self, filters: dict[str, Any]) -> None:
        """Nothing to filter: the page shows everything."""
