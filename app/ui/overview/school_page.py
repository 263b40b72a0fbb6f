"""Обзор at a school: the deputy director's questions for the year — our status (and before, with its basis), ИСБ and
group from the district, our roadmap, our indicators against the district and the target, the recommendations to
us and our answers, and what is not filled yet (each with a way to open it)."""

from dataclasses import asdict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models.reference import ANSWER_STATES, RECOMMENDATION_STATUSES
from app.services.installation import DISTRICT_DATA_MISSING
from app.services.indicators.per_school import STANDINGS
from app.services.output.ru_format import format_value
from app.services.school.checklist import ChecklistSection
from app.services.school.summary import SchoolOverview, school_overview

from ..indicators.school_page import standing_colour
from ..indicators.rows import STRETCH, Col, RowsModel, RowsTable, column_number, labels
from ..operations import EVERYTHING, QueryOp
from ..widgets.refresh import RefreshWhenShown
from ..widgets.tabbed_page import page_title, scrolled_body
from ..workspace import Workspace
from .page import FigureCard

COLUMNS = 3
ROW_HEIGHT = 24
NO_ANSWER = "нет ответа"
DONE_STYLE = "color: #2e7d32;"
MISSING_STYLE = "color: #8a5a00;"


def _indicator_columns(year: int) -> list[Col]:
    return [Col("code", "Код", width=55), Col("name", "Показатель", width=STRETCH),
            Col("value", "Школа", column_number, 70, True), Col("district", "Район", column_number, 70, True),
            Col("target", f"Цель {year}", column_number, 75, True), Col("standing", "Итог", labels(STANDINGS), 250)]


RECOMMENDATION_COLUMNS = [Col("text", "Рекомендация", width=STRETCH), Col("due_date", "Срок", width=90),
                          Col("district_status", "У района", labels(RECOMMENDATION_STATUSES), 120),
                          Col("answer_state", "Наш ответ", lambda v: ANSWER_STATES.get(v, NO_ANSWER), 150)]


def _fitted(table: RowsTable, rows: int) -> RowsTable:
    """A table as tall as its rows (the page scrolls, not the table)."""
    table.setFixedHeight(ROW_HEIGHT * (max(rows, 1) + 1) + 6)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


class SchoolOverviewPage(RefreshWhenShown, QWidget):
    """Everything is read in one query off the UI thread (`school_overview`) and drawn when it is back."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.overview: SchoolOverview | None = None
        outer = QVBoxLayout(self)
        outer.addWidget(page_title("Обзор"))
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        outer.addWidget(self.subtitle)
        self.body = scrolled_body(outer)
        self.cards_grid = QGridLayout()
        self.cards_grid.setSpacing(10)
        self.body.addLayout(self.cards_grid)
        self.statuses = QLabel()
        self.statuses.setWordWrap(True)
        self.indicators = RowsTable(RowsModel(_indicator_columns(workspace.year), standing_colour, "standing"))
        self.indicators_note = QLabel()
        self.recommendations = RowsTable(RowsModel(RECOMMENDATION_COLUMNS))
        self.recommendations.doubleClicked.connect(lambda _index: self._go("recommendations", {}))
        self.missing_box = QVBoxLayout()
        for title, parts in (("Статус школы по годам", (self.statuses,)),
                             ("Показатели программы", (self.indicators_note, self.indicators)),
                             ("Рекомендации района и наши ответы", (self.recommendations,))):
            self.body.addWidget(self._group(title, parts))
        self.missing_group = QGroupBox()
        self.missing_group.setLayout(self.missing_box)
        self.body.addWidget(self.missing_group)
        self.body.addStretch(1)
        self.cards: dict[str, FigureCard] = {}
        self.follow({EVERYTHING})

    @staticmethod
    def _group(title: str, parts: tuple[QWidget, ...]) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        for part in parts:
            layout.addWidget(part)
        return box

    def refresh(self) -> QueryOp:
        year = self.workspace.year
        return self.load(lambda session: school_overview(session, year), self._show)

    def _show(self, overview: SchoolOverview) -> None:
        self.overview = overview
        district = overview.district
        source = district.as_of_text if district else f"{DISTRICT_DATA_MISSING}: сводка района ещё не приходила"
        self.subtitle.setText(f"{overview.school_name} · {overview.year} год · ИСБ, группа и значения района — "
                              f"{source}")
        self._fill_cards(overview)
        self._fill_statuses(overview)
        self._fill_tables(overview)
        self._fill_missing(overview)

    # cards --------------------------------------------------------------------------------------------------
    def _card_specs(self, overview: SchoolOverview) -> list[tuple[str, str, str, str, dict, bool]]:
        """(key, value, caption, page, filters, big number) of each card."""
        figures = overview.district.figures if overview.district else None
        now = ", ".join(line.label for line in overview.this_year) or "нет статуса программы"
        isb = (f"ИСБ {format_value(figures['isb'])}" if figures and figures["isb"] is not None else
               "ИСБ: нет данных" if figures else DISTRICT_DATA_MISSING)
        group = (figures["group"] or "группа не определена") if figures else "группа по результатам и ИСБ"
        answered = sum(item["answer_state"] is not None for item in overview.recommendations)
        roadmap = overview.roadmap
        road = {"roadmap_id": roadmap.roadmap_id} if roadmap.roadmap_id else {}
        return [
            ("status", now, f"Статус школы в {overview.year} году", "schools", {"entity": "school_status"}, False),
            ("isb", isb, group, "indicators", {}, False),
            ("answers", f"{answered} из {len(overview.recommendations)}", "Ответов на рекомендации района",
             "recommendations", {}, True),
            ("overdue", str(roadmap.overdue), "Просрочено мероприятий дорожной карты", "roadmaps",
             road | {"status": "overdue"}, True),
            ("due_this_month", str(roadmap.due_this_month), "Срок в этом месяце", "roadmaps",
             road | {"due_this_month": True}, True),
            ("done", str(roadmap.done), f"Выполнено мероприятий (из {roadmap.events})", "roadmaps",
             road | {"status": "done"}, True),
        ]

    def _fill_cards(self, overview: SchoolOverview) -> None:
        for card in self.cards.values():
            card.deleteLater()
        self.cards = {}
        for index, (key, value, caption, page, filters, big) in enumerate(self._card_specs(overview)):
            card = FigureCard(value, caption, tip="Открыть", big=big)
            card.clicked.connect(lambda _checked=False, p=page, f=filters: self._go(p, f))
            self.cards_grid.addWidget(card, index // COLUMNS, index % COLUMNS)
            self.cards[key] = card

    def _go(self, page: str, filters: dict) -> None:
        self.workspace.navigate.emit(page, dict(filters))

    # sections -----------------------------------------------------------------------------------------------
    def _fill_statuses(self, overview: SchoolOverview) -> None:
        lines = [f"<b>{line.year}</b>: {line.label}" + (f" — {line.basis}" if line.basis else "")
                 for line in overview.statuses]
        self.statuses.setText("<br>".join(lines) or "Статусов программы (ШНОР, ШНСУ, «500+») у школы нет.")

    def _fill_tables(self, overview: SchoolOverview) -> None:
        rows = [asdict(line) | {"standing": line.standing} for line in overview.indicators]
        self.indicators.model().columns = _indicator_columns(overview.year)
        self.indicators.model().set_rows(rows)
        self.indicators_note.setText("Значение школы считается по её записям; значение района и цель — из данных "
                                     "района." if rows else "Показателей программы пока нет: их перечень и цели "
                                     "приходят в пакете от района.")
        _fitted(self.indicators, len(rows))
        self.recommendations.model().set_rows(overview.recommendations)
        _fitted(self.recommendations, len(overview.recommendations))

    def _fill_missing(self, overview: SchoolOverview) -> None:
        while self.missing_box.count():
            item = self.missing_box.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        incomplete = overview.checklist.incomplete
        self.missing_group.setTitle(f"Что ещё не заполнено за {overview.year} год")
        if not incomplete:
            done = QLabel(f"Всё заполнено: кадры, социальный паспорт, результаты, дорожная карта и ответы на "
                          f"рекомендации за {overview.year} год.")
            done.setStyleSheet(DONE_STYLE)
            self.missing_box.addWidget(done)
        for section in incomplete:
            self.missing_box.addWidget(self._missing_row(section))

    def _missing_row(self, section: ChecklistSection) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        text = QLabel(f"<b>{section.title}</b>: " + "; ".join(section.missing))
        text.setWordWrap(True)
        text.setStyleSheet(MISSING_STYLE)
        go = QPushButton("Открыть")
        go.clicked.connect(lambda _checked=False: self._go(section.page, section.filters))
        layout.addWidget(text, 1)
        layout.addWidget(go, 0, Qt.AlignmentFlag.AlignTop)
        return row
