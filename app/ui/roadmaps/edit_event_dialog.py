"""Add or edit an event: section, text, deadline with a live «Как понят срок», responsible (from staff or as written),
planned result, level and schools. On a roadmap another installation keeps, the same form saves a proposal."""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import ROADMAP_LEVELS
from app.services.roadmaps.deadlines import DeadlineKind, parse_deadline
from app.services.roadmaps.edit_form import event_form, form_choices
from app.services.roadmaps.editing import add_event, edit_event
from app.services.roadmaps.proposals import propose_event_change

from ..operations import ChangeOp, Changes
from ..widgets.dialog_buttons import save_buttons
from ..widgets.field_errors import FieldErrors
from ..widgets.multi_select import MultiSelect
from ..widgets.record_form import note_label
from ..workspace import Workspace
from .statuses import ru_date

NO_SECTION = ""
FREE_TEXT = None


class EventEditDialog(QDialog):
    """`event_id` None adds an event to `roadmap_id`; `propose` saves the edit as a proposal to the owner."""

    def __init__(self, workspace: Workspace, roadmap_id: str, event_id: str | None = None, *, year: int,
                 section_id: str | None = None, propose: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.roadmap_id, self.event_id, self.year, self.propose = (
            workspace, roadmap_id, event_id, year, propose)
        self.saved_id: str | None = None
        with workspace.session() as session:
            self.choices = form_choices(session, roadmap_id)
            values = event_form(session, event_id) if event_id else None
        self.setWindowTitle("Предложить изменение мероприятия" if propose else
                            "Изменить мероприятие" if event_id else "Новое мероприятие")
        layout = QVBoxLayout(self)
        if propose:
            layout.addWidget(note_label("Эту дорожную карту ведёт другая организация: изменение сохранится как "
                                        "предложение. Если владелец изменит то же мероприятие, вы увидите обе версии "
                                        "и выберете."))
        form = QFormLayout()
        self.errors = FieldErrors(form)
        self._build(form)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(save_buttons(self, self.save, "Предложить" if propose else "Сохранить"))
        self._load(values, section_id)
        self.resize(760, 480)

    def _build(self, form: QFormLayout) -> None:
        self.section = QComboBox()
        self.section.addItem("— без раздела —", NO_SECTION)
        for section_id, label in self.choices["sections"]:
            self.section.addItem(label[:90], section_id)
        self.title = QPlainTextEdit()
        self.title.setFixedHeight(80)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText("Как в документе: «Февраль», «Ежегодно, март-апрель», «В течение года»")
        self.deadline.textChanged.connect(lambda _text: self._show_understood())
        self.understood = QLabel()
        self.understood.setWordWrap(True)
        self.accept_unrecognized = QCheckBox("Сохранить как написано («срок не распознан»): программа не будет "
                                             "следить за этим сроком")
        self.staff = QComboBox()
        self.staff.addItem("— как написано ниже —", FREE_TEXT)
        for teacher_id, name in self.choices["staff"]:
            self.staff.addItem(name, teacher_id)
        self.staff.currentIndexChanged.connect(lambda _index: self._follow_staff())
        self.responsible = QComboBox()
        self.responsible.setEditable(True)
        self.responsible.addItems([""] + self.choices["responsible_texts"])
        self.planned_result = QPlainTextEdit()
        self.planned_result.setFixedHeight(64)
        self.level = QComboBox()
        for code, label in ROADMAP_LEVELS.items():
            self.level.addItem(label, code)
        self.level.currentIndexChanged.connect(lambda _index: self._follow_level())
        self.schools = MultiSelect(self.choices["schools"], filterable=True, height=110)
        rows = (("section", "Раздел", self.section), ("title", "Мероприятие", self.title),
                ("deadline_text", "Срок (как в документе)", self.deadline))
        for name, title, widget in rows:
            self.errors.add_row(name, title, widget)
        form.addRow("Как понят срок", self.understood)
        form.addRow("", self.accept_unrecognized)
        if self.choices["staff"]:
            self.errors.add_row("responsible_teacher_id", "Ответственный из сотрудников", self.staff)
        self.errors.add_row("responsible", "Ответственные", self.responsible)
        self.errors.add_row("planned_result", "Планируемый результат", self.planned_result)
        self.errors.add_row("level", "Уровень", self.level)
        self.schools_label = QLabel("Для школ\n(ни одной — для всех)")
        form.addRow(self.schools_label, self.errors.cell("school_ids", self.schools))
        for widget in (self.section, self.staff, self.level, self.schools):
            widget.setEnabled(not self.propose)

    def _load(self, values: dict | None, section_id: str | None) -> None:
        values = values or {"section_id": section_id, "title": "", "deadline_text": "", "responsible": "",
                            "responsible_teacher_id": None, "planned_result": "",
                            "level": "school" if self.choices["level"] == "school" else "municipal", "school_ids": []}
        self.section.setCurrentIndex(max(self.section.findData(values["section_id"] or NO_SECTION), 0))
        self.title.setPlainText(values["title"])
        self.deadline.setText(values["deadline_text"])
        self.staff.setCurrentIndex(max(self.staff.findData(values["responsible_teacher_id"]), 0))
        self.responsible.setCurrentText(values["responsible"])
        self.planned_result.setPlainText(values["planned_result"])
        self.level.setCurrentIndex(max(self.level.findData(values["level"]), 0))
        self.level.setEnabled(self.choices["level"] == "municipal" and not self.propose)
        self.schools.set_checked(values["school_ids"])
        self._follow_level()
        self._show_understood()

    def _show_understood(self) -> None:
        """How the program reads the deadline while it is typed (for the roadmap's first year)."""
        text = self.deadline.text().strip()
        deadline = parse_deadline(text, self.year)
        unrecognized = bool(text) and deadline.kind == DeadlineKind.UNRECOGNIZED
        windows = "; ".join(f"{ru_date(w.start)} – {ru_date(w.end)}" for w in deadline.windows[:4])
        more = f" и ещё {len(deadline.windows) - 4}" if len(deadline.windows) > 4 else ""
        self.understood.setText("—" if not text else deadline.kind.label + (f": {windows}{more}" if windows else ""))
        self.understood.setStyleSheet("color: #b00020;" if unrecognized else "")
        self.accept_unrecognized.setVisible(unrecognized)

    def _follow_staff(self) -> None:
        if self.staff.currentData() is not None:
            self.responsible.setCurrentText(self.staff.currentText())

    def _follow_level(self) -> None:
        shown = self.choices["level"] == "municipal" and self.level.currentData() == "school"
        self.schools.setVisible(shown)
        self.schools_label.setVisible(shown)

    def values(self) -> dict:
        """What the form says, as the editing service takes it."""
        values = {"title": self.title.toPlainText(), "deadline_text": self.deadline.text(),
                  "responsible": self.responsible.currentText(), "planned_result": self.planned_result.toPlainText()}
        if self.propose:
            return values
        values.update(responsible_teacher_id=self.staff.currentData(), level=self.level.currentData(),
                      school_ids=self.schools.checked() if not self.schools.isHidden() else [],
                      accept_unrecognized=self.accept_unrecognized.isChecked() and not self.accept_unrecognized.isHidden())
        if self.event_id:
            values["section"] = self.section.currentData()
        return values

    def work(self):
        values, roadmap_id, event_id = self.values(), self.roadmap_id, self.event_id
        if self.propose:
            return lambda session: propose_event_change(session, event_id, values).record_id
        if event_id:
            return lambda session: edit_event(session, event_id, values).id
        section = self.section.currentData()
        return lambda session: add_event(session, roadmap_id, section, values).id

    def save(self) -> ChangeOp:
        return (ChangeOp(self, self.workspace, self.work(), Changes("roadmap")).fields(self.errors, "title")
                .success(self._saved).run())

    def _saved(self, event_id: str) -> None:
        self.saved_id = event_id
        self.accept()

