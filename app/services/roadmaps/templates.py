"""School roadmaps from the municipal template and the district's view of them, measure by measure.

The template is the municipal roadmap's school-level measures (the «Уровень образовательной организации» column of
seeds/002, or events the district marks «уровень ОО»). The district picks the schools each measure is for
(`assign_template`, travels in the district's packet); a school then makes its own roadmap from it
(`create_school_roadmap`, kept by the school as the owner rule says), every event linked to its measure. When the
school's packet arrives, the district sees per measure which schools have done their part (`measure_progress`).
"""

from collections import defaultdict
from datetime import date
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import EventOccurrence, Roadmap, RoadmapEvent, RoadmapEventSchool, School, alive
from app.services.roadmaps.editing import event_school_ids, set_event_schools
from app.services.roadmaps.plans import (
    PlannedEvent,
    PlannedSection,
    create_roadmap,
    event_status,
    get_roadmap,
    require_keeper,
)
from app.services.roadmaps.versions import document_order


def template_measures(session: Session, roadmap_id: str, school_id: str | None = None) -> list[RoadmapEvent]:
    """The municipal roadmap's school-level measures (those for `school_id` only, when given), in document order."""
    roadmap = get_roadmap(session, roadmap_id)
    if roadmap.level != "municipal":
        raise KuratorError("Шаблон для школ — это мероприятия уровня ОО муниципальной дорожной карты.")
    _sections, events = document_order(session, roadmap_id)
    measures = [event for event in events if event.level == "school"]
    if school_id is None:
        return measures
    listed = _schools_by_measure(session, [m.id for m in measures])
    return [m for m in measures if not listed.get(m.id) or school_id in listed[m.id]]


def _schools_by_measure(session: Session, event_ids: list[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(event_ids), 500):
        query = select(RoadmapEventSchool.event_id, RoadmapEventSchool.school_id).where(
            RoadmapEventSchool.event_id.in_(event_ids[start:start + 500]), alive(RoadmapEventSchool))
        for event_id, school_id in session.execute(query):
            found[event_id].add(school_id)
    return found


def assign_template(session: Session, roadmap_id: str, school_ids: list[str]) -> int:
    """The district picks the schools the template is for: each school-level measure lists them (added to the
    schools it already lists). Returns how many measures were assigned."""
    roadmap = get_roadmap(session, roadmap_id)
    require_keeper(session, roadmap)
    measures = template_measures(session, roadmap_id)
    if not measures:
        raise KuratorError("В дорожной карте нет мероприятий уровня ОО: отметьте уровень ОО у мероприятий, "
                           "которые выполняют школы.")
    if not school_ids:
        raise KuratorError("Выберите хотя бы одну школу.")
    for measure in measures:
        set_event_schools(session, measure, sorted(set(event_school_ids(session, measure.id)) | set(school_ids)))
    return len(measures)


def create_school_roadmap(session: Session, template_id: str, school_id: str, year_from: int | None = None,
                          year_to: int | None = None) -> Roadmap:
    """The school's own roadmap from the template: its sections and the measures meant for it, each linked."""
    template = get_roadmap(session, template_id)
    measures = template_measures(session, template_id, school_id)
    if not measures:
        raise KuratorError("В шаблоне нет мероприятий уровня ОО для этой школы.")
    existing = session.scalar(select(Roadmap.id).where(Roadmap.template_id == template_id,
                                                       Roadmap.school_id == school_id, alive(Roadmap)))
    if existing:
        raise KuratorError("Дорожная карта школы по этому шаблону уже создана.")
    school = session.get(School, school_id)
    sections, _events = document_order(session, template_id)
    by_id = {section.id: section for section in sections}
    used = {m.section_id for m in measures}
    planned_sections = [PlannedSection(s.number or "", s.title, by_id[s.parent_id].number if s.parent_id in by_id else None)
                        for s in sections if s.id in used]
    keys = {s.id: (s.number or s.title) for s in sections}
    planned = [PlannedEvent(m.number or "", m.title, m.deadline_text or "", m.responsible or "",
                            m.planned_result or "", keys.get(m.section_id)) for m in measures]
    roadmap = create_roadmap(session, {
        "title": f"{template.title} — {school.short_name or school.name}"[:600], "level": "school",
        "school_id": school_id, "year_from": year_from or template.year_from, "year_to": year_to or template.year_to,
    }, planned_sections, planned)
    roadmap.template_id = template.id
    for event, measure in zip(sorted(roadmap.events, key=lambda e: e.position), measures, strict=True):
        event.linked_event_id = measure.id
    session.flush()
    return roadmap


class SchoolPart(TypedDict):
    school_id: str
    school: str
    status: str  # an event status, or «no_roadmap»: the school's roadmap has not arrived


class MeasureProgress(TypedDict):
    event_id: str
    number: str
    title: str
    schools: list[SchoolPart]


def measure_progress(session: Session, template_id: str, today: date | None = None) -> list[MeasureProgress]:
    """Per school-level measure: each school it is for and how that school's linked event stands."""
    today = today or date.today()
    measures = template_measures(session, template_id)
    listed = _schools_by_measure(session, [m.id for m in measures])
    status = _school_parts(session, template_id, today)
    everyone = {school_id for _measure, school_id in status}
    names = dict(session.execute(select(School.id, func.coalesce(School.short_name, School.name)).where(alive(School))).all())
    return [{
        "event_id": m.id, "number": m.number or "", "title": m.title,
        "schools": [{"school_id": school_id, "school": names.get(school_id, school_id),
                     "status": status.get((m.id, school_id), "no_roadmap")}
                    for school_id in sorted(listed.get(m.id) or everyone, key=lambda s: names.get(s, s))],
    } for m in measures]


def _school_parts(session: Session, template_id: str, today: date) -> dict[tuple[str, str], str]:
    """(measure id, school id) → the status of the school's event linked to that measure, in a few queries."""
    query = (select(RoadmapEvent, Roadmap.school_id).join(Roadmap, Roadmap.id == RoadmapEvent.roadmap_id)
             .where(Roadmap.template_id == template_id, alive(Roadmap), alive(RoadmapEvent),
                    RoadmapEvent.linked_event_id.is_not(None)))
    linked = list(session.execute(query))
    occurrences: dict[str, list[EventOccurrence]] = defaultdict(list)
    ids = [event.id for event, _school in linked]
    for start in range(0, len(ids), 500):
        for occurrence in session.scalars(select(EventOccurrence).where(
                EventOccurrence.event_id.in_(ids[start:start + 500]), alive(EventOccurrence))):
            occurrences[occurrence.event_id].append(occurrence)
    return {(event.linked_event_id, school_id): event_status(event, occurrences[event.id], today)
            for event, school_id in linked}
