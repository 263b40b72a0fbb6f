"""The school's own roadmap: the one the «Дорожные карты» page opens on at a school, made from the municipal
roadmap (the district's template) when the school has none for the year: from the measures of the school level meant
for this school when the municipal roadmap has them (roadmaps.templates: linked, so the district follows them),
else from all its sections and events."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import Roadmap, RoadmapEvent, RoadmapSection, School, alive
from app.services.installation import own_school
from app.services.roadmaps.plans import PlannedEvent, PlannedSection, create_roadmap
from app.services.roadmaps.templates import create_school_roadmap, template_measures


def own_roadmaps(session: Session, school_id: str, year: int | None = None) -> list[Roadmap]:
    """The school's live roadmaps (those covering `year`, when given), newest first."""
    query = select(Roadmap).where(Roadmap.level == "school", Roadmap.school_id == school_id, alive(Roadmap))
    if year is not None:
        query = query.where(Roadmap.year_from <= year, Roadmap.year_to >= year)
    return list(session.scalars(query.order_by(Roadmap.year_from.desc(), Roadmap.title)))


def municipal_template(session: Session, year: int) -> Roadmap | None:
    """The municipal roadmap covering the year (the latest one starting first), the template of a school's."""
    return session.scalars(select(Roadmap).where(
        Roadmap.level == "municipal", Roadmap.year_from <= year, Roadmap.year_to >= year, alive(Roadmap))
        .order_by(Roadmap.year_from.desc())).first()


def _template_parts(session: Session, template: Roadmap) -> tuple[list[PlannedSection], list[PlannedEvent]]:
    """The template's live sections and events as a new roadmap takes them (events find sections by number/title)."""
    sections = list(session.scalars(select(RoadmapSection).where(
        RoadmapSection.roadmap_id == template.id, alive(RoadmapSection)).order_by(RoadmapSection.position)))
    keys = {section.id: section.number or section.title for section in sections}
    events = session.scalars(select(RoadmapEvent).where(RoadmapEvent.roadmap_id == template.id, alive(RoadmapEvent))
                             .order_by(RoadmapEvent.position))
    return ([PlannedSection(s.number or "", s.title, keys.get(s.parent_id)) for s in sections],
            [PlannedEvent(e.number or "", e.title, e.deadline_text or "", e.responsible or "", e.planned_result or "",
                          keys.get(e.section_id), e.deadline_override) for e in events])


def create_own_roadmap(session: Session, year: int) -> Roadmap:
    """At a school: its roadmap for the year from the municipal roadmap's sections and events (deadlines kept as
    written), kept by the school from then on. Refused when it has one or the district has sent none."""
    school: School | None = own_school(session)
    if school is None:
        raise KuratorError("Дорожную карту школы по шаблону района создают в базе школы.")
    if own_roadmaps(session, school.id, year):
        raise KuratorError(f"У школы уже есть дорожная карта на {year} год.")
    template = municipal_template(session, year)
    if template is None:
        raise KuratorError(f"Муниципальной дорожной карты на {year} год в базе нет: она приходит в пакете от района. "
                           "Загрузите пакет района или импортируйте дорожную карту школы из Word/Excel.")
    if template_measures(session, template.id, school.id):
        return create_school_roadmap(session, template.id, school.id)
    name = school.short_name or school.name
    return create_roadmap(session, {
        "title": f"Дорожная карта {name} (по муниципальной: «{template.title}»)"[:600], "level": "school",
        "school_id": school.id, "year_from": year, "year_to": year,
        "approved_by": None, "source_file": None,
    }, *_template_parts(session, template))
