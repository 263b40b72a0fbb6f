"""«Шаблон для школ»: the municipal roadmap's school-level measures. The district picks the schools they are for and
sees, measure by measure, how each school's part stands; a school makes its own roadmap from the template."""

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

from ..operations import ChangeOp, Changes
from ..widgets.dialog_buttons import close_buttons
from ..widgets.multi_select import MultiSelect
from ..widgets.record_form import note_label
from ..workspace import Workspace
from .statuses import plain_table, read_only_item, status_item

MEASURE_COLUMNS = (("№", 50), ("Мероприятие уровня ОО", 360), ("Школа", 220), ("Состояние", 180))
NO_ROADMAP = "нет данных: дорожная карта школы ещё не пришла в пакете"


class TemplateDialog(QDialog):
    """`school_id` set: this installation is that school (it creates its roadmap); None: the district."""

    def __init__(self, workspace: Workspace, roadmap_id: str, school_id: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.roadmap_id, self.school_id = workspace, roadmap_id, school_id
        self.created_id: str | None = None
        self.setWindowTitle("Шаблон дорожной карты для школ")
        layout = QVBoxLayout(self)
        with workspace.session() as session:
            self.progress = measure_progress(session, roadmap_id)
            schools = [] if school_id else form_choices(session, roadmap_id)["schools"]
        layout.addWidget(note_label(
            f"Мероприятий уровня ОО в шаблоне: {len(self.progress)}. Школа создаёт по нему свою дорожную карту; "
            "каждое её мероприятие связано с мероприятием шаблона, и район видит, как школы выполняют свою часть."))
        if school_id:
            layout.addLayout(self._school_bar())
            layout.addWidget(self._table(), 1)
        else:
            splitter = QSplitter()
            splitter.addWidget(self._assign_panel(schools))
            splitter.addWidget(self._table())
            splitter.setSizes([320, 800])
            layout.addWidget(splitter, 1)
        layout.addWidget(close_buttons(self))
        self.resize(1150, 620)

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
        assigned = {part["school_id"] for measure in self.progress for part in measure["schools"]}
        self.schools.set_checked(assigned)
        box.addWidget(self.schools, 1)
        button = QPushButton("Назначить выбранным школам")
        button.clicked.connect(self.assign)
        box.addWidget(button)
        return panel

    def _table(self) -> QWidget:
        rows = [(measure, part) for measure in self.progress for part in (measure["schools"] or [None])]
        self.table = plain_table(MEASURE_COLUMNS)
        self.table.setRowCount(len(rows))
        for index, (measure, part) in enumerate(rows):
            self.table.setItem(index, 0, read_only_item(measure["number"]))
            self.table.setItem(index, 1, read_only_item(measure["title"]))
            self.table.setItem(index, 2, read_only_item(part["school"] if part else "школы не назначены"))
            if part is None or part["status"] == "no_roadmap":
                self.table.setItem(index, 3, read_only_item(NO_ROADMAP if part else ""))
            elif part["status"] in EVENT_STATUSES:
                self.table.setItem(index, 3, status_item(part["status"]))
        self.table.resizeRowsToContents()
        return self.table

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
