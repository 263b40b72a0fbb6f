"""The Курсы и обучение page and the course card."""

from ..widgets.record_dialog import CardSpec, Tab
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .enroll import EnrollDialog

TABS = (("Курсы", "course"), ("Обучение педагогов", "enrollment"))

COURSE_CARD = CardSpec(
    tabs=(Tab("Слушатели", "enrollment", "course_id"),),
    actions=(("Записать педагогов…", "enrollment", lambda card: EnrollDialog(card.workspace, card.record_id, card).exec()),),
)


def courses_page(workspace: Workspace) -> TabbedPage:
    return TabbedPage(workspace, "Курсы и обучение", TABS)
