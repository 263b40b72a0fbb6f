"""«Показатели» at a school: each program indicator's value for this school (over its own records), the district's
value from the district's summary («по данным района на ДАТА») and the year's target."""

from dataclasses import asdict

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.analytics.district_summary import district_figures
from app.services.installation import DISTRICT_DATA_MISSING
from app.services.indicators.per_school import STANDINGS
from app.services.installation import own_school
from app.services.school.summary import indicator_lines

from ..operations import EVERYTHING, QueryOp
from ..widgets.refresh import RefreshWhenShown
from ..widgets.tabbed_page import page_title
from ..workspace import Workspace
from .form import export_rows
from .schools_tab import COLOURS
from .rows import STRETCH, Col, RowsModel, RowsTable, column_number, labels

NO_INDICATORS = "Показателей программы пока нет: их перечень и цели приходят в пакете от района."


def columns(year: int) -> list[Col]:
    return [
        Col("code", "Код", width=60), Col("name", "Показатель", width=STRETCH), Col("unit", "Ед.", width=45),
        Col("value", f"Школа {year}", column_number, 90, True), Col("district", f"Район {year}", column_number, 90, True),
        Col("target", f"Цель {year}", column_number, 80, True), Col("standing", "Итог", labels(STANDINGS), 250),
        Col("reason", "Примечание", width=260),
    ]


def standing_colour(row: dict) -> QColor | None:
    """The colour «Показатели по школам» gives the same standing."""
    colour = COLOURS.get(row["standing"])
    return QColor(colour) if colour else None


def school_rows(session, year: int) -> tuple[list[dict], str]:
    """The table's rows and the line that says where the district's values come from."""
    school = own_school(session)
    district = district_figures(session, school.id, year)
    rows = [asdict(line) | {"standing": line.standing} for line in indicator_lines(session, school.id, year, district)]
    source = (f"Значения района — {district.as_of_text}." if district else
              f"Значения района: {DISTRICT_DATA_MISSING} — они приходят в пакете от района.")
    return rows, source if rows else NO_INDICATORS


class SchoolIndicatorsPage(RefreshWhenShown, QWidget):
    """Our indicators against the district and the target; any change may change our values, so any refreshes."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Показатели"))
        self.source = QLabel()
        self.source.setWordWrap(True)
        layout.addWidget(self.source)
        bar = QHBoxLayout()
        export = QPushButton("В Excel…")
        export.clicked.connect(self.export)
        bar.addWidget(export)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = RowsModel(columns(workspace.year), standing_colour, "standing")
        self.table = RowsTable(self.model)
        layout.addWidget(self.table, 1)
        self.follow({EVERYTHING})

    def refresh(self) -> QueryOp:
        year = self.workspace.year
        return self.load(lambda session: school_rows(session, year), lambda shown: self._show(*shown, year))

    def _show(self, rows: list[dict], source: str, year: int) -> None:
        self.model.columns = columns(year)
        self.model.set_rows(rows)
        self.source.setText(source)

    def export(self) -> None:
        year = self.workspace.year
        export_rows(self, self.workspace, self.model, f"Показатели школы {year}", f"Показатели школы {year}.xlsx")
