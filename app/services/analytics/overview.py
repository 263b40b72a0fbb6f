"""The overview's numbers for a year: status groups, overdue roadmap events, people trained (each person once, however
many courses), missing passports."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.services.indicators.training import trained_people
from app.services.records import count_rows
from app.services.records.schools import NO_PASSPORT
from app.services.roadmaps.plans import year_statuses


@dataclass(frozen=True)
class Figure:
    """One overview number and the list behind it: the page key and the filters to apply there."""

    key: str
    title: str
    value: int
    page: str
    filters: dict[str, Any] = field(default_factory=dict)


def overdue_events(session: Session, year: int, today: date | None = None) -> int:
    """Roadmap events with a window of the year that ended without completion (the rule of `effective_status`)."""
    return len({row.event_id for row in year_statuses(session, year, today) if row.status == "overdue"})


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
        Figure("trained", "Педагогов завершили обучение", trained_people(session, year).people, "courses",
               {"entity": "enrollment", "status": "completed"}),
        Figure("no_passport", "Школ без социального паспорта", schools(NO_PASSPORT), "schools",
               {"entity": "school", "status": NO_PASSPORT}),
    ]
