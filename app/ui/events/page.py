"""The Мероприятия page (methodological events, participation, targeted support) and the event card."""

from ..support.page import TABS as SUPPORT_TABS
from ..widgets.record_dialog import CardSpec, Tab
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .participants import ParticipantsDialog

TABS = (("Методические мероприятия", "method_event"), ("Участие", "participation"), *SUPPORT_TABS)

EVENT_CARD = CardSpec(
    tabs=(Tab("Участники", "participation", "event_id"),),
    actions=(("Отметить участников…", "participation", lambda card: ParticipantsDialog(card.workspace, card.record_id, card).exec()),),
)


def events_page(workspace: Workspace) -> TabbedPage:
    return TabbedPage(workspace, "Мероприятия", TABS)
