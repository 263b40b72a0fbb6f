"""«Расшифровка»: the numerator and the denominator of an indicator's value, with the records behind each."""

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.indicators.catalogue import explain, get_indicator

from ..workspace import Workspace
from .form import export_rows
from .rows import Col, RowsModel, RowsTable, number

PARTS = (("numerator", "Числитель"), ("denominator", "Знаменатель"))


def records_model(records: list[dict]) -> RowsModel:
    """Columns from the records' own (Russian) keys; counts right-aligned."""
    titles = list(records[0]) if records else []
    numeric = {t for t in titles if any(isinstance(r.get(t), (int, float)) for r in records)}
    model = RowsModel([Col(t, t, numeric=t in numeric, width=110 if t in numeric else 0) for t in titles])
    model.set_rows(records)
    return model


class PartBox(QGroupBox):
    """One part: its label, its number, the table of records and «В Excel…»."""

    def __init__(self, workspace: Workspace, title: str, part: dict, file_stem: str, parent: QWidget | None = None):
        super().__init__(f"{title}: {number(part['value'])}", parent)
        layout = QVBoxLayout(self)
        label = QLabel(part["label"])
        label.setWordWrap(True)
        layout.addWidget(label)
        self.model = records_model(part["records"])
        self.table = RowsTable(self.model)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        bar = QHBoxLayout()
        self.count = QLabel(f"Записей: {len(part['records'])}")
        self.export_button = QPushButton("В Excel…")
        self.export_button.setEnabled(bool(part["records"]))
        self.export_button.clicked.connect(lambda: export_rows(self, workspace, self.model, title, f"{file_stem}.xlsx"))
        bar.addWidget(self.count)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)


class ExplainDialog(QDialog):
    """What stands behind the indicator's value for the year."""

    def __init__(self, workspace: Workspace, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        year = workspace.year
        with workspace.session() as session:
            indicator = get_indicator(session, code)
            name, unit = indicator.name, indicator.unit
            parts = explain(session, code, year)
        self.setWindowTitle(f"Расшифровка показателя {code} за {year} год")
        layout = QVBoxLayout(self)
        heading = QLabel(f"<b>{code}</b> {name} ({unit})")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.parts = {key: PartBox(workspace, title, parts[key], f"{code} {title.lower()} {year}")
                      for key, title in PARTS}
        for box in self.parts.values():
            layout.addWidget(box, 1)
        buttons = QDialogButtonBox()
        buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 720)
