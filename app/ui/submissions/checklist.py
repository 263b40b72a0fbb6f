"""«Разделы для района» (school only): the school's checklist for the year in the toolbar — each section of its data
with the state the district's packets last gave it (нет данных, получено, принято, возвращено на доработку with the
district's comment), so that a returned section is corrected and sent again."""

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.submissions.states import SectionState, own_sections, states_summary

from ..widgets.refresh import RefreshWhenShown
from ..widgets.small_table import fill_table, read_only_table
from ..widgets.tabbed_page import page_title
from ..workspace import Workspace
from .page import COLOURS, SHOWN

HEADERS = ["Раздел", "Состояние", "Подробности"]
STATE_COLUMN = 1


class ChecklistPage(RefreshWhenShown, QWidget):
    """The school's sections for the year, one per row, coloured by state, with what to do about a returned one."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.sections: list[SectionState] = []
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Разделы данных для района"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = read_only_table(HEADERS, stretch=2)
        layout.addWidget(self.table, 1)
        self.follow(SHOWN)

    def refresh(self):
        year = self.workspace.year
        return self.load(lambda session: own_sections(session, year), lambda sections: self._loaded(year, sections))

    def _loaded(self, year: int, sections: list[SectionState]) -> None:
        self.sections = sections
        said, counts = states_summary(sections)
        text = f"{year} год. Разделов: {said}."
        if counts["returned"]:
            text += " Исправьте возвращённые разделы и отправьте району новый пакет («Обмен данными»)."
        self.summary.setText(text)
        fill_table(self.table, [[s.title, s.label, "; ".join(s.details())] for s in sections])
        for row, section in enumerate(sections):
            self.table.item(row, STATE_COLUMN).setBackground(QBrush(QColor(COLOURS[section.state])))


def checklist_page(workspace: Workspace) -> ChecklistPage:
    return ChecklistPage(workspace)
