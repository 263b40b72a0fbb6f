"""Who completed professional development in a year — people, not completions: a teacher who finished two courses
counts once. A course counts as completed in the year when its enrolment is «завершено» and the completion date (or,
without one, the course's end date) falls in the calendar year. A person holding a director's or deputy's position is
a leader («руководитель»), everyone else a teacher («педагог»)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.models import Course, Enrollment, School, Teacher, TeacherPosition, alive
from app.models.reference import LEADER_POSITIONS


def completed_in(year: int) -> ColumnElement:
    """The enrolment was completed in the calendar year (its date, else the course's end date)."""
    finished = func.coalesce(Enrollment.completed_on, Course.end_date)
    return finished.between(date(year, 1, 1), date(year, 12, 31))


def leaders(session: Session) -> set[str]:
    """Ids of the staff holding a leader's position (director, deputies)."""
    return set(session.scalars(select(TeacherPosition.teacher_id).where(
        alive(TeacherPosition), TeacherPosition.position.in_(LEADER_POSITIONS))))


@dataclass(frozen=True)
class TrainedPeople:
    leaders: int  # people
    teachers: int  # people
    completions: int  # courses completed (a person may complete several)

    @property
    def people(self) -> int:
        return self.leaders + self.teachers


def trained_people(session: Session, year: int, school_id: str | None = None) -> TrainedPeople:
    """How many leaders and teachers (people) completed at least one course in the year, and the completions."""
    query = (select(Enrollment.teacher_id).join(Course, Course.id == Enrollment.course_id)
             .join(Teacher, Teacher.id == Enrollment.teacher_id).join(School, School.id == Teacher.school_id)
             .where(Enrollment.status == "completed", alive(Enrollment), alive(Course), alive(Teacher), alive(School),
                    completed_in(year)))
    if school_id:
        query = query.where(Teacher.school_id == school_id)
    completions = list(session.scalars(query))
    people, heads = set(completions), leaders(session)
    return TrainedPeople(len(people & heads), len(people - heads), len(completions))
