"""The navigation, in the order of the management cycle: one line per page and the installations it is for. A school
sees pages about itself (its overview, «Наша школа», its indicators, the district's recommendations to answer); the
district's pages and actions that concern all schools are absent there, not disabled. Replacing a page means
changing its factory here, nothing else. A page's feature is imported when the page is first shown (the window
starts without reports, charts and Office files); the features that give a record its card are named in CARDS, and
imported when such a record is first opened."""

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QStyle, QWidget

from .widgets.cards import register_card_source
from .workspace import Workspace

SP = QStyle.StandardPixmap
DISTRICT, SCHOOL = "district", "school"
BOTH = frozenset({DISTRICT, SCHOOL})


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    icon: QStyle.StandardPixmap
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
    PageSpec("overview", "Обзор", SP.SP_ComputerIcon, "overview.page:OverviewPage", frozenset({DISTRICT})),
    PageSpec("overview", "Обзор", SP.SP_ComputerIcon, "overview.school_page:SchoolOverviewPage", frozenset({SCHOOL})),
    PageSpec("schools", "Школы", SP.SP_DirHomeIcon, "schools.page:schools_page", frozenset({DISTRICT})),
    PageSpec("schools", "Наша школа", SP.SP_DirHomeIcon, "schools.page:own_school_page", frozenset({SCHOOL})),
    PageSpec("staff", "Педагоги", SP.SP_DirOpenIcon, "staff.page:staff_page"),
    PageSpec("courses", "Курсы и обучение", SP.SP_FileDialogDetailedView, "courses.page:courses_page"),
    PageSpec("roadmaps", "Дорожные карты", SP.SP_FileDialogListView, "roadmaps.page:roadmaps_page"),
    PageSpec("recommendations", "Рекомендации района", SP.SP_MessageBoxInformation, "answers.page:RecommendationsPage",
             frozenset({SCHOOL})),
    PageSpec("events", "Мероприятия", SP.SP_FileDialogContentsView, "events.page:events_page"),
    PageSpec("indicators", "Показатели", SP.SP_FileDialogInfoView, "indicators.page:IndicatorsPage",
             frozenset({DISTRICT})),
    PageSpec("indicators", "Показатели", SP.SP_FileDialogInfoView, "indicators.school_page:SchoolIndicatorsPage",
             frozenset({SCHOOL})),
    PageSpec("risks", "Риски «500+»", SP.SP_MessageBoxWarning, "risks.page:risks_page"),
    PageSpec("results", "Результаты", SP.SP_DialogApplyButton, "results.page:results_page"),
    PageSpec("submissions", "Приём данных", SP.SP_DialogYesButton, "submissions.page:submissions_page",
             frozenset({DISTRICT})),
    PageSpec("checklist", "Разделы для района", SP.SP_DialogYesButton, "submissions.checklist:checklist_page",
             frozenset({SCHOOL})),
    PageSpec("reports", "Отчёты", SP.SP_FileIcon, "reports.page:ReportsPage"),
    PageSpec("exchange", "Обмен данными", SP.SP_DriveFDIcon, "exchange.page:ExchangePage"),
    PageSpec("settings", "Настройки", SP.SP_FileDialogStart, "settings.page:SettingsPage"),
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
