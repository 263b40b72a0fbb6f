"""«Статусы на новый год» (Школы page, district): last year's statuses proposed for the year in the toolbar, each
waiting for «Оставить», «Изменить» or «Снять» with a basis; and «Начать год…»."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.models.reference import SCHOOL_STATUSES
from app.services.years.statuses import PENDING, ProposalRow, list_proposals

from ..widgets.refresh import RefreshWhenShown
from ..widgets.small_table import fill_table, read_only_table
from ..workspace import Workspace
from .dialogs import ACTIONS, ProposalDialog, StartYearDialog

HEADERS = ["Код", "Школа", "Статус", "Основание прошлого года", "Решение", "Основание решения"]
SOURCE_WIDTH = 280


class ProposalsTab(RefreshWhenShown, QWidget):
    """The proposals of the selected year with their decisions; a row is decided through ProposalDialog."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.rows: list[ProposalRow] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        bar = QHBoxLayout()
        self.buttons = {decision: QPushButton(f"{label}…") for decision, label in ACTIONS.items()}
        for decision, button in self.buttons.items():
            button.clicked.connect(lambda _checked=False, chosen=decision: self.decide(chosen))
            bar.addWidget(button)
        bar.addStretch(1)
        self.start_button = QPushButton("Начать новый год…")
        self.start_button.clicked.connect(self.start_year)
        bar.addWidget(self.start_button)
        layout.addLayout(bar)
        self.table = read_only_table(HEADERS, stretch=5, widths={3: SOURCE_WIDTH})  # long orders: whole in the tooltip
        self.table.doubleClicked.connect(lambda _index: self.decide("kept"))
        layout.addWidget(self.table, 1)
        self.follow({"school_status", "status_proposal", "school"})

    def refresh(self):
        year = self.workspace.year
        return self.load(lambda session: list_proposals(session, year), lambda rows: self._show(year, rows))

    def _show(self, year: int, rows: list[ProposalRow]) -> None:
        self.rows = rows
        fill_table(self.table, [[r.school_code, r.school, f"{SCHOOL_STATUSES[r.status]} ({r.source_year})",
                                 r.source_basis, r.outcome, r.basis] for r in rows])
        waiting = sum(1 for r in rows if r.outcome == PENDING)
        self.summary.setText(
            f"Статусы, предложенные на {year} год: {len(rows)}, ждут решения: {waiting}. Пока решения нет, статуса на "
            f"{year} год у школы нет, и показатели по ШНОР и ШНСУ показывают «нет данных»." if rows else
            f"На {year} год статусы не предлагались. «Начать новый год…» предлагает статусы прошлого года на решение.")
        for button in self.buttons.values():
            button.setEnabled(bool(rows))

    def selected(self) -> ProposalRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def decide(self, decision: str) -> ProposalDialog | None:
        proposal = self.selected()
        if proposal is None:
            self.summary.setText("Выберите статус в списке.")
            return None
        dialog = ProposalDialog(self.workspace, proposal, decision, self)
        dialog.open()
        return dialog

    def start_year(self) -> StartYearDialog:
        dialog = StartYearDialog(self.workspace, self)
        dialog.open()
        return dialog
