"""A roadmap's text as one version reads: sections and events in document order, as plain data (a snapshot).

Corrections store it (see `corrections`); the Word and Excel exports and the version view read it, so the current
roadmap and any earlier version are shown and exported the same way.
"""

from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Roadmap, RoadmapEvent, RoadmapSection, alive


class SnapshotSection(TypedDict):
    id: str
    number: str
    title: str
    parent_id: str | None
    note: str


class SnapshotEvent(TypedDict):
    id: str
    section_id: str | None
    number: str
    title: str
    deadline_text: str
    responsible: str
    planned_result: str
    level: str
    linked_event_id: str | None


class RoadmapSnapshot(TypedDict):
    title: str
    level: str
    approved_by: str
    approved_on: str | None
    sections: list[SnapshotSection]
    events: list[SnapshotEvent]


def live_sections(session: Session, roadmap_id: str) -> list[RoadmapSection]:
    return list(session.scalars(select(RoadmapSection).where(
        RoadmapSection.roadmap_id == roadmap_id, alive(RoadmapSection)).order_by(RoadmapSection.position)))


def live_events(session: Session, roadmap_id: str) -> list[RoadmapEvent]:
    return list(session.scalars(select(RoadmapEvent).where(
        RoadmapEvent.roadmap_id == roadmap_id, alive(RoadmapEvent)).order_by(RoadmapEvent.position)))


def section_order(sections: list[RoadmapSection]) -> list[RoadmapSection]:
    """Sections as the document reads them: each followed by its subsections (by position)."""
    children: dict[str | None, list[RoadmapSection]] = {}
    known = {s.id for s in sections}
    for section in sections:
        parent = section.parent_id if section.parent_id in known else None
        children.setdefault(parent, []).append(section)
    ordered: list[RoadmapSection] = []

    def walk(parent: str | None) -> None:
        for child in children.get(parent, []):
            ordered.append(child)
            walk(child.id)

    walk(None)
    return ordered


def document_order(session: Session, roadmap_id: str) -> tuple[list[RoadmapSection], list[RoadmapEvent]]:
    """Live sections in tree order and live events grouped by them (events outside any section first)."""
    sections = section_order(live_sections(session, roadmap_id))
    rank = {section.id: index for index, section in enumerate(sections)}
    events = sorted(live_events(session, roadmap_id),
                    key=lambda event: (rank.get(event.section_id, -1), event.position))
    return sections, events


def roadmap_snapshot(session: Session, roadmap: Roadmap) -> RoadmapSnapshot:
    """The roadmap as it reads now."""
    sections, events = document_order(session, roadmap.id)
    return {
        "title": roadmap.title, "level": roadmap.level, "approved_by": roadmap.approved_by or "",
        "approved_on": roadmap.approved_on.isoformat() if roadmap.approved_on else None,
        "sections": [{"id": s.id, "number": s.number or "", "title": s.title, "parent_id": s.parent_id,
                      "note": s.note or ""} for s in sections],
        "events": [{"id": e.id, "section_id": e.section_id, "number": e.number or "", "title": e.title,
                    "deadline_text": e.deadline_text or "", "responsible": e.responsible or "",
                    "planned_result": e.planned_result or "", "level": e.level,
                    "linked_event_id": e.linked_event_id} for e in events],
    }
