"""The generic list page of a maintained entity: search, filters, «Показано N из M», create/edit/delete."""

from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.services.records import (
    PAGE_SIZE,
    count_rows,
    editable,
    first_page,
    get_entity,
    list_sources,
    rows_after,
    soft_delete,
)
from app.services.records.spec import column_sizing

from ..operations import ChangeOp, Changes, QueryOp
from ..workspace import Workspace
from .columns import ColumnWidths
from .refresh import RefreshWhenShown
from .school_choices import SOURCES as SCHOOL_SOURCES
from .school_choices import SchoolChoices, school_choices
from .screen_fit import narrow
from .search_box import DEBOUNCE_MS, SearchBox
from .table_model import Fetch, RecordTableModel

CHOOSE_RECORD = "Выберите запись в списке."
WHO_KEEPS = "peer"  # a registered school key decides who keeps the school's records (the «Создать» button)


class Listing(NamedTuple):
    """What one query of the list gives: the first page and what the bar above it says."""

    rows: list[tuple]
    total: int | None  # None: more rows than the first page holds, counted after the rows are shown
    every: int  # rows with no search and no filter but the fixed ones
    allowed: bool
    reason: str
    schools: list[tuple[str, str]] | None  # the school filter's options, when the window has not read them yet


class TablePage(RefreshWhenShown, QWidget):
    """A sortable, searchable list; `fixed` filters (e.g. {"school_id": id}) also pre-fill new records.
    It asks to open a record with `open_requested(record_id)` (None for a new one): its creator decides how.
    It refreshes when the year changes or an operation changes the entities it shows."""

    open_requested = Signal(object)

    def __init__(self, workspace: Workspace, entity: str, fixed: dict[str, Any] | None = None, use_year: bool = True,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.entity, self.fixed = workspace, get_entity(entity), dict(fixed or {})
        self.order: tuple[str | None, bool] = (None, False)
        self.search_text = ""
        scope = workspace.scope()
        self.school_mode = bool(scope and scope.is_school)  # the district's records: no create/delete here
        self.model = RecordTableModel(self.entity, self._sort)
        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_bar(use_year))
        layout.addLayout(self._button_bar())
        layout.addWidget(self._table())
        self.choices = school_choices(workspace) if self.school_filter is not None else None
        self.choices_shown = -1  # the version of the school choices the filter holds
        # what a search, filter or order does not change (the rows in all, whether «Создать» is allowed and why not):
        # read again only after a change to what the list shows
        self.standing: tuple[int, bool, str] | None = None
        self.follow({*list_sources(self.entity), WHO_KEEPS, *(SCHOOL_SOURCES if self.choices else ())})

    # building -----------------------------------------------------------------------------------------------
    def _filter_bar(self, use_year: bool) -> QHBoxLayout:
        bar = QHBoxLayout()
        plural = self.entity.plural
        self.search = SearchBox(placeholder=f"Поиск: {plural[:1].lower()}{plural[1:]}…")  # «ВПР», «ИОМ» stay capitals
        self.search.search.connect(self._search)
        bar.addWidget(self.search, 2)
        self.school_filter = self._combo("Все школы") if (
            "school" in self.entity.filters and not self._within_record() and not self.school_mode
            and self.entity.name != "school") else None
        if self.school_filter is not None:
            self.school_filter.setEditable(True)
            self.school_filter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.school_filter.completer().setFilterMode(Qt.MatchFlag.MatchContains)
            self.school_filter.setMinimumWidth(180)
            bar.addWidget(self.school_filter, 2)
        self.status_filter = None
        if self.entity.statuses:
            self.status_filter = self._combo(f"{self.entity.status_label}: все")
            for code, label in self.entity.statuses.items():
                self.status_filter.addItem(label, code)
            bar.addWidget(self.status_filter, 1)
        self.year_filter = None
        if use_year and self.entity.year is not None:
            self.year_filter = QCheckBox()
            self.year_filter.setChecked(True)
            self.year_filter.toggled.connect(lambda _on: self.mark_dirty())
            bar.addWidget(self.year_filter)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar.addWidget(self.count_label, 1)
        return bar

    def _within_record(self) -> bool:
        """Whether `fixed` pins a parent record (a card's tab), not just a value such as the exam kind."""
        return any(self.entity.field(name).kind == "ref" for name in self.fixed)

    def _combo(self, everything: str) -> QComboBox:
        combo = narrow(QComboBox())
        combo.addItem(everything, None)
        combo.currentIndexChanged.connect(lambda _index: self.mark_dirty())
        return combo

    def _button_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.create_button = QPushButton("Создать…")
        self.edit_button = QPushButton("Открыть…")
        self.delete_button = QPushButton("Удалить")
        self.create_button.clicked.connect(self.create_record)
        self.edit_button.clicked.connect(self.edit_record)
        self.delete_button.clicked.connect(self.delete_record)
        for button in (self.create_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        district_only = self.school_mode and self.entity.owner_kind == "district"
        self.create_button.setVisible(not district_only)
        self.delete_button.setVisible(not district_only)
        bar.addStretch(1)
        self.extra_bar = bar
        return bar

    def _table(self) -> QTableView:
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per row: long names elide at the end, not after the first word
        keys = [column.key for column in self.entity.columns]
        default = self.entity.default_order if self.entity.default_order in keys else keys[0]
        self.table.horizontalHeader().setSortIndicator(keys.index(default), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.doubleClicked.connect(lambda _index: self.edit_record())
        self.table.selectionModel().currentRowChanged.connect(lambda _now, _before: self._check_deletable())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.edit_record, context=Qt.ShortcutContext.WidgetShortcut)
        shown = tuple(column.shown_in(self.fixed, self.school_mode) for column in self.entity.columns)
        for index, on in enumerate(shown):
            self.table.setColumnHidden(index, not on)
        self.widths = ColumnWidths(self.table, f"records/{self.entity.name}", column_sizing(self.entity.columns, shown))
        return self.table

    # querying -----------------------------------------------------------------------------------------------
    def filters(self) -> dict[str, Any]:
        """The filters now in force, as the service expects them."""
        filters: dict[str, Any] = dict(self.fixed)
        if self.school_filter is not None:
            filters["school"] = self.school_filter.currentData()
        if self.status_filter is not None:
            filters["status"] = self.status_filter.currentData()
        if (self.year_filter is not None and self.year_filter.isChecked()) or self.entity.year is None:
            filters["year"] = self.workspace.year
        return filters

    def refresh(self) -> QueryOp:
        """Re-run the query (search, filters, order) off the UI thread; the first page shows when it is back."""
        self._label_year()
        entity, fixed, search, filters = self.entity, self.fixed, self.search_text, self.filters()
        order, descending = self.order
        schools = self.choices is not None and self.choices.options is None
        version = self.choices.version if self.choices is not None else 0
        standing = self.standing

        def query(session) -> Listing:
            rows, total = first_page(session, entity, search, filters, order, descending, 0, PAGE_SIZE)
            every, allowed, reason = standing or (count_rows(session, entity, "", fixed), *editable(session, entity))
            return Listing(rows, total, every, allowed, reason, SchoolChoices.read(session) if schools else None)

        def fetch(after: str, limit: int, deliver) -> QueryOp:
            return QueryOp(self, self.workspace, lambda session: rows_after(
                session, entity, after, search, filters, order, descending, limit), deliver).run()

        def count(session) -> int:
            return count_rows(session, entity, search, filters)

        return self.load(query, lambda listing: self._show(listing, fetch, version, count))

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(self.shown_kinds):
            self.standing = None
        super()._data_changed(changes)

    def _show(self, listing: Listing, fetch: Fetch, version: int, count: Callable[[Session], int]) -> None:
        self.model.reset(listing.rows, listing.total, fetch)
        self.standing = (listing.every, listing.allowed, listing.reason)
        self._check_deletable()
        self._show_count(listing.total, listing.every)
        if listing.total is None:  # the rows first; the count once the typing pauses (a keystroke waits for no COUNT)
            query = self.model.query
            QTimer.singleShot(DEBOUNCE_MS, self, lambda: self._count(query, count, listing.every))
        self.create_button.setEnabled(listing.allowed)
        self.create_button.setVisible(listing.allowed or not self.school_mode)
        self.create_button.setToolTip(listing.reason)
        if listing.schools is not None:
            self.choices.keep(listing.schools, version)
        self._fill_schools(listing.schools or self.choices and self.choices.options, version)

    def _show_count(self, total: int | None, every: int) -> None:
        shown = f"более {PAGE_SIZE}" if total is None else total
        self.count_label.setText(f"Показано {shown} из {every}")

    def _count(self, query: int, count: Callable[[Session], int], every: int) -> None:
        """Count every row of the shown query, unless the list has moved on to another (the user typed on)."""
        def wanted() -> bool:
            return query == self.model.query

        if wanted():
            QueryOp(self, self.workspace, count, lambda total: self._counted(query, total, every)).while_wanted(
                wanted).run()

    def _counted(self, query: int, total: int, every: int) -> None:
        if query == self.model.query:  # else the list shows another query's rows by now
            self.model.total = total
            self._show_count(total, every)

    def _fill_schools(self, options: list[tuple[str, str]] | None, version: int) -> None:
        """Put the window's school choices in the filter when it holds an older set; the chosen school stays."""
        if not options or version == self.choices_shown:
            return
        combo, chosen = self.school_filter, self.school_filter.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(combo.count() - 1)
        for school_id, label in options:
            combo.addItem(label, school_id)
        combo.setCurrentIndex(max(combo.findData(chosen), 0))
        combo.blockSignals(False)
        self.choices_shown = version
        if combo.currentData() != chosen:  # the chosen school is gone: the list is of every school now
            self.mark_dirty()

    def _search(self, text: str) -> None:
        self.search_text = text
        self.mark_dirty()

    def _sort(self, key: str, descending: bool) -> None:
        """A new order: the list is read again from its first row (now if shown, else when it is shown)."""
        self.order = (key, descending)
        self.mark_dirty()

    def _label_year(self) -> None:
        if self.year_filter is not None:
            self.year_filter.setText(f"Только {self.workspace.year} год")

    def apply_filters(self, filters: dict[str, Any]) -> None:
        """Set filters from elsewhere (an overview card): status, school; the year follows the toolbar."""
        for combo, key in ((self.status_filter, "status"), (self.school_filter, "school")):
            if combo is not None:
                combo.setCurrentIndex(max(combo.findData(filters.get(key)), 0))
        if self.year_filter is not None:
            self.year_filter.setChecked(True)
        self.search.clear()
        self.search.flush()

    # actions ------------------------------------------------------------------------------------------------
    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def _check_deletable(self) -> QueryOp | None:
        """«Удалить» is enabled only for a selected record this installation may change; otherwise its tooltip says
        why (a school keeps its own data, the district keeps its catalogue…). The answer comes off the UI thread."""
        record_id = self.current_id()
        self.delete_button.setEnabled(False)
        self.delete_button.setToolTip(CHOOSE_RECORD if record_id is None else "")
        if record_id is None:
            return None
        entity = self.entity
        return QueryOp(self, self.workspace, lambda session: editable(session, entity, record_id),
                       lambda answer: self._show_deletable(record_id, *answer)).failure(
            lambda _gone: None).run()  # deleted meanwhile: the refresh that follows shows the list without it

    def _show_deletable(self, record_id: str, allowed: bool, reason: str) -> None:
        if record_id == self.current_id():  # else a later selection decides
            self.delete_button.setEnabled(allowed)
            self.delete_button.setToolTip("" if allowed else reason)

    def create_record(self) -> None:
        with self.workspace.session() as session:
            allowed, reason = editable(session, self.entity)
        if not allowed:
            QMessageBox.information(self, self.entity.plural, reason)
            return
        self.open_requested.emit(None)

    def edit_record(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            QMessageBox.information(self, self.entity.plural, CHOOSE_RECORD)
            return
        self.open_requested.emit(record_id)

    def delete_record(self) -> ChangeOp | None:
        """Ask, then delete the selected record (softly: the deletion travels in a packet); the running deletion."""
        record_id = self.current_id()
        if record_id is None:
            QMessageBox.information(self, self.entity.plural, "Выберите запись, которую нужно удалить.")
            return None
        row = self.model.rows[self.table.currentIndex().row()]
        name = next((str(value) for value in row[1:] if isinstance(value, str) and value), self.entity.singular)
        answer = QMessageBox.question(
            self, "Удаление", f"Удалить запись «{name}»?\nОна исчезнет из списков; удаление передаётся в пакете обмена.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        entity = self.entity
        return ChangeOp(self, self.workspace, lambda session: soft_delete(session, entity, record_id),
                        Changes(entity.name)).run()
