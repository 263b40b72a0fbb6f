"""Program indicators (показатели): definitions, yearly targets and actual values."""

from datetime import datetime
from typing import ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, non_negative, one_of
from .reference import DIRECTIONS, INDICATOR_METHODS


class Indicator(Synced, Base):
    """An indicator: computed (numerator and denominator measures with filters, as data) or entered by hand."""

    __tablename__ = "indicator"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (one_of("method", INDICATOR_METHODS), one_of("direction", DIRECTIONS))

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(20), default="%")
    method: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(8), default="higher")
    numerator: Mapped[dict | None] = mapped_column(JSON)  # {"measure": ..., "filters": {...}}
    denominator: Mapped[dict | None] = mapped_column(JSON)
    baseline: Mapped[float | None] = mapped_column(Float)  # «на начало реализации программы»
    source: Mapped[str | None] = mapped_column(String(300))
    group_title: Mapped[str | None] = mapped_column(Text)  # the heading it stands under (e.g. 2.1, 2.3)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str | None] = mapped_column(Text)  # the definition in plain Russian
    choices: Mapped[dict | None] = mapped_column(JSON)  # the open choices of its definition: key → chosen option


class IndicatorTarget(Synced, Base):
    __tablename__ = "indicator_target"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)


class IndicatorValue(Synced, Base):
    """The actual value of an indicator for a year: entered by hand or a stored computation."""

    __tablename__ = "indicator_value"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (UniqueConstraint("indicator_id", "year", "half"), *non_negative("numerator", "denominator"),
                      CheckConstraint("half IN (0, 1, 2)", name="half_0_1_2"))

    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    half: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # 0 the whole year, 1 or 2 a half-year
    value: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(16), default="manual")
    computed_at: Mapped[datetime | None] = mapped_column(DateTime)
    comment: Mapped[str | None] = mapped_column(Text)
