"""«Приём данных» (district only): school × section for the year in the toolbar — нет данных, получено, принято,
возвращено на доработку — with «Принять», «Вернуть на доработку…» and «Открыть заново» for the selected cell."""

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import SUBMISSION_SECTIONS, SUBMISSION_STATES
from app.search_text import fold_case
from app.services.submissions.states import (
    SchoolSubmissions,
    SectionState,
    accept,
    reopen,
    return_section,
    states_summary,
    submissions_table,
)

from ..operations import ChangeOp, Changes
from ..widgets.refresh import RefreshWhenShown
from ..widgets.search_box import SearchBox
from ..widgets.small_table import fill_table, read_only_table
from ..widgets.tabbed_page import page_title
from ..workspace import Workspace

HEADERS = ["Код", "Школа", "Данные ведёт", *SUBMISSION_SECTIONS.values()]
FIRST_SECTION = 3
COLOURS = {"missing": "#f3f3f3", "received": "#fff4c2", "accepted": "#dcefdc", "returned": "#f8d7da"}
SHOWN = ("school", "submission", "teacher", "social_passport", "exam_result", "vpr_result", "graduation",
         "olympiad_result", "roadmap", "recommendation", "peer", "packet_log")
DECIDED = Changes("submission")


class SubmissionsPage(RefreshWhenShown, QWidget):
    """The year's submissions table with a state filter, a search and the decisions on the selected cell."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.rows: list[SchoolSubmissions] = []
        self.shown: list[SchoolSubmissions] = []
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Приём данных школ"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addLayout(self._filters())
        self.table = read_only_table(HEADERS, stretch=1)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.currentCellChanged.connect(lambda *_cells: self._selected_changed())
        layout.addWidget(self.table, 1)
        self.detail = QLabel("Выберите ячейку раздела, чтобы принять его или вернуть на доработку.")
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)
        layout.addLayout(self._actions())
        self.follow(SHOWN)

    def _filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = SearchBox(placeholder="Поиск школы: код или наименование…")
        self.search.search.connect(lambda _text: self._show_rows())
        self.state_filter = QComboBox()
        self.state_filter.addItem("Все школы", None)
        for code, label in SUBMISSION_STATES.items():
            self.state_filter.addItem(f"Есть раздел: {label}", code)
        self.state_filter.currentIndexChanged.connect(lambda _index: self._show_rows())
        bar.addWidget(self.search, 2)
        bar.addWidget(self.state_filter, 1)
        return bar

    def _actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.accept_button = QPushButton("Принять")
        self.return_button = QPushButton("Вернуть на доработку…")
        self.reopen_button = QPushButton("Открыть заново")
        self.reopen_button.setToolTip("Принятый раздел закрытого года закреплён: пакеты его не меняют, пока он не "
                                      "открыт заново.")
        for button, action in ((self.accept_button, self.accept), (self.return_button, self.return_selected),
                               (self.reopen_button, self.reopen)):
            button.clicked.connect(action)
            button.setEnabled(False)
            bar.addWidget(button)
        bar.addStretch(1)
        return bar

    # data ---------------------------------------------------------------------------------------------------------
    def refresh(self):
        year = self.workspace.year
        return self.load(lambda session: submissions_table(session, year), lambda rows: self._loaded(year, rows))

    def _loaded(self, year: int, rows: list[SchoolSubmissions]) -> None:
        self.rows = rows
        said, _counts = states_summary(s for row in rows for s in row.sections)
        self.summary.setText(f"{year} год, школ: {len(rows)}. Разделов: {said}. Возврат уходит школе в следующем "
                             "пакете района.")
        self._show_rows()

    def _show_rows(self) -> None:
        words = (fold_case(self.search.text()) or "").split()
        state = self.state_filter.currentData()
        self.shown = [row for row in self.rows
                      if all(word in fold_case(f"{row.code} {row.name}") for word in words)
                      and (state is None or any(s.state == state for s in row.sections))]
        fill_table(self.table, [[row.code, row.name, "школа" if row.registered else "район",
                                 *(s.label + (", закреплён" if s.locked else "") for s in row.sections)] for row in self.shown])
        for r, row in enumerate(self.shown):
            for c, section in enumerate(row.sections, start=FIRST_SECTION):
                item = self.table.item(r, c)
                item.setBackground(QBrush(QColor(COLOURS[section.state])))
                item.setToolTip(section.describe())
        self._selected_changed()

    # the selected cell --------------------------------------------------------------------------------------------
    def selected(self) -> tuple[SchoolSubmissions, SectionState] | None:
        row, column = self.table.currentRow(), self.table.currentColumn()
        if not 0 <= row < len(self.shown) or column < FIRST_SECTION:
            return None
        school = self.shown[row]
        return school, school.sections[column - FIRST_SECTION]

    def select(self, code: str, section: str) -> None:
        row = next(i for i, school in enumerate(self.shown) if school.code == code)
        self.table.setCurrentCell(row, FIRST_SECTION + list(SUBMISSION_SECTIONS).index(section))

    def _selected_changed(self) -> None:
        chosen = self.selected()
        state = chosen[1].state if chosen else None
        self.accept_button.setEnabled(state in ("received", "returned"))
        self.return_button.setEnabled(state in ("received", "accepted"))
        self.reopen_button.setEnabled(state == "accepted")
        if chosen:
            school, section = chosen
            self.detail.setText(f"{school.name} — {section.title.lower()}: {section.describe()}.")

    def _decide(self, work, label: str) -> ChangeOp | None:
        chosen = self.selected()
        if chosen is None:
            return None
        school, section = chosen
        year = self.workspace.year
        return (ChangeOp(self, self.workspace, lambda session: work(session, school.code, section.section, year),
                         DECIDED).with_progress(label).run())

    def accept(self) -> ChangeOp | None:
        return self._decide(accept, "Раздел принимается…")

    def reopen(self) -> ChangeOp | None:
        return self._decide(reopen, "Раздел открывается заново…")

    def return_selected(self, comment: str | None = None) -> ChangeOp | None:
        """Ask what the school should correct (unless given), then return the section with that comment."""
        if comment is None:
            comment, agreed = QInputDialog.getMultiLineText(self, "Вернуть на доработку",
                                                            "Что исправить (школа увидит это в пакете района):")
            if not agreed:
                return None
        return self._decide(lambda session, code, section, year: return_section(session, code, section, year, comment),
                            "Раздел возвращается…")


def submissions_page(workspace: Workspace) -> SubmissionsPage:
    return SubmissionsPage(workspace)
