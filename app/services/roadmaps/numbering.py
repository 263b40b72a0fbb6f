"""Numbers and order after an edit: events are numbered inside their section as the documents number them
(section «2» → «2.1», «2.2»; a sub-event keeps its depth: «2.3.1»), and positions follow document order."""

from sqlalchemy.orm import Session

from app.models import Roadmap, RoadmapEvent, RoadmapSection
from app.services.roadmaps.corrections import ChangeLog
from app.services.roadmaps.versions import document_order


def event_label(number: str | None, title: str) -> str:
    return f"{number} {title}".strip() if number else title


def _parts(number: str | None) -> list[str]:
    return [part for part in (number or "").split(".") if part]


def numbers_for(section: RoadmapSection | None, events: list[RoadmapEvent], new: RoadmapEvent | None = None) -> list[str]:
    """The numbers these events get in this order under `section` (None: numbered through the document);
    an unnumbered event stays unnumbered, a `new` one is numbered at the first depth."""
    prefix = _parts(section.number if section else None)
    counters: list[int] = []
    numbers = []
    for event in events:
        if not event.number and event is not new:
            numbers.append("")
            continue
        depth = 1 if event is new else max(1, len(_parts(event.number)) - len(prefix))
        counters = (counters + [0] * depth)[:depth]
        counters[-1] += 1
        counters = [max(count, 1) for count in counters]
        numbers.append(".".join(prefix + [str(count) for count in counters]))
    return numbers


def numbered_through(sections: list[RoadmapSection], events: list[RoadmapEvent]) -> bool:
    """Whether events are numbered through the whole document («1»…«18», seeds/004) rather than inside their
    section («2.1», «2.2»): fewer than half the numbered events carry their section's number."""
    numbers = {section.id: section.number for section in sections if section.number}
    sectioned = [(e.number or "", numbers[e.section_id]) for e in events if e.number and e.section_id in numbers]
    if not sectioned:
        return True
    inside = sum(1 for number, prefix in sectioned if number.startswith(prefix + "."))
    return inside * 2 < len(sectioned)


def renumber(session: Session, log: ChangeLog, roadmap: Roadmap, section_ids: set[str | None],
             new: RoadmapEvent | None = None) -> None:
    """Number again the events of these sections — or of the whole roadmap when it is numbered through —, each level
    apart (a school-level measure linked to a municipal one of the same roadmap takes its number), and put positions
    in document order. A `new` event's first number is not a change of its number."""
    sections, events = document_order(session, roadmap.id)
    by_id = {section.id: section for section in sections}
    others = [event for event in events if event is not new]
    if numbered_through(sections, others):
        groups = [(None, events)]
    else:
        groups = [(by_id.get(sid), [e for e in events if e.section_id == sid]) for sid in section_ids]
    for section, inside in groups:
        linked = {event.id: event for event in inside}
        for level in ("municipal", "school"):
            own = [e for e in inside if e.level == level and e.linked_event_id not in linked]
            for event, number in zip(own, numbers_for(section, own, new), strict=True):
                _set_number(log, event, number, event is new)
        for event in inside:
            if event.linked_event_id in linked:
                _set_number(log, event, linked[event.linked_event_id].number or "", event is new)
    reposition(session, roadmap)


def _set_number(log: ChangeLog, event: RoadmapEvent, number: str, quiet: bool) -> None:
    if (event.number or "") == number:
        return
    if not quiet:
        log.note("event", event.id, event_label(number, event.title), "renumbered", "number", event.number or "", number)
    event.number = number or None


def reposition(session: Session, roadmap: Roadmap) -> None:
    """Positions follow document order: sections in tree order, events by section."""
    sections, events = document_order(session, roadmap.id)
    for position, section in enumerate(sections):
        section.position = position
    for position, event in enumerate(events):
        event.position = position
    session.flush()
