"""The facts of the справка's sections on the district's support of its schools (seeds/004): curators and mentors
assigned to schools, network partnerships with mentor schools, methodical events and who took part in them. A
«year» is the calendar year, as in the rest of the справка; an assignment or a partnership counts in every year it
covers."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from app.models import Assignment, MethodEvent, Partnership, Participation, School, Teacher, alive
from app.models.reference import ASSIGNMENT_KINDS, EVENT_LEVELS, METHOD_EVENT_KINDS, PARTNERSHIP_KINDS
from app.services.reports.facts import ProgramSchool, supported


@dataclass(frozen=True)
class AssignmentLine:
    """One curator or mentor assigned to a school (or to one of its teachers) in the year."""

    school: str
    kind: str  # Russian: «Куратор», «Наставник»
    person: str
    position: str  # position and organisation, as entered
    teacher: str  # the teacher supported, empty when the whole school is


def assignments(session: Session, year: int) -> list[AssignmentLine]:
    """The curators and mentors whose period covers some of the year, by school."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    query = (select(Assignment, School.name, Teacher).join(School, School.id == Assignment.school_id)
             .outerjoin(Teacher, Teacher.id == Assignment.teacher_id)
             .where(alive(Assignment), alive(School),
                    or_(Assignment.start_date.is_(None), Assignment.start_date <= end),
                    or_(Assignment.end_date.is_(None), Assignment.end_date >= start))
             .order_by(School.name, Assignment.kind, Assignment.person_name))
    return [AssignmentLine(school, ASSIGNMENT_KINDS[a.kind], a.person_name,
                           ", ".join(filter(None, (a.person_position, a.organisation))),
                           teacher.full_name if teacher else "")
            for a, school, teacher in session.execute(query)]


@dataclass(frozen=True)
class SchoolSupport:
    """Who supports one school in the year: its curators and the mentors of the whole school (names with position
    and organisation), and how many of its teachers have a mentor of their own."""

    school: str
    curators: list[str]
    mentors: list[str]
    mentored_teachers: int


def support_by_school(lines: list[AssignmentLine]) -> list[SchoolSupport]:
    """The assignments gathered by school, in the order of `lines`."""
    gathered: dict[str, tuple[list[str], list[str], set[str]]] = {}
    for line in lines:
        curators, mentors, teachers = gathered.setdefault(line.school, ([], [], set()))
        if line.teacher:
            teachers.add(line.teacher)
            continue
        people = curators if line.kind == ASSIGNMENT_KINDS["curator"] else mentors
        person = f"{line.person} ({line.position})" if line.position else line.person
        if person not in people:
            people.append(person)
    return [SchoolSupport(school, curators, mentors, len(teachers))
            for school, (curators, mentors, teachers) in gathered.items()]


@dataclass(frozen=True)
class PartnershipLine:
    school: str
    mentor_school: str
    kind: str
    years: str
    agreement: str


def partnerships(session: Session, year: int) -> list[PartnershipLine]:
    """The pairs «school — mentor school» in force in the year."""
    mentor = aliased(School)
    query = (select(Partnership, School.name, mentor.name).join(School, School.id == Partnership.school_id)
             .join(mentor, mentor.id == Partnership.mentor_school_id)
             .where(alive(Partnership), alive(School), alive(mentor), Partnership.year_from <= year,
                    or_(Partnership.year_to.is_(None), Partnership.year_to >= year))
             .order_by(School.name, mentor.name))
    return [PartnershipLine(school, mentor_school, PARTNERSHIP_KINDS[p.kind],
                            f"{p.year_from}–{p.year_to}" if p.year_to else f"с {p.year_from}", p.agreement or "")
            for p, school, mentor_school in session.execute(query)]


@dataclass(frozen=True)
class EventLine:
    """A methodical event of the year and how many took part: teachers (each entry with a teacher) and schools."""

    held_on: date
    title: str
    kind: str
    level: str
    teachers: int
    schools: int
    speakers: int


def events(session: Session, year: int) -> list[EventLine]:
    """The methodical events held in the year, in date order, with their participation."""
    taking_part = (select(Participation.event_id, func.count(Participation.teacher_id).label("teachers"),
                          func.count(func.distinct(Participation.school_id)).label("schools"),
                          func.count(Participation.id).filter(Participation.role == "speaker").label("speakers"))
                   .where(alive(Participation)).group_by(Participation.event_id).subquery())
    query = (select(MethodEvent, taking_part.c.teachers, taking_part.c.schools, taking_part.c.speakers)
             .outerjoin(taking_part, taking_part.c.event_id == MethodEvent.id)
             .where(alive(MethodEvent), MethodEvent.held_on.between(date(year, 1, 1), date(year, 12, 31)))
             .order_by(MethodEvent.held_on, MethodEvent.title))
    return [EventLine(e.held_on, e.title, METHOD_EVENT_KINDS[e.kind], EVENT_LEVELS[e.level], teachers or 0,
                      schools or 0, speakers or 0) for e, teachers, schools, speakers in session.execute(query)]


def kinds_count(lines: list[EventLine]) -> list[tuple[str, int]]:
    """(kind, events) in the order of the reference list: «РМО — 4, семинар — 3…»."""
    counted = Counter(line.kind for line in lines)
    return [(kind, counted[kind]) for kind in METHOD_EVENT_KINDS.values() if counted[kind]]


@dataclass(frozen=True)
class SchoolTakingPart:
    school: str
    events: int  # distinct events the school's people took part in
    teachers: int  # distinct teachers


def participation_by_school(session: Session, year: int, school_codes: list[str]) -> list[SchoolTakingPart]:
    """For each of the schools (by code, e.g. the program's): how many of the year's events its people attended and
    how many of its teachers; a school with none is listed with zeros."""
    query = (select(School.code, Participation.event_id, Participation.teacher_id)
             .join(Participation, Participation.school_id == School.id)
             .join(MethodEvent, MethodEvent.id == Participation.event_id)
             .where(School.code.in_(school_codes), alive(Participation), alive(MethodEvent),
                    MethodEvent.held_on.between(date(year, 1, 1), date(year, 12, 31))))
    seen: dict[str, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for code, event_id, teacher_id in session.execute(query):
        seen[code][0].add(event_id)
        if teacher_id:
            seen[code][1].add(teacher_id)
    names = dict(session.execute(select(School.code, School.name).where(School.code.in_(school_codes))).all())
    return [SchoolTakingPart(names[code], len(seen[code][0]), len(seen[code][1])) for code in school_codes
            if code in names]


def unsupported_schools(session: Session, year: int, schools: list[ProgramSchool]) -> list[str]:
    """Names of the supported program schools (ШНОР, ШНСУ, «500+») with no curator and no mentor in the year."""
    covered = {line.school for line in assignments(session, year)}
    return [s.name for s in supported(schools) if s.name not in covered]


def absent_schools(session: Session, year: int, schools: list[ProgramSchool]) -> list[str]:
    """Names of the supported program schools whose people took part in none of the year's methodical events."""
    taking_part = participation_by_school(session, year, [s.code for s in supported(schools)])
    return [t.school for t in taking_part if not t.events]
