"""Enrol many teachers in a course at once: a checkable list of teachers, filterable by school."""

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.services.records import ref_label, ref_options
from app.services.records.participation import enroll_teachers

from ..operations import ChangeOp
from ..widgets.multi_select import MultiSelect
from ..widgets.pick_dialog import PickDialog, select_all_bar
from ..workspace import Workspace


class EnrollDialog(PickDialog):
    def __init__(self, workspace: Workspace, course_id: str, parent: QWidget | None = None):
        super().__init__(workspace, "Записать педагогов на курс", "Записано педагогов", "enrollment", parent)
        self.course_id = course_id
        with workspace.session() as session:
            course = ref_label(session, "course", course_id)
            schools = ref_options(session, "school")
        self.layout_.addWidget(QLabel(f"Курс: «{course}»"))
        self.school = QComboBox()
        if len(schools) != 1:
            self.school.addItem("Все школы", None)
        for school_id, label in schools:
            self.school.addItem(label, school_id)
        self.school.currentIndexChanged.connect(lambda _index: self._load())
        self.teachers = MultiSelect(filterable=True, height=360)
        self.layout_.addWidget(self.school)
        self.layout_.addWidget(self.teachers)
        self.layout_.addLayout(select_all_bar(self.teachers))
        self.finish_layout()
        self._load()

    def _load(self) -> None:
        kept = self.teachers.checked()
        with self.workspace.session() as session:
            options = ref_options(session, "teacher", school=self.school.currentData())
        self.teachers.set_items(options, kept)

    def save(self) -> ChangeOp:
        chosen = self.teachers.checked()
        return self.run(lambda session: enroll_teachers(session, self.course_id, chosen))
