"""Many records at once: enrol a group of teachers in a course, mark who took part in a methodological event."""

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Enrollment, Participation, Teacher, alive

from .crud import create


def enroll_teachers(session: Session, course_id: str, teacher_ids: Iterable[str], status: str = "enrolled") -> int:
    """Enrol each teacher not yet enrolled; returns how many were added (all or nothing)."""
    enrolled = set(session.scalars(select(Enrollment.teacher_id).where(
        Enrollment.course_id == course_id, alive(Enrollment))))
    added = 0
    for teacher_id in dict.fromkeys(teacher_ids):
        if teacher_id not in enrolled:
            create(session, "enrollment", {"course_id": course_id, "teacher_id": teacher_id, "status": status})
            added += 1
    return added


def record_participation(session: Session, event_id: str, school_ids: Iterable[str], teacher_ids: Iterable[str] = (),
                         role: str = "participant") -> int:
    """Mark schools and teachers as participants (a teacher also counts for their school); returns rows added."""
    teachers = dict(session.execute(select(Teacher.id, Teacher.school_id).where(Teacher.id.in_(list(teacher_ids)))).all())
    wanted = [(school, None) for school in dict.fromkeys(school_ids) if school not in teachers.values()]
    wanted += [(school, teacher) for teacher, school in teachers.items()]
    existing = set(session.execute(select(Participation.school_id, Participation.teacher_id).where(
        Participation.event_id == event_id, alive(Participation))).all())
    added = 0
    for school, teacher in wanted:
        if (school, teacher) not in existing:
            create(session, "participation",
                           {"event_id": event_id, "school_id": school, "teacher_id": teacher, "role": role})
            added += 1
    return added
