"""«Факторы риска» (the district): the list of risk factors as reference data, and how many priority risks a school
may choose."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.services.risks.factors import MAX_PRIORITY_LIMIT, priority_limit, set_priority_limit

from ..operations import ChangeOp, Changes, QueryOp
from ..widgets.field_errors import FieldErrors
from ..widgets.record_dialog import opening_records
from ..widgets.table_page import TablePage
from ..workspace import Workspace


class FactorsTab(QWidget):
    """The factors' list and form from the registry (entity «risk_factor»), and the priority limit above it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Приоритетных рисков школа выбирает не больше:"))
        self.limit = QSpinBox()
        self.limit.setRange(1, MAX_PRIORITY_LIMIT)
        self.errors = FieldErrors()
        bar.addWidget(self.errors.cell("priority_limit", self.limit))
        self.save_button = QPushButton("Сохранить")
        self.save_button.clicked.connect(self.save_limit)
        bar.addWidget(self.save_button)
        bar.addWidget(QLabel("(по методике ФИОКО — 3)"))
        bar.addStretch(1)
        layout.addLayout(bar)
        self.factors = opening_records(TablePage(workspace, "risk_factor", use_year=False))
        layout.addWidget(self.factors, 1)
        QueryOp(self, workspace, priority_limit, self.limit.setValue).run()

    def save_limit(self) -> ChangeOp:
        limit = self.limit.value()
        return (ChangeOp(self, self.workspace, lambda session: set_priority_limit(session, limit),
                         Changes("risk_factor")).fields(self.errors).success(lambda _limit: self.errors.clear()).run())
