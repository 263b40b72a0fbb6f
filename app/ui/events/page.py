"""The Мероприятия page (methodological events, participation, targeted support) and the event card."""

from ..support.page import TABS as SUPPORT_TABS
from ..widgets.cards import CardAction, CardSpec, Tab, register_card
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .participants import ParticipantsDialog

TABS = (("Методические мероприятия", "method_event"), ("Участие", "participation"), *SUPPORT_TABS)

register_card("method_event", CardSpec(
    tabs=(Tab("Участники", "participation", "event_id"),),
    actions=(CardAction("Отметить участников…", "participation",
                        lambda workspace, event_id, card: ParticipantsDialog(workspace, event_id, card).exec()),),
))


def events_page(workspace: Workspace) -> TabbedPage:
    return TabbedPage(workspace, "Мероприятия", TABS)
