"""A lean table model: it holds only the rows of the current query and fetches more as the user scrolls (the rows
are read off the UI thread and appended when they arrive)."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.services.records import Entity, format_value

Fetch = Callable[[str, int, Callable[[list[tuple]], None]], object]
"""Start reading up to `limit` rows that follow the row with this id (the service does the search, filters and order,
and finds the place by the row's sort key); they are handed to the callback on the UI thread."""

RIGHT_ALIGNED = {"int", "float"}
GROWTH = 4  # each read as the user scrolls asks for this many times the rows shown (a seek, then the rows)


class RecordTableModel(QAbstractTableModel):
    """Rows are tuples (id, *values) in the entity's column order; sorting asks the owner to re-query."""

    def __init__(self, entity: Entity, on_sort: Callable[[str, bool], None]):
        super().__init__()
        self.entity, self.on_sort = entity, on_sort
        self.rows: list[tuple] = []
        self.total: int | None = 0  # None: not counted yet (more rows may follow)
        self.fetch: Fetch | None = None
        self.fetching = False
        self.query = 0  # which query the rows belong to: rows of an older one arriving late are dropped

    def reset(self, rows: list[tuple], total: int | None, fetch: Fetch) -> None:
        self.beginResetModel()
        self.rows, self.total, self.fetch, self.fetching = list(rows), total, fetch, False
        self.query += 1
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 — Qt naming
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.entity.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        column = self.entity.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = format_value(column, self.rows[index.row()][index.column() + 1])
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 40 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and orientation == Qt.Orientation.Horizontal:
            return self.entity.columns[section].label
        return None

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return (not parent.isValid() and self.fetch is not None and not self.fetching
                and 0 < len(self.rows) and (self.total is None or len(self.rows) < self.total))

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self.fetching, query = True, self.query
        # GROWTH times the rows shown: n rows take log(n / first page) reads, each one a seek
        limit = GROWTH * len(self.rows)
        self.fetch(self.rows[-1][0], limit, lambda more: self._append(more, query, limit))

    def _append(self, more: list[tuple], query: int, limit: int) -> None:
        if query != self.query:
            return
        self.fetching = False
        if more:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(more) - 1)
            self.rows.extend(more)
            self.endInsertRows()
        if len(more) < limit:  # the end of the list: every row is here
            self.total = len(self.rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        spec = self.entity.columns[column]
        if spec.sortable:
            self.on_sort(spec.key, order == Qt.SortOrder.DescendingOrder)

    def record_id(self, row: int) -> str | None:
        return self.rows[row][0] if 0 <= row < len(self.rows) else None
