"""The navigation, in the order of the management cycle: one line per page. Replacing a page (e.g. a real
«Дорожные карты» instead of its placeholder) means changing its factory here, nothing else."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QStyle, QWidget

from .courses.page import courses_page
from .events.page import events_page
from .overview.page import OverviewPage
from .placeholder import PlaceholderPage
from .reports.page import ReportsPage
from .schools.page import schools_page
from .settings.page import SettingsPage
from .staff.page import staff_page
from .workspace import Workspace

SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: QStyle.StandardPixmap
    factory: Callable[[Workspace], QWidget]


def _placeholder(title: str, description: str) -> Callable[[Workspace], QWidget]:
    return lambda workspace: PlaceholderPage(workspace, title, description)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "Обзор", SP.SP_ComputerIcon, OverviewPage),
    PageSpec("schools", "Школы", SP.SP_DirHomeIcon, schools_page),
    PageSpec("staff", "Педагоги", SP.SP_DirOpenIcon, staff_page),
    PageSpec("courses", "Курсы и обучение", SP.SP_FileDialogDetailedView, courses_page),
    PageSpec("roadmaps", "Дорожные карты", SP.SP_FileDialogListView, _placeholder(
        "Дорожные карты", "Муниципальная и школьные дорожные карты: импорт из Word и Excel, сроки, отметки о выполнении.")),
    PageSpec("events", "Мероприятия", SP.SP_FileDialogContentsView, events_page),
    PageSpec("indicators", "Показатели", SP.SP_FileDialogInfoView, _placeholder(
        "Показатели", "Показатели программы: целевые и фактические значения по годам.")),
    PageSpec("results", "Результаты", SP.SP_DialogApplyButton, _placeholder(
        "Результаты", "Образовательные результаты: ЕГЭ, ОГЭ, ВПР, выпуск и олимпиады по школам.")),
    PageSpec("reports", "Отчёты", SP.SP_FileIcon, ReportsPage),
    PageSpec("exchange", "Обмен данными", SP.SP_DriveFDIcon, _placeholder(
        "Обмен данными", "Пакеты обмена между школами и управлением образования: выгрузка, проверка, загрузка.")),
    PageSpec("settings", "Настройки", SP.SP_FileDialogStart, SettingsPage),
)
