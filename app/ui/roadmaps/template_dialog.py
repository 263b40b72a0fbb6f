"""«Шаблон для школ»: the municipal roadmap's school-level measures. The district picks the schools they are for and
sees, measure by measure, how each school's part stands; a school makes its own roadmap from the template."""

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import EVENT_STATUSES
from app.services.roadmaps.edit_form import form_choices
from app.services.roadmaps.templates import assign_template, create_school_roadmap, measure_progress

from ..operations import ChangeOp, Changes, QueryOp
from ..widgets.dialog_buttons import close_buttons
from ..widgets.multi_select import MultiSelect
from ..widgets.record_form import note_label
from ..workspace import Workspace
from .statuses import plain_table, read_only_item, status_item

MEASURE_COLUMNS = (("№", 50), ("Мероприятие уровня ОО", 340), ("Школ", 60), ("Выполнили", 85), ("Просрочили", 90),
                   ("Нет данных", 85))
SCHOOL_COLUMNS = (("Школа", 320), ("Состояние", 420))
NO_ROADMAP = "нет данных: дорожная карта школы по шаблону ещё не пришла в пакете"


def _outcome(status: str) -> str:
    """«Выполнили» counts done on time and late; «нет данных» — no school roadmap has come yet."""
    if status in ("done", "done_late"):
        return "done"
    return {"overdue": "overdue", "no_roadmap": "no_data"}.get(status, "open")


class TemplateDialog(QDialog):
    """`school_id` set: this installation is that school (it creates its roadmap); None: the district."""

    def __init__(self, workspace: Workspace, roadmap_id: str, school_id: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.roadmap_id, self.school_id = workspace, roadmap_id, school_id
        self.created_id: str | None = None
        self.setWindowTitle("Шаблон дорожной карты для школ")
        layout = QVBoxLayout(self)
        self.progress: list[dict] = []
        self.heading = note_label("Читаются дорожные карты школ…")
        layout.addWidget(self.heading)
        if school_id:
            layout.addLayout(self._school_bar())
            layout.addWidget(self._tables(), 1)
        else:
            with workspace.session() as session:
                schools = form_choices(session, roadmap_id)["schools"]
            splitter = QSplitter()
            splitter.addWidget(self._assign_panel(schools))
            splitter.addWidget(self._tables())
            splitter.setSizes([320, 800])
            layout.addWidget(splitter, 1)
        layout.addWidget(close_buttons(self))
        self.resize(1150, 620)
        self.loading = QueryOp(self, workspace, lambda session: measure_progress(session, roadmap_id),
                               self._fill).run()

    def _school_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        button = QPushButton("Создать дорожную карту школы по шаблону")
        button.clicked.connect(self.create_own)
        row.addWidget(button)
        row.addStretch(1)
        return row

    def _assign_panel(self, schools: list[tuple[str, str]]) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel("Школы, для которых шаблон:"))
        self.schools = MultiSelect(schools, filterable=True, height=300)
        box.addWidget(self.schools, 1)
        button = QPushButton("Назначить выбранным школам")
        button.clicked.connect(self.assign)
        box.addWidget(button)
        return panel

    def _tables(self) -> QWidget:
        """Measures with how many of their schools have done their part; the chosen measure's schools below."""
        panel = QSplitter(Qt.Orientation.Vertical)
        self.table = plain_table(MEASURE_COLUMNS)
        self.table.currentCellChanged.connect(lambda row, *_rest: self._show_schools(row))
        self.schools_table = plain_table(SCHOOL_COLUMNS)
        panel.addWidget(self.table)
        panel.addWidget(self.schools_table)
        panel.setSizes([330, 170])
        return panel

    def _fill(self, progress: list[dict]) -> None:
        self.progress = progress
        self.heading.setText(
            f"Мероприятий уровня ОО в шаблоне: {len(progress)}. Школа создаёт по нему свою дорожную карту; каждое её "
            "мероприятие связано с мероприятием шаблона, и район видит, как школы выполняют свою часть.")
        self.table.setRowCount(len(progress))
        for row, measure in enumerate(progress):
            counts = Counter(_outcome(part["status"]) for part in measure["schools"])
            cells = (measure["number"], measure["title"], str(len(measure["schools"]) or "не назначено"),
                     str(counts["done"]), str(counts["overdue"]), str(counts["no_data"]))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, read_only_item(text))
        self.table.resizeRowsToContents()
        if progress:
            self.table.selectRow(0)
            self._show_schools(0)
        if hasattr(self, "schools"):
            self.schools.set_checked({part["school_id"] for measure in progress for part in measure["schools"]})

    def _show_schools(self, row: int) -> None:
        parts = self.progress[row]["schools"] if 0 <= row < len(self.progress) else []
        self.schools_table.setRowCount(len(parts))
        for index, part in enumerate(parts):
            self.schools_table.setItem(index, 0, read_only_item(part["school"]))
            if part["status"] in EVENT_STATUSES:
                self.schools_table.setItem(index, 1, status_item(part["status"]))
            else:
                self.schools_table.setItem(index, 1, read_only_item(NO_ROADMAP))

    def assign(self) -> ChangeOp:
        roadmap_id, chosen = self.roadmap_id, self.schools.checked()
        return ChangeOp(self, self.workspace, lambda session: assign_template(session, roadmap_id, chosen),
                        Changes("roadmap")).success(lambda _count: self.accept()).run()

    def create_own(self) -> ChangeOp:
        roadmap_id, school_id = self.roadmap_id, self.school_id
        return ChangeOp(self, self.workspace,
                        lambda session: create_school_roadmap(session, roadmap_id, school_id).id,
                        Changes("roadmap")).success(self._created).run()

    def _created(self, roadmap_id: str) -> None:
        self.created_id = roadmap_id
        self.accept()
