"""«Концепция и программы»: the school's programs of the year with their measures' progress as the roadmap monitors it;
create, change and remove programs; open a measure's event to record its progress and evidence."""

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services.output.ru_format import format_value
from app.services.risks.programs import delete_program
from app.services.risks.progress import ProgramView
from app.services.risks.screens import ProgramsScreen, programs_screen

from ..operations import ChangeOp
from ..roadmaps.event_dialog import EventDialog
from ..roadmaps.statuses import legend, plain_table, read_only_item, ru_date, status_item
from ..workspace import Workspace
from .common import SchoolTab, add_buttons
from .program_dialog import PROGRAMS, ProgramDialog

LIST_COLUMNS = (("Программа", 420), ("Мероприятий", 100), ("Выполнено, %", 100), ("Просрочено", 90))
MEASURE_COLUMNS = (("№", 44), ("Мероприятие", 320), ("Срок", 140), ("Как понят", 100), ("Ответственный", 160),
                   ("Ожидаемый результат", 200), ("Состояние", 150), ("Ближайший срок", 100))
INDICATOR_COLUMNS = (("Показатель успешности", 460), ("Ед.", 60), ("Цель", 90), ("Достигнуто", 90))
SHOWN = {"risk_program", "risk_profile", "risk_factor", "roadmap", "peer"}


class ProgramsTab(SchoolTab):
    """The list of programs on top; the chosen program's goal, tasks, measures and indicators below."""

    def __init__(self, workspace: Workspace, school_id: Callable[[], str | None], parent: QWidget | None = None):
        super().__init__(workspace, school_id, programs_screen, parent)
        self.screen: ProgramsScreen | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addLayout(self._buttons())
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.list = plain_table(LIST_COLUMNS, stretch=0)
        self.list.itemSelectionChanged.connect(self._show_chosen)
        self.list.doubleClicked.connect(lambda _index: self.edit())
        splitter.addWidget(self.list)
        splitter.addWidget(self._detail())
        splitter.setSizes([160, 520])
        layout.addWidget(splitter, 1)
        self.follow(SHOWN)

    def _buttons(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.buttons = add_buttons(bar, (("create", "Новая программа…", self.create), ("edit", "Изменить…", self.edit),
                                         ("delete", "Удалить", self.delete),
                                         ("event", "Выполнение мероприятия…", self.open_event)))
        return bar

    def _detail(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.goal = QLabel()
        self.goal.setWordWrap(True)
        self.goal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.goal)
        self.measures = plain_table(MEASURE_COLUMNS, stretch=1)
        self.measures.doubleClicked.connect(lambda _index: self.open_event())
        layout.addWidget(self.measures, 3)
        layout.addWidget(legend())
        self.indicators = plain_table(INDICATOR_COLUMNS)
        layout.addWidget(self.indicators, 1)
        return box

    # loading ------------------------------------------------------------------------------------------------
    def _show(self, screen: ProgramsScreen | None) -> None:
        chosen = self.chosen()
        self.screen = screen
        editable = self.show_owner(screen)
        self.summary.setText(self._summary(screen))
        programs = screen.programs if screen else []
        self.list.setRowCount(len(programs))
        for row, program in enumerate(programs):
            counts = program.counts
            for column, text in enumerate((program.heading, str(len(program.measures)),
                                           format_value(program.done_percent) if program.done_percent is not None
                                           else "—", str(counts.get("overdue", 0)))):
                self.list.setItem(row, column, read_only_item(text))
        first_with_measures = next((row for row, p in enumerate(programs) if p.measures), 0)
        keep = next((row for row, p in enumerate(programs) if chosen and p.program_id == chosen.program_id),
                    first_with_measures)
        if programs:
            self.list.selectRow(keep)
        self._show_chosen()
        for key, button in self.buttons.items():
            button.setVisible(editable or key == "event")
        self.buttons["create"].setEnabled(bool(screen and screen.has_profile))

    @staticmethod
    def _summary(screen: ProgramsScreen | None) -> str:
        if screen is None:
            return "Выберите школу."
        if not screen.has_profile:
            return f"Профиль рисков за {screen.year} год не заполнен: программы пишутся по его приоритетным рискам."
        missing = screen.without_program
        return ("Антирисковой программы нет у приоритетных рисков: " + "; ".join(f"«{m}»" for m in missing) + "."
                if missing else "У каждого приоритетного риска есть антирисковая программа.")

    def chosen(self) -> ProgramView | None:
        row = self.list.currentRow()
        programs = self.screen.programs if self.screen else []
        return programs[row] if 0 <= row < len(programs) else None

    def _show_chosen(self) -> None:
        program = self.chosen()
        self.goal.setText(self._goal_text(program))
        measures = program.measures if program else []
        self.measures.setRowCount(len(measures))
        for row, m in enumerate(measures):
            for column, text in enumerate((m.number, m.title, m.deadline_text, m.deadline_kind, m.responsible,
                                           m.expected_result)):
                self.measures.setItem(row, column, read_only_item(text))
            self.measures.setItem(row, 6, status_item(m.status))
            self.measures.setItem(row, 7, read_only_item(ru_date(m.next_due)))
        self.measures.resizeRowsToContents()
        indicators = program.indicators if program else []
        self.indicators.setRowCount(len(indicators))
        for row, i in enumerate(indicators):
            for column, text in enumerate((i.name, i.unit or "", format_value(i.target),
                                           "нет данных" if i.actual is None else format_value(i.actual))):
                self.indicators.setItem(row, column, read_only_item(text))
        for key in ("edit", "delete"):
            self.buttons[key].setEnabled(program is not None)
        self.buttons["event"].setEnabled(bool(measures))

    @staticmethod
    def _goal_text(program: ProgramView | None) -> str:
        if program is None:
            return ""
        tasks = "".join(f"<br>• {escape(task)}" for task in program.tasks)
        approved = f"<br><i>Утверждена: {escape(program.approved_by)}</i>" if program.approved_by else ""
        return (f"<b>{escape(program.heading)}</b> — {program.progress_text()}.<br><b>Цель:</b> {escape(program.goal)}"
                + (f"<br><b>Задачи:</b>{tasks}" if tasks else "") + approved)

    # actions ------------------------------------------------------------------------------------------------
    def create(self) -> ProgramDialog | None:
        school = self.school_id()
        if school is None or self.screen is None:
            return None
        dialog = ProgramDialog(self.workspace, school, self.screen, parent=self)
        dialog.open()
        return dialog

    def edit(self) -> ProgramDialog | None:
        program, school = self.chosen(), self.school_id()
        if program is None or school is None or not (self.screen and self.screen.editable):
            return None
        dialog = ProgramDialog(self.workspace, school, self.screen, program.program_id, program.entry(), self)
        dialog.open()
        return dialog

    def delete(self) -> ChangeOp | None:
        program = self.chosen()
        if program is None:
            return None
        answer = QMessageBox.question(
            self, "Программа", f"Удалить «{program.heading}»? Мероприятия, по которым ещё ничего не отмечено, "
            "уйдут и из дорожной карты школы.", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        program_id = program.program_id
        return ChangeOp(self, self.workspace, lambda session: delete_program(session, program_id), PROGRAMS).run()

    def open_event(self) -> EventDialog | None:
        """The measure's event as the roadmap page shows it: its occurrences, progress and evidence."""
        program, row = self.chosen(), self.measures.currentRow()
        if program is None or not 0 <= row < len(program.measures):
            return None
        dialog = EventDialog(self.workspace, program.measures[row].event_id, self)
        dialog.finished.connect(lambda _code: self.mark_dirty())
        dialog.open()
        return dialog
