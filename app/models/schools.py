"""The district, its schools, their statuses by year, social passports, partnerships, curators, and the district's
summary of each school's year (the figures that compare a school with the district's other schools)."""

from datetime import date
from typing import ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Synced, non_negative, one_of, share
from .reference import (
    ASSIGNMENT_KINDS,
    CONTEXT_TYPES,
    LOCALITIES,
    PARTNERSHIP_KINDS,
    SCHOOL_KINDS,
    SCHOOL_STATUSES,
)


class District(Synced, Base):
    __tablename__ = "district"
    owner_kind: ClassVar[str] = "district"

    name: Mapped[str] = mapped_column(String(300))
    region: Mapped[str | None] = mapped_column(String(300))
    centre: Mapped[str | None] = mapped_column(String(200))
    office_name: Mapped[str | None] = mapped_column(String(300))  # отдел/управление образования
    head_name: Mapped[str | None] = mapped_column(String(200))


class School(Synced, Base):
    __tablename__ = "school"
    owner_kind: ClassVar[str] = "district"
    SEARCHED: ClassVar[tuple[str, ...]] = ("code", "name", "short_name", "settlement", "director")
    __table_args__ = (
        one_of("kind", SCHOOL_KINDS),
        one_of("locality", LOCALITIES),
        one_of("context_type", CONTEXT_TYPES),
        *non_negative("distance_km", "pupils"),
    )

    district_id: Mapped[str | None] = mapped_column(ForeignKey("district.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    short_name: Mapped[str | None] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))
    settlement: Mapped[str | None] = mapped_column(String(200))
    locality: Mapped[str] = mapped_column(String(10))
    context_type: Mapped[str | None] = mapped_column(String(20))
    distance_km: Mapped[float | None] = mapped_column(Float)
    pupils: Mapped[int | None] = mapped_column(Integer)
    director: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(String(400))
    phone: Mapped[str | None] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(120))
    growth_point_opened: Mapped[date | None] = mapped_column(Date)  # «Точка роста»
    search_text: Mapped[str | None] = mapped_column(Text)  # SEARCHED, lower-cased with ё as е (app.search_text)

    statuses: Mapped[list["SchoolStatus"]] = relationship(back_populates="school", cascade="all, delete-orphan")


class SchoolStatus(Synced, Base):
    """A school's status in one program year (ШНОР, ШНСУ, «500+», резильентная, школа-наставник), with its basis."""

    __tablename__ = "school_status"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (UniqueConstraint("school_id", "year", "status"), one_of("status", SCHOOL_STATUSES))

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(16))
    decided_on: Mapped[date | None] = mapped_column(Date)
    basis: Mapped[str | None] = mapped_column(Text)  # приказ, критерии

    school: Mapped[School] = relationship(back_populates="statuses")


class SocialPassport(Synced, Base):
    """A school's yearly context data (социальный паспорт): the inputs of ИСБ."""

    __tablename__ = "social_passport"
    owner_kind: ClassVar[str] = "school"
    SHARES: ClassVar[tuple[str, ...]] = (
        "share_parents_higher_ed", "share_low_income", "share_single_parent", "share_large_family",
        "share_unemployed_parents", "share_non_native_russian",
    )
    COUNTS: ClassVar[tuple[str, ...]] = ("pupils_total", "pupils_at_risk", "pupils_ovz", "pupils_registered", "pupils_non_native")
    __table_args__ = (
        UniqueConstraint("school_id", "year"),
        *(share(c) for c in SHARES),
        *non_negative(*COUNTS),
        CheckConstraint("pupils_at_risk IS NULL OR pupils_total IS NULL OR pupils_at_risk <= pupils_total", name="at_risk_le_total"),
    )

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    pupils_total: Mapped[int | None] = mapped_column(Integer)
    share_parents_higher_ed: Mapped[float | None] = mapped_column(Float)  # оба родителя с высшим образованием
    share_low_income: Mapped[float | None] = mapped_column(Float)  # малообеспеченные семьи
    share_single_parent: Mapped[float | None] = mapped_column(Float)  # неполные семьи
    share_large_family: Mapped[float | None] = mapped_column(Float)  # многодетные семьи
    share_unemployed_parents: Mapped[float | None] = mapped_column(Float)  # оба родителя не работают
    share_non_native_russian: Mapped[float | None] = mapped_column(Float)  # русский язык не родной
    pupils_at_risk: Mapped[int | None] = mapped_column(Integer)  # «группа риска»
    pupils_ovz: Mapped[int | None] = mapped_column(Integer)  # с ОВЗ
    pupils_registered: Mapped[int | None] = mapped_column(Integer)  # на профилактическом учёте
    pupils_non_native: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)


class Partnership(Synced, Base):
    """Сетевое взаимодействие: a ШНОР and the mentor (опорная) school that supports it."""

    __tablename__ = "partnership"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (
        UniqueConstraint("school_id", "mentor_school_id", "year_from"),
        CheckConstraint("school_id <> mentor_school_id", name="not_self"),
        CheckConstraint("year_to IS NULL OR year_to >= year_from", name="years_ordered"),
        one_of("kind", PARTNERSHIP_KINDS),
    )

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    mentor_school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="mentoring")
    year_from: Mapped[int] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)
    agreement: Mapped[str | None] = mapped_column(Text)


class Assignment(Synced, Base):
    """A curator or mentor assigned to a school (or to one teacher) for a period."""

    __tablename__ = "assignment"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (one_of("kind", ASSIGNMENT_KINDS), CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_ordered"))

    kind: Mapped[str] = mapped_column(String(16))
    person_name: Mapped[str] = mapped_column(String(200))
    person_position: Mapped[str | None] = mapped_column(String(200))
    organisation: Mapped[str | None] = mapped_column(String(300))
    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    teacher_id: Mapped[str | None] = mapped_column(ForeignKey("teacher.id"), index=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)


class DistrictSummary(Synced, Base):
    """What the district computed about one school's year against the district's other schools (ИСБ, result index,
    group, district averages, decisions), as of a date. Made at the district when it writes a packet to the school,
    kept at the school: a school's database holds one school, so these figures are never computed there."""

    __tablename__ = "district_summary"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (UniqueConstraint("school_id", "year"),)

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    as_of: Mapped[date] = mapped_column(Date)
    figures: Mapped[dict] = mapped_column(JSON)  # app.services.analytics.district_summary.SummaryFigures
