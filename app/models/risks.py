"""«500+» (ФИОКО): risk factors, a school's risk profile per year, its concept, programs, their measures (events of the
school's roadmap) and indicators of success."""

from datetime import date
from typing import ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, one_of
from .reference import RISK_EVIDENCE, RISK_LEVELS, RISK_PROGRAM_KINDS, RISK_SOURCES


class RiskFactor(Synced, Base):
    """A risk factor of the methodology (reference data the district keeps); `year_from`/`year_to` bound the years
    it is assessed in, `evidence` names the Kurator data shown beside it."""

    __tablename__ = "risk_factor"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (
        one_of("evidence", RISK_EVIDENCE),
        CheckConstraint("year_to IS NULL OR year_from IS NULL OR year_to >= year_from", name="years_ordered"),
    )

    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(400))
    description: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(String(24))
    position: Mapped[int] = mapped_column(Integer, default=0)
    year_from: Mapped[int | None] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)


class RiskProfile(Synced, Base):
    """A school's risk profile for one year: how it was filled in, when and by whom; levels are its rows."""

    __tablename__ = "risk_profile"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (UniqueConstraint("school_id", "year"), one_of("source", RISK_SOURCES))

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    source_file: Mapped[str | None] = mapped_column(String(400))
    filled_on: Mapped[date] = mapped_column(Date)
    filled_by: Mapped[str] = mapped_column(String(200))
    comment: Mapped[str | None] = mapped_column(Text)


class RiskLevel(Synced, Base):
    """The level of one factor in a profile, and whether the school chose it as a priority risk."""

    __tablename__ = "risk_level"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (UniqueConstraint("profile_id", "factor_id"), one_of("level", RISK_LEVELS))

    profile_id: Mapped[str] = mapped_column(ForeignKey("risk_profile.id"), index=True)
    factor_id: Mapped[str] = mapped_column(ForeignKey("risk_factor.id"), index=True)
    level: Mapped[str] = mapped_column(String(8))
    priority: Mapped[bool] = mapped_column(Boolean, default=False)


class RiskProgram(Synced, Base):
    """The concept of development, the medium-term program, or the anti-risk program of one priority risk."""

    __tablename__ = "risk_program"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        UniqueConstraint("profile_id", "kind", "factor_id"),
        one_of("kind", RISK_PROGRAM_KINDS),
        CheckConstraint("(kind = 'anti_risk') = (factor_id IS NOT NULL)", name="anti_risk_has_factor"),
    )

    profile_id: Mapped[str] = mapped_column(ForeignKey("risk_profile.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    factor_id: Mapped[str | None] = mapped_column(ForeignKey("risk_factor.id"), index=True)
    title: Mapped[str | None] = mapped_column(String(600))
    goal: Mapped[str] = mapped_column(Text)
    tasks: Mapped[str | None] = mapped_column(Text)  # one task a line
    approved_by: Mapped[str | None] = mapped_column(String(400))  # приказ от … №


class RiskMeasure(Synced, Base):
    """A measure of a program: an event of the school's roadmap (its texts, deadline and progress live there)."""

    __tablename__ = "risk_measure"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (UniqueConstraint("program_id", "event_id"),)

    program_id: Mapped[str] = mapped_column(ForeignKey("risk_program.id"), index=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("roadmap_event.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class RiskIndicator(Synced, Base):
    """An indicator of success of a program: its target value and, once known, the value reached."""

    __tablename__ = "risk_indicator"
    owner_kind: ClassVar[str] = "school"

    program_id: Mapped[str] = mapped_column(ForeignKey("risk_program.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(String(40))
    target: Mapped[float] = mapped_column(Float)
    actual: Mapped[float | None] = mapped_column(Float)
    position: Mapped[int] = mapped_column(Integer, default=0)
