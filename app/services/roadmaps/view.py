"""What the «Дорожные карты» page shows: events with their status for a year, filters, sections with progress,
one event's card with its occurrences and evidence counts."""

from collections import Counter, defaultdict
from datetime import date
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import Evidence, RoadmapEvent, School, alive
from app.models.reference import ROADMAP_LEVELS
from app.search_text import fold_case
from app.services.records.ownership import current_scope
from app.services.roadmaps.corrections import moved_deadlines, moved_phrase
from app.services.roadmaps.deadlines import DeadlineKind, Window, windows_for_years
from app.services.roadmaps.plans import (
    FINISHED_STATUSES,
    EventDetail,
    SectionRef,
    effective_status,
    event_deadline,
    event_status,
    get_roadmap,
    list_roadmaps,
    occurrences_by_event,
    roadmap_detail,
    roadmap_years,
)

OPEN_OR_LATE = frozenset({"planned", "in_progress", "overdue"})
SEARCHED = ("number", "title", "deadline_text", "responsible", "planned_result")


class RoadmapChoice(TypedDict):
    """A roadmap in the page's list, labelled «title · owner · years»."""

    id: str
    level: str
    school_id: str | None
    year_from: int
    year_to: int
    label: str


def roadmap_choices(session: Session, school_id: str | None = None) -> list[RoadmapChoice]:
    """The roadmaps to choose from (a school's and the municipal ones when `school_id` is given), labelled
    with their level, school and years; the municipal ones first at a district, the school's own first at a school."""
    schools = dict(session.execute(select(School.id, func.coalesce(School.short_name, School.name))).all())
    scope = current_scope(session)
    first = "school" if scope is not None and scope.is_school else "municipal"  # a school opens on its own roadmap
    roadmaps = sorted(list_roadmaps(session, school_id), key=lambda roadmap: roadmap.level != first)
    return [{
        "id": roadmap.id, "level": roadmap.level, "school_id": roadmap.school_id,
        "year_from": roadmap.year_from, "year_to": roadmap.year_to,
        "label": " · ".join(part for part in (roadmap.title, _owner(roadmap, schools),
                                               _years(roadmap.year_from, roadmap.year_to)) if part),
    } for roadmap in roadmaps]


def _owner(roadmap, schools: dict[str, str]) -> str:
    """The school's name (unless the title already names it) or «Муниципальный уровень»."""
    name = schools.get(roadmap.school_id) or ROADMAP_LEVELS[roadmap.level]
    return "" if fold_case(name) in fold_case(roadmap.title) else name


def _years(first: int, last: int) -> str:
    return f"{first} год" if first == last else f"{first}–{last} гг."


def _in_year(occurrences: list, year: int | None) -> list:
    return [o for o in occurrences if year is None or o.year == year]


def _due_this_month(occurrence, today: date) -> bool:
    """An occurrence still to be done whose window includes today or ends within today's month."""
    status = effective_status(occurrence.status, occurrence.window_end, occurrence.completed_on, today)
    if status not in OPEN_OR_LATE:
        return False
    ends_this_month = (occurrence.window_end.year, occurrence.window_end.month) == (today.year, today.month)
    return ends_this_month or occurrence.window_start <= today <= occurrence.window_end


def _next_due(occurrences: list, today: date) -> str | None:
    """The end of the first window still waiting for a completion (overdue ones first, by date)."""
    waiting = [o.window_end for o in occurrences
               if effective_status(o.status, o.window_end, o.completed_on, today) in OPEN_OR_LATE]
    return min(waiting).isoformat() if waiting else None


class EventRow(EventDetail):
    """An event of the page's table: `roadmap_detail`'s event with its status, next due date and flags for a year."""

    next_due: str | None
    due_this_month: bool
    schools: set[str | None]


def event_rows(session: Session, roadmap_id: str, year: int | None = None,
               today: date | None = None) -> list[EventRow]:
    """The roadmap's events as `roadmap_detail` gives them, with status, next due date and flags for `year`."""
    today = today or date.today()
    roadmap = get_roadmap(session, roadmap_id)
    detail = roadmap_detail(session, roadmap_id, today)
    by_id = {event.id: occurrences for event, occurrences in occurrences_by_event(session, roadmap).items()}
    events = {event.id: event for event in roadmap.events}
    rows: list[EventRow] = []
    for row in detail["events"]:
        occurrences = _in_year(by_id.get(row["id"], []), year)
        rows.append({
            **row, "status": event_status(events[row["id"]], occurrences, today),
            "next_due": _next_due(occurrences, today),
            "due_this_month": any(_due_this_month(o, today) for o in occurrences),
            "schools": {o.school_id for o in occurrences} | ({roadmap.school_id} if roadmap.school_id else set()),
        })
    return rows


def filter_events(session: Session, roadmap_id: str, *, status: str | None = None, due_this_month: bool = False,
                  responsible: str | None = None, school_id: str | None = None, search: str | None = None,
                  section_id: str | None = None, year: int | None = None, today: date | None = None) -> list[EventRow]:
    """The events that pass every given filter (status incl. «overdue», due this month, responsible by
    substring, school, search in the texts, section with its subsections), in roadmap order."""
    rows = event_rows(session, roadmap_id, year, today)
    sections = _with_subsections(roadmap_detail(session, roadmap_id, today)["sections"], section_id) if section_id else None
    wanted_responsible, wanted_text = fold_case((responsible or "").strip()), fold_case((search or "").strip())
    checks = (
        (status, lambda row: row["status"] == status),
        (due_this_month, lambda row: row["due_this_month"]),
        (wanted_responsible, lambda row: wanted_responsible in fold_case(row["responsible"])),
        (school_id, lambda row: school_id in row["schools"]),
        (wanted_text, lambda row: wanted_text in fold_case(" ".join(row[key] for key in SEARCHED))),
        (sections, lambda row: row["section_id"] in sections),
    )
    active = [check for wanted, check in checks if wanted]
    return [row for row in rows if all(check(row) for check in active)]


def _with_subsections(sections: list[SectionRef], section_id: str) -> set[str]:
    children = defaultdict(list)
    for section in sections:
        children[section["parent_id"]].append(section["id"])
    found, stack = set(), [section_id]
    while stack:
        current = stack.pop()
        found.add(current)
        stack.extend(children[current])
    return found


def responsible_list(session: Session, roadmap_id: str) -> list[str]:
    """The distinct «Ответственный» texts of the roadmap's events, sorted (ё beside е)."""
    roadmap = get_roadmap(session, roadmap_id)
    names = {" ".join(e.responsible.split()) for e in roadmap.events if e.deleted_at is None and e.responsible}
    return sorted(names, key=lambda name: fold_case(name))


class SectionProgress(SectionRef):
    """A section of the page's tree: its events (subsections included), how many are done, the percent done."""

    events: int
    done: int
    percent: int | None


def section_tree(session: Session, roadmap_id: str, rows: list[EventRow]) -> list[SectionProgress]:
    """Sections in order with their parent, event count and % of events done (subsections included)."""
    sections = roadmap_detail(session, roadmap_id)["sections"]
    own: dict[str | None, Counter] = defaultdict(Counter)
    for row in rows:
        own[row["section_id"]]["events"] += 1
        own[row["section_id"]]["done"] += row["status"] in FINISHED_STATUSES
    result: list[SectionProgress] = []
    for section in sections:
        totals = Counter()
        for member in _with_subsections(sections, section["id"]):
            totals.update(own[member])
        percent = round(100 * totals["done"] / totals["events"]) if totals["events"] else None
        result.append({**section, "events": totals["events"], "done": totals["done"], "percent": percent})
    return result


class OccurrenceCard(TypedDict):
    """One due window of the event: its effective and stored status, completion, comment, evidence count."""

    id: str
    year: int
    window_start: date
    window_end: date
    status: str
    stored_status: str
    completed_on: date | None
    comment: str
    evidence: int


class EventCard(TypedDict):
    """The event dialog's content: texts as written, the deadline understood over the roadmap's years, occurrences."""

    id: str
    roadmap_id: str
    number: str
    title: str
    deadline_text: str
    deadline_override: str
    kind: DeadlineKind
    windows: list[Window]
    responsible: str
    planned_result: str
    status: str
    evidence_without_occurrence: int
    occurrences: list[OccurrenceCard]
    moved: list[str]  # «Март → Май: срок перенесён приказом …», one line per correction that moved it


def event_card(session: Session, event_id: str, today: date | None = None) -> EventCard:
    """One event: its texts as written, how its deadline is understood, its occurrences with evidence counts."""
    today = today or date.today()
    event = session.get(RoadmapEvent, event_id)
    if event is None or event.deleted_at is not None:
        raise KuratorError("Мероприятие не найдено (возможно, удалено).")
    roadmap = get_roadmap(session, event.roadmap_id)
    occurrences = occurrences_by_event(session, roadmap).get(event, [])
    counts = dict(session.execute(
        select(Evidence.occurrence_id, func.count()).where(Evidence.event_id == event_id, alive(Evidence))
        .group_by(Evidence.occurrence_id)).all())
    deadline = event_deadline(event, roadmap.year_from)
    text = event.deadline_override or event.deadline_text or ""
    moved = [f"{m['before']} → {m['after']}: {moved_phrase(m['basis'])}"
             for m in moved_deadlines(session, roadmap.id, event.id)]
    return {
        "moved": moved,
        "id": event.id, "roadmap_id": roadmap.id, "number": event.number or "", "title": event.title,
        "deadline_text": event.deadline_text or "", "deadline_override": event.deadline_override or "",
        "kind": deadline.kind, "windows": windows_for_years(text, roadmap_years(roadmap)),
        "responsible": event.responsible or "", "planned_result": event.planned_result or "",
        "status": event_status(event, occurrences, today), "evidence_without_occurrence": counts.get(None, 0),
        "occurrences": [{
            "id": o.id, "year": o.year, "window_start": o.window_start, "window_end": o.window_end,
            "status": effective_status(o.status, o.window_end, o.completed_on, today), "stored_status": o.status,
            "completed_on": o.completed_on, "comment": o.comment or "", "evidence": counts.get(o.id, 0),
        } for o in occurrences],
    }


def suggested_completion(occurrence: OccurrenceCard, today: date) -> date | None:
    """The date «Отметить выполнение» offers: the recorded one; else the end of a window already past (done on time
    unless the user says otherwise); else none — never today by itself, which would make an old event late."""
    if occurrence["completed_on"] is not None:
        return occurrence["completed_on"]
    return occurrence["window_end"] if occurrence["window_end"] < today else None
