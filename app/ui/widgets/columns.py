"""Column widths by meaning (app.services.records.spec.column_sizing says which is which): the identifying column
takes the width the others leave, numbers, dates and choices fit their content and their header, other texts keep
their declared width. A header always tells its full text in a tooltip. Widths the user sets by dragging are
remembered per table (QSettings); the header's context menu brings the default widths back."""

import json
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from app.services.records.spec import CONTENT, STRETCH

MAX_FITTED = 320  # a fitted column never takes more than this (a long choice elides, its tooltip tells it)
MIN_STRETCHED = 220  # the identifying column keeps at least this; with less room the table scrolls sideways
FITTED_ROWS = 40  # a column fits its first rows, about a screen of them (Qt's default, 1,000 rows, had the model
# asked 240,000 times while a search in Педагоги was typed: 70 % of the time from a keystroke to the rows shown)
RESET = "Ширина столбцов по умолчанию"


def header_of(view: QAbstractItemView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


class ColumnWidths(QObject):
    """Sizes the columns of `view` (a table or a tree) by `sizing` [(how, width)] and keeps the user's widths under
    `key` in the settings."""

    def __init__(self, view: QAbstractItemView, key: str, sizing: Sequence[tuple[str, int]], least: int = MIN_STRETCHED):
        super().__init__(view)
        self.view, self.key, self.sizing, self.least = view, f"columns/{key}", list(sizing), least
        self.header = header_of(view)
        self.header.setStretchLastSection(False)
        self.header.setResizeContentsPrecision(FITTED_ROWS)
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self._menu)
        self.header.sectionResized.connect(self._resized)
        self.adjusting = False
        self.fit_soon = QTimer(self, singleShot=True, interval=0)
        self.fit_soon.timeout.connect(self.apply)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.headerDataChanged):
            signal.connect(self.fit_soon.start)
        view.viewport().installEventFilter(self)
        self.apply()

    def stretched(self) -> int | None:
        return next((index for index, (how, _w) in enumerate(self.sizing) if how == STRETCH), None)

    def saved(self) -> dict[str, int]:
        try:
            widths = json.loads(str(QSettings().value(self.key, "{}")))
        except ValueError:
            return {}
        return {str(k): int(v) for k, v in widths.items() if isinstance(v, int)} if isinstance(widths, dict) else {}

    def label(self, index: int) -> str:
        return str(self.view.model().headerData(index, Qt.Orientation.Horizontal) or index)

    def apply(self) -> None:
        """Set every column's width: the user's, else the default by meaning; the identifying one takes the rest."""
        saved = self.saved()
        self.adjusting = True
        model = self.view.model()
        for index, (how, width) in enumerate(self.sizing):
            label = self.label(index)
            if model.headerData(index, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) is None:
                model.setHeaderData(index, Qt.Orientation.Horizontal, label, Qt.ItemDataRole.ToolTipRole)
            if how == STRETCH or self.view.isColumnHidden(index):
                continue
            header_width = self.header.sectionSizeHint(index)
            fitted = min(max(self.view.sizeHintForColumn(index), header_width), MAX_FITTED)
            self.header.resizeSection(index, saved.get(label, fitted if how == CONTENT else max(width, header_width)))
        self.adjusting = False
        self.stretch()

    def stretch(self) -> None:
        """The identifying column: the viewport's width less the other shown columns, at least `least`."""
        index = self.stretched()
        if index is None or self.view.isColumnHidden(index):
            return
        others = sum(self.header.sectionSize(i) for i in range(self.header.count())
                     if i != index and not self.view.isColumnHidden(i))
        self.adjusting = True
        self.header.resizeSection(index, max(self.least, self.view.viewport().width() - others))
        self.adjusting = False
        if self.view.wordWrap():
            self.view.doItemsLayout()  # rows as tall as their wrapped text in the new width

    def _resized(self, index: int, _old: int, new: int) -> None:
        if self.adjusting:
            return
        if index != self.stretched():
            widths = self.saved() | {self.label(index): new}
            QSettings().setValue(self.key, json.dumps(widths, ensure_ascii=False))
            self.stretch()

    def reset(self) -> None:
        """Forget the user's widths of this table and size it by default."""
        QSettings().remove(self.key)
        self.apply()

    def _menu(self, position) -> None:
        menu = QMenu(self.header)
        menu.addAction(RESET, self.reset)
        menu.popup(self.header.mapToGlobal(position))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt naming
        if event.type() == QEvent.Type.Resize:
            self.stretch()
        return False


class WrappedText(QStyledItemDelegate):
    """A tree's rows as tall as their text wrapped in the column's width (QTreeView alone keeps one line)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 — Qt naming
        hint = super().sizeHint(option, index)
        view = self.parent()
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = (depth + 1) * view.indentation() if index.column() == 0 else 0
        width = max(view.columnWidth(index.column()) - indent - 8, 40)
        text = str(index.data() or "")
        height = option.fontMetrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
        return QSize(hint.width(), max(hint.height(), height + 4))
