"""Targeted recommendations, support actions and the bank of best practices."""

from datetime import date
from typing import ClassVar

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, one_of
from .reference import PRACTICE_AREAS, RECOMMENDATION_STATUSES, SUPPORT_KINDS


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
    school_response: Mapped[str | None] = mapped_column(Text)


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
