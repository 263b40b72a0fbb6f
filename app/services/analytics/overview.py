"""The overview's numbers for a year: status groups, overdue roadmap events, teachers trained, missing passports."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from app.models import EventOccurrence, RoadmapEvent, alive
from app.services.records import count_rows
from app.services.records.schools import NO_PASSPORT

FINISHED = ("done", "done_late", "cancelled")


@dataclass(frozen=True)
class Figure:
    """One overview number and the list behind it: the page key and the filters to apply there."""

    key: str
    title: str
    value: int
    page: str
    filters: dict[str, Any] = field(default_factory=dict)


def overdue_events(session: Session, year: int, today: date | None = None) -> int:
    """Roadmap events marked overdue, or with a window of the year that ended without completion."""
    today = today or date.today()
    missed = exists(select(EventOccurrence.id).where(
        EventOccurrence.event_id == RoadmapEvent.id, EventOccurrence.year == year, EventOccurrence.window_end < today,
        EventOccurrence.completed_on.is_(None), EventOccurrence.status.not_in(FINISHED),
        alive(EventOccurrence)))
    stmt = select(func.count()).select_from(RoadmapEvent).where(
        alive(RoadmapEvent), or_(RoadmapEvent.status == "overdue", missed))
    return session.scalar(stmt) or 0


def overview(session: Session, year: int, today: date | None = None) -> list[Figure]:
    """The figures of the overview page for `year`, in the order they are shown."""
    def schools(status: str) -> int:
        return count_rows(session, "school", filters={"status": status, "year": year})

    return [
        Figure("shnor", "Школ с низкими результатами (ШНОР)", schools("shnor"), "schools", {"entity": "school", "status": "shnor"}),
        Figure("shnsu", "Школ в сложных социальных условиях (ШНСУ)", schools("shnsu"), "schools",
               {"entity": "school", "status": "shnsu"}),
        Figure("overdue", "Просроченных мероприятий дорожных карт", overdue_events(session, year, today), "roadmaps",
               {"status": "overdue"}),
        Figure("trained", "Педагогов завершили обучение", count_rows(
            session, "enrollment", filters={"status": "completed", "year": year}), "courses",
               {"entity": "enrollment", "status": "completed"}),
        Figure("no_passport", "Школ без социального паспорта", schools(NO_PASSPORT), "schools",
               {"entity": "school", "status": NO_PASSPORT}),
    ]
