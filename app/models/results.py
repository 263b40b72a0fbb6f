"""Educational results: ЕГЭ/ОГЭ by subject, ВПР by grade and subject, graduation and olympiads per year."""

from typing import ClassVar

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, non_negative, one_of, share
from .reference import EXAM_KINDS, OLYMPIAD_LEVELS, VPR_REFERENCE_LEVELS


class ExamResult(Synced, Base):
    __tablename__ = "exam_result"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        UniqueConstraint("school_id", "year", "exam", "subject"),
        one_of("exam", EXAM_KINDS),
        *non_negative("participants", "below_minimum", "under_30"),
        CheckConstraint("mean_score IS NULL OR (mean_score >= 0 AND mean_score <= 100)", name="mean_score_range"),
        CheckConstraint("below_minimum <= participants", name="below_minimum_le_participants"),
    )

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    exam: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(60))
    participants: Mapped[int] = mapped_column(Integer)
    mean_score: Mapped[float | None] = mapped_column(Float)  # ЕГЭ: test score 0–100; ОГЭ: mean mark 2–5
    below_minimum: Mapped[int] = mapped_column(Integer, default=0)
    under_30: Mapped[int | None] = mapped_column(Integer)  # ЕГЭ: scored under 30


class VprResult(Synced, Base):
    __tablename__ = "vpr_result"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        UniqueConstraint("school_id", "year", "grade", "subject"),
        CheckConstraint("grade >= 4 AND grade <= 11", name="grade_range"),
        *non_negative("participants", "count_2", "count_3", "count_4", "count_5"),
        CheckConstraint("count_2 + count_3 + count_4 + count_5 <= participants", name="marks_le_participants"),
        *non_negative("term_lowered", "term_confirmed", "term_raised"),
        CheckConstraint("COALESCE(term_lowered, 0) + COALESCE(term_confirmed, 0) + COALESCE(term_raised, 0) "
                        "<= participants", name="term_marks_le_participants"),
    )

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    grade: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(60))
    participants: Mapped[int] = mapped_column(Integer)
    count_2: Mapped[int] = mapped_column(Integer, default=0)
    count_3: Mapped[int] = mapped_column(Integer, default=0)
    count_4: Mapped[int] = mapped_column(Integer, default=0)
    count_5: Mapped[int] = mapped_column(Integer, default=0)
    # the work's mark against the term mark in the class register; empty when the school has not compared them
    term_lowered: Mapped[int | None] = mapped_column(Integer)  # понизили: the work's mark below the term mark
    term_confirmed: Mapped[int | None] = mapped_column(Integer)  # подтвердили: the same mark
    term_raised: Mapped[int | None] = mapped_column(Integer)  # повысили: the work's mark above the term mark


class VprReference(Synced, Base):
    """The region's or the country's ВПР figures for a grade and subject in a year, as published (ФИС ОКО): the
    district enters them and sends them to every school, so a school's analysis compares with the same values."""

    __tablename__ = "vpr_reference"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (
        UniqueConstraint("year", "grade", "subject", "level"),
        one_of("level", VPR_REFERENCE_LEVELS),
        CheckConstraint("grade >= 4 AND grade <= 11", name="grade_range"),
        share("share_2"), share("share_4_5"),
        CheckConstraint("share_2 IS NULL OR share_4_5 IS NULL OR share_2 + share_4_5 <= 100.01",
                        name="shares_le_100"),
        CheckConstraint("mean_mark IS NULL OR (mean_mark >= 2 AND mean_mark <= 5)", name="mean_mark_range"),
    )

    year: Mapped[int] = mapped_column(Integer, index=True)
    grade: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(16))  # region | country
    share_2: Mapped[float | None] = mapped_column(Float)  # % of participants with «2»
    share_4_5: Mapped[float | None] = mapped_column(Float)  # % with «4» or «5»
    mean_mark: Mapped[float | None] = mapped_column(Float)  # mean mark, 2–5


class Graduation(Synced, Base):
    """Graduates of grade 9 or 11 in a year: certificates, with honours, and (11) those who took 3+ ЕГЭ."""

    __tablename__ = "graduation"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        UniqueConstraint("school_id", "year", "grade"),
        CheckConstraint("grade IN (9, 11)", name="grade_9_or_11"),
        *non_negative("graduates", "certificates", "honours", "took_3plus"),
        CheckConstraint("certificates <= graduates", name="certificates_le_graduates"),
        CheckConstraint("honours <= certificates", name="honours_le_certificates"),
    )

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    grade: Mapped[int] = mapped_column(Integer)
    graduates: Mapped[int] = mapped_column(Integer)
    certificates: Mapped[int] = mapped_column(Integer)
    honours: Mapped[int] = mapped_column(Integer, default=0)  # аттестат особого образца
    took_3plus: Mapped[int | None] = mapped_column(Integer)


class OlympiadResult(Synced, Base):
    __tablename__ = "olympiad_result"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (
        UniqueConstraint("school_id", "year", "level"),
        one_of("level", OLYMPIAD_LEVELS),
        *non_negative("participants", "winners"),
        CheckConstraint("winners <= participants", name="winners_le_participants"),
    )

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    level: Mapped[str] = mapped_column(String(16))
    participants: Mapped[int] = mapped_column(Integer)
    winners: Mapped[int] = mapped_column(Integer, default=0)  # победители и призёры
