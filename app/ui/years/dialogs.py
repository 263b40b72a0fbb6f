"""«Начать год…» and the decision on one proposed status (keep, change, drop — with a basis)."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import SCHOOL_STATUSES, STATUS_DECISIONS
from app.services.records.common import FIRST_YEAR, LAST_YEAR
from app.services.years.start import YearStart, start_year
from app.services.years.statuses import ProposalRow, decide

from ..operations import ChangeOp, Changes
from ..widgets.field_errors import FieldErrors
from ..workspace import Workspace

START_NOTE = ("Статусы школ прошлого года станут предложениями: каждое нужно будет оставить, изменить или снять с "
              "основанием. Повторяющиеся мероприятия дорожных карт («Ежегодно», «Ежемесячно») получат сроки нового "
              "года, цели показателей сохранятся, прошлый год будет закрыт: принятые разделы данных школ за него "
              "закрепляются. Повторный запуск ничего не дублирует.")
SCHOOL_START_NOTE = ("Повторяющиеся мероприятия дорожной карты школы («Ежегодно», «Ежемесячно», «Постоянно») получат "
                     "сроки нового года; разовые останутся в своём году. Статусы школ и цели показателей ведёт район. "
                     "Повторный запуск ничего не дублирует.")
YEAR_CHANGES = Changes("school_status", "roadmap", "indicator", "status_proposal", "submission")
ACTIONS = {"kept": "Оставить", "changed": "Изменить", "dropped": "Снять"}


def _buttons(dialog: QDialog, accept: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox()
    buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.rejected.connect(dialog.reject)
    return buttons


class StartYearDialog(QDialog):
    """Which year to begin (the one after the year in the toolbar), what beginning it does, and «Начать»."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.result_of_start: YearStart | None = None
        self.setWindowTitle("Начать новый год")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.year = QSpinBox()
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(workspace.year + 1)
        form.addRow("Начать год", self.year)
        layout.addLayout(form)
        scope = workspace.scope()
        note = QLabel(SCHOOL_START_NOTE if scope and scope.is_school else START_NOTE)
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = _buttons(self, "Начать")
        buttons.accepted.connect(self.start)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def start(self) -> ChangeOp:
        year = self.year.value()
        return (ChangeOp(self, self.workspace, lambda session: start_year(session, year), YEAR_CHANGES)
                .with_progress(f"Начинается {year} год…").success(self._started).run())

    def _started(self, result: YearStart) -> None:
        self.result_of_start = result
        self.workspace.set_year(result.year)
        QMessageBox.information(self, "Новый год", "\n\n".join(result.lines()))
        self.accept()


class ProposalDialog(QDialog):
    """One proposed status: keep it, change it to another status, or drop it — with the basis of the decision."""

    def __init__(self, workspace: Workspace, proposal: ProposalRow, decision: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.proposal, self.decision = workspace, proposal, decision
        self.setWindowTitle(f"{ACTIONS[decision]} статус")
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{proposal.school}</b>: {SCHOOL_STATUSES[proposal.status]} в {proposal.source_year} году"
                         + (f" (основание: {proposal.source_basis})" if proposal.source_basis else ""))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self.new_status = QComboBox()
        for code, label in SCHOOL_STATUSES.items():
            if code != proposal.status:
                self.new_status.addItem(label, code)
        if decision == "changed":
            self.errors.add_row("new_status", "Новый статус", self.new_status)
        self.basis = QPlainTextEdit(proposal.basis or "")
        self.basis.setTabChangesFocus(True)
        self.basis.setPlaceholderText("Приказ, протокол, результаты отбора…")
        self.basis.setFixedHeight(96)
        self.errors.add_row("basis", "Основание *", self.basis)
        layout.addLayout(form)
        buttons = _buttons(self, f"{ACTIONS[decision]} — {STATUS_DECISIONS[decision].lower()}")
        buttons.accepted.connect(self.save)
        layout.addWidget(buttons)
        self.resize(600, self.sizeHint().height())

    def save(self) -> ChangeOp:
        proposal_id, decision = self.proposal.id, self.decision
        basis = self.basis.toPlainText()
        new_status = self.new_status.currentData() if decision == "changed" else None
        return (ChangeOp(self, self.workspace, lambda session: decide(session, proposal_id, decision, basis, new_status),
                         Changes("school_status", "status_proposal")).fields(self.errors, "basis")
                .success(lambda _proposal: self.accept()).run())
