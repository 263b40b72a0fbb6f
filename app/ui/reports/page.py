"""Отчёты: choose a report, its year and school, «Сформировать…» → where to save → built in the background →
«Открыть»."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.services.reports import excel as report_excel
from app.services.reports.documents import district_report
from app.services.reports.parts import check_target
from app.services.reports.school_profile import report_schools, school_report
from app.services.reports.vpr_output import export_vpr_xlsx, vpr_report

from ..operations import QueryOp
from ..widgets.refresh import RefreshWhenShown
from ..widgets.tabbed_page import page_title
from ..widgets.year_selector import YearSelector
from ..workspace import Workspace


DISTRICT_ONLY, BOTH = frozenset({"district"}), frozenset({"district", "school"})


@dataclass(frozen=True)
class ReportKind:
    """One report the page offers: its title, the file types it is saved as (the first is the default), whether it
    needs a school, how it is made, and the installations that make it (a school makes no report about the
    district's other schools)."""

    title: str
    description: str
    suffixes: tuple[str, ...]
    needs_school: bool
    make: Callable[[Session, int, str | None, Path], Path]
    modes: frozenset[str] = BOTH
    uses_year: bool = True  # the staff registry is of today, whatever the year


DOCUMENT = ("pdf", "docx")  # the writer follows the extension (app.services.output.writers)
PROFILE = ReportKind("Профиль школы (PDF или Word)", "Сведения о школе, статусы, кадры, социальный паспорт и ИСБ, "
                     "результаты в сравнении с районом, показатели программы по школе за пять лет, курсы, "
                     "дорожная карта, помощь, риски «500+».", DOCUMENT, True,
                     lambda s, y, c, p: school_report(s, c, y, p))
VPR_ABOUT = ("Результаты ВПР по школам, классам и предметам: писали, доли «2» и «4–5», средняя отметка, "
             "подтверждение отметок по журналу, сравнение со средними региона и России за год.")
REPORTS: tuple[ReportKind, ...] = (
    ReportKind("Аналитическая справка района (PDF или Word)", "Школы программы, кураторы и наставники, сетевое "
               "взаимодействие, методические мероприятия, показатели, ИСБ, диаграммы, ГИА, ВПР, курсы, дорожная карта, "
               "рекомендации, риски «500+», задачи. Word — чтобы отредактировать справку перед подписью.",
               DOCUMENT, False,
               lambda s, y, _c, p: district_report(s, y, p), DISTRICT_ONLY),
    PROFILE,
    ReportKind("Показатели: план и факт по годам (Excel)", "Целевые и фактические значения показателей "
               "программы, причины отсутствия данных и определения показателей.",
               ("xlsx",), False, lambda s, y, _c, p: report_excel.export_indicators_xlsx(
                   s, p, report_excel.program_years(s, y)), DISTRICT_ONLY),
    ReportKind("Таблица показателей ЕГЭ/ОГЭ (Excel)", "Показатели ГИА по школам за год.", ("xlsx",), False,
               lambda s, y, _c, p: report_excel.export_exam_table_xlsx(s, y, p), DISTRICT_ONLY),
    ReportKind("Анализ ВПР (PDF)", VPR_ABOUT, ("pdf",), False, lambda s, y, _c, p: vpr_report(s, y, p)),
    ReportKind("Анализ ВПР (Excel)", VPR_ABOUT + " Все столбцы, с причиной у каждого «нет данных».", ("xlsx",), False,
               lambda s, y, _c, p: export_vpr_xlsx(s, y, p)),
    ReportKind("Реестр педагогов (Excel)", "Работники: должности, предметы, категории.", ("xlsx",), False,
               lambda s, _y, _c, p: report_excel.export_staff_registry_xlsx(s, p), uses_year=False),
    ReportKind("Реестр обучения на курсах (Excel)", "Записи на курсы, окончившиеся в году.", ("xlsx",), False,
               lambda s, y, _c, p: report_excel.export_course_registry_xlsx(s, y, p)),
)


def reports_for(mode: str) -> tuple[ReportKind, ...]:
    """The reports an installation of this kind makes; a school's list opens on its profile."""
    offered = tuple(report for report in REPORTS if mode in report.modes)
    return (PROFILE, *(report for report in offered if report is not PROFILE)) if mode == "school" else offered


FILTERS = {"pdf": "Документ PDF (*.pdf)", "docx": "Документ Word (*.docx)", "xlsx": "Книга Excel (*.xlsx)"}


def with_suffix(path: str, suffixes: tuple[str, ...], chosen_filter: str) -> str:
    """The path as typed if it ends in one of the report's extensions, else with the extension of the chosen filter
    (the first one when the filter is not one of the report's)."""
    if any(path.lower().endswith(f".{suffix}") for suffix in suffixes):
        return path
    suffix = next((s for s in suffixes if FILTERS[s] == chosen_filter), suffixes[0])
    return f"{path}.{suffix}"


NO_SCHOOL = "Этот отчёт — обо всех школах района: школа не выбирается."
NO_YEAR = "Этот отчёт — на сегодняшний день: год не выбирается."


class ReportsPage(RefreshWhenShown, QWidget):
    """The report chooser; the last file made can be opened with «Открыть»."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.last_path: Path | None = None
        self.kind, self.school = QComboBox(), QComboBox()
        scope = workspace.scope()
        self.reports = reports_for("school" if scope and scope.is_school else "district")
        for report in self.reports:
            self.kind.addItem(report.title)
        self.year = YearSelector(workspace.year)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.generate = QPushButton("Сформировать…")
        self.open = QPushButton("Открыть")
        self.open.setEnabled(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Отчёт", self.kind)
        form.addRow("Год", self.year)
        form.addRow("Школа", self.school)
        form.setRowVisible(self.school, not (scope and scope.is_school))  # a school's reports are about itself
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate)
        buttons.addWidget(self.open)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(page_title("Отчёты"))
        layout.addLayout(form)  # rows of one height for every report: the buttons below never move
        layout.addLayout(buttons)
        layout.addWidget(self.description)  # its length varies with the report: below the buttons
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(lambda _index: self._kind_changed())
        self.generate.clicked.connect(lambda: self.start())
        self.open.clicked.connect(self.open_last)
        workspace.year_changed.connect(self.year.set_year)
        self.follow({"school"}, year=False)
        self._kind_changed()

    def report(self) -> ReportKind:
        return self.reports[self.kind.currentIndex()]

    def _kind_changed(self) -> None:
        report = self.report()
        self.description.setText(report.description)
        self.school.setEnabled(report.needs_school)
        self.school.setToolTip("" if report.needs_school else NO_SCHOOL)
        self.year.setEnabled(report.uses_year)
        self.year.setToolTip("" if report.uses_year else NO_YEAR)
        self.last_path = None  # «Готово» and «Открыть» are of the report made last, not of this kind
        self.open.setEnabled(False)
        self.status.clear()

    def refresh(self) -> None:
        """The schools a profile can be made for."""
        with self.workspace.session() as session:
            schools = report_schools(session)
        self.school.clear()
        for code, name in schools:
            self.school.addItem(name, code)

    def _default_name(self) -> str:
        report, year = self.report(), self.year.year()
        school = f" — {self.school.currentText()}" if report.needs_school else ""
        return f"{report.title.rsplit(' (', 1)[0]}{school}, {year}.{report.suffixes[0]}"

    def start(self, path: str | None = None) -> QueryOp | None:
        """Ask where to save and in which format (unless `path` is given), then build the report in the background;
        the file's extension gives the format."""
        report = self.report()
        chosen = FILTERS[report.suffixes[0]]
        if not path:
            path, chosen = QFileDialog.getSaveFileName(self, "Сохранить отчёт", self._default_name(),
                                                       ";;".join(FILTERS[suffix] for suffix in report.suffixes))
        if not path:
            return None
        path = with_suffix(path, report.suffixes, chosen)
        year, code = self.year.year(), self.school.currentData() if report.needs_school else None

        def make(session) -> Path:
            return report.make(session, year, code, check_target(path))

        self.status.setText("Отчёт формируется…")
        return QueryOp(self, self.workspace, make, self._done).with_progress("Формирование отчёта…").run()

    def _done(self, path: Path) -> None:
        self.last_path = Path(path)
        self.open.setEnabled(True)
        self.status.setText(f"Готово: {self.last_path}")

    def open_last(self) -> None:
        if self.last_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path)))
