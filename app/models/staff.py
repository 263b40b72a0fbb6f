"""Staff: teachers and leaders, their positions and subjects, staffing slots, diagnostics and ИОМ."""

from datetime import date
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Synced, alive_index, non_negative, one_of, share
from .reference import (
    DIAGNOSTIC_KINDS,
    POSITIONS,
    QUALIFICATION_CATEGORIES,
    ROUTE_STATUSES,
)


class Teacher(Synced, Base):
    """A staff member of one school (педагог или руководитель)."""

    __tablename__ = "teacher"
    owner_kind: ClassVar[str] = "school"
    SEARCHED: ClassVar[tuple[str, ...]] = ("last_name", "first_name", "middle_name", "email")
    __table_args__ = (
        one_of("qualification", QUALIFICATION_CATEGORIES),
        CheckConstraint("experience_years IS NULL OR (experience_years >= 0 AND experience_years <= 70)", name="experience_range"),
        CheckConstraint("birth_year IS NULL OR (birth_year >= 1930 AND birth_year <= 2015)", name="birth_year_range"),
        Index("ix_teacher_list_order", "last_name", "first_name", "middle_name", "id"),  # Педагоги's order (seek.py)
    )

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    last_name: Mapped[str] = mapped_column(String(100))  # indexed first in ix_teacher_list_order
    first_name: Mapped[str] = mapped_column(String(100))
    middle_name: Mapped[str | None] = mapped_column(String(100))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    qualification: Mapped[str | None] = mapped_column(String(16))
    experience_years: Mapped[int | None] = mapped_column(Integer)
    young_specialist: Mapped[bool] = mapped_column(Boolean, default=False)
    education: Mapped[str | None] = mapped_column(String(300))
    email: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(60))
    hired_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    search_text: Mapped[str | None] = mapped_column(Text)  # SEARCHED, lower-cased with ё as е (app.search_text)

    positions: Mapped[list["TeacherPosition"]] = relationship(back_populates="teacher", cascade="all, delete-orphan")
    subjects: Mapped[list["TeacherSubject"]] = relationship(back_populates="teacher", cascade="all, delete-orphan")

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        initials = "".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()


class TeacherPosition(Synced, Base):
    __tablename__ = "teacher_position"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        UniqueConstraint("teacher_id", "position"),
        alive_index("ix_teacher_position_alive", "teacher_id", "position"),  # a list's «Должности» (records.query)
        one_of("position", POSITIONS),
        CheckConstraint("rate > 0 AND rate <= 2", name="rate_range"),
    )

    teacher_id: Mapped[str] = mapped_column(ForeignKey("teacher.id"), index=True)
    position: Mapped[str] = mapped_column(String(32), index=True)
    rate: Mapped[float] = mapped_column(Float, default=1.0)
    is_main: Mapped[bool] = mapped_column(Boolean, default=True)

    teacher: Mapped[Teacher] = relationship(back_populates="positions")


class TeacherSubject(Synced, Base):
    __tablename__ = "teacher_subject"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        UniqueConstraint("teacher_id", "subject"),
        alive_index("ix_teacher_subject_alive", "teacher_id", "subject"),  # a list's «Предметы» (records.query)
    )

    teacher_id: Mapped[str] = mapped_column(ForeignKey("teacher.id"), index=True)
    subject: Mapped[str] = mapped_column(String(60), index=True)

    teacher: Mapped[Teacher] = relationship(back_populates="subjects")


class StaffingSlot(Synced, Base):
    """Ставки by position (and subject) for a school year; a vacancy is rates minus filled rates."""

    __tablename__ = "staffing_slot"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        UniqueConstraint("school_id", "year", "position", "subject"),
        one_of("position", POSITIONS),
        *non_negative("rates", "filled_rates"),
    )

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    position: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str | None] = mapped_column(String(60))
    rates: Mapped[float] = mapped_column(Float)
    filled_rates: Mapped[float] = mapped_column(Float, default=0)

    @property
    def vacant_rates(self) -> float:
        return max(self.rates - self.filled_rates, 0.0)


class Diagnostic(Synced, Base):
    """A diagnostic of a teacher's professional (subject, methodical) competences and the deficits it found."""

    __tablename__ = "diagnostic"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (one_of("kind", DIAGNOSTIC_KINDS), share("score_percent"))

    teacher_id: Mapped[str] = mapped_column(ForeignKey("teacher.id"), index=True)
    taken_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(24))
    subject: Mapped[str | None] = mapped_column(String(60))
    organiser: Mapped[str | None] = mapped_column(String(300))
    score_percent: Mapped[float | None] = mapped_column(Float)
    deficits: Mapped[str | None] = mapped_column(Text)
    distance: Mapped[bool] = mapped_column(Boolean, default=False)


class IndividualRoute(Synced, Base):
    """ИОМ: a teacher's individual development plan for the deficits a diagnostic found."""

    __tablename__ = "individual_route"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        one_of("status", ROUTE_STATUSES),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_ordered"),
    )

    teacher_id: Mapped[str] = mapped_column(ForeignKey("teacher.id"), index=True)
    diagnostic_id: Mapped[str | None] = mapped_column(ForeignKey("diagnostic.id"))
    title: Mapped[str] = mapped_column(String(300))
    goals: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active")
    mentor: Mapped[str | None] = mapped_column(String(200))
    result: Mapped[str | None] = mapped_column(Text)
