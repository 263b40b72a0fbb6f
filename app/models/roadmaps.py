"""Roadmaps (дорожные карты): sections, events with their deadline text, occurrences and evidence."""

from datetime import date, datetime
from typing import ClassVar

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, StoredFile, Synced, one_of, stored_file_checks
from .reference import CHANGE_KINDS, EVENT_STATUSES, EVIDENCE_KINDS, ROADMAP_LEVELS


class Roadmap(Synced, Base):
    """A municipal roadmap (owned by the district) or one school's roadmap (owned by the school)."""

    __tablename__ = "roadmap"
    owner_kind: ClassVar[str] = "by_level"
    __table_args__ = (
        one_of("level", ROADMAP_LEVELS),
        CheckConstraint("year_to >= year_from", name="years_ordered"),
        CheckConstraint("(level = 'school') = (school_id IS NOT NULL)", name="school_level_has_school"),
    )

    title: Mapped[str] = mapped_column(String(600))
    level: Mapped[str] = mapped_column(String(16))
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), index=True)
    year_from: Mapped[int] = mapped_column(Integer)
    year_to: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[str | None] = mapped_column(String(400))  # приказ от … №
    approved_on: Mapped[date | None] = mapped_column(Date)  # from then on every edit belongs to a correction
    # a school roadmap made from the school-level measures of this municipal roadmap (the template)
    template_id: Mapped[str | None] = mapped_column(ForeignKey("roadmap.id"), index=True)
    source_file: Mapped[str | None] = mapped_column(String(400))

    sections: Mapped[list["RoadmapSection"]] = relationship(back_populates="roadmap", order_by="RoadmapSection.position")
    events: Mapped[list["RoadmapEvent"]] = relationship(back_populates="roadmap", order_by="RoadmapEvent.position")


class RoadmapSection(Synced, Base):
    __tablename__ = "roadmap_section"
    owner_kind: ClassVar[str] = "by_level"

    roadmap_id: Mapped[str] = mapped_column(ForeignKey("roadmap.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("roadmap_section.id"))
    number: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)  # a row spanning the table under the section («Осуществляется…»)

    roadmap: Mapped[Roadmap] = relationship(back_populates="sections")


class RoadmapEvent(Synced, Base):
    """One numbered event of a roadmap, its texts kept exactly as written."""

    __tablename__ = "roadmap_event"
    owner_kind: ClassVar[str] = "by_level"
    __table_args__ = (one_of("status", EVENT_STATUSES), one_of("level", ROADMAP_LEVELS))

    roadmap_id: Mapped[str] = mapped_column(ForeignKey("roadmap.id"), index=True)
    section_id: Mapped[str | None] = mapped_column(ForeignKey("roadmap_section.id"), index=True)
    number: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    deadline_text: Mapped[str | None] = mapped_column(Text)
    deadline_override: Mapped[str | None] = mapped_column(Text)  # the user's correction of an unparsed deadline
    responsible: Mapped[str | None] = mapped_column(Text)
    responsible_teacher_id: Mapped[str | None] = mapped_column(ForeignKey("teacher.id"))
    planned_result: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    completed_on: Mapped[date | None] = mapped_column(Date)
    comment: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(16), default="municipal", server_default="municipal")
    # a school-level measure → the municipal measure it answers; a school roadmap's event → the template's measure
    linked_event_id: Mapped[str | None] = mapped_column(ForeignKey("roadmap_event.id"), index=True)

    roadmap: Mapped[Roadmap] = relationship(back_populates="events")


class RoadmapEventSchool(Synced, Base):
    """A school a school-level measure of the municipal roadmap applies to (none listed: every school)."""

    __tablename__ = "roadmap_event_school"
    owner_kind: ClassVar[str] = "by_level"
    __table_args__ = (UniqueConstraint("event_id", "school_id"),)

    event_id: Mapped[str] = mapped_column(ForeignKey("roadmap_event.id"), index=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)


class RoadmapCorrection(Synced, Base):
    """One version of an approved roadmap. Version 1 is the roadmap as approved (its basis is the approving order);
    each later one is a correction: its basis («приказ УО № 112 от 14.03.2023»), date and author. `snapshot` holds
    the roadmap as this version reads (JSON: sections and events in order), so any version can be shown and exported
    whatever happened after it."""

    __tablename__ = "roadmap_correction"
    owner_kind: ClassVar[str] = "by_level"
    __table_args__ = (UniqueConstraint("roadmap_id", "version"), CheckConstraint("version >= 1", name="version_positive"))

    roadmap_id: Mapped[str] = mapped_column(ForeignKey("roadmap.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    corrected_on: Mapped[date] = mapped_column(Date)
    basis: Mapped[str] = mapped_column(String(400))
    author: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)  # edits join the correction until it is closed
    snapshot: Mapped[str] = mapped_column(Text)


class RoadmapChange(Synced, Base):
    """One change a correction made, as its list shows it: an event or section added, removed, moved, renumbered,
    its deadline moved or a text changed (the field's value before and after)."""

    __tablename__ = "roadmap_change"
    owner_kind: ClassVar[str] = "by_level"
    __table_args__ = (one_of("kind", CHANGE_KINDS), one_of("target", ("event", "section")))

    correction_id: Mapped[str] = mapped_column(ForeignKey("roadmap_correction.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # order within the correction
    target: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    label: Mapped[str] = mapped_column(Text)  # «2.3 Проведение …» as it read when changed
    kind: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(32))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)


class EventOccurrence(Synced, Base):
    """One due window of an event (a monthly event has twelve a year), with its own status and evidence."""

    __tablename__ = "event_occurrence"
    owner_kind: ClassVar[str] = "by_level"
    __table_args__ = (
        UniqueConstraint("event_id", "school_id", "window_start"),
        one_of("status", EVENT_STATUSES),
        CheckConstraint("window_end >= window_start", name="window_ordered"),
    )

    event_id: Mapped[str] = mapped_column(ForeignKey("roadmap_event.id"), index=True)
    school_id: Mapped[str | None] = mapped_column(ForeignKey("school.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    window_start: Mapped[date] = mapped_column(Date)
    window_end: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    completed_on: Mapped[date | None] = mapped_column(Date)
    comment: Mapped[str | None] = mapped_column(Text)


class Evidence(StoredFile, Synced, Base):
    """A file proving an event happened (приказ, протокол, справка), copied into the data folder with its hash."""

    __tablename__ = "evidence"
    owner_kind: ClassVar[str] = "by_level"
    __table_args__ = stored_file_checks(EVIDENCE_KINDS)

    event_id: Mapped[str] = mapped_column(ForeignKey("roadmap_event.id"), index=True)
    occurrence_id: Mapped[str | None] = mapped_column(ForeignKey("event_occurrence.id"), index=True)
