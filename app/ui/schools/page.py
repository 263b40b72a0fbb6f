"""The Школы page and the school card at a district; «Наша школа» at a school: its register facts (kept by the
district), statuses by year, social passports, partnerships and curators."""

from PySide6.QtWidgets import QLabel, QWidget

from app.services.school.summary import school_facts

from ..imports.dialog import import_bar
from ..widgets.cards import CardSpec, Tab, register_card
from ..widgets.refresh import RefreshWhenShown
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from ..years.proposals_tab import ProposalsTab

TABS = (
    ("Школы", "school"), ("Статусы по годам", "school_status"), ("Социальные паспорта", "social_passport"),
    ("Сетевое взаимодействие", "partnership"), ("Кураторы и наставники", "assignment"),
)
OWN_TABS = TABS[1:]
FACTS_STYLE = "background: #f6f9fc; border: 1px solid #c8d3e0; border-radius: 4px; padding: 8px;"

register_card("school", CardSpec(tabs=(
    Tab("Педагоги", "teacher", "school_id"), Tab("Статусы по годам", "school_status", "school_id"),
    Tab("Социальный паспорт", "social_passport", "school_id"), Tab("Сетевое взаимодействие", "partnership", "school_id"),
    Tab("Куратор и наставники", "assignment", "school_id"),
)))


class SchoolFacts(RefreshWhenShown, QLabel):
    """The school's register record in two lines; the district keeps it, its packet updates it."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWordWrap(True)
        self.setStyleSheet(FACTS_STYLE)
        self.follow({"school"}, year=False)

    def refresh(self):
        return self.load(school_facts, lambda lines: self.setText("\n".join(lines)))


def schools_page(workspace: Workspace) -> TabbedPage:
    page = TabbedPage(workspace, "Школы", TABS)
    page.insert_bar(import_bar(page, workspace, ("schools", "statuses", "passports")))
    page.proposals = ProposalsTab(workspace)
    page.tabs.insertTab(2, page.proposals, "Статусы на новый год")
    return page


def own_school_page(workspace: Workspace) -> TabbedPage:
    page = TabbedPage(workspace, "Наша школа", OWN_TABS)
    page.facts = SchoolFacts(workspace)
    page.layout().insertWidget(1, page.facts)
    return page
