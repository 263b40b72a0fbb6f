"""The Педагоги page and the teacher card."""

from ..imports.dialog import import_bar
from ..widgets.cards import CardSpec, Tab, register_card
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .qualification_tab import QualificationTab

TABS = (
    ("Педагоги", "teacher"), ("Штатное расписание", "staffing_slot"), ("Диагностики", "diagnostic"),
    ("ИОМ", "individual_route"),
)

register_card("teacher", CardSpec(tabs=(
    Tab("Курсы", "enrollment", "teacher_id"), Tab("Диагностики", "diagnostic", "teacher_id"),
    Tab("Индивидуальный маршрут", "individual_route", "teacher_id"),
)))


def staff_page(workspace: Workspace) -> TabbedPage:
    page = TabbedPage(workspace, "Педагоги", TABS)
    page.insert_bar(import_bar(page, workspace, ("staff",)))
    page.qualification = QualificationTab(workspace)
    page.tabs.addTab(page.qualification, "Мониторинг квалификации")
    return page
