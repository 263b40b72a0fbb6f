"""Sign-off: what the packet will carry, who signs it, and the signed file written where the user says."""

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import KuratorError
from app.services import exchange
from app.services.exchange import ExportPlan, peers
from app.services.exchange.packet import FILE_SUFFIX
from app.services.installation import require_installation

from ..operations import ChangeOp, Changes, QueryOp
from ..widgets.field_errors import FieldErrors
from ..workspace import Workspace
from .checklist_box import ChecklistBox
from .common import (
    OK_STYLE,
    PACKET_FILTER,
    REFUSED_STYLE,
    fill_table,
    local_time,
    read_only_table,
    styled_label,
)

DEFAULT_POSITION = {"school": "Заместитель директора по УВР", "district": ""}
EJECT = "Безопасно извлеките флешку перед тем, как вынуть её из компьютера."
GAPS_NOT_ACCEPTED = ("Не всё заполнено: заполните разделы, отмеченные «✗», или отметьте «Подписать с незаполненными "
                     "разделами».")
NO_SCHOOLS = "Нет зарегистрированных школ: сначала зарегистрируйте ключ школы («Зарегистрировать ключ…»)."
FULL_FIRST = "все записи: получатель ещё не подтвердил ни одного вашего пакета, изменений отсчитывать не от чего"


class ExportDialog(QDialog):
    """Plan a packet (to a chosen school at a district), show what it carries, sign it and save it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.plan: ExportPlan | None = None
        self.written: Path | None = None
        with workspace.session() as session:
            installation = require_installation(session)
            self.kind = installation.kind
            schools = [(p.school_code, p.name) for p in peers.list_peers(session) if p.kind == "school"]
            district = peers.find_district_peer(session)
            self.recipient_name = district.name if district else "орган управления образованием"
        self.setWindowTitle("Подготовка пакета")
        layout = QVBoxLayout(self)
        layout.addLayout(self._recipient_row(schools))
        layout.addWidget(self._contents_box(), 1)
        self.checklist: ChecklistBox | None = None
        if self.kind == "school":
            self.checklist = ChecklistBox()
            self.checklist.changed.connect(self._update_sign_button)
            self.checklist.open_requested.connect(self._open_elsewhere)
            layout.addWidget(self.checklist)
        layout.addWidget(self._sign_box())
        self.status = styled_label()
        self.status.hide()
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.sign_button = buttons.addButton("Подписать и сохранить…", QDialogButtonBox.ButtonRole.ActionRole)
        self.sign_button.clicked.connect(self.sign_and_save)
        self.close_button = buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 700)
        self.replan()

    def _recipient_row(self, schools: list[tuple[str, str]]) -> QFormLayout:
        form = QFormLayout()
        self.school = QComboBox()
        for code, name in schools:
            self.school.addItem(f"{code} — {name}", code)
        if self.kind == "district":
            form.addRow("Школа-получатель", self.school)
            self.school.currentIndexChanged.connect(lambda _index: self.replan())
        else:
            form.addRow("Получатель", QLabel(self.recipient_name))
        return form

    def _contents_box(self) -> QGroupBox:
        box = QGroupBox("Что войдёт в пакет")
        layout = QVBoxLayout(box)
        self.summary = styled_label()
        layout.addWidget(self.summary)
        self.full = QCheckBox("Полная выгрузка (все записи, а не только изменения)")
        self.full.toggled.connect(lambda _checked: self.replan())
        layout.addWidget(self.full)
        self.counts = read_only_table(["Данные", "Записей"], stretch=0)
        layout.addWidget(self.counts, 1)
        return box

    def _sign_box(self) -> QGroupBox:
        box = QGroupBox("Подписание")
        self.messages = FieldErrors(QFormLayout(box))
        self.signer = QLineEdit(placeholderText="Фамилия Имя Отчество")
        self.position = QLineEdit(DEFAULT_POSITION[self.kind], placeholderText="должность")
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.messages.add_row("signer_name", "ФИО подписывающего", self.signer)
        self.messages.add_row("position", "Должность", self.position)
        self.messages.add_row("passphrase", "Парольная фраза", self.passphrase)
        return box

    # --- planning ---------------------------------------------------------------------------------------

    def recipient_code(self) -> str | None:
        return self.school.currentData() if self.kind == "district" else None

    def replan(self) -> QueryOp | None:
        """Plan the packet again for the chosen school and the «Полная выгрузка» box (in the background)."""
        self.plan = None
        self.sign_button.setEnabled(False)
        if self.kind == "district" and self.recipient_code() is None:
            self.summary.setText(NO_SCHOOLS)
            fill_table(self.counts, [])
            return None
        code, full, year = self.recipient_code(), self.full.isChecked(), self.workspace.year
        files_dir = self.workspace.database.location.files_dir
        return (QueryOp(self, self.workspace, lambda session: exchange.plan_export(
            session, code, full=full, period=year, files_dir=files_dir), self._planned)
                .with_progress("Подбираются записи для пакета…")
                .failure(lambda error: self._show_status(error.message, REFUSED_STYLE)).run())

    def _planned(self, plan: ExportPlan) -> None:
        self.plan = plan
        fill_table(self.counts, [[row["title"], row["rows"]] for row in plan.summary()["tables"]])
        self.summary.setText(self._summary_text(plan, self.full.isChecked()))
        if self.checklist is not None and plan.checklist is not None:
            self.checklist.show_checklist(plan.checklist)
        self._update_sign_button()

    def _update_sign_button(self) -> None:
        """Signing needs records to send, no packet written yet, and at a school a checklist filled or accepted."""
        plan = self.plan
        self.sign_button.setEnabled(plan is not None and plan.total > 0 and self.written is None
                                    and (self.checklist is None or self.checklist.ready()))

    def _open_elsewhere(self, page: str, filters: dict) -> None:
        """Leave the sign-off for the page where a missing section is filled."""
        self.reject()
        self.workspace.navigate.emit(page, filters)

    @staticmethod
    def _summary_text(plan: ExportPlan, full_chosen: bool) -> str:
        summary = plan.summary()
        what = f"изменения с {local_time(plan.since)}"
        if plan.full:
            what = "полная выгрузка" if full_chosen else FULL_FIRST
        lines = [f"Период: {plan.period} год; {what}.", f"Всего записей: {summary['total']}"]
        if summary["tombstones"]:
            lines[-1] += f", из них удалённых: {summary['tombstones']}"
        files = exchange.files_phrase(summary["files"])
        if files:
            lines.append(files)
        if not plan.total:
            lines.append("Изменений нет: отправлять нечего. Отметьте «Полная выгрузка», чтобы отправить всё заново.")
        return "\n".join(lines)

    # --- sign-off ---------------------------------------------------------------------------------------

    def sign_and_save(self) -> ChangeOp | None:
        """Check the signer's fields, ask where to save, then sign and write the packet in the background."""
        if self.plan is None:
            return None
        try:
            exchange.check_sign_off(self.signer.text(), self.position.text())
        except KuratorError as error:
            self._refused(error)
            return None
        if not self.passphrase.text():
            self.messages.show({"passphrase": "Введите парольную фразу ключа подписи."})
            return None
        if self.checklist is not None and not self.checklist.ready():
            self._show_status(GAPS_NOT_ACCEPTED, REFUSED_STYLE)
            return None
        self.messages.clear()
        target = self._ask_target()
        if target is None:
            return None
        plan, signer, position, passphrase = self.plan, self.signer.text(), self.position.text(), self.passphrase.text()
        return (ChangeOp(self, self.workspace,
                         lambda session: exchange.write_export(session, plan, target, signer, position, passphrase),
                         Changes("packet_log")).with_progress("Пакет подписывается и записывается…")
                .success(self._written).failure(self._refused).run())

    def _ask_target(self) -> Path | None:
        with self.workspace.session() as session:
            name = exchange.next_packet_name(session, self.plan)
        chosen, _ = QFileDialog.getSaveFileName(self, "Сохранить пакет", str(Path.home() / name), PACKET_FILTER)
        if not chosen:
            return None
        target = Path(chosen)
        if not target.is_dir() and target.suffix.lower() != FILE_SUFFIX:
            target = target.with_name(target.name + FILE_SUFFIX)
        return target

    def _written(self, path: Path) -> None:
        self.written = path
        self.passphrase.clear()
        self.sign_button.setEnabled(False)
        self._show_status(f"Пакет подписан и записан:\n{path}\n\n{EJECT}", OK_STYLE)

    def _refused(self, error: KuratorError) -> None:
        if self.messages.show_refusal(error):
            self.status.hide()
        else:
            self._show_status(error.message, REFUSED_STYLE)

    def _show_status(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)
        self.status.show()
