"""Professional development courses and enrolments; methodological events and participation."""

from datetime import date
from typing import ClassVar

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, one_of
from .reference import (
    COURSE_FORMATS,
    COURSE_KINDS,
    COURSE_TOPICS,
    ENROLLMENT_STATUSES,
    EVENT_LEVELS,
    METHOD_EVENT_KINDS,
    PARTICIPATION_ROLES,
)


class Course(Synced, Base):
    """A КПК or retraining programme in the district's catalogue."""

    __tablename__ = "course"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (
        one_of("kind", COURSE_KINDS),
        one_of("format", COURSE_FORMATS),
        one_of("topic", COURSE_TOPICS),
        CheckConstraint("hours > 0 AND hours <= 2000", name="hours_range"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_ordered"),
    )

    title: Mapped[str] = mapped_column(String(400), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="kpk")
    provider: Mapped[str] = mapped_column(String(300))
    hours: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str | None] = mapped_column(String(24))
    subject: Mapped[str | None] = mapped_column(String(60))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    for_leaders: Mapped[bool] = mapped_column(default=False)
    accepted_from: Mapped[str | None] = mapped_column(String(36))  # the school's external course it was accepted from


class Enrollment(Synced, Base):
    """A teacher enrolled in a course: completion and certificate."""

    __tablename__ = "enrollment"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (UniqueConstraint("course_id", "teacher_id"), one_of("status", ENROLLMENT_STATUSES))

    course_id: Mapped[str] = mapped_column(ForeignKey("course.id"), index=True)
    teacher_id: Mapped[str] = mapped_column(ForeignKey("teacher.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="enrolled")
    completed_on: Mapped[date | None] = mapped_column(Date, index=True)
    certificate_number: Mapped[str | None] = mapped_column(String(100))


class ExternalCourse(Synced, Base):
    """A course a teacher completed outside the district's catalogue, recorded by the school; the district sees it as
    a proposal it may accept into the catalogue (the catalogue's course then names it in `accepted_from`)."""

    __tablename__ = "external_course"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        one_of("kind", COURSE_KINDS),
        one_of("format", COURSE_FORMATS),
        one_of("topic", COURSE_TOPICS),
        CheckConstraint("hours > 0 AND hours <= 2000", name="hours_range"),
    )

    teacher_id: Mapped[str] = mapped_column(ForeignKey("teacher.id"), index=True)
    title: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(16), default="kpk")
    provider: Mapped[str] = mapped_column(String(300))
    hours: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str | None] = mapped_column(String(24))
    completed_on: Mapped[date] = mapped_column(Date, index=True)
    certificate_number: Mapped[str | None] = mapped_column(String(100))


class MethodEvent(Synced, Base):
    """A methodological event: РМО, семинар, вебинар, мастер-класс, методический десант, открытый урок…"""

    __tablename__ = "method_event"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (one_of("kind", METHOD_EVENT_KINDS), one_of("level", EVENT_LEVELS))

    title: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16), default="municipal")
    held_on: Mapped[date] = mapped_column(Date, index=True)
    organiser: Mapped[str | None] = mapped_column(String(300))
    host_school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"))
    description: Mapped[str | None] = mapped_column(Text)


class Participation(Synced, Base):
    """A school (and optionally one of its teachers) took part in a methodological event."""

    __tablename__ = "participation"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (UniqueConstraint("event_id", "school_id", "teacher_id"), one_of("role", PARTICIPATION_ROLES))

    event_id: Mapped[str] = mapped_column(ForeignKey("method_event.id"), index=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    teacher_id: Mapped[str | None] = mapped_column(ForeignKey("teacher.id"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="participant")
