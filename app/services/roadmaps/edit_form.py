"""What the event form of the «Дорожные карты» page offers: the event's editable values, the sections to put it in,
the people who can be responsible, the schools, where the roadmap stands (draft, approved, open correction),
and moving an event up or down inside its section."""

from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import RoadmapEvent, RoadmapSection, School, Teacher, alive
from app.search_text import fold_case
from app.services.roadmaps.corrections import approval_phrase, current_version, open_correction_of
from app.services.roadmaps.editing import event_school_ids, get_event, move_event
from app.services.roadmaps.plans import get_roadmap, section_label
from app.services.roadmaps.versions import document_order

STAFF_LIMIT = 500  # a school has tens of staff; a list this long is never read


class EventForm(TypedDict):
    roadmap_id: str
    section_id: str | None
    title: str
    deadline_text: str
    responsible: str
    responsible_teacher_id: str | None
    planned_result: str
    level: str
    school_ids: list[str]


def event_form(session: Session, event_id: str) -> EventForm:
    """An event's values as the form edits them (the deadline as written, not the import's correction)."""
    event = get_event(session, event_id)
    return {"roadmap_id": event.roadmap_id, "section_id": event.section_id, "title": event.title,
            "deadline_text": event.deadline_override or event.deadline_text or "", "responsible": event.responsible or "",
            "responsible_teacher_id": event.responsible_teacher_id, "planned_result": event.planned_result or "",
            "level": event.level, "school_ids": event_school_ids(session, event_id)}


class FormChoices(TypedDict):
    level: str  # the roadmap's level: school-level events and schools are offered in a municipal roadmap only
    sections: list[tuple[str, str]]
    staff: list[tuple[str, str]]
    responsible_texts: list[str]
    schools: list[tuple[str, str]]


def form_choices(session: Session, roadmap_id: str) -> FormChoices:
    """Sections in document order, the school's staff (for a school roadmap), the responsible texts already used,
    and (for a municipal roadmap) the schools a school-level measure can be meant for."""
    roadmap = get_roadmap(session, roadmap_id)
    sections, events = document_order(session, roadmap_id)
    staff: list[tuple[str, str]] = []
    if roadmap.school_id:
        query = (select(Teacher.id, Teacher.last_name, Teacher.first_name, Teacher.middle_name)
                 .where(Teacher.school_id == roadmap.school_id, alive(Teacher))
                 .order_by(Teacher.last_name, Teacher.first_name).limit(STAFF_LIMIT))
        staff = [(row.id, " ".join(part for part in (row.last_name, row.first_name, row.middle_name) if part))
                 for row in session.execute(query)]
    schools: list[tuple[str, str]] = []
    if roadmap.level == "municipal":
        schools = [(row.id, row.name) for row in session.execute(
            select(School.id, func.coalesce(School.short_name, School.name).label("name"))
            .where(alive(School)).order_by(School.code))]
    texts = sorted({" ".join(e.responsible.split()) for e in events if e.responsible}, key=fold_case)
    return {"level": roadmap.level, "sections": [(s.id, section_label(s)) for s in sections], "staff": staff,
            "responsible_texts": texts, "schools": schools}


class RoadmapState(TypedDict):
    approved: bool
    approved_by: str
    version: int
    open_correction: str | None  # «версия 3: приказ УО № 112 от 14.03.2023»


def roadmap_state(session: Session, roadmap_id: str) -> RoadmapState:
    """Draft or approved, the current version, the correction edits now join."""
    roadmap = get_roadmap(session, roadmap_id)
    correction = open_correction_of(session, roadmap_id)
    approved = roadmap.approved_on is not None
    return {"approved": approved,
            "approved_by": approval_phrase(roadmap.approved_by or "", roadmap.approved_on) if approved else "",
            "version": current_version(session, roadmap_id),
            "open_correction": f"версия {correction.version}: {correction.basis}" if correction else None}


def shift_event(session: Session, event_id: str, step: int) -> RoadmapEvent:
    """Move an event one place up (step −1) or down (+1) inside its section; at the edge nothing moves."""
    event = get_event(session, event_id)
    siblings = [e for e in document_order(session, event.roadmap_id)[1] if e.section_id == event.section_id]
    index = siblings.index(event)
    target = index + step
    if not 0 <= target < len(siblings):
        return event
    section_ref = event.section_id or ""
    before = siblings[target].id if step < 0 else (siblings[target + 1].id if target + 1 < len(siblings) else None)
    return move_event(session, event.id, section_ref, before, reorder=True)


class SectionForm(TypedDict):
    id: str
    number: str
    title: str
    note: str


def section_form(session: Session, section_id: str) -> SectionForm:
    section = session.get(RoadmapSection, section_id)
    if section is None or section.deleted_at is not None:
        raise KuratorError("Раздел не найден (возможно, удалён).")
    return {"id": section.id, "number": section.number or "", "title": section.title, "note": section.note or ""}
