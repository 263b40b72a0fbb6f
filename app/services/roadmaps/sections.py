"""Editing a roadmap's sections: add (numbered after its siblings), rename or renumber, delete (softly).

A section is deleted only when it holds no events and no subsections: moving or deleting its events first keeps
the user from losing measures by one click. Changes are recorded in the open correction like event edits.
"""

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import Roadmap, RoadmapEvent, RoadmapSection, alive, utcnow
from app.services.roadmaps.corrections import ChangeLog
from app.services.roadmaps.editing import find_section
from app.services.roadmaps.numbering import numbered_through, renumber
from app.services.roadmaps.plans import get_roadmap, section_label
from app.services.roadmaps.versions import document_order, live_sections, section_order

NUMBER = re.compile(r"(\d{1,3}(\.\d{1,3})*|[IVXLC]{1,8})")
ROMAN = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90), ("L", 50), ("XL", 40),
         ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def _roman(value: int) -> str:
    out = ""
    for letters, amount in ROMAN:
        while value >= amount:
            out, value = out + letters, value - amount
    return out


def next_number(siblings: list[RoadmapSection], parent: RoadmapSection | None) -> str:
    """The number after the last numbered sibling («3» → «4», «II» → «III», «2.1» → «2.2»)."""
    numbered = [s.number for s in siblings if s.number]
    if not numbered:
        return f"{parent.number}.1" if parent is not None and parent.number else "1"
    last = numbered[-1]
    roman = dict((_roman(n), n) for n in range(1, 40))
    if last in roman:
        return _roman(roman[last] + 1)
    head, _, tail = last.rpartition(".")
    return f"{head}.{int(tail) + 1}" if head else str(int(tail) + 1) if tail.isdigit() else ""


def _validate(values: dict, sections: list[RoadmapSection], own_id: str | None = None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if "title" in values and not (values["title"] or "").strip():
        errors["title"] = "Укажите название раздела."
    number = (values.get("number") or "").strip().rstrip(".")
    if number and not NUMBER.fullmatch(number):
        errors["number"] = "Номер раздела — как в документе: «3», «2.1» или «IV»."
    elif number and any(s.number == number and s.id != own_id for s in sections):
        errors["number"] = f"Раздел № {number} уже есть."
    return errors


def add_section(session: Session, roadmap_id: str, values: dict) -> RoadmapSection:
    """Add a section (values: title, number — next after its siblings when empty —, parent, note) at the end
    of its parent."""
    roadmap = get_roadmap(session, roadmap_id)
    sections = live_sections(session, roadmap.id)
    errors = _validate({"title": "", **values}, sections)
    if errors:
        raise ValidationError(errors)
    log = ChangeLog(session, roadmap)
    parent = find_section(session, roadmap, values.get("parent"))
    siblings = [s for s in sections if s.parent_id == (parent.id if parent else None)]
    number = (values.get("number") or "").strip().rstrip(".") or next_number(siblings, parent)
    section = RoadmapSection(roadmap_id=roadmap.id, parent_id=parent.id if parent else None, number=number or None,
                             title=values["title"].strip(), note=(values.get("note") or "").strip() or None,
                             position=len(sections) + 1, origin=roadmap.origin, is_demo=roadmap.is_demo)
    session.add(section)
    session.flush()
    log.note("section", section.id, section_label(section), "added")
    renumber(session, log, roadmap, set())
    log.finish()
    return section


def _get(session: Session, section_id: str) -> tuple[Roadmap, RoadmapSection]:
    section = session.get(RoadmapSection, section_id)
    if section is None or section.deleted_at is not None:
        raise KuratorError("Раздел не найден (возможно, удалён).")
    return get_roadmap(session, section.roadmap_id), section


def edit_section(session: Session, section_id: str, values: dict) -> RoadmapSection:
    """Rename, renumber or annotate a section; a new number renumbers its events."""
    roadmap, section = _get(session, section_id)
    errors = _validate(values, live_sections(session, roadmap.id), section.id)
    if errors:
        raise ValidationError(errors)
    log = ChangeLog(session, roadmap)
    label = section_label(section)
    for field, kind in (("title", "text"), ("note", "text"), ("number", "renumbered")):
        if field not in values:
            continue
        value = (values[field] or "").strip().rstrip(".") if field == "number" else (values[field] or "").strip()
        if (value or None) != getattr(section, field):
            log.note("section", section.id, label, kind, field, getattr(section, field) or "", value)
            setattr(section, field, value or None)
    session.flush()
    if "number" in values:
        _renumber_prefix(session, log, roadmap, section)
    log.finish()
    return section


def _renumber_prefix(session: Session, log: ChangeLog, roadmap: Roadmap, section: RoadmapSection) -> None:
    """A section's events carry its new number («2.3» under a section now «3» → «3.3»), unless the roadmap numbers
    its events through the document."""
    if not numbered_through(*document_order(session, roadmap.id)):
        events = session.scalars(select(RoadmapEvent).where(RoadmapEvent.section_id == section.id, alive(RoadmapEvent)))
        for event in events:
            if event.number and section.number:
                event.number = f"{section.number}.{event.number.split('.')[-1]}"
    renumber(session, log, roadmap, {section.id})


def shift_section(session: Session, section_id: str, step: int) -> RoadmapSection:
    """Move a section one place up (−1) or down (+1) among its siblings, with its events and subsections; numbered
    siblings are numbered again in their new order («3» moved up becomes «2»), their events with them."""
    roadmap, section = _get(session, section_id)
    siblings = [s for s in section_order(live_sections(session, roadmap.id)) if s.parent_id == section.parent_id]
    index = siblings.index(section)
    if not 0 <= index + step < len(siblings):
        return section
    log = ChangeLog(session, roadmap)
    other = siblings[index + step]
    section.position, other.position = other.position, section.position
    siblings[index], siblings[index + step] = other, section
    numbers = [s.number for s in sorted(siblings, key=lambda s: _number_rank(s.number))]
    if all(numbers):
        for sibling, number in zip(siblings, numbers, strict=True):
            if sibling.number != number:
                log.note("section", sibling.id, section_label(sibling), "renumbered", "number", sibling.number, number)
                sibling.number = number
                _renumber_prefix(session, log, roadmap, sibling)
    session.flush()
    renumber(session, log, roadmap, set())
    log.finish()
    return section


def _number_rank(number: str | None) -> tuple:
    """Order of section numbers as written: «2» < «10», «II» < «IX», «2.1» < «2.10»."""
    roman = {_roman(n): n for n in range(1, 40)}
    if number in roman:
        return (roman[number],)
    return tuple(int(part) if part.isdigit() else 0 for part in (number or "").split("."))


def delete_section(session: Session, section_id: str) -> None:
    """Delete an empty section softly (the tombstone travels in a packet)."""
    roadmap, section = _get(session, section_id)
    has_events = session.scalar(select(RoadmapEvent.id).where(RoadmapEvent.section_id == section.id,
                                                             alive(RoadmapEvent)).limit(1))
    has_children = any(s.parent_id == section.id for s in live_sections(session, roadmap.id))
    if has_events or has_children:
        raise KuratorError(f"В разделе «{section_label(section)}» есть мероприятия или подразделы: сначала "
                           "перенесите их в другой раздел или удалите.")
    log = ChangeLog(session, roadmap)
    log.note("section", section.id, section_label(section), "removed")
    section.deleted_at = utcnow()
    log.finish()
