"""Import a roadmap from a Word or Excel file: choose the file, years and level; read it in the background;
look at the sections and events, correct deadlines nobody could parse; save in one step."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import ROADMAP_LEVELS
from app.services.records import current_scope, get_record, ref_options
from app.services.roadmaps.access import may_keep
from app.services.roadmaps.deadlines import DeadlineKind
from app.services.roadmaps.importing import (
    TITLE_LIMIT,
    RoadmapPreview,
    default_title,
    preview_file,
    save_preview,
)
from app.services.roadmaps.tables import TableCandidate, list_candidate_tables

from ..operations import ChangeOp, Changes, QueryOp
from ..widgets.record_form import note_label
from ..workspace import Workspace
from .statuses import plain_table, read_only_item

EVENT_COLUMNS = (("№", 44), ("Мероприятие", 300), ("Срок (как в документе)", 140), ("Как понят", 100),
                 ("Исправленный срок", 150), ("Ответственный", 150))
CORRECTION_COLUMN = 4
UNRECOGNIZED_COLOR = "#f6c9cc"


class ImportDialog(QDialog):
    """Reading the file and saving the roadmap run off the UI thread."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.preview: RoadmapPreview | None = None
        self.candidates: list[TableCandidate] = []
        self.result_summary: dict | None = None
        self.setWindowTitle("Импорт дорожной карты из Word или Excel")
        layout = QVBoxLayout(self)
        layout.addLayout(self._source_form())
        self.note = note_label("")
        self.note.hide()
        layout.addWidget(self.note)
        layout.addWidget(self._preview_area(), 1)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Сохранить", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setEnabled(False)
        self.buttons.addButton("Отмена", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._follow_level()
        self.resize(1100, 760)

    # building -----------------------------------------------------------------------------------------------
    def _source_form(self) -> QFormLayout:
        form = QFormLayout()
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.setPlaceholderText("Документ Word (.docx) или книга Excel (.xlsx) с таблицей дорожной карты")
        browse = QPushButton("Выбрать…")
        browse.clicked.connect(self.choose_file)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("Файл", row)
        years = QHBoxLayout()
        self.year_from, self.year_to = QSpinBox(), QSpinBox()
        for spin in (self.year_from, self.year_to):
            spin.setRange(2000, 2100)
            spin.setValue(self.workspace.year)
        years.addWidget(QLabel("с"))
        years.addWidget(self.year_from)
        years.addWidget(QLabel("по"))
        years.addWidget(self.year_to)
        years.addStretch(1)
        form.addRow("Годы", years)
        form.addRow("Уровень", self._level_row())
        self.table_choice = QComboBox()
        self.table_choice.currentIndexChanged.connect(lambda _index: self._table_chosen())
        self.table_label = QLabel("Таблица в файле")
        form.addRow(self.table_label, self.table_choice)
        self._show_table_choice(False)
        self.read_button = QPushButton("Прочитать файл")
        self.read_button.clicked.connect(lambda: self.read_file())
        form.addRow("", self.read_button)
        return form

    def _level_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.level = QComboBox()
        for code, label in ROADMAP_LEVELS.items():
            self.level.addItem(label, code)
        self.school = QComboBox()
        self.school.setMinimumWidth(320)
        with self.workspace.session() as session:
            scope = current_scope(session)
            own = scope.school_id if scope and scope.is_school else None
            for school_id, label in ref_options(session, "school"):
                if own is None or school_id == own:
                    self.school.addItem(label, school_id)
        if own is not None:
            self.level.setCurrentIndex(self.level.findData("school"))
        self.level.currentIndexChanged.connect(lambda _index: self._follow_level())
        self.school.currentIndexChanged.connect(lambda _index: self._follow_level())
        row.addWidget(self.level)
        row.addWidget(self.school, 1)
        return row

    def _preview_area(self) -> QWidget:
        area = QWidget()
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_LIMIT)
        title_row.addWidget(QLabel("Название"))
        title_row.addWidget(self.title, 1)
        column.addLayout(title_row)
        self.summary = QLabel("Выберите файл и нажмите «Прочитать файл».")
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.sections = QTreeWidget()
        self.sections.setHeaderLabels(["Разделы"])
        self.events = plain_table(EVENT_COLUMNS, stretch=1)
        self.events.itemChanged.connect(self._cell_changed)
        splitter.addWidget(self.sections)
        splitter.addWidget(self.events)
        splitter.setSizes([280, 820])
        column.addWidget(splitter, 1)
        return area

    # choosing -----------------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Файл дорожной карты", str(Path.home()),
                                                    "Дорожная карта (*.docx *.xlsx)")
        if path:
            self.path.setText(path)
            self.read_file()

    def _follow_level(self) -> None:
        school_level = self.level.currentData() == "school"
        self.school.setEnabled(school_level and self.school.count() > 1)
        with self.workspace.session() as session:
            allowed, reason = may_keep(session, self.level.currentData(), self.school.currentData() if school_level else None)
        self.allowed = allowed
        self.note.setText(reason)
        self.note.setVisible(not allowed)
        self.save_button.setEnabled(allowed and self.preview is not None)

    def _show_table_choice(self, visible: bool) -> None:
        self.table_choice.setVisible(visible)
        self.table_label.setVisible(visible)

    def _table_chosen(self) -> None:
        index = self.table_choice.currentData()
        if self.preview is not None and index is not None and index != self.preview.parsed.table_index:
            self.read_file(index)

    # reading ------------------------------------------------------------------------------------------------
    def read_file(self, table_index: int | None = None) -> QueryOp | None:
        """Read the file in the background (nothing is saved) and show the preview; the running read."""
        path = Path(self.path.text().strip())
        if not self.path.text().strip():
            QMessageBox.information(self, self.windowTitle(), "Выберите файл дорожной карты.")
            return None
        year_from, year_to, known = self.year_from.value(), self.year_to.value(), self.candidates

        def read(_session) -> tuple[list[TableCandidate], RoadmapPreview]:
            candidates = list_candidate_tables(path) if table_index is None else known
            return candidates, preview_file(path, year_from, year_to, table_index)

        return QueryOp(self, self.workspace, read, self.show_preview).with_progress(
            "Читается файл дорожной карты…").run()

    def show_preview(self, result: tuple[list[TableCandidate], RoadmapPreview]) -> None:
        self.candidates, self.preview = result
        self._fill_table_choice()
        self.title.setText(default_title(self.preview))
        self.title.setCursorPosition(0)
        self._fill_sections()
        self._fill_events()
        self._follow_level()

    def _fill_table_choice(self) -> None:
        self.table_choice.blockSignals(True)
        self.table_choice.clear()
        for candidate in self.candidates:
            header = ", ".join(text for text in candidate.header if text)[:80]
            self.table_choice.addItem(f"№ {candidate.index + 1} ({candidate.sheet_or_position}): {header} — строк {candidate.rows}",
                                      candidate.index)
        self.table_choice.setCurrentIndex(max(self.table_choice.findData(self.preview.parsed.table_index), 0))
        self.table_choice.blockSignals(False)
        self._show_table_choice(len(self.candidates) > 1)

    def _fill_sections(self) -> None:
        self.sections.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for section in self.preview.parsed.sections:
            label = f"{section.number} {section.title}".strip()
            parent = items.get(section.parent_number)
            item = QTreeWidgetItem(parent, [label]) if parent else QTreeWidgetItem([label])
            if parent is None:
                self.sections.addTopLevelItem(item)
            item.setToolTip(0, label)
            items[section.number or section.title] = item
        self.sections.expandAll()

    def _fill_events(self) -> None:
        events = self.preview.parsed.events
        self.events.blockSignals(True)
        self.events.setRowCount(len(events))
        for row, event in enumerate(events):
            for column, text in enumerate((event.number, event.title, event.deadline_text)):
                self.events.setItem(row, column, read_only_item(text))
            self.events.setItem(row, CORRECTION_COLUMN, QTableWidgetItem(self.preview.overrides.get(row, "")))
            self.events.setItem(row, 5, read_only_item(event.responsible))
            self._show_kind(row)
        self.events.blockSignals(False)
        self.events.resizeRowsToContents()
        self._summarise()

    def _show_kind(self, row: int) -> None:
        kind = self.preview.deadline_kind(row)
        self.events.setItem(row, 3, read_only_item(kind.label))
        correction = self.events.item(row, CORRECTION_COLUMN)
        unrecognized = kind == DeadlineKind.UNRECOGNIZED
        correction.setBackground(QColor(UNRECOGNIZED_COLOR if unrecognized else "#ffffff"))
        correction.setToolTip("Срок не распознан: впишите его понятнее, например «Март - апрель»" if unrecognized else "")

    def _summarise(self) -> None:
        parsed = self.preview.parsed
        warnings = "\n".join(parsed.warnings[:5])
        self.summary.setText(f"Разделов: {len(parsed.sections)}, мероприятий: {len(parsed.events)}. "
                             f"Нераспознанных сроков: {len(self.preview.unrecognized)}"
                             + (" — исправьте их в столбце «Исправленный срок»." if self.preview.unrecognized else ".")
                             + (f"\n{warnings}" if warnings else ""))

    def correct(self, row: int, text: str) -> DeadlineKind:
        """Set the corrected deadline of one previewed event (as typing in its cell does)."""
        self.events.item(row, CORRECTION_COLUMN).setText(text)
        return self.preview.deadline_kind(row)

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self.preview is None or item.column() != CORRECTION_COLUMN:
            return
        row = item.row()
        text = item.text().strip()
        if text:
            self.preview.correct(row, text)
        else:
            self.preview.overrides.pop(row, None)
        self.events.blockSignals(True)
        self._show_kind(row)
        self.events.blockSignals(False)
        self._summarise()

    # saving -------------------------------------------------------------------------------------------------
    def school_code(self) -> str | None:
        if self.level.currentData() != "school" or self.school.currentData() is None:
            return None
        with self.workspace.session() as session:
            return get_record(session, "school", self.school.currentData()).code

    def save(self) -> ChangeOp | None:
        """Save the previewed roadmap in the background; the dialog closes when it is stored."""
        if self.preview is None or not self.allowed:
            return None
        if self.level.currentData() == "school" and self.school.currentData() is None:
            QMessageBox.information(self, self.windowTitle(), "Выберите школу, чья это дорожная карта.")
            return None
        preview, title, code = self.preview, self.title.text().strip() or None, self.school_code()
        return (ChangeOp(self, self.workspace,
                         lambda session: save_preview(session, preview, title=title, school_code=code),
                         Changes("roadmap")).with_progress("Сохраняется дорожная карта…").success(self._saved).run())

    def _saved(self, summary: dict) -> None:
        self.result_summary = summary
        self.accept()
