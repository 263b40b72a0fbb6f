"""The sign-off checklist in the school's «Подготовка пакета»: per section what is filled and what is missing for
the period, «Открыть» to go and fill it, and the explicit choice to sign with gaps (the packet records them)."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.school.checklist import Checklist, ChecklistSection

DONE_STYLE = "color: #1b5e20;"
MISSING_STYLE = "color: #8a5a00;"
GAPS_TEXT = "Подписать с незаполненными разделами — в пакете будет указано, что они не заполнены, и район это увидит"


class ChecklistBox(QGroupBox):
    """Emits `open_requested(page, filters)` for a section's «Открыть»; `ready()` says whether signing may go on."""

    open_requested = Signal(str, dict)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__("Перед подписанием", parent)
        layout = QVBoxLayout(self)
        self.rows = QGridLayout()
        self.rows.setColumnStretch(1, 1)
        layout.addLayout(self.rows)
        self.accept_gaps = QCheckBox(GAPS_TEXT)
        self.accept_gaps.toggled.connect(lambda _on: self.changed.emit())
        layout.addWidget(self.accept_gaps)
        self.checklist: Checklist | None = None

    def show_checklist(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self.setTitle(f"Перед подписанием: что заполнено за {checklist.year} год")
        while self.rows.count():
            self.rows.takeAt(0).widget().deleteLater()
        for row, section in enumerate(checklist.sections):
            self._add(row, section)
        self.accept_gaps.setChecked(False)
        self.accept_gaps.setVisible(bool(checklist.incomplete))
        self.changed.emit()

    def _add(self, row: int, section: ChecklistSection) -> None:
        mark = QLabel("✓" if section.complete else "✗")
        mark.setStyleSheet(DONE_STYLE if section.complete else MISSING_STYLE)
        details = "; ".join(section.missing) if section.missing else "; ".join(section.filled) or "заполнено"
        text = QLabel(f"<b>{section.title}</b>: {details}")
        text.setWordWrap(True)
        text.setStyleSheet(DONE_STYLE if section.complete else MISSING_STYLE)
        self.rows.addWidget(mark, row, 0, Qt.AlignmentFlag.AlignTop)
        self.rows.addWidget(text, row, 1)
        if not section.complete:
            go = QPushButton("Открыть")
            go.setToolTip("Закрыть подготовку пакета и перейти туда, где это заполняется")
            go.clicked.connect(lambda _checked=False: self.open_requested.emit(section.page, dict(section.filters)))
            self.rows.addWidget(go, row, 2, Qt.AlignmentFlag.AlignTop)

    def ready(self) -> bool:
        """Whether the packet may be signed: nothing is missing, or the signer chose to sign with the gaps."""
        return self.checklist is not None and (not self.checklist.incomplete or self.accept_gaps.isChecked())
