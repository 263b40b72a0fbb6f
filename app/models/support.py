"""Targeted recommendations, support actions and the bank of best practices."""

from datetime import date
from typing import ClassVar

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, StoredFile, Synced, one_of, stored_file_checks
from .reference import ANSWER_STATES, EVIDENCE_KINDS, PRACTICE_AREAS, RECOMMENDATION_STATUSES, SUPPORT_KINDS


class Recommendation(Synced, Base):
    """Адресная рекомендация to one school, from the analysis of its results."""

    __tablename__ = "recommendation"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (one_of("status", RECOMMENDATION_STATUSES),)

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    issued_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    basis: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open")


class RecommendationAnswer(Synced, Base):
    """The school's answer to a recommendation addressed to it: what was done, its state and date. Kept by the
    school; one per recommendation (its id follows from the recommendation's, so the school's and any copy agree)."""

    __tablename__ = "recommendation_answer"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = (one_of("state", ANSWER_STATES),)

    recommendation_id: Mapped[str] = mapped_column(ForeignKey("recommendation.id"), unique=True)  # its school's
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    answered_on: Mapped[date] = mapped_column(Date)


class AnswerFile(StoredFile, Synced, Base):
    """A file that backs a school's answer (приказ, протокол, фото), kept in the data folder by its content."""

    __tablename__ = "answer_file"
    owner_kind: ClassVar[str] = "school"
    __table_args__ = stored_file_checks(EVIDENCE_KINDS)

    answer_id: Mapped[str] = mapped_column(ForeignKey("recommendation_answer.id"), index=True)


class SupportAction(Synced, Base):
    """Адресная помощь given to a school: a consultation, a visit, a методический десант…"""

    __tablename__ = "support_action"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (one_of("kind", SUPPORT_KINDS),)

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    recommendation_id: Mapped[str | None] = mapped_column(ForeignKey("recommendation.id"))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(200))
    result: Mapped[str | None] = mapped_column(Text)


class Practice(Synced, Base):
    """An entry of the bank of best practices (банк лучших практик)."""

    __tablename__ = "practice"
    owner_kind: ClassVar[str] = "origin"
    __table_args__ = (one_of("area", PRACTICE_AREAS),)

    title: Mapped[str] = mapped_column(String(400))
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), index=True)
    author: Mapped[str | None] = mapped_column(String(200))
    area: Mapped[str | None] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
