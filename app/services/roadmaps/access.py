"""The owner rule for roadmaps («by_level»): the district keeps the municipal roadmap, a school keeps its own.
Everything in a roadmap (sections, events, occurrences, evidence) follows the roadmap."""

from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import utcnow
from app.services.roadmaps.plans import get_roadmap, may_keep


def roadmap_editable(session: Session, roadmap_id: str) -> tuple[bool, str]:
    """Whether progress, corrections and evidence may be recorded on this roadmap here, and why not."""
    roadmap = get_roadmap(session, roadmap_id)
    return may_keep(session, roadmap.level, roadmap.school_id)


def delete_roadmap(session: Session, roadmap_id: str) -> None:
    """Soft-delete a roadmap with its sections, events and occurrences (tombstones travel in packets)."""
    allowed, reason = roadmap_editable(session, roadmap_id)
    if not allowed:
        raise KuratorError(reason)
    roadmap = get_roadmap(session, roadmap_id)
    now = utcnow()
    for record in (roadmap, *roadmap.sections, *roadmap.events):
        record.deleted_at = record.deleted_at or now
    session.flush()
