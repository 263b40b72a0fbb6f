"""A district's program years and how each ends and begins: the year's start (statuses of the last year proposed
for review), and the review of each school's section of data (received, accepted, returned with a comment)."""

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Synced, new_id, one_of
from .reference import SCHOOL_STATUSES, STATUS_DECISIONS, SUBMISSION_SECTIONS, SUBMISSION_STATES

STORED_STATES = tuple(state for state in SUBMISSION_STATES if state != "missing")  # «нет данных» is never stored


class ProgramYear(Base):
    """A program year this installation started («Начать 2023 год»); starting it closes the year before."""

    __tablename__ = "program_year"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    started_at: Mapped[datetime | None] = mapped_column(DateTime)  # None: a year closed without being started here
    started_by: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)  # the year is closed: accepted sections are locked


class StatusProposal(Base):
    """Last year's status of a school, proposed for the new year: kept, changed or dropped, each with its basis."""

    __tablename__ = "status_proposal"
    __table_args__ = (UniqueConstraint("year", "school_id", "status"), one_of("status", SCHOOL_STATUSES),
                      one_of("new_status", SCHOOL_STATUSES), one_of("decision", STATUS_DECISIONS))

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    year: Mapped[int] = mapped_column(Integer, index=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # the status the school held in `source_year`
    source_year: Mapped[int] = mapped_column(Integer)
    source_basis: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(String(16))  # None: not reviewed yet
    new_status: Mapped[str | None] = mapped_column(String(16))  # for «changed»
    basis: Mapped[str | None] = mapped_column(Text)
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    status_id: Mapped[str | None] = mapped_column(ForeignKey("school_status.id"))  # the status the decision made


class Submission(Synced, Base):
    """One school's section of data for a year at the district: when it arrived (packet, signer), and the
    methodologist's decision — accepted, or returned for correction with a comment. Travels to the school."""

    __tablename__ = "submission"
    owner_kind: ClassVar[str] = "district"
    __table_args__ = (UniqueConstraint("school_id", "year", "section"), one_of("section", SUBMISSION_SECTIONS),
                      one_of("state", STORED_STATES))

    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    section: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime | None] = mapped_column(DateTime)
    packet_id: Mapped[str | None] = mapped_column(String(36))
    signed_off_by: Mapped[str | None] = mapped_column(String(300))
    comment: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decided_by: Mapped[str | None] = mapped_column(String(200))
