"""«Анализ и отбор ШНОР»: ИСБ, candidates with the reason, resilient schools, dynamics, and the year's decisions.
The computation proposes; the methodologist decides (DecisionDialog) or withdraws a decision."""

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import SCHOOL_STATUSES
from app.services.analytics.decisions import revoke_status, status_decisions
from app.services.analytics.selection import (
    ISB_INPUTS,
    RESILIENT_RULE,
    isb,
    positive_dynamics,
    resilient_schools,
    shnor_candidates,
)
from app.services.installation import DISTRICT_DATA_MISSING, district_figures_here
from app.services.records import editable

from ..operations import ChangeOp, Changes, QueryOp
from ..widgets.record_form import note_label
from ..widgets.refresh import RefreshWhenShown
from ..workspace import Workspace
from .decision_dialog import DecisionDialog
from .form import export_rows
from .isb_dialogs import MethodDialog, WeightsDialog
from .rows import STRETCH, Col, RowsModel, RowsTable, fixed, labels, plain

YEARS_BACK = 3
SHOWN = {"school_status", "social_passport", "exam_result", "vpr_result", "school", "isb_weights"}  # what it reads
RISE, FALL = QColor("#cdebd0"), QColor("#f6cccc")


NO_DISTRICT_DATA = (f"{DISTRICT_DATA_MISSING.capitalize()}: ИСБ, индекс результатов, кандидаты, резильентность "
                    "и динамика считаются по всем школам района и в базе одной школы не вычисляются.")


def analysis_data(session, year: int) -> dict[str, list[dict]]:
    """Everything the tab shows for the year, as plain rows (computed on a worker thread); at a school installation
    only the year's decisions (the rest is relative to the district's schools)."""
    if not district_figures_here(session):
        return {"isb": [], "candidates": [], "resilient": [], "dynamics": [],
                "statuses": status_decisions(session, year)}
    return {
        "isb": isb(session, year), "candidates": shnor_candidates(session, year, YEARS_BACK),
        "resilient": resilient_schools(session, year),
        "dynamics": sorted(positive_dynamics(session, year), key=lambda row: row["delta"], reverse=True),
        "statuses": status_decisions(session, year),
    }


ISB_SHORT_TITLES = {  # the table's narrow headers; the full title is the header's tooltip and the Excel header
    "share_parents_higher_ed": "Родители с ВО, %", "share_low_income": "Малообесп., %", "share_single_parent": "Неполные, %",
    "share_large_family": "Многодетные, %", "share_unemployed_parents": "Не работают, %",
    "share_non_native_russian": "Нерусскоязычн., %", "at_risk_share": "Группа риска, %", "ovz_share": "ОВЗ, %",
    "registered_share": "На учёте, %", "distance_km": "Удалённость, км",
}


def isb_columns(_year: int) -> list[Col]:
    inputs = [Col(key, ISB_SHORT_TITLES[key], fixed(1), 115, True, title)
              for key, (title, _sign) in ISB_INPUTS.items()]
    return [Col("school", "Школа", width=300), Col("isb", "ИСБ", fixed(1), 60, True), *inputs]


def candidate_columns(year: int) -> list[Col]:
    years = [Col(y, f"Индекс {y}, σ", fixed(2), 115, True) for y in range(year - YEARS_BACK + 1, year + 1)]
    return [Col("school", "Школа", width=280), *years, Col("mean_index", "Средний индекс, σ", fixed(2), 140, True),
            Col("isb", "ИСБ", fixed(1), 60, True), Col("proposed", "Предлагается", labels(SCHOOL_STATUSES), 110),
            Col("reason", "Основание расчёта", width=420)]


def yes_no(value) -> str:
    return "да" if value else "нет"


def resilient_columns(_year: int) -> list[Col]:
    return [Col("school", "Школа", width=240), Col("result_index", "Индекс результатов, σ", fixed(2), 145, True),
            Col("isb", "ИСБ", fixed(1), 55, True), Col("computed", "По расчёту", yes_no, 85),
            Col("decided", "По решению", yes_no, 90), Col("note", "Расчёт и решение", width=STRETCH)]


def dynamics_columns(year: int) -> list[Col]:
    return [Col("school", "Школа", width=STRETCH), Col("previous", f"Индекс {year - 1}, σ", fixed(2), 110, True),
            Col("current", f"Индекс {year}, σ", fixed(2), 110, True), Col("delta", "Изменение, σ", fixed(2), 110, True),
            Col("positive", "Динамика", lambda v: "положительная" if v else "нет роста", 120)]


def status_columns(_year: int) -> list[Col]:
    return [Col("school", "Школа", width=340), Col("status", "Статус", labels(SCHOOL_STATUSES), 130),
            Col("decided_on", "Дата решения", plain, 110), Col("basis", "Основание")]


def dynamics_colour(row: dict) -> QColor:
    return RISE if row.get("positive") else FALL


EMPTY = {  # what an empty sub-tab says
    "resilient": ("Резильентных школ за этот год нет: по правилу ни одна школа не сочетает ИСБ в нижней четверти "
                  "района с индексом результатов не ниже медианы, и статус «резильентная» на год никому не присвоен."),
    "statuses": "Решений о статусах на этот год нет.",
}
SECTIONS = (  # key, tab title, columns, hint
    ("isb", "ИСБ по школам", isb_columns,
     ("Индекс социального благополучия по социальному паспорту: 0–100, чем выше, тем благополучнее. "
      "Показатели паспорта — в процентах.")),
    ("candidates", "Кандидаты в ШНОР/ШНСУ", candidate_columns,
     (f"ШНОР — средний индекс результатов ГИА и ВПР за {YEARS_BACK} года не выше −0,5 σ; ШНСУ — ИСБ в нижней "
      "четверти района. Выберите школу и нажмите «Принять решение…».")),
    ("resilient", "Резильентные школы", resilient_columns,
     RESILIENT_RULE + " Здесь же — школы со статусом «резильентная» по решению; где расчёт и решение расходятся, "
     "сказано почему."),
    ("dynamics", "Положительная динамика", dynamics_columns,
     "Индекс ЕГЭ/ОГЭ по предметам, которые школа сдавала в оба года; рост — положительная динамика."),
    ("statuses", "Решения года", status_columns, "Статусы школ, присвоенные на год, с датой и основанием решения."),
)


class Section(QWidget):
    """One sub-tab: a hint, its buttons and its table."""

    def __init__(self, key: str, make_columns, hint: str, year: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.key, self.make_columns = key, make_columns
        layout = QVBoxLayout(self)
        text = QLabel(hint)
        text.setWordWrap(True)
        text.setStyleSheet("color: #444;")
        layout.addWidget(text)
        self.bar = QHBoxLayout()
        layout.addLayout(self.bar)
        colour = (dynamics_colour, "positive") if key == "dynamics" else (None, None)
        self.model = RowsModel(make_columns(year), *colour)
        self.table = RowsTable(self.model)
        layout.addWidget(self.table, 1)
        self.count = QLabel()
        layout.addWidget(self.count)

    def add_button(self, title: str, action) -> QPushButton:
        button = QPushButton(title)
        button.clicked.connect(action)
        self.bar.addWidget(button)
        return button

    def show_rows(self, rows: list[dict], year: int, district: bool = True) -> None:
        self.model.columns = self.make_columns(year)
        self.model.set_rows(rows)
        noun = "Решений" if self.key == "statuses" else "Школ"
        empty = (EMPTY.get(self.key, "Нет данных за этот год.") if district or self.key == "statuses"
                 else NO_DISTRICT_DATA)
        self.count.setText(f"{noun}: {len(rows)}" if rows else empty)


class AnalysisTab(RefreshWhenShown, QWidget):
    """Sub-tabs of the analysis; the whole computation runs in the background when the year or data change."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        with workspace.session() as session:
            self.allowed, reason = editable(session, "school_status")
            self.district = district_figures_here(session)
        layout = QVBoxLayout(self)
        if not self.allowed:
            layout.addWidget(note_label(reason))
        top = QHBoxLayout()
        self.weights_button = QPushButton("Веса ИСБ…")
        self.weights_button.clicked.connect(self.edit_weights)
        self.weights_button.setVisible(self.allowed)
        self.method_button = QPushButton("Как считается ИСБ")
        self.method_button.clicked.connect(lambda: MethodDialog(self).exec())
        self.method_button.setToolTip("Методика расчёта ИСБ, индекса результатов и отбора кандидатов")
        self.status = QLabel()
        for widget in (self.weights_button, self.method_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.status)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.sections = {key: Section(key, columns, hint, workspace.year) for key, _title, columns, hint in SECTIONS}
        for key, title, _columns, _hint in SECTIONS:
            self.tabs.addTab(self.sections[key], title)
        layout.addWidget(self.tabs, 1)
        self._section_buttons()
        self.follow(SHOWN)

    def _section_buttons(self) -> None:
        candidates, statuses = self.sections["candidates"], self.sections["statuses"]
        candidates.add_button("Принять решение…", self.decide).setEnabled(self.allowed)
        candidates.table.doubleClicked.connect(lambda _index: self.decide() if self.allowed else None)
        statuses.add_button("Отменить решение", self.revoke).setEnabled(self.allowed)
        for section in self.sections.values():
            section.bar.addStretch(1)
            section.add_button("В Excel…", lambda _checked=False, s=section: self.export(s))

    # loading ----------------------------------------------------------------------------------------------
    def refresh(self) -> QueryOp:
        """Compute the analysis for the workspace year on a worker thread; a newer request wins."""
        year = self.workspace.year
        self.status.setText(f"Идёт расчёт за {year} год…")
        return self.load(lambda session: analysis_data(session, year), lambda data: self._show(data, year),
                         label="Считаются ИСБ и кандидаты в ШНОР…")

    def _show(self, data: dict[str, list[dict]], year: int) -> None:
        for key, section in self.sections.items():
            section.show_rows(data[key], year, self.district)
        self.status.setText(f"Расчёт за {year} год")

    # actions ----------------------------------------------------------------------------------------------
    def edit_weights(self) -> None:
        WeightsDialog(self.workspace, self).exec()

    def decision_dialog(self) -> DecisionDialog | None:
        """The decision dialog for the selected candidate, prefilled with the proposed status and the reason."""
        row = self.sections["candidates"].table.current()
        if row is None:
            QMessageBox.information(self, "Решение о статусе", "Выберите школу в списке кандидатов.")
            return None
        proposed = row.get("proposed") or [None]
        return DecisionDialog(self.workspace, row["school_id"], row["school"], proposed[0],
                              f"Расчёт «Куратора»: {row['reason']}.", self)

    def decide(self) -> None:
        dialog = self.decision_dialog()
        if dialog is not None:
            dialog.exec()

    def revoke(self) -> ChangeOp | None:
        """Ask, then withdraw the selected decision; the running withdrawal."""
        row = self.sections["statuses"].table.current()
        if row is None:
            QMessageBox.information(self, "Отмена решения", "Выберите решение в списке.")
            return None
        label = SCHOOL_STATUSES.get(row["status"], row["status"])
        answer = QMessageBox.question(
            self, "Отмена решения",
            f"Отменить статус {label} школы «{row['school']}» на {self.workspace.year} год?\n"
            "Отмена передаётся школе в пакете обмена.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        school_id, year, status = row["school_id"], self.workspace.year, row["status"]
        return ChangeOp(self, self.workspace, lambda session: revoke_status(session, school_id, year, status),
                        Changes("school_status")).run()

    def export(self, section: Section) -> None:
        title = self.tabs.tabText(self.tabs.indexOf(section))
        export_rows(self, self.workspace, section.model, title, f"{title} {self.workspace.year}.xlsx")

