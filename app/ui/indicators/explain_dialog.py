"""«Расшифровка»: an indicator's value for the year (or half-year), district-wide or for one school — its definition,
numerator and denominator, and every record behind them with what the rule looked at (the same data as
`kurator indicators explain CODE --year Y [--school CODE] --json`)."""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.indicators.catalogue import get_indicator
from app.services.indicators.explain import Explanation, explain

from ..operations import QueryOp
from ..workspace import Workspace
from .form import export_rows
from .rows import Col, RowsModel, RowsTable, number

COUNTED = QColor("#cdebd0")
FIXED = [Col("school", "Школа", width=260), Col("label", "Запись", width=240),
         Col("in_numerator", "В числителе", lambda v: "да" if v else "нет", 95)]


def record_rows(explanation: Explanation) -> tuple[list[Col], list[dict]]:
    """The records as table rows: school, record, whether counted, then every value the rule used, as columns."""
    titles: dict[str, bool] = {}
    for record in explanation["records"]:
        for title, value in record["values"].items():
            titles[title] = titles.get(title, False) or isinstance(value, (int, float))
    value_columns = [Col(f"v:{t}", t, width=130, numeric=numeric) for t, numeric in titles.items()]
    rows = [{"school": r["school"], "label": r["label"], "in_numerator": r["in_numerator"]}
            | {f"v:{t}": v for t, v in r["values"].items()} for r in explanation["records"]]
    return FIXED + value_columns, rows


def counted_colour(row: dict, key: str) -> QColor | None:
    return COUNTED if key == "in_numerator" and row["in_numerator"] else None


def value_line(explanation: Explanation, unit: str) -> str:
    if explanation["value"] is None:
        return f"<b>Нет данных:</b> {explanation['reason'] or 'значение не введено'}."
    return (f"<b>{number(explanation['value'])} {unit}</b> = числитель {number(explanation['numerator'])} / "
            f"знаменатель {number(explanation['denominator'])}" + (" × 100" if unit == "%" else ""))


class ExplainDialog(QDialog):
    """What stands behind the indicator's value; read off the UI thread (a region's records may be many)."""

    def __init__(self, workspace: Workspace, code: str, parent: QWidget | None = None, half: int = 0,
                 school_code: str | None = None, title: str = ""):
        super().__init__(parent)
        self.workspace, self.code, self.loaded = workspace, code, False
        self.setWindowTitle(f"Расшифровка показателя {code}" + (f" — {title}" if title else ""))
        layout = QVBoxLayout(self)
        self.heading, self.value, self.definition = QLabel("Идёт расчёт…"), QLabel(), QLabel()
        self.parts = QLabel()
        for label in (self.heading, self.value, self.definition, self.parts):
            label.setWordWrap(True)
            layout.addWidget(label)
        self.definition.setStyleSheet("color: #444;")
        self.model = RowsModel(FIXED, cell_colour=counted_colour)
        self.table = RowsTable(self.model)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.count = QLabel()
        self.export_button = QPushButton("В Excel…")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        bar.addWidget(self.count)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        buttons = QDialogButtonBox()
        buttons.addButton("Закрыть", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 720)
        year = workspace.year
        QueryOp(self, workspace, lambda session: self._read(session, year, half, school_code), self._show).run()

    def _read(self, session, year: int, half: int, school_code: str | None) -> tuple[Explanation, str, str]:
        indicator = get_indicator(session, self.code)
        return explain(session, self.code, year, school_code, half), indicator.name, indicator.unit

    def _show(self, result: tuple[Explanation, str, str]) -> None:
        explanation, name, unit = result
        self.explanation = explanation
        where = f", школа {explanation['school']}" if explanation["school"] else ""
        self.heading.setText(f"<b>{explanation['code']}</b> {name} ({unit}) — {explanation['period']}{where}")
        self.value.setText(value_line(explanation, unit))
        self.definition.setText(explanation["definition"].replace("\n", "<br>"))
        self.parts.setText(f"Числитель: {explanation['numerator_label']}<br>"
                           f"Знаменатель: {explanation['denominator_label']}")
        columns, rows = record_rows(explanation)
        self.model.columns = columns
        self.model.set_rows(rows)
        for index, column in enumerate(columns):
            self.table.setColumnWidth(index, column.width)
        counted = sum(1 for row in rows if row["in_numerator"])
        self.count.setText(f"Записей: {len(rows)}, из них в числителе: {counted}")
        self.export_button.setEnabled(bool(rows))
        self.loaded = True

    def export(self) -> None:
        stem = f"{self.code} расшифровка {self.explanation['period']}"
        export_rows(self, self.workspace, self.model, f"Расшифровка {self.code}", f"{stem}.xlsx")
