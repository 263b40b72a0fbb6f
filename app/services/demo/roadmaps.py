"""Roadmaps from data: the seed's municipal roadmap and the ШНОР schools' own roadmaps, with demo progress."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Roadmap, RoadmapEvent, RoadmapSection, alive
from app.services.roadmaps.plans import occurrences_by_event, plan_occurrences

from .context import DemoContext
from .data import load
from .specs import SchoolSpec


def add_roadmap(ctx: DemoContext, definition: dict, *, key: str, title: str, school_id: str | None,
                progress: dict[str, list], comments: dict[str, str], responsible_ids: dict[str, str]) -> str:
    """One roadmap with its sections and events, texts exactly as in `definition`."""
    level = "school" if school_id else "municipal"
    owner = "school" if school_id else "district"
    records = ctx.records
    roadmap_id = records.add(
        Roadmap, key, owner=owner, title=title, level=level, school_id=school_id,
        year_from=definition["year_from"], year_to=definition["year_to"], approved_by=definition.get("approved_by"),
    )
    position = 0
    for section_position, section in enumerate(definition["sections"], start=1):
        section_id = records.add(RoadmapSection, roadmap_id, section["number"], owner=owner, roadmap_id=roadmap_id,
                                 number=section["number"], title=section["title"], position=section_position)
        for event in section["events"]:
            position += 1
            status, completed = progress.get(event["number"], ["planned", None])
            records.add(
                RoadmapEvent, roadmap_id, event["number"], owner=owner, roadmap_id=roadmap_id, section_id=section_id,
                number=event["number"], title=event["title"], deadline_text=event["deadline_text"],
                responsible=event["responsible"], responsible_teacher_id=responsible_ids.get(event["responsible"]),
                status=status, completed_on=date.fromisoformat(completed) if completed else None,
                comment=comments.get(event["number"]), position=position,
            )
    return roadmap_id


def add_municipal_roadmap(ctx: DemoContext) -> str:
    """The 2022 roadmap of seeds/004: 5 sections, 18 events; most done, a few overdue."""
    definition, synthetic = load("terskiy_2022")["roadmap"], load("synthetic")
    return add_roadmap(ctx, definition, key="terskiy-2022", title=definition["title"], school_id=None,
                       progress=synthetic["roadmap_event_progress"], comments=synthetic["roadmap_event_comments"],
                       responsible_ids={})


def school_roadmap_key(code: str, year: int) -> str:
    """The demo key of a school's roadmap for a year (its stable id is made from it)."""
    return f"school-{code}-{year}"


def add_school_roadmap(ctx: DemoContext, spec: SchoolSpec) -> str:
    """A ШНОР's own roadmap «перехода в эффективный режим работы», its leaders named as responsible."""
    template, synthetic = load("synthetic")["school_roadmap"], load("synthetic")
    plan = ctx.plans[spec.code]
    responsible_ids = {}
    for label, position in synthetic["responsible_positions"].items():
        member = plan.first(position)
        if member:
            responsible_ids[label] = member.id
    progress = {e["number"]: e["progress"] for s in template["sections"] for e in s["events"]}
    return add_roadmap(ctx, template, key=school_roadmap_key(spec.code, template["year_from"]),
                       title=template["title"].format(school=spec.name), school_id=ctx.school_id(spec.code),
                       progress=progress, comments={}, responsible_ids=responsible_ids)


def plan_progress(session: Session) -> int:
    """Plan the demo roadmaps' occurrences and record on them the progress each demo event carries."""
    planned = 0
    for roadmap in session.scalars(select(Roadmap).where(Roadmap.is_demo.is_(True), alive(Roadmap))):
        planned += plan_occurrences(session, roadmap)
        for event, occurrences in occurrences_by_event(session, roadmap).items():
            for occurrence in occurrences:
                _mirror(event.status, occurrence)
    session.flush()
    return planned


def _mirror(status: str, occurrence) -> None:
    if occurrence.completed_on is not None or status in ("planned", "overdue"):
        return
    if status == "done":
        occurrence.status, occurrence.completed_on = "done", max(occurrence.window_start, occurrence.window_end - timedelta(days=3))
    elif status == "done_late":
        occurrence.status, occurrence.completed_on = "done_late", occurrence.window_end + timedelta(days=12)
    elif status in ("in_progress", "cancelled"):
        occurrence.status = status
