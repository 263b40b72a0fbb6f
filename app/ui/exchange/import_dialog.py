"""Load a packet: check it completely, show what it would change (or why it is refused), then apply it."""

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import KuratorError
from app.services import exchange
from app.services.exchange import ImportPlan, ImportResult, PacketSender

from ..operations import EVERYTHING, ChangeOp, Changes
from ..workspace import Workspace
from .common import (
    NOTE_STYLE,
    OK_STYLE,
    PACKET_FILTER,
    REFUSED_STYLE,
    fill_table,
    fingerprint_label,
    local_time,
    read_only_table,
    styled_label,
)
from .trust_dialog import TrustDialog

UNCHANGED_DB = "База данных не изменена."
REPLAY_NOTE = f"{exchange.REPLAY_REASON}: применять нечего. {UNCHANGED_DB}"
UNKNOWN_REFUSAL = f"Пакет отклонён: ключ отправителя не зарегистрирован в этой базе.\n{UNCHANGED_DB}"
UNKNOWN_HINT = ("Ключ этого отправителя ещё не зарегистрирован. Позвоните отправителю и сверьте отпечаток: если он "
                "совпадает, зарегистрируйте ключ — пакет будет проверен заново.")
COLUMNS = ["Данные", "Создать", "Обновить", "Без изменений", "Отклонено"]
KIND_NAMES = {"school": "школа", "district": "орган управления образованием"}


@dataclass(frozen=True)
class Inspection:
    """What checking a packet gave: its plan, or the refusal and (for an unregistered sender) who sent it."""

    plan: ImportPlan | None = None
    refusal: KuratorError | None = None
    sender: PacketSender | None = None


def inspect_packet(database: Database, path: Path) -> Inspection:
    """Check a packet; a refusal is logged, and an unregistered sender is identified to offer trusting it."""
    try:
        with database.session() as session:
            return Inspection(plan=exchange.inspect_import(session, path))
    except KuratorError as error:
        manifest = getattr(error, "manifest", None)
        with database.session() as session:
            sender = exchange.unregistered_sender(session, path) if manifest else None
        exchange.log_packet(database, manifest, path, False, error.message)
        return Inspection(refusal=error, sender=sender)


class ImportDialog(QDialog):
    """One packet file: its check, the unregistered-sender offer or the plan, and «Применить»."""

    def __init__(self, workspace: Workspace, path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.path: Path | None = None
        self.inspection: Inspection | None = None
        self.result_of_apply: ImportResult | None = None
        self.setWindowTitle("Загрузка пакета")
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_row())
        self.status = styled_label()
        self.status.hide()
        layout.addWidget(self.status)
        layout.addWidget(self._unknown_box())
        self.main_layout = layout
        layout.addWidget(self._plan_box(), 1)
        layout.addStretch(0)  # takes the room while the plan or its table is hidden
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton("Применить", QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.clicked.connect(self.apply)
        buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_nothing()
        self.resize(760, 680)
        if path is not None:
            self.open_file(Path(path))

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file_label = styled_label("font-weight: 600;", "Файл пакета не выбран")
        choose = QPushButton("Выбрать файл…")
        choose.clicked.connect(self.choose_file)
        row.addWidget(self.file_label, 1)
        row.addWidget(choose)
        return row

    def _unknown_box(self) -> QGroupBox:
        self.unknown = QGroupBox("Отправитель не зарегистрирован")
        layout = QVBoxLayout(self.unknown)
        self.unknown_who = styled_label("font-weight: 600;")
        layout.addWidget(self.unknown_who)
        layout.addWidget(QLabel("Отпечаток ключа в пакете:"))
        self.unknown_fingerprint = fingerprint_label()
        layout.addWidget(self.unknown_fingerprint)
        hint = QLabel(UNKNOWN_HINT)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.register_button = QPushButton("Зарегистрировать ключ отправителя…")
        self.register_button.clicked.connect(self.register_sender)
        layout.addWidget(self.register_button)
        return self.unknown

    def _plan_box(self) -> QGroupBox:
        self.plan_box = QGroupBox("Что изменится")
        layout = QVBoxLayout(self.plan_box)
        self.facts = QFormLayout()
        self.fact_labels = {key: styled_label() for key in ("sender", "sequence", "period", "signed")}
        for key, title in (("sender", "Отправитель"), ("sequence", "Пакет"), ("period", "Период"), ("signed", "Подписал")):
            self.facts.addRow(title, self.fact_labels[key])
        layout.addLayout(self.facts)
        self.table = read_only_table(COLUMNS, stretch=0)
        layout.addWidget(self.table, 1)
        self.held_note = styled_label(NOTE_STYLE)
        layout.addWidget(self.held_note)
        self.conflicts_note = styled_label()
        layout.addWidget(self.conflicts_note)
        layout.addStretch(0)
        return self.plan_box

    # --- checking ---------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Пакет обмена", str(Path.home()), PACKET_FILTER)
        if chosen:
            self.open_file(Path(chosen))

    def open_file(self, path: Path) -> ChangeOp:
        """Check the packet at `path` in the background and show the outcome (a refusal is written to the log)."""
        self.path = path
        self.result_of_apply = None
        self.file_label.setText(f"Пакет: {path.name}")
        self.file_label.setToolTip(str(path))
        self._show_nothing()
        database = self.workspace.database
        return (ChangeOp(self, self.workspace, lambda _session: inspect_packet(database, path), Changes("packet_log"))
                .with_progress("Пакет проверяется…").success(self._inspected).failure(self._show_refusal).run())

    def _show_nothing(self) -> None:
        self.status.hide()
        self.unknown.hide()
        self.plan_box.hide()
        self.apply_button.setEnabled(False)

    def _inspected(self, inspection: Inspection) -> None:
        self.inspection = inspection
        if inspection.plan is not None:
            self._show_plan(inspection.plan)
        elif inspection.sender is not None:
            self._set_status(UNKNOWN_REFUSAL, REFUSED_STYLE)
            self._show_unknown(inspection.sender)
        else:
            self._show_refusal(inspection.refusal)

    def _show_refusal(self, error: KuratorError) -> None:
        self._set_status(f"{error.message}\n{UNCHANGED_DB}", REFUSED_STYLE)

    def _show_unknown(self, sender: PacketSender) -> None:
        code = f", код {sender.school_code}" if sender.school_code else ""
        self.unknown_who.setText(f"«{sender.name}» ({KIND_NAMES.get(sender.kind, sender.kind)}{code})")
        self.unknown_fingerprint.setText(sender.fingerprint)
        self.unknown.show()

    def _show_plan(self, plan: ImportPlan) -> None:
        manifest = plan.manifest
        for key, text in self._facts(manifest).items():
            self.fact_labels[key].setText(text)
        rows = [[t["title"], t["create"], t["update"], t["unchanged"], t["held_back"]] for t in plan.by_table()]
        fill_table(self.table, rows)
        self.table.setVisible(not plan.replay)
        self.main_layout.setStretchFactor(self.plan_box, 0 if plan.replay else 1)
        self._show_held_back(plan)
        self._show_conflicts(plan)
        self.plan_box.show()
        self.apply_button.setEnabled(not plan.replay and (plan.created + plan.updated) > 0)
        if plan.replay:
            self._set_status(REPLAY_NOTE, NOTE_STYLE)
            return
        total = f"Проверка пройдена: создать {plan.created}, обновить {plan.updated}, без изменений {plan.unchanged}"
        self._set_status(total + (f", отклонено {plan.refused}." if plan.refused else "."), OK_STYLE)

    @staticmethod
    def _facts(manifest: dict) -> dict[str, str]:
        sender, signed = manifest["sender"], manifest["signed_off_by"]
        code = f" (код {sender['school_code']})" if sender.get("school_code") else ""
        created, since, signed_at = (_moment(manifest.get("created_at")), _moment(manifest.get("since")),
                                     _moment(signed.get("at")))
        scope = "полная выгрузка" if manifest.get("full") or not since else f"изменения с {since}"
        signer = ", ".join(str(v) for v in (signed.get("name"), signed.get("position")) if v)
        return {
            "sender": f"{sender['name']}{code}",
            "sequence": f"№ {manifest['sequence']}" + (f" от {created}" if created else ""),
            "period": f"{manifest['period']}; {scope}",
            "signed": signer + (f" — {signed_at}" if signed_at else ""),
        }

    def _show_held_back(self, plan: ImportPlan) -> None:
        reasons = sorted({reason for t in plan.by_table() for reason in t["held_back_reasons"]})
        self.held_note.setText(f"Не будут загружены {plan.refused} записей: {'; '.join(reasons)}. "
                               "Они придут снова с полной выгрузкой." if plan.refused else "")
        self.held_note.setVisible(bool(plan.refused))

    def _show_conflicts(self, plan: ImportPlan) -> None:
        lines = [f"• «{exchange.table_title(c.table)}», запись {c.record_id[:8]}… — автор {c.author or 'не указан'}"
                 for c in plan.conflicts]
        self.conflicts_note.setText("Ваши предложения к записям, которые меняет пакет, сохранены — решите их после "
                                    "загрузки:\n" + "\n".join(lines) if lines else "")
        self.conflicts_note.setVisible(bool(lines))

    def _set_status(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)
        self.status.show()

    # --- trusting the sender, applying --------------------------------------------------------------

    def register_sender(self) -> None:
        """Open the trust dialog with the packet's key; once registered, check the packet again."""
        sender = self.inspection.sender if self.inspection else None
        if sender is None:
            return
        dialog = TrustDialog(self.workspace, self, pem=sender.public_pem, source=f"из пакета {self.path.name}",
                             school_code=sender.school_code, name=sender.name)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.open_file(self.path)

    def apply(self) -> ChangeOp | None:
        """Apply the checked plan in one transaction (in the background) and report what changed."""
        plan = self.inspection.plan if self.inspection else None
        if plan is None or plan.replay:
            return None
        self.apply_button.setEnabled(False)
        database = self.workspace.database
        return (ChangeOp(self, self.workspace, lambda _session: exchange.apply_import(database, plan),
                         Changes(EVERYTHING))
                .with_progress("Пакет применяется…").success(self._applied).failure(self._show_refusal).run())

    def _applied(self, result: ImportResult) -> None:
        self.result_of_apply = result
        self._set_status(result.reason or "Пакет принят.", OK_STYLE)


def _moment(value: object) -> str:
    """An ISO moment from a manifest (UTC unless it says otherwise) as local «dd.MM.yyyy HH:mm»."""
    if not isinstance(value, str):
        return ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    return local_time(moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment)
