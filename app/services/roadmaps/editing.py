"""Editing a roadmap's events: add, edit, move (within and between sections), delete (softly).

Every function takes the session and plain values, checks them field by field (`ValidationError` with Russian
messages, nothing changed), applies the owner rule, records the change in the open correction of an approved
roadmap (`ChangeLog`), numbers the section's events again and re-plans occurrences when a deadline moves.
`add_event` is the one way other features (e.g. a school's anti-risk programme) put a measure into a roadmap.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import Roadmap, RoadmapEvent, RoadmapEventSchool, RoadmapSection, School, Teacher, alive, utcnow
from app.models.reference import ROADMAP_LEVELS
from app.services.roadmaps.corrections import ChangeLog
from app.services.roadmaps.deadlines import Deadline, DeadlineKind, parse_deadline
from app.services.roadmaps.numbering import event_label, numbered_through, renumber
from app.services.roadmaps.plans import get_roadmap, section_label
from app.services.roadmaps.replanning import drop_occurrences, replan_event
from app.services.roadmaps.versions import document_order, live_sections

TEXT_FIELDS = ("title", "deadline_text", "responsible", "planned_result")
LIMITS = {"title": 4000, "deadline_text": 500, "responsible": 1000, "planned_result": 4000}
UNRECOGNIZED_HINT = ("Срок «{text}» не распознан: программа не сможет следить за ним. Напишите, например, «Март - апрель», "
                     "«Ежемесячно», «до 01.09.2023» — или подтвердите, что сохранить его как написано "
                     "(«срок не распознан»).")


def find_section(session: Session, roadmap: Roadmap, ref: str | None) -> RoadmapSection | None:
    """The live section named by its id, number («2», «2.1», «II») or exact title; None for «no section» («»)."""
    if ref is None or not str(ref).strip():
        return None
    ref = str(ref).strip()
    sections = live_sections(session, roadmap.id)
    plain = ref.rstrip(".")
    for match in (lambda s: s.id == ref, lambda s: (s.number or "") == plain, lambda s: s.title.strip() == ref):
        found = [section for section in sections if match(section)]
        if found:
            return found[0]
    known = ", ".join(s.number for s in sections if s.number) or "разделов с номерами нет"
    raise ValidationError({"section": f"Раздела «{ref}» нет в дорожной карте. Разделы: {known}."})


def _check_teacher(session: Session, roadmap: Roadmap, teacher_id: str | None) -> str | None:
    if not teacher_id:
        return None
    teacher = session.get(Teacher, teacher_id)
    if teacher is None or teacher.deleted_at is not None:
        return "Этот сотрудник не найден (возможно, удалён)."
    if roadmap.school_id and teacher.school_id != roadmap.school_id:
        return "Сотрудник работает в другой школе: выберите сотрудника школы этой дорожной карты."
    return None


def validate_event(session: Session, roadmap: Roadmap, values: dict) -> dict[str, str]:
    """Field messages for the values given (only the keys present are checked)."""
    errors: dict[str, str] = {}
    if "title" in values and not (values["title"] or "").strip():
        errors["title"] = "Укажите, что за мероприятие."
    if "deadline_text" in values:
        text = (values["deadline_text"] or "").strip()
        if not text:
            errors["deadline_text"] = "Укажите срок, как в документе: «Февраль», «Ежегодно», «В течение года»…"
        elif (parse_deadline(text, roadmap.year_from).kind == DeadlineKind.UNRECOGNIZED
              and not values.get("accept_unrecognized")):
            errors["deadline_text"] = UNRECOGNIZED_HINT.format(text=text)
    for field, limit in LIMITS.items():
        if len(values.get(field) or "") > limit and field not in errors:
            errors[field] = f"Не длиннее {limit} символов."
    if "level" in values:
        if values["level"] not in ROADMAP_LEVELS:
            errors["level"] = "Уровень: муниципальный или уровень ОО."
        elif roadmap.level == "school" and values["level"] != "school":
            errors["level"] = "В дорожной карте школы все мероприятия — уровня ОО."
    problem = _check_teacher(session, roadmap, values.get("responsible_teacher_id"))
    if problem:
        errors["responsible_teacher_id"] = problem
    return errors


def _checked(session: Session, roadmap: Roadmap, values: dict) -> tuple[ChangeLog, dict]:
    errors = validate_event(session, roadmap, values)
    if errors:
        raise ValidationError(errors)
    log = ChangeLog(session, roadmap)
    clean = {key: (value.strip() if isinstance(value, str) else value) for key, value in values.items()}
    if clean.get("responsible_teacher_id") and not clean.get("responsible"):
        clean["responsible"] = session.get(Teacher, clean["responsible_teacher_id"]).short_name
    return log, clean


def add_event(session: Session, roadmap_id: str, section_number: str | None, values: dict,
              *, before_event_id: str | None = None) -> RoadmapEvent:
    """Add an event at the end of a section (or before another event of it) and number it as the section's
    events are numbered. `values`: title, deadline_text, responsible, responsible_teacher_id, planned_result,
    level, school_ids, linked_event_id, accept_unrecognized."""
    roadmap = get_roadmap(session, roadmap_id)
    values = {"level": "school" if roadmap.level == "school" else "municipal", **values}
    for required in ("title", "deadline_text"):
        values.setdefault(required, "")
    log, clean = _checked(session, roadmap, values)
    section = find_section(session, roadmap, section_number)
    section_id = section.id if section else None
    event = RoadmapEvent(roadmap_id=roadmap.id, section_id=section_id, number=None,
                         position=_position(session, roadmap, section_id, before_event_id),
                         origin=roadmap.origin, is_demo=roadmap.is_demo, status="planned",
                         **{key: clean.get(key) or None for key in (*TEXT_FIELDS, "responsible_teacher_id")},
                         level=clean["level"], linked_event_id=clean.get("linked_event_id"))
    session.add(event)
    session.flush()
    set_event_schools(session, event, clean.get("school_ids"))
    renumber(session, log, roadmap, {section_id}, new=event)
    log.note("event", event.id, event_label(event.number, event.title), "added")
    replan_event(session, roadmap, event, log.since)
    log.finish()
    return event


def _position(session: Session, roadmap: Roadmap, section_id: str | None, before_event_id: str | None) -> int:
    """A position just before `before_event_id` (same section), else after the section's last event."""
    siblings = list(session.scalars(select(RoadmapEvent).where(
        RoadmapEvent.roadmap_id == roadmap.id, RoadmapEvent.section_id.is_not_distinct_from(section_id),
        alive(RoadmapEvent)).order_by(RoadmapEvent.position)))
    if before_event_id is None:
        return (siblings[-1].position + 1) if siblings else 0
    target = next((event for event in siblings if event.id == before_event_id), None)
    if target is None:
        raise ValidationError({"position": "Мероприятие, перед которым нужно вставить, находится в другом разделе."})
    for event in siblings:
        if event.position >= target.position:
            event.position += 1
    return target.position - 1


def get_event(session: Session, event_id: str) -> RoadmapEvent:
    event = session.get(RoadmapEvent, event_id)
    if event is None or event.deleted_at is not None:
        raise KuratorError("Мероприятие не найдено (возможно, удалено).")
    return event


def edit_event(session: Session, event_id: str, values: dict) -> RoadmapEvent:
    """Change an event's texts, responsible, level, schools; `section` (a number, id or title) moves it."""
    event = get_event(session, event_id)
    roadmap = get_roadmap(session, event.roadmap_id)
    log, clean = _checked(session, roadmap, values)
    label = event_label(event.number, event.title)
    changed = [field for field in (*TEXT_FIELDS, "level") if field in clean and (clean[field] or None) != getattr(event, field)]
    for field in changed:
        kind = "deadline" if field == "deadline_text" else "text"
        log.note("event", event.id, label, kind, field, getattr(event, field) or "", clean[field] or "")
        setattr(event, field, clean[field] or None)
    if "responsible_teacher_id" in clean:
        event.responsible_teacher_id = clean["responsible_teacher_id"] or None
    if "school_ids" in clean:
        set_event_schools(session, event, clean["school_ids"])
    if "section" in clean:
        _move(session, log, roadmap, event, find_section(session, roadmap, clean["section"]), None)
    session.flush()
    if "deadline_text" in changed:
        event.deadline_override = None
        replan_event(session, roadmap, event, log.since)
    log.finish()
    return event


def move_event(session: Session, event_id: str, section_ref: str | None, before_event_id: str | None = None,
               *, reorder: bool = False) -> RoadmapEvent:
    """Move an event to the end of a section, or before another event; both sections are numbered again.
    `reorder` moves it to the end of its own section when no event to stand before is given."""
    event = get_event(session, event_id)
    roadmap = get_roadmap(session, event.roadmap_id)
    log = ChangeLog(session, roadmap)
    _move(session, log, roadmap, event, find_section(session, roadmap, section_ref), before_event_id, reorder)
    log.finish()
    return event


def _move(session: Session, log: ChangeLog, roadmap: Roadmap, event: RoadmapEvent, section: RoadmapSection | None,
          before_event_id: str | None, reorder: bool = False) -> None:
    old_id, new_id = event.section_id, (section.id if section else None)
    if old_id == new_id and before_event_id is None and not reorder:
        return
    if old_id != new_id:  # a move inside the section shows as the numbers it changes
        old = session.get(RoadmapSection, old_id) if old_id else None
        log.note("event", event.id, event_label(event.number, event.title), "moved", "section",
                 section_label(old) if old else "без раздела", section_label(section) if section else "без раздела")
    event.section_id = new_id
    sections, events = document_order(session, roadmap.id)
    if old_id != new_id and section is not None and section.number and event.number \
            and not numbered_through(sections, events):
        event.number = f"{section.number}.{event.number.split('.')[-1]}"  # depth of the new section; renumbered next
    event.position = _position(session, roadmap, new_id, before_event_id) if before_event_id else 10**9
    session.flush()
    renumber(session, log, roadmap, {old_id, new_id})


def correct_deadline(session: Session, event_id: str, text: str) -> Deadline:
    """The user's reading of a deadline nobody could parse (the text as written stays); re-planned from the
    correction's date in an approved roadmap, like any moved deadline."""
    event = get_event(session, event_id)
    roadmap = get_roadmap(session, event.roadmap_id)
    log = ChangeLog(session, roadmap)
    deadline = parse_deadline(text, roadmap.year_from)
    if deadline.kind == DeadlineKind.UNRECOGNIZED:
        raise ValidationError({"deadline_override": f"Срок «{text}» не распознан. Пример: «Март - апрель», «до 01.09.2022»."})
    log.note("event", event.id, event_label(event.number, event.title), "deadline", "deadline_override",
             event.deadline_override or event.deadline_text or "", text)
    event.deadline_override = text
    replan_event(session, roadmap, event, log.since)
    log.finish()
    return deadline


def delete_event(session: Session, event_id: str) -> None:
    """Delete an event softly (the tombstone travels); the section's events are numbered again."""
    event = get_event(session, event_id)
    roadmap = get_roadmap(session, event.roadmap_id)
    log = ChangeLog(session, roadmap)
    log.note("event", event.id, event_label(event.number, event.title), "removed")
    event.deleted_at = utcnow()
    drop_occurrences(session, event)
    renumber(session, log, roadmap, {event.section_id})
    log.finish()


def set_event_schools(session: Session, event: RoadmapEvent, school_ids: list[str] | None) -> None:
    """The schools a school-level measure applies to (an empty list: every school). Not a change of the approved
    text (the document does not list them), so no correction is needed; the caller checks the owner rule."""
    if school_ids is None:
        return
    wanted = set(school_ids)
    if wanted and event.level != "school":
        raise ValidationError({"school_ids": "Школы указываются у мероприятий уровня ОО."})
    known = set(session.scalars(select(School.id).where(School.id.in_(wanted), alive(School))))
    if wanted - known:
        raise ValidationError({"school_ids": "Некоторые из выбранных школ не найдены в перечне."})
    rows = {row.school_id: row for row in session.scalars(
        select(RoadmapEventSchool).where(RoadmapEventSchool.event_id == event.id))}
    now = utcnow()
    for school_id, row in rows.items():
        row.deleted_at = None if school_id in wanted else (row.deleted_at or now)
    for school_id in wanted - set(rows):
        session.add(RoadmapEventSchool(event_id=event.id, school_id=school_id, origin=event.origin,
                                       is_demo=event.is_demo))
    session.flush()


def event_school_ids(session: Session, event_id: str) -> list[str]:
    return list(session.scalars(select(RoadmapEventSchool.school_id).where(
        RoadmapEventSchool.event_id == event_id, alive(RoadmapEventSchool))))
