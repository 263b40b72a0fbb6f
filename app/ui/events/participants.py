"""Mark which schools and teachers took part in a methodological event."""

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from app.models.reference import PARTICIPATION_ROLES
from app.services.records import ref_label, ref_options
from app.services.records.participation import record_participation

from ..operations import ChangeOp
from ..widgets.multi_select import MultiSelect
from ..widgets.pick_dialog import PickDialog, select_all_bar
from ..workspace import Workspace


class ParticipantsDialog(PickDialog):
    """Schools on the left; the teachers of the checked schools on the right."""

    def __init__(self, workspace: Workspace, event_id: str, parent: QWidget | None = None):
        super().__init__(workspace, "Участники мероприятия", "Отмечено участий", "participation", parent)
        self.event_id = event_id
        with workspace.session() as session:
            title = ref_label(session, "method_event", event_id)
            schools = ref_options(session, "school")
        self.layout_.addWidget(QLabel(f"Мероприятие: «{title}»"))
        grid = QGridLayout()
        self.schools = MultiSelect(schools, filterable=True, height=300)
        self.teachers = MultiSelect(filterable=True, height=300)
        self.schools.changed.connect(self._load_teachers)
        grid.addWidget(QLabel("Школы"), 0, 0)
        grid.addWidget(QLabel("Педагоги отмеченных школ"), 0, 1)
        grid.addWidget(self.schools, 1, 0)
        grid.addWidget(self.teachers, 1, 1)
        grid.addLayout(select_all_bar(self.schools), 2, 0)
        grid.addLayout(select_all_bar(self.teachers), 2, 1)
        self.layout_.addLayout(grid)
        self.role = QComboBox()
        for code, label in PARTICIPATION_ROLES.items():
            self.role.addItem(label, code)
        self.layout_.addWidget(QLabel("Роль"))
        self.layout_.addWidget(self.role)
        self.finish_layout()
        self.resize(900, 640)

    def _load_teachers(self) -> None:
        kept = self.teachers.checked()
        options: list[tuple[str, str]] = []
        with self.workspace.session() as session:
            for school_id in self.schools.checked():
                options += ref_options(session, "teacher", school=school_id)
        self.teachers.set_items(options, kept)

    def save(self) -> ChangeOp:
        schools, teachers, role = self.schools.checked(), self.teachers.checked(), self.role.currentData()
        return self.run(lambda session: record_participation(session, self.event_id, schools, teachers, role))
