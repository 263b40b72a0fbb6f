"""The measures of a school's programs as events of its roadmap: the one place where a program creates, changes or
gives up a roadmap event (roadmap editing of its own will take this over), so monitoring, evidence, overdue
tracking and packets work for a measure as for any event.

A program's measures stand in a section of their own («Антирисковая программа: <риск>») of the school's roadmap
for the profile's year; a school without one gets its school roadmap for the year.
"""

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import (
    EventOccurrence,
    Evidence,
    RiskMeasure,
    Roadmap,
    RoadmapEvent,
    RoadmapSection,
    School,
    alive,
    utcnow,
)
from app.services.roadmaps.plans import plan_occurrences, require_keeper
from app.services.roadmaps.replanning import replan_event, untouched
from app.services.roadmaps.responsible import match_responsible, staff_by_short_name

ROADMAP_APPROVAL = "приказ директора школы"


@dataclass(frozen=True)
class MeasureText:
    """What a measure says, kept exactly as written in the event: title, deadline text, responsible, result."""

    title: str
    deadline_text: str
    responsible: str
    expected_result: str | None = None


def school_roadmap_title(school_name: str, year: int) -> str:
    return f"Дорожная карта {school_name} на {year} год"


def school_roadmap(session: Session, school: School, year: int) -> Roadmap:
    """The school's roadmap covering the year (the latest begun); a new one-year school roadmap when it has none."""
    found = session.scalars(select(Roadmap).where(
        Roadmap.level == "school", Roadmap.school_id == school.id, alive(Roadmap), Roadmap.year_from <= year,
        Roadmap.year_to >= year).order_by(Roadmap.year_from.desc(), Roadmap.created_at)).first()
    if found is not None:
        return found
    roadmap = Roadmap(title=school_roadmap_title(school.name, year), level="school", school_id=school.id,
                      year_from=year, year_to=year, approved_by=ROADMAP_APPROVAL)
    require_keeper(session, roadmap)
    session.add(roadmap)
    session.flush()
    return roadmap


def program_section(session: Session, roadmap: Roadmap, title: str) -> RoadmapSection:
    """The roadmap's section with this title, or a new one numbered after the others."""
    found = session.scalars(select(RoadmapSection).where(
        RoadmapSection.roadmap_id == roadmap.id, RoadmapSection.title == title, alive(RoadmapSection))).first()
    if found is not None:
        return found
    siblings = session.execute(select(RoadmapSection.number, RoadmapSection.position).where(
        RoadmapSection.roadmap_id == roadmap.id)).all()
    number = 1 + max((_leading_number(n) for n, _ in siblings), default=0)
    section = RoadmapSection(roadmap_id=roadmap.id, number=str(number), title=title,
                             position=1 + max((p for _, p in siblings), default=0))
    session.add(section)
    session.flush()
    return section


def _leading_number(text: str | None) -> int:
    match = re.match(r"\s*(\d+)", text or "")
    return int(match.group(1)) if match else 0


def add_event(session: Session, roadmap: Roadmap, section: RoadmapSection, text: MeasureText) -> RoadmapEvent:
    """A new event at the end of the section, its responsible person linked to the staff, its occurrences planned."""
    require_keeper(session, roadmap)
    numbers = session.scalars(select(RoadmapEvent.number).where(RoadmapEvent.section_id == section.id))
    suffix = 1 + max((int(n.rsplit(".", 1)[-1]) for n in numbers if n and n.rsplit(".", 1)[-1].isdigit()), default=0)
    position = session.scalar(select(func.max(RoadmapEvent.position)).where(RoadmapEvent.roadmap_id == roadmap.id))
    event = RoadmapEvent(roadmap_id=roadmap.id, section_id=section.id, number=f"{section.number}.{suffix}",
                         position=(position or 0) + 1, status="planned")
    _write(session, roadmap, event, text)
    session.add(event)
    session.flush()
    plan_occurrences(session, roadmap)
    return event


def update_event(session: Session, event: RoadmapEvent, text: MeasureText) -> RoadmapEvent:
    """Change the event's texts; a new deadline re-plans its windows (windows with recorded progress stay)."""
    roadmap = session.get(Roadmap, event.roadmap_id)
    require_keeper(session, roadmap)
    deadline_changed = (event.deadline_override or event.deadline_text) != text.deadline_text
    _write(session, roadmap, event, text)
    if deadline_changed:
        event.deadline_override = None
        replan_event(session, roadmap, event, since=None)
    session.flush()
    return event


def _write(session: Session, roadmap: Roadmap, event: RoadmapEvent, text: MeasureText) -> None:
    event.title, event.deadline_text = text.title, text.deadline_text
    event.responsible, event.planned_result = text.responsible, text.expected_result
    event.responsible_teacher_id = match_responsible(text.responsible,
                                                    staff_by_short_name(session, roadmap.school_id, [text.responsible]))


def recorded(session: Session, event: RoadmapEvent) -> bool:
    """Whether progress, a comment or a document was recorded on the event or any of its occurrences."""
    if event.status != "planned" or event.completed_on is not None or event.comment:
        return True
    occurrences = session.scalars(select(EventOccurrence).where(EventOccurrence.event_id == event.id,
                                                               alive(EventOccurrence)))
    if any(not untouched(session, o) for o in occurrences):
        return True
    return bool(session.scalar(select(func.count()).select_from(Evidence).where(
        Evidence.event_id == event.id, alive(Evidence))))


def release_event(session: Session, event: RoadmapEvent) -> bool:
    """A measure gives up its event: the event leaves the roadmap when nothing was recorded on it and no other
    measure uses it; otherwise it stays, with its history. Returns whether it was removed."""
    in_use = session.scalar(select(func.count()).select_from(RiskMeasure).where(
        RiskMeasure.event_id == event.id, alive(RiskMeasure)))
    if in_use or recorded(session, event):
        return False
    require_keeper(session, session.get(Roadmap, event.roadmap_id))
    now = utcnow()
    event.deleted_at = now
    for occurrence in session.scalars(select(EventOccurrence).where(EventOccurrence.event_id == event.id,
                                                                   alive(EventOccurrence))):
        occurrence.deleted_at = now
    session.flush()
    return True


def school_event(session: Session, event_id: str, school_id: str) -> RoadmapEvent:
    """A live event of one of the school's own roadmaps (a measure may only be an event of its school's roadmap)."""
    event = session.get(RoadmapEvent, event_id)
    roadmap = session.get(Roadmap, event.roadmap_id) if event is not None else None
    if event is None or event.deleted_at is not None or roadmap is None or roadmap.deleted_at is not None:
        raise KuratorError("Мероприятие дорожной карты не найдено (возможно, удалено).", field="event_id")
    if roadmap.level != "school" or roadmap.school_id != school_id:
        raise KuratorError("Мерой программы может быть только мероприятие дорожной карты этой школы.", field="event_id")
    return event


@dataclass(frozen=True)
class LinkableEvent:
    """An event of the school's roadmap a measure may be made of, with its texts as written."""

    event_id: str
    label: str  # «№ title · roadmap»
    text: MeasureText


def linkable_events(session: Session, school_id: str, year: int) -> list[LinkableEvent]:
    """The live events of the school's roadmaps covering the year, in their roadmaps' order."""
    query = (select(RoadmapEvent, Roadmap.title).join(Roadmap, Roadmap.id == RoadmapEvent.roadmap_id)
             .where(Roadmap.level == "school", Roadmap.school_id == school_id, alive(Roadmap), alive(RoadmapEvent),
                    Roadmap.year_from <= year, Roadmap.year_to >= year)
             .order_by(Roadmap.year_from, RoadmapEvent.position))
    return [LinkableEvent(event.id, f"{event.number or ''} {event.title} · {roadmap}".strip(),
                          MeasureText(event.title, event.deadline_override or event.deadline_text or "",
                                      event.responsible or "", event.planned_result))
            for event, roadmap in session.execute(query)]
