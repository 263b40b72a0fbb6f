"""«Квалификация» (Педагоги page): the year's qualification monitoring — who has had no course for three years,
who teaches a subject without matching education or retraining, young specialists without a mentor, vacant rates —
per school and for the district, with filters and the Excel export for next year's course plan."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import POSITIONS, SCHOOL_STATUSES
from app.search_text import fold_case
from app.services.qualification.checks import CHECKS, SHORT_TITLES
from app.services.qualification.export import export_qualification_xlsx
from app.services.output.ru_format import format_value
from app.services.qualification.monitoring import QualificationReport, finding_lines, qualification_report
from app.services.records import ref_options

from ..operations import QueryOp
from ..widgets.refresh import RefreshWhenShown
from ..widgets.screen_fit import narrow
from ..widgets.search_box import SearchBox
from ..widgets.small_table import fill_table, read_only_table
from ..workspace import Workspace

GROUPS = {"": "Любой статус", "shnor": "ШНОР", "shnsu": "ШНСУ", "shnor,shnsu": "ШНОР и ШНСУ",
          "500plus": SCHOOL_STATUSES["500plus"]}
SUMMARY_HEADERS = ["Код", "Школа", "Работников", *SHORT_TITLES.values(), "Вакансии, ставок"]
FINDING_HEADERS = ["Школа", "ФИО", "Должности", "Что найдено", "Подробно"]
SHOWN = ("teacher", "enrollment", "course", "assignment", "individual_route", "staffing_slot", "school",
         "school_status")


class QualificationTab(RefreshWhenShown, QWidget):
    """Filters (school, status group, check, search), the per-school summary, the findings, «Выгрузить в Excel…»."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.report: QualificationReport | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._filters())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        self.schools = read_only_table(SUMMARY_HEADERS, stretch=1)
        self.findings = read_only_table(FINDING_HEADERS, stretch=4, widths={0: 220, 3: 240})  # room to what was found
        split.addWidget(self.schools)
        split.addWidget(self.findings)
        layout.addWidget(split, 1)
        self.follow(SHOWN)

    def _filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.school = narrow(QComboBox())
        self.school.addItem("Все школы района", None)
        self.group = QComboBox()
        for code, label in GROUPS.items():
            self.group.addItem(label, code)
        self.check = narrow(QComboBox())
        self.check.addItem("Все находки", None)
        for code, label in CHECKS.items():
            self.check.addItem(label, code)
        self.search = SearchBox(placeholder="Поиск: ФИО, предмет…")
        for combo in (self.school, self.group):
            combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.check.currentIndexChanged.connect(lambda _index: self._show_findings())
        self.search.search.connect(lambda _text: self._show_findings())
        self.export_button = QPushButton("Выгрузить в Excel…")
        self.export_button.setToolTip("Для плана курсов на следующий год: кому нужны курсы, переподготовка, "
                                      "наставник; вакансии; свод по школам.")
        self.export_button.clicked.connect(self.export)
        for widget, stretch in ((self.school, 2), (self.group, 1), (self.check, 1), (self.search, 2),
                                (self.export_button, 0)):
            bar.addWidget(widget, stretch)
        scope = self.workspace.scope()
        for combo in (self.school, self.group):  # a school's own database holds its own staff only
            combo.setVisible(not (scope and scope.is_school))
        return bar

    def _filter_values(self) -> tuple[int, str | None, tuple[str, ...]]:
        return self.workspace.year, self.school.currentData(), tuple(filter(None, self.group.currentData().split(",")))

    def refresh(self):
        year, school, statuses = self._filter_values()
        fill_schools = self.school.count() <= 1

        def work(session):
            options = ref_options(session, "school") if fill_schools else None
            return qualification_report(session, year, school, statuses), options

        return self.load(work, self._show)

    def _show(self, loaded: tuple[QualificationReport, list | None]) -> None:
        self.report, options = loaded
        if options is not None and len(options) > 1:
            self.school.blockSignals(True)
            for school_id, label in options:
                self.school.addItem(label, school_id)
            self.school.blockSignals(False)
        report = self.report
        self.summary.setText(" ".join(finding_lines(report)) if report.staff_total else
                             f"Нет данных: в выбранных школах нет работников на {report.as_of:%d.%m.%Y}.")
        fill_table(self.schools, [[s.code, s.name, s.staff, *s.counts.values(), format_value(s.vacant_rates)]
                                  for s in report.schools])
        self._show_findings()

    def _show_findings(self) -> None:
        if self.report is None:
            return
        check, words = self.check.currentData(), (fold_case(self.search.text()) or "").split()
        rows = []
        for finding in self.report.findings:
            facts = self.report.staff[finding.teacher_id]
            text = fold_case(f"{facts.name} {' '.join(facts.subjects)} {finding.detail}")
            if (check is None or finding.check == check) and all(word in text for word in words):
                rows.append([self.report.school_name(finding.school_id), facts.name,
                             ", ".join(POSITIONS.get(code, code) for code in facts.positions), finding.title,
                             finding.detail])
        fill_table(self.findings, rows)

    def export(self) -> QueryOp | None:
        year, school, statuses = self._filter_values()
        path, _filter = QFileDialog.getSaveFileName(self, "Выгрузить в Excel", f"Квалификация педагогов {year}.xlsx",
                                                    "Книга Excel (*.xlsx)")
        if not path:
            return None
        path = path if path.lower().endswith(".xlsx") else path + ".xlsx"
        return QueryOp(self, self.workspace,
                       lambda session: export_qualification_xlsx(session, year, Path(path), school, statuses),
                       lambda written: QMessageBox.information(self, "Выгрузка", f"Сохранено: {written}")
                       ).with_progress("Выгружается мониторинг…").run()
