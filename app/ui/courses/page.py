"""The Курсы и обучение page and the course card."""

from ..imports.dialog import import_bar
from ..widgets.cards import CardAction, CardSpec, Tab, register_card
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .enroll import EnrollDialog

TABS = (("Курсы", "course"), ("Обучение педагогов", "enrollment"))

register_card("course", CardSpec(
    tabs=(Tab("Слушатели", "enrollment", "course_id"),),
    actions=(CardAction("Записать педагогов…", "enrollment",
                        lambda workspace, course_id, card: EnrollDialog(workspace, course_id, card).exec()),),
))


def courses_page(workspace: Workspace) -> TabbedPage:
    page = TabbedPage(workspace, "Курсы и обучение", TABS)
    page.insert_bar(import_bar(page, workspace, ("courses", "enrolments")))
    return page
