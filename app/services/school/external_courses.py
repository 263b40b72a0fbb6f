"""Courses a school's teachers completed outside the district's catalogue (a record the school keeps, listed with the
registry entity «external_course»), and how the district accepts one into its catalogue.

Accepting makes a catalogue course from the proposal (title, kind, provider, hours, form, topic) that names the
proposal in `accepted_from`; the school sees its proposal as «Принят в каталог» once the district's packet brings
the course. The teacher's completion keeps counting from the school's record either way.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import Course, ExternalCourse, alive
from app.services.records.ownership import current_scope

CATALOGUE_KEPT_BY_DISTRICT = "Каталог курсов ведёт управление образования: принять курс в каталог можно только там."


def catalogue_course(session: Session, external_id: str) -> Course | None:
    """The district catalogue's course accepted from this proposal, if any."""
    return session.scalars(select(Course).where(Course.accepted_from == external_id, alive(Course))).first()


def accept_into_catalogue(session: Session, external_id: str) -> Course:
    """At the district: add the school's course to the catalogue (once); returns the catalogue's course."""
    scope = current_scope(session)
    if scope is None or scope.is_school:
        raise KuratorError(CATALOGUE_KEPT_BY_DISTRICT)
    external = session.get(ExternalCourse, external_id)
    if external is None or external.deleted_at is not None:
        raise KuratorError("Курс не найден (возможно, школа его удалила).")
    existing = catalogue_course(session, external_id)
    if existing is not None:
        raise KuratorError(f"Курс уже в каталоге района: «{existing.title}».")
    course = Course(title=external.title, kind=external.kind, provider=external.provider, hours=external.hours,
                    format=external.format, topic=external.topic, accepted_from=external.id)
    session.add(course)
    session.flush()
    return course
