"""The navigation, in the order of the management cycle: one line per page. Replacing a page (e.g. a real
«Дорожные карты» instead of its placeholder) means changing its factory here, nothing else. Importing every feature
here also registers each feature's record card (app.ui.widgets.cards), so every card is there in the window."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QStyle, QWidget

from .courses.page import courses_page
from .events.page import events_page
from .exchange.page import ExchangePage
from .indicators.page import IndicatorsPage
from .overview.page import OverviewPage
from .reports.page import ReportsPage
from .results.page import results_page
from .risks.page import risks_page
from .roadmaps.page import roadmaps_page
from .schools.page import schools_page
from .settings.page import SettingsPage
from .submissions.checklist import checklist_page
from .submissions.page import submissions_page
from .staff.page import staff_page
from .workspace import Workspace

SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: QStyle.StandardPixmap
    factory: Callable[[Workspace], QWidget]
    district_only: bool = False
    school_only: bool = False


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Обзор", SP.SP_ComputerIcon, OverviewPage),
    PageSpec("schools", "Школы", SP.SP_DirHomeIcon, schools_page),
    PageSpec("staff", "Педагоги", SP.SP_DirOpenIcon, staff_page),
    PageSpec("courses", "Курсы и обучение", SP.SP_FileDialogDetailedView, courses_page),
    PageSpec("roadmaps", "Дорожные карты", SP.SP_FileDialogListView, roadmaps_page),
    PageSpec("events", "Мероприятия", SP.SP_FileDialogContentsView, events_page),
    PageSpec("indicators", "Показатели", SP.SP_FileDialogInfoView, IndicatorsPage),
    PageSpec("risks", "Риски «500+»", SP.SP_MessageBoxWarning, risks_page),
    PageSpec("results", "Результаты", SP.SP_DialogApplyButton, results_page),
    PageSpec("submissions", "Приём данных", SP.SP_DialogYesButton, submissions_page, district_only=True),
    PageSpec("checklist", "Разделы для района", SP.SP_DialogYesButton, checklist_page, school_only=True),
    PageSpec("reports", "Отчёты", SP.SP_FileIcon, ReportsPage),
    PageSpec("exchange", "Обмен данными", SP.SP_DriveFDIcon, ExchangePage),
    PageSpec("settings", "Настройки", SP.SP_FileDialogStart, SettingsPage),
)


def pages_for(at_school: bool) -> tuple[PageSpec, ...]:
    """The pages of a district's window, or of a school's: each side without the other's own pages."""
    return tuple(spec for spec in PAGES if not (spec.district_only if at_school else spec.school_only))
