"""A small read-only table of plain rows (dicts): declared columns, Russian number formats, sorting, colours."""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from app.services.output.ru_format import format_number, format_value
from app.services.records.spec import CONTENT, TEXT
from app.services.records.spec import STRETCH as WIDE

from ..widgets.columns import ColumnWidths

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
TOOLTIP_FROM = 40
STRETCH = -1  # a Col width: this column takes the free space


def missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def plain(value: Any) -> str:
    if missing(value):
        return ""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return number(value)
    return str(value)


def number(value: Any, digits: int | None = None) -> str:
    """A number the Russian way (app.services.output.ru_format), with a true minus: in a sentence as short as it
    reads («40», «52,5»); with `digits`, a fraction with that many decimals — what a table column needs, so that it
    reads «53,0» beside «52,5» (a whole number, int, stays whole)."""
    if missing(value):
        return ""
    text = format_value(value) if digits is None or isinstance(value, int) else format_number(value, digits)
    return text.replace("-", "−")


def fixed(digits: int) -> Callable[[Any], str]:
    return lambda value: number(value, digits)


COLUMN_DIGITS = 1  # decimals of a table column of values (percentages, means): the same for every row
column_number = fixed(COLUMN_DIGITS)


def labels(choices: dict) -> Callable[[Any], str]:
    """A code (or list of codes) shown by its label."""
    def show(value: Any) -> str:
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(choices.get(v, v)) for v in values if not missing(v))
    return show


@dataclass(frozen=True)
class Col:
    key: str
    title: str
    show: Callable[[Any], str] = plain
    width: int = 0
    numeric: bool = False
    tip: str = ""  # the full title, when `title` is a short one
    raw: Callable[[Any], Any] | None = None  # the plain value for sorting and Excel when a cell holds a record


def _sort_key(value: Any) -> tuple:
    """None last; strings in natural order (2.3.10 after 2.3.2); numbers by value."""
    if missing(value):
        return (2,)
    if isinstance(value, str):
        return (1, [(0, int(part), "") if part.isdigit() else (1, 0, part.lower()) for part in re.split(r"(\d+)", value)])
    if isinstance(value, list):
        return (1, [(1, 0, str(v)) for v in value])
    return (0, value)


class RowsModel(QAbstractTableModel):
    """Rows are dicts; `colour(row) -> QColor | None` paints the column `coloured` (`cell_colour(row, key)` any
    cell); `tooltip(row, key) -> str | None` explains a cell (else a long text shows in full)."""

    def __init__(self, columns: Sequence[Col], colour: Callable[[dict], QColor | None] | None = None,
                 coloured: str | None = None, tooltip: Callable[[dict, str], str | None] | None = None,
                 cell_colour: Callable[[dict, str], QColor | None] | None = None):
        super().__init__()
        self.columns, self.colour, self.coloured = list(columns), colour, coloured
        self.tooltip, self.cell_colour = tooltip, cell_colour
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 — Qt naming
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        column, row = self.columns[index.column()], self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltip:
            tip = self.tooltip(row, column.key)
            if tip:
                return tip
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = column.show(row.get(column.key))
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > TOOLTIP_FROM else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return RIGHT
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.cell_colour:
                return self.cell_colour(row, column.key)
            if self.colour and column.key == self.coloured:
                return self.colour(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].tip or self.columns[section].title
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        spec = self.columns[column]
        plain_value = spec.raw or (lambda value: value)
        self.layoutAboutToBeChanged.emit()
        self.rows.sort(key=lambda row: _sort_key(plain_value(row.get(spec.key))),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def table(self) -> tuple[list[str], list[list[Any]]]:
        """The header and the rows for an Excel export: numbers as numbers, the rest as shown."""
        header = [column.tip or column.title for column in self.columns]
        return header, [[self._exported(column, row.get(column.key)) for column in self.columns] for row in self.rows]

    @staticmethod
    def _exported(column: Col, value: Any) -> Any:
        number_value = column.raw(value) if column.raw else value
        if column.numeric and isinstance(number_value, (int, float)) and not missing(number_value):
            return number_value
        return column.show(value)


def sizing(columns: Sequence[Col]) -> list[tuple[str, int]]:
    """How the columns take their widths (app.ui.widgets.columns): the one marked STRETCH (else the first text
    column) takes the spare width, numbers fit their content, other texts keep their declared width."""
    stretching = next((c for c in columns if c.width == STRETCH), next((c for c in columns if not c.numeric), None))
    return [(WIDE if column is stretching else CONTENT if column.numeric else TEXT, max(column.width, 0))
            for column in columns]


class RowsTable(QTableView):
    """A sortable, single-selection view over a RowsModel; `current()` is the selected row."""

    def __init__(self, model: RowsModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order until a click
        self.setSortingEnabled(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(24)
        self.widths = ColumnWidths(self, "rows/" + ",".join(str(column.key) for column in model.columns), sizing(model.columns))

    def current(self) -> dict | None:
        index = self.currentIndex()
        return self.model().rows[index.row()] if index.isValid() else None

    def select_where(self, key: str, value: Any) -> None:
        """Select the first row whose `key` equals `value`."""
        for position, row in enumerate(self.model().rows):
            if row.get(key) == value:
                self.selectRow(position)
                return
