"""Occurrences after an edit. Monitoring judges each occurrence against the deadline in force when it fell due:
when a correction dated D moves a deadline, occurrences that ended before D stay as they were; those not yet due
are replaced by the new deadline's windows that end on or after D. An occurrence with something recorded (a status,
a date, a comment, a document) is never dropped."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import EventOccurrence, Evidence, Roadmap, RoadmapEvent, alive, utcnow
from app.services.roadmaps.deadlines import windows_for_years
from app.services.roadmaps.plans import roadmap_years


def untouched(session: Session, occurrence: EventOccurrence) -> bool:
    """Nothing was recorded on the occurrence: no progress, no completion date, no comment, no document."""
    if occurrence.status != "planned" or occurrence.completed_on or occurrence.comment:
        return False
    return session.scalar(select(Evidence.id).where(Evidence.occurrence_id == occurrence.id, alive(Evidence))) is None


def _occurrences(session: Session, event_id: str) -> list[EventOccurrence]:
    """All of the event's occurrences, tombstones included (a window planned again revives its old row)."""
    return list(session.scalars(select(EventOccurrence).where(EventOccurrence.event_id == event_id)))


def replan_event(session: Session, roadmap: Roadmap, event: RoadmapEvent, since: date | None) -> None:
    """Plan the event's occurrences for its deadline now in force from `since` (None: from the start)."""
    text = event.deadline_override or event.deadline_text or ""
    wanted = {(w.start, w.end) for w in windows_for_years(text, roadmap_years(roadmap))
              if since is None or w.end >= since}
    now = utcnow()
    by_start = {}
    for occurrence in _occurrences(session, event.id):
        by_start[occurrence.window_start] = occurrence
        if occurrence.deleted_at is not None or (since is not None and occurrence.window_end < since):
            continue
        key = (occurrence.window_start, occurrence.window_end)
        if key in wanted:
            wanted.discard(key)
        elif untouched(session, occurrence):
            occurrence.deleted_at = now
    for start, end in sorted(wanted):
        occurrence = by_start.get(start)
        if occurrence is None:
            session.add(EventOccurrence(event_id=event.id, school_id=roadmap.school_id, year=end.year,
                                        window_start=start, window_end=end, origin=roadmap.origin,
                                        is_demo=roadmap.is_demo))
        elif occurrence.deleted_at is not None or untouched(session, occurrence):
            occurrence.window_end, occurrence.year, occurrence.deleted_at = end, end.year, None
            occurrence.status, occurrence.completed_on, occurrence.comment = "planned", None, None
    session.flush()


def drop_occurrences(session: Session, event: RoadmapEvent) -> None:
    """A removed event is no longer monitored: its occurrences are deleted with it (softly, they travel)."""
    now = utcnow()
    for occurrence in _occurrences(session, event.id):
        occurrence.deleted_at = occurrence.deleted_at or now
    session.flush()
