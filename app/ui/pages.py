"""The navigation, in the order of the management cycle: one line per page and the installations it is for. A school
sees pages about itself (its overview, «Наша школа», its indicators, the district's recommendations to answer); the
district's pages and actions that concern all schools are absent there, not disabled. Replacing a page means
changing its factory here, nothing else. A page's feature is imported when the page is first shown (the window
starts without reports, charts and Office files); the features that give a record its card are named in CARDS, and
imported when such a record is first opened."""

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from .widgets.cards import register_card_source
from .workspace import Workspace

DISTRICT, SCHOOL = "district", "school"
BOTH = frozenset({DISTRICT, SCHOOL})


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str  # an icon of resources/icons (app.ui.widgets.icons)
    chapter: str  # the guide's chapter about the page, opened by F1 there (app.services.guide)
    factory: str  # "feature.module:callable" under app.ui, called with the workspace
    modes: frozenset[str] = BOTH

    def build(self, workspace: Workspace) -> QWidget:
        """Import the page's feature and make the page."""
        return _imported(self.factory)(workspace)


def _imported(path: str):
    module, _colon, name = path.partition(":")
    found = importlib.import_module(f"{__package__}.{module}")
    return getattr(found, name) if name else found


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Обзор", "overview", "page-overview", "overview.page:OverviewPage", frozenset({DISTRICT})),
    PageSpec("overview", "Обзор", "overview", "page-school-overview", "overview.school_page:SchoolOverviewPage",
             frozenset({SCHOOL})),
    PageSpec("schools", "Школы", "schools", "page-schools", "schools.page:schools_page", frozenset({DISTRICT})),
    PageSpec("schools", "Наша школа", "school", "page-own-school", "schools.page:own_school_page",
             frozenset({SCHOOL})),
    PageSpec("staff", "Педагоги", "staff", "page-staff", "staff.page:staff_page"),
    PageSpec("courses", "Курсы и обучение", "courses", "page-courses", "courses.page:courses_page"),
    PageSpec("roadmaps", "Дорожные карты", "roadmaps", "page-roadmaps", "roadmaps.page:roadmaps_page"),
    PageSpec("recommendations", "Рекомендации района", "recommendations", "page-recommendations",
             "answers.page:RecommendationsPage", frozenset({SCHOOL})),
    PageSpec("events", "Мероприятия", "events", "page-events", "events.page:events_page"),
    PageSpec("indicators", "Показатели", "indicators", "page-indicators", "indicators.page:IndicatorsPage",
             frozenset({DISTRICT})),
    PageSpec("indicators", "Показатели", "indicators", "page-school-indicators",
             "indicators.school_page:SchoolIndicatorsPage", frozenset({SCHOOL})),
    PageSpec("risks", "Риски «500+»", "risks", "page-risks", "risks.page:risks_page"),
    PageSpec("results", "Результаты", "results", "page-results", "results.page:results_page"),
    PageSpec("submissions", "Приём данных", "submissions", "page-submissions", "submissions.page:submissions_page",
             frozenset({DISTRICT})),
    PageSpec("checklist", "Разделы для района", "checklist", "page-checklist", "submissions.checklist:checklist_page",
             frozenset({SCHOOL})),
    PageSpec("reports", "Отчёты", "reports", "page-reports", "reports.page:ReportsPage"),
    PageSpec("exchange", "Обмен данными", "exchange", "page-exchange", "exchange.page:ExchangePage"),
    PageSpec("settings", "Настройки", "settings", "page-settings", "settings.page:SettingsPage"),
)


CARDS: dict[str, str] = {  # entity → the feature that registers its card (app.ui.widgets.cards)
    "school": "schools.page", "teacher": "staff.page", "course": "courses.page", "external_course": "courses.page",
    "method_event": "events.page", "recommendation": "answers.page",
}
for _entity, _feature in CARDS.items():
    register_card_source(_entity, lambda feature=_feature: _imported(feature))


def pages_for(mode: str) -> tuple[PageSpec, ...]:
    """The pages of an installation of this kind («district» or «school»), in navigation order."""
    return tuple(spec for spec in PAGES if mode in spec.modes)
