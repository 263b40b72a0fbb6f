"""The Мероприятия page (methodological events, participation, targeted support) and the event card. At a school the
district's recommendations have a page of their own, where the school answers them."""

from ..support.page import SCHOOL_TABS as SCHOOL_SUPPORT_TABS
from ..support.page import TABS as SUPPORT_TABS
from ..widgets.cards import CardAction, CardSpec, Tab, register_card
from ..widgets.tabbed_page import TabbedPage
from ..workspace import Workspace
from .participants import ParticipantsDialog

TABS = (("Методические мероприятия", "method_event"), ("Участие", "participation"))

register_card("method_event", CardSpec(
    tabs=(Tab("Участники", "participation", "event_id"),),
    actions=(CardAction("Отметить участников…", "participation",
                        lambda workspace, event_id, card: ParticipantsDialog(workspace, event_id, card).exec()),),
))


def events_page(workspace: Workspace) -> TabbedPage:
    scope = workspace.scope()
    support = SCHOOL_SUPPORT_TABS if scope and scope.is_school else SUPPORT_TABS
    return TabbedPage(workspace, "Мероприятия", TABS + support)
