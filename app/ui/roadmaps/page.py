"""The «Дорожные карты» page: choose a roadmap, see its sections and events with their state for the year,
filter them, open an event to record progress; import, export and analyse."""

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.output.ru_format import format_value
from app.services.records import ref_options
from app.services.roadmaps.access import delete_roadmap, roadmap_editable
from app.services.roadmaps.export import export_excel
from app.services.roadmaps.plans import roadmap_overview
from app.services.roadmaps.view import (
    event_rows,
    filter_events,
    responsible_list,
    roadmap_choices,
    section_tree,
)
from app.services.school.roadmap import create_own_roadmap, own_roadmaps

from ..operations import ChangeOp, Changes, QueryOp
from ..widgets.record_form import note_label
from ..widgets.refresh import RefreshWhenShown
from ..widgets.search_box import SearchBox
from ..widgets.tabbed_page import page_title
from ..workspace import Workspace
from .analysis_dialog import AnalysisDialog
from .edit_bar import EditBar
from .event_dialog import EventDialog
from .import_dialog import ImportDialog
from .statuses import legend, plain_table, read_only_item, ru_date, status_item

STATE_FILTERS = (  # (label, filter_events keyword arguments)
    ("Все состояния", {}),
    ("Просрочено", {"status": "overdue"}),
    ("Срок в этом месяце", {"due_this_month": True}),
    ("Выполнено", {"status": "done"}),
    ("Выполнено с нарушением срока", {"status": "done_late"}),
    ("В работе", {"status": "in_progress"}),
    ("Запланировано", {"status": "planned"}),
    ("Отменено", {"status": "cancelled"}),
)
COLUMNS = (("№", 42), ("Мероприятие", 360), ("Срок", 110), ("Ответственный", 150), ("Состояние", 140),
           ("Ближайший срок", 100))
# the figures count deadlines (a monthly event has twelve a year), beside «Мероприятий: N» which counts events
STRIP = (("on_time_percent", "Сроков выполнено вовремя"), ("overdue", "Сроков просрочено"),
         ("done_all", "Сроков выполнено"), ("remaining", "Сроков осталось"))
STRIP_STYLE = "background: #f6f9fc; border: 1px solid #c8d3e0; border-radius: 4px; padding: 4px 10px;"
ALL_SECTIONS = "__all__"
SHOWN = {"roadmap", "school", "peer"}  # roadmaps are named after schools; a school's key decides who keeps its roadmap


class RoadmapsPage(RefreshWhenShown, QWidget):
    """Sections on the left, events on the right; everything follows the toolbar's year."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.roadmap: dict | None = None
        self.editable, self.reason = False, ""
        self.rows: list[dict] = []
        self.sections: list[dict] = []
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Дорожные карты"))
        layout.addLayout(self._roadmap_bar())
        layout.addLayout(self._action_bar())
        self.edit_bar = EditBar(self)
        layout.addWidget(self.edit_bar)
        self.note = note_label("")
        self.note.hide()
        layout.addWidget(self.note)
        layout.addLayout(self._strip())
        layout.addLayout(self._filter_bar())
        layout.addWidget(self._body(), 1)
        layout.addWidget(legend())
        self.follow(SHOWN)

    # building -----------------------------------------------------------------------------------------------
    def _roadmap_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Дорожная карта:"))
        self.selector = QComboBox()
        self.selector.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.selector.setMinimumContentsLength(50)
        self.selector.currentIndexChanged.connect(lambda _index: self.show_roadmap())
        bar.addWidget(self.selector, 3)
        scope = self.workspace.scope()
        self.school_mode = bool(scope and scope.is_school)
        self.own_school = scope.school_id if self.school_mode else None
        self.school_filter: QComboBox | None = None
        if not self.school_mode:
            self.school_filter = QComboBox()
            self.school_filter.setToolTip("Показать дорожные карты одной школы (и муниципальную)")
            self.school_filter.setMinimumWidth(220)
            self.school_filter.addItem("Все школы", None)
            self.school_filter.currentIndexChanged.connect(lambda _index: self.refresh())
            bar.addWidget(self.school_filter, 1)
        return bar

    def _action_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.template_button = QPushButton("Создать дорожную карту школы по муниципальной…")
        self.template_button.setToolTip("Разделы и мероприятия муниципальной дорожной карты на выбранный год "
                                        "становятся дорожной картой школы; сроки — как записаны в муниципальной.")
        self.template_button.clicked.connect(self.create_from_template)
        self.template_button.hide()
        bar.addWidget(self.template_button)
        self.import_button = QPushButton("Импорт из Word/Excel…")
        self.export_button = QPushButton("Выгрузить в Excel…")
        self.analysis_button = QPushButton("Анализ реализации (PDF)…")
        self.delete_button = QPushButton("Удалить")
        for button, slot in ((self.import_button, self.import_roadmap), (self.export_button, self.export_excel),
                             (self.analysis_button, self.open_analysis), (self.delete_button, self.delete_roadmap)):
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    def _strip(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.strip_year = QLabel()
        bar.addWidget(self.strip_year)
        self.figures: dict[str, QLabel] = {}
        for key, _title in STRIP:
            self.figures[key] = label = QLabel()
            label.setStyleSheet(STRIP_STYLE)
            label.setToolTip("Считаются сроки исполнения: у ежемесячного мероприятия их двенадцать в год.")
            bar.addWidget(label)
        bar.addStretch(1)
        return bar

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.state_filter = QComboBox()
        for label, _kwargs in STATE_FILTERS:
            self.state_filter.addItem(label)
        self.responsible_filter = QComboBox()
        self.responsible_filter.setMinimumWidth(240)
        self.search = SearchBox(placeholder="Поиск по мероприятиям…")
        self.search.search.connect(lambda _text: self.refresh_events())
        for combo in (self.state_filter, self.responsible_filter):
            combo.currentIndexChanged.connect(lambda _index: self.refresh_events())
        bar.addWidget(self.state_filter, 1)
        bar.addWidget(self.responsible_filter, 1)
        bar.addWidget(self.search, 2)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        return bar

    def _body(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Раздел", "Всего", "Вып."])
        self.tree.headerItem().setToolTip(1, "Мероприятий в разделе (с подразделами)")
        self.tree.headerItem().setToolTip(2, "Доля выполненных мероприятий раздела")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_args: self.refresh_events())
        self.table = plain_table(COLUMNS)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_event(index.row()))
        splitter.addWidget(self.tree)
        splitter.addWidget(self.table)
        splitter.setSizes([280, 1000])
        splitter.setStretchFactor(1, 1)  # the events table takes what the window gains
        return splitter

    # loading ------------------------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Re-read the roadmap list (keeping the chosen one, or choosing `select`) and show it."""
        keep = select or self.selector.currentData()
        with self.workspace.session() as session:
            self._load_schools(session)
            school = self.school_filter.currentData() if self.school_filter is not None else None
            choices = roadmap_choices(session, school)
            self.has_own = self.school_mode and bool(own_roadmaps(session, self.own_school, self.workspace.year))
        self.template_button.setVisible(self.school_mode and not self.has_own)
        self.selector.blockSignals(True)
        self.selector.clear()
        for choice in choices:
            self.selector.addItem(choice["label"], choice["id"])
            self.selector.setItemData(self.selector.count() - 1, choice["label"], Qt.ItemDataRole.ToolTipRole)
        self.selector.setCurrentIndex(max(self.selector.findData(keep), 0) if choices else -1)
        self.selector.blockSignals(False)
        self.show_roadmap()

    def _load_schools(self, session) -> None:
        if self.school_filter is None or self.school_filter.count() > 1:
            return
        self.school_filter.blockSignals(True)
        for school_id, label in ref_options(session, "school"):
            self.school_filter.addItem(label, school_id)
        self.school_filter.blockSignals(False)

    def roadmap_id(self) -> str | None:
        return self.selector.currentData()

    def year(self) -> int | None:
        """The toolbar's year when the roadmap covers it, otherwise None (all its years)."""
        roadmap = self.roadmap
        year = self.workspace.year
        return year if roadmap and roadmap["year_from"] <= year <= roadmap["year_to"] else None

    def show_roadmap(self) -> None:
        """Show the chosen roadmap: owner note, buttons, responsible list, sections, overview and events."""
        roadmap_id = self.roadmap_id()
        with self.workspace.session() as session:
            self.roadmap = next((c for c in roadmap_choices(session) if c["id"] == roadmap_id), None)
            self.editable, self.reason = roadmap_editable(session, roadmap_id) if roadmap_id else (False, "")
            names = responsible_list(session, roadmap_id) if roadmap_id else []
            overview = roadmap_overview(session, roadmap_id, year=self.year()) if roadmap_id else None
            rows = event_rows(session, roadmap_id, self.year()) if roadmap_id else []
            sections = section_tree(session, roadmap_id, rows) if roadmap_id else []
        self.note.setText(self.reason)
        self.note.setVisible(bool(roadmap_id) and not self.editable)
        for button in (self.export_button, self.analysis_button):
            button.setEnabled(roadmap_id is not None)
        self.delete_button.setEnabled(roadmap_id is not None and self.editable)
        self.delete_button.setToolTip(self.reason)
        self.sections = sections
        scope = self.workspace.scope()
        self.edit_bar.follow(self.roadmap, self.editable, scope.school_id if scope and scope.is_school else None)
        self._fill_responsible(names)
        self._fill_tree(sections, len(rows))
        self._fill_strip(overview)
        self.refresh_events()

    def _fill_responsible(self, names: list[str]) -> None:
        keep = self.responsible_filter.currentData()
        self.responsible_filter.blockSignals(True)
        self.responsible_filter.clear()
        self.responsible_filter.addItem("Все ответственные", None)
        for name in names:
            self.responsible_filter.addItem(name, name)
        self.responsible_filter.setCurrentIndex(max(self.responsible_filter.findData(keep), 0))
        self.responsible_filter.blockSignals(False)

    def _fill_tree(self, sections: list[dict], total: int) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        root = QTreeWidgetItem(["Все разделы", str(total), ""])
        root.setData(0, Qt.ItemDataRole.UserRole, ALL_SECTIONS)
        self.tree.addTopLevelItem(root)
        items: dict[str | None, QTreeWidgetItem] = {None: root}
        for section in sections:
            percent = "" if section["percent"] is None else f"{section['percent']} %"
            item = QTreeWidgetItem(items.get(section["parent_id"], root), [section["label"], str(section["events"]), percent])
            item.setData(0, Qt.ItemDataRole.UserRole, section["id"])
            item.setToolTip(0, section["label"])
            items[section["id"]] = item
        for column in (1, 2):
            for item in items.values():
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tree.expandAll()
        self.tree.setCurrentItem(root)
        self.tree.blockSignals(False)

    def _fill_strip(self, overview: dict | None) -> None:
        year = self.year()
        self.strip_year.setText(f"Исполнение за {year} год:" if year else "Исполнение за все годы:")
        total = (overview or {}).get("total", {})
        values = dict(total, done_all=total.get("done", 0) + total.get("done_late", 0))
        for key, title in STRIP:
            value = values.get(key)
            shown = "—" if value is None else (f"{format_value(value)} %" if key == "on_time_percent" else str(value))
            self.figures[key].setText(f"{title}: {shown}")

    def chosen_section(self) -> str | None:
        """The section chosen in the tree (None for «Все разделы»)."""
        item = self.tree.currentItem()
        section = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return None if section == ALL_SECTIONS else section

    def filters(self) -> dict[str, Any]:
        """The filters now in force, as `filter_events` takes them."""
        kwargs = dict(STATE_FILTERS[max(self.state_filter.currentIndex(), 0)][1])
        kwargs.update(responsible=self.responsible_filter.currentData(), search=self.search.text(),
                      section_id=self.chosen_section(), year=self.year())
        return kwargs

    def refresh_events(self) -> None:
        roadmap_id = self.roadmap_id()
        with self.workspace.session() as session:
            self.rows = filter_events(session, roadmap_id, **self.filters()) if roadmap_id else []
        self.table.setRowCount(len(self.rows))
        for row, event in enumerate(self.rows):
            deadline = event["deadline_text"] + (" (не распознан)" if event["kind"] == "unrecognized" else "")
            two_level = self.roadmap and self.roadmap["level"] == "municipal" and event["level"] == "school"
            cells = (event["number"], ("Уровень ОО: " if two_level else "") + event["title"], deadline, event["responsible"])
            for column, text in enumerate(cells):
                self.table.setItem(row, column, read_only_item(text))
            self.table.setItem(row, 4, status_item(event["status"]))
            self.table.setItem(row, 5, read_only_item(ru_date(event["next_due"])))
        self.table.resizeRowsToContents()
        self.count_label.setText(f"Мероприятий: {len(self.rows)}")

    def apply_filters(self, filters: dict[str, Any]) -> None:
        """From elsewhere (an overview card): «status» or «due_this_month» picks the state filter, «roadmap_id» the
        roadmap."""
        if filters.get("roadmap_id"):
            self.refresh(select=filters["roadmap_id"])
        wanted = {key: filters[key] for key in ("status", "due_this_month") if filters.get(key)}
        chosen = next((index for index, (_label, kwargs) in enumerate(STATE_FILTERS) if wanted and kwargs == wanted), 0)
        self.state_filter.setCurrentIndex(chosen)

    # actions ------------------------------------------------------------------------------------------------
    def open_event(self, row: int) -> EventDialog | None:
        if not 0 <= row < len(self.rows):
            return None
        dialog = EventDialog(self.workspace, self.rows[row]["id"], self)
        dialog.exec()
        return dialog

    def create_from_template(self) -> ChangeOp:
        """At a school: its roadmap for the year from the municipal one, then shown."""
        year = self.workspace.year
        return (ChangeOp(self, self.workspace, lambda session: create_own_roadmap(session, year).id,
                         Changes("roadmap")).success(lambda roadmap_id: self.refresh(select=roadmap_id)).run())

    def import_roadmap(self) -> None:
        dialog = ImportDialog(self.workspace, self)
        if dialog.exec() and dialog.result_summary:
            self.refresh(select=dialog.result_summary["roadmap_id"])
            if ties := dialog.result_summary["responsible_ties"]:
                QMessageBox.information(self, "Ответственные не связаны с сотрудниками", "\n".join(ties[:10]) + (
                    f"\n…и ещё {len(ties) - 10}" if len(ties) > 10 else ""))

    def export_excel(self) -> None:
        roadmap_id = self.roadmap_id()
        if roadmap_id is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, "Выгрузить дорожную карту в Excel",
                                                    str(Path.home() / "Дорожная карта.xlsx"), "Книга Excel (*.xlsx)")
        if not path:
            return
        target = Path(path).with_suffix(".xlsx")

        QueryOp(self, self.workspace, lambda session: export_excel(session, roadmap_id, target),
                lambda saved: QMessageBox.information(self, "Выгрузка", f"Дорожная карта сохранена:\n{saved}")
                ).with_progress("Выгружается дорожная карта…").run()

    def open_analysis(self) -> None:
        if self.roadmap is not None:
            AnalysisDialog(self.workspace, self.roadmap, self).exec()

    def delete_roadmap(self) -> ChangeOp | None:
        """Ask, then delete the chosen roadmap (softly: the deletion travels in a packet); the running deletion."""
        roadmap_id = self.roadmap_id()
        if roadmap_id is None:
            return None
        answer = QMessageBox.question(
            self, "Удаление", f"Удалить дорожную карту «{self.selector.currentText()}» со всеми мероприятиями и "
            "отметками о выполнении?\nОна исчезнет из списков; удаление передаётся в пакете обмена.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return ChangeOp(self, self.workspace, lambda session: delete_roadmap(session, roadmap_id),
                        Changes("roadmap")).run()


def roadmaps_page(workspace: Workspace) -> RoadmapsPage:
    return RoadmapsPage(workspace)
