"""The navigation, in the order of the management cycle: one line per page and the installations it is for. A school
sees pages about itself (its overview, «Наша школа», its indicators, the district's recommendations to answer); the
district's pages and actions that concern all schools are absent there, not disabled. Replacing a page means
changing its factory here, nothing else. Importing every feature here also registers each feature's record card
(app.ui.widgets.cards), so every card is there in the window."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QStyle, QWidget

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

SP = QStyle.StandardPixmap
DISTRICT, SCHOOL = "district", "school"
BOTH = frozenset({DISTRICT, SCHOOL})


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: QStyle.StandardPixmap
    factory: Callable[[Workspace], QWidget]
    modes: frozenset[str] = BOTH


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Обзор", SP.SP_ComputerIcon, OverviewPage, frozenset({DISTRICT})),
    PageSpec("overview", "Обзор", SP.SP_ComputerIcon, SchoolOverviewPage, frozenset({SCHOOL})),
    PageSpec("schools", "Школы", SP.SP_DirHomeIcon, schools_page, frozenset({DISTRICT})),
    PageSpec("schools", "Наша школа", SP.SP_DirHomeIcon, own_school_page, frozenset({SCHOOL})),
    PageSpec("staff", "Педагоги", SP.SP_DirOpenIcon, staff_page),
    PageSpec("courses", "Курсы и обучение", SP.SP_FileDialogDetailedView, courses_page),
    PageSpec("roadmaps", "Дорожные карты", SP.SP_FileDialogListView, roadmaps_page),
    PageSpec("recommendations", "Рекомендации района", SP.SP_MessageBoxInformation, RecommendationsPage,
             frozenset({SCHOOL})),
    PageSpec("events", "Мероприятия", SP.SP_FileDialogContentsView, events_page),
    PageSpec("indicators", "Показатели", SP.SP_FileDialogInfoView, IndicatorsPage, frozenset({DISTRICT})),
    PageSpec("indicators", "Показатели", SP.SP_FileDialogInfoView, SchoolIndicatorsPage, frozenset({SCHOOL})),
    PageSpec("risks", "Риски «500+»", SP.SP_MessageBoxWarning, risks_page),
    PageSpec("results", "Результаты", SP.SP_DialogApplyButton, results_page),
    PageSpec("submissions", "Приём данных", SP.SP_DialogYesButton, submissions_page,
             frozenset({DISTRICT})),
    PageSpec("checklist", "Разделы для района", SP.SP_DialogYesButton, checklist_page,
             frozenset({SCHOOL})),
    PageSpec("reports", "Отчёты", SP.SP_FileIcon, ReportsPage),
    PageSpec("exchange", "Обмен данными", SP.SP_DriveFDIcon, ExchangePage),
    PageSpec("settings", "Настройки", SP.SP_FileDialogStart, SettingsPage),
)


def pages_for(mode: str) -> tuple[PageSpec, ...]:
    """The pages of an installation of this kind («district» or «school»), in navigation order."""
    return tuple(spec for spec in PAGES if mode in spec.modes)
