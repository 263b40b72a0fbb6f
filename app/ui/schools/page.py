"""The Школы page and the school card."""

from ..imports.dialog import import_bar
from ..widgets.cards import CardSpec, Tab, register_card
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from ..years.proposals_tab import ProposalsTab

TABS = (
    ("Школы", "school"), ("Статусы по годам", "school_status"), ("Социальные паспорта", "social_passport"),
    ("Сетевое взаимодействие", "partnership"), ("Кураторы и наставники", "assignment"),
)

register_card("school", CardSpec(tabs=(
    Tab("Педагоги", "teacher", "school_id"), Tab("Статусы по годам", "school_status", "school_id"),
    Tab("Социальный паспорт", "social_passport", "school_id"), Tab("Сетевое взаимодействие", "partnership", "school_id"),
    Tab("Куратор и наставники", "assignment", "school_id"),
)))


def schools_page(workspace: Workspace) -> TabbedPage:
    page = TabbedPage(workspace, "Школы", TABS)
    page.insert_bar(import_bar(page, workspace, ("schools", "statuses", "passports")))
    scope = workspace.scope()
    if scope is None or not scope.is_school:
        page.proposals = ProposalsTab(workspace)
        page.tabs.insertTab(2, page.proposals, "Статусы на новый год")
    return page
