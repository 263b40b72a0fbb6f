"""Proposals to events of a roadmap another installation keeps (DESIGN.md: «a local edit to a record someone else
owns is kept as a proposal, never silently overwritten or silently lost»).

The district may propose a change to a school's roadmap (and a school to the municipal one): the proposal keeps each
field's value as it was when proposed and the value proposed. When the owner's packet later changes the same event,
the packet import lists the proposal as a conflict; the event then shows both versions — the owner's, now in the
record, and the local one — and the user picks: keep the owner's (the proposal is closed) or keep proposing their own
(it stays open, now against the owner's new text; applied at once if this installation has come to keep the roadmap).
"""

from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import current_user
from app.errors import KuratorError, ValidationError
from app.models import Proposal
from app.services.roadmaps.editing import edit_event, get_event, validate_event
from app.services.roadmaps.plans import get_roadmap, may_keep

FIELDS = {"title": "Мероприятие", "deadline_text": "Срок", "responsible": "Ответственные",
          "planned_result": "Планируемый результат"}
TABLE = "roadmap_event"


def propose_event_change(session: Session, event_id: str, values: dict, author: str | None = None) -> Proposal:
    """Keep a change to another installation's event as a proposal; the event itself does not change."""
    event = get_event(session, event_id)
    roadmap = get_roadmap(session, event.roadmap_id)
    if may_keep(session, roadmap.level, roadmap.school_id)[0]:
        raise KuratorError("Эту дорожную карту ведёте вы: измените мероприятие, а не предлагайте изменение.")
    proposed = {field: (values[field] or "").strip() for field in FIELDS if field in values}
    errors = validate_event(session, roadmap, {**proposed, "accept_unrecognized": True})
    if errors:
        raise ValidationError(errors)
    changes = {field: [getattr(event, field) or "", value] for field, value in proposed.items()
               if value != (getattr(event, field) or "")}
    if not changes:
        raise ValidationError({next(iter(proposed), "title"): "Предложение ничем не отличается от мероприятия."})
    proposal = Proposal(table_name=TABLE, record_id=event.id, changes=changes,
                        author=(author or session.info.get("user") or current_user())[:200])
    session.add(proposal)
    session.flush()
    return proposal


class ProposedField(TypedDict):
    field: str
    label: str
    base: str  # the owner's value when the proposal was made
    mine: str  # the value proposed here
    theirs: str  # the owner's value now (a packet may have changed it)


class ProposalView(TypedDict):
    id: str
    author: str
    created_at: str
    conflict: bool  # the owner changed a proposed field since
    fields: list[ProposedField]


def event_proposals(session: Session, event_id: str) -> list[ProposalView]:
    """The open proposals about an event, each field with the owner's version and the local one side by side."""
    event = get_event(session, event_id)
    views: list[ProposalView] = []
    query = select(Proposal).where(Proposal.table_name == TABLE, Proposal.record_id == event_id,
                                   Proposal.status == "open").order_by(Proposal.created_at)
    for proposal in session.scalars(query):
        fields: list[ProposedField] = [
            {"field": field, "label": FIELDS.get(field, field), "base": base, "mine": mine,
             "theirs": getattr(event, field) or ""}
            for field, (base, mine) in proposal.changes.items() if field in FIELDS]
        views.append({"id": proposal.id, "author": proposal.author or "", "created_at": proposal.created_at.isoformat(),
                      "conflict": any(f["theirs"] != f["base"] for f in fields), "fields": fields})
    return views


def resolve_proposal(session: Session, proposal_id: str, keep: str) -> Proposal:
    """`keep`: «theirs» closes the proposal in favour of the owner's version; «mine» keeps proposing the local one
    (or applies it, when this installation keeps the roadmap now)."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.status != "open" or proposal.table_name != TABLE:
        raise KuratorError("Предложение не найдено или уже решено.")
    if keep not in ("theirs", "mine"):
        raise KuratorError("Выберите, какую версию оставить: владельца или свою.")
    event = get_event(session, proposal.record_id)
    roadmap = get_roadmap(session, event.roadmap_id)
    if keep == "theirs":
        proposal.status = "dismissed"
    elif may_keep(session, roadmap.level, roadmap.school_id)[0]:
        edit_event(session, event.id, {field: mine for field, (_base, mine) in proposal.changes.items()
                                       if field in FIELDS} | {"accept_unrecognized": True})
        proposal.status = "applied"
    else:
        proposal.changes = {field: [getattr(event, field) or "", mine]
                            for field, (_base, mine) in proposal.changes.items()}
    session.flush()
    return proposal
