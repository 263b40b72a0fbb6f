"""The navigation, in the order of the management cycle: one line per page and the installations it is for. A school
sees pages about itself (its overview, «Наша школа», its indicators, the district's recommendations to answer); the
district's pages and actions that concern all schools are absent there, not disabled. Replacing a page means
changing its factory here, nothing else. Importing every feature here also registers each feature's record card
(app.ui.widgets.cards), so every card is there in the window."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from .answers.page import RecommendationsPage
from .courses.page import courses_page
from .events.page import events_page
from .exchange.page import ExchangePage
from .indicators.page import IndicatorsPage
from .indicators.school_page import SchoolIndicatorsPage
from .overview.page import OverviewPage
from .overview.school_page import SchoolOverviewPage
from .reports.page import ReportsPage
from .results.page import results_page
from .risks.page import risks_page
from .roadmaps.page import roadmaps_page
from .schools.page import own_school_page, schools_page
from .settings.page import SettingsPage
from .submissions.checklist import checklist_page
from .submissions.page import submissions_page
from .staff.page import staff_page
from .workspace import Workspace

DISTRICT, SCHOOL = "district", "school"
BOTH = frozenset({DISTRICT, SCHOOL})


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: str  # an icon of resources/icons (app.ui.widgets.icons)
    chapter: str  # the guide's chapter about the page, opened by F1 there (app.services.guide)
    factory: Callable[[Workspace], QWidget]
    modes: frozenset[str] = BOTH


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Обзор", "overview", "page-overview", OverviewPage, frozenset({DISTRICT})),
    PageSpec("overview", "Обзор", "overview", "page-school-overview", SchoolOverviewPage, frozenset({SCHOOL})),
    PageSpec("schools", "Школы", "schools", "page-schools", schools_page, frozenset({DISTRICT})),
    PageSpec("schools", "Наша школа", "school", "page-own-school", own_school_page, frozenset({SCHOOL})),
    PageSpec("staff", "Педагоги", "staff", "page-staff", staff_page),
    PageSpec("courses", "Курсы и обучение", "courses", "page-courses", courses_page),
    PageSpec("roadmaps", "Дорожные карты", "roadmaps", "page-roadmaps", roadmaps_page),
    PageSpec("recommendations", "Рекомендации района", "recommendations", "page-recommendations",
             RecommendationsPage, frozenset({SCHOOL})),
    PageSpec("events", "Мероприятия", "events", "page-events", events_page),
    PageSpec("indicators", "Показатели", "indicators", "page-indicators", IndicatorsPage, frozenset({DISTRICT})),
    PageSpec("indicators", "Показатели", "indicators", "page-school-indicators", SchoolIndicatorsPage,
             frozenset({SCHOOL})),
    PageSpec("risks", "Риски «500+»", "risks", "page-risks", risks_page),
    PageSpec("results", "Результаты", "results", "page-results", results_page),
    PageSpec("submissions", "Приём данных", "submissions", "page-submissions", submissions_page,
             frozenset({DISTRICT})),
    PageSpec("checklist", "Разделы для района", "checklist", "page-checklist", checklist_page, frozenset({SCHOOL})),
    PageSpec("reports", "Отчёты", "reports", "page-reports", ReportsPage),
    PageSpec("exchange", "Обмен данными", "exchange", "page-exchange", ExchangePage),
    PageSpec("settings", "Настройки", "settings", "page-settings", SettingsPage),
)


def pages_for(mode: str) -> tuple[PageSpec, ...]:
    """The pages of an installation of this kind («district» or «school»), in navigation order."""
    return tuple(spec for spec in PAGES if mode in spec.modes)
