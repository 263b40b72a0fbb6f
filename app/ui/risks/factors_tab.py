"""«Факторы риска» (the district): the list of risk factors as reference data (the methodology's ten can be added
back to a database set up before they were preloaded), and how many priority risks a school may choose."""

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.services.risks.factors import MAX_PRIORITY_LIMIT, priority_limit, seed_factors, set_priority_limit

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
        self.seed_button = QPushButton("Добавить недостающие факторы методики")
        self.seed_button.setToolTip("Десять факторов риска методики ФИОКО, которых нет в перечне (удалённые не "
                                    "возвращаются).")
        self.seed_button.clicked.connect(self.add_standard)
        self.factors.extra_bar.addWidget(self.seed_button)  # beside «Создать…», the list's other ways to add
        layout.addWidget(self.factors, 1)
        QueryOp(self, workspace, priority_limit, self.limit.setValue).run()

    def add_standard(self) -> ChangeOp:
        return (ChangeOp(self, self.workspace, seed_factors, Changes("risk_factor"))
                .success(lambda added: QMessageBox.information(self, "Факторы риска", f"Добавлено факторов: {added}."))
                .run())

    def save_limit(self) -> ChangeOp:
        limit = self.limit.value()
        return (ChangeOp(self, self.workspace, lambda session: set_priority_limit(session, limit),
                         Changes("risk_factor")).fields(self.errors).success(lambda _limit: self.errors.clear()).run())
