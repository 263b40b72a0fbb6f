"""An event's open proposals in its card: each field as the owner has it now beside the local proposal, and the
choice — keep the owner's version, or keep proposing one's own."""

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.roadmaps.proposals import event_proposals, resolve_proposal

from ..operations import ChangeOp, Changes
from ..workspace import Workspace
from .statuses import plain_table, read_only_item

COLUMNS = (("Поле", 150), ("У владельца сейчас", 300), ("Ваше предложение", 300))


class ProposalsBox(QGroupBox):
    def __init__(self, workspace: Workspace, event_id: str, parent: QWidget | None = None):
        super().__init__("Предложения к мероприятию", parent)
        self.workspace, self.event_id = workspace, event_id
        self.box = QVBoxLayout(self)
        self.fill()

    def fill(self) -> None:
        while self.box.count():
            item = self.box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        with self.workspace.session() as session:
            self.proposals = event_proposals(session, self.event_id)
        self.setVisible(bool(self.proposals))
        for proposal in self.proposals:
            self.box.addWidget(self._one(proposal))

    def _one(self, proposal: dict) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        heading = f"Предложение ({proposal['author']}, {proposal['created_at'][:10]})"
        if proposal["conflict"]:
            heading += " — владелец изменил мероприятие после вашего предложения: выберите версию."
        box.addWidget(QLabel(heading))
        table = plain_table(COLUMNS)
        table.setRowCount(len(proposal["fields"]))
        for row, field in enumerate(proposal["fields"]):
            for column, text in enumerate((field["label"], field["theirs"], field["mine"])):
                table.setItem(row, column, read_only_item(text))
        table.setMaximumHeight(120)
        box.addWidget(table)
        buttons = QHBoxLayout()
        for label, keep in (("Оставить версию владельца", "theirs"), ("Оставить моё предложение", "mine")):
            button = QPushButton(label)
            button.clicked.connect(lambda _checked=False, k=keep, p=proposal["id"]: self.resolve(p, k))
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        return panel

    def resolve(self, proposal_id: str, keep: str) -> ChangeOp:
        return ChangeOp(self, self.workspace, lambda session: resolve_proposal(session, proposal_id, keep).status,
                        Changes("roadmap")).success(lambda _status: self.fill()).run()
