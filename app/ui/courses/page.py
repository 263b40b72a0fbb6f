"""The Курсы и обучение page, the course card, and courses taken outside the district's catalogue: a school records
them, the district sees them as proposals and accepts one into its catalogue from its card."""

from PySide6.QtWidgets import QMessageBox, QWidget

from app.services.school.external_courses import accept_into_catalogue

from ..imports.dialog import import_bar
from ..operations import ChangeOp, Changes
from ..widgets.cards import CardAction, CardSpec, Tab, register_card
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .enroll import EnrollDialog

DISTRICT_TABS = (("Курсы", "course"), ("Обучение педагогов", "enrollment"),
                 ("Предложения школ: курсы вне каталога", "external_course"))
SCHOOL_TABS = (("Курсы района", "course"), ("Обучение педагогов", "enrollment"),
               ("Курсы вне каталога района", "external_course"))


def accept_course(workspace: Workspace, external_id: str, card: QWidget) -> ChangeOp:
    """Add the school's course to the district's catalogue; the card says which course it became."""
    return (ChangeOp(card, workspace, lambda session: accept_into_catalogue(session, external_id).title,
                     Changes("course", "external_course"))
            .success(lambda title: QMessageBox.information(card, "Каталог курсов",
                                                           f"Курс «{title}» добавлен в каталог района.")).run())


register_card("course", CardSpec(
    tabs=(Tab("Слушатели", "enrollment", "course_id"),),
    actions=(CardAction("Записать педагогов…", "enrollment",
                        lambda workspace, course_id, card: EnrollDialog(workspace, course_id, card).exec()),),
))
register_card("external_course", CardSpec(actions=(CardAction("Принять в каталог района", "course", accept_course),)))


def courses_page(workspace: Workspace) -> TabbedPage:
    scope = workspace.scope()
    page = TabbedPage(workspace, "Курсы и обучение", SCHOOL_TABS if scope and scope.is_school else DISTRICT_TABS)
    page.insert_bar(import_bar(page, workspace, ("courses", "enrolments")))
    return page
