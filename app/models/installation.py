"""This installation's identity, the peers it knows, the packet log, the audit log, proposals, settings."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, new_id, one_of, utcnow
from .reference import INSTALLATION_KINDS, PACKET_DIRECTIONS


class Installation(Base):
    """The one row that says who this database belongs to: a district office or one school."""

    __tablename__ = "installation"
    __table_args__ = (one_of("kind", INSTALLATION_KINDS), CheckConstraint("packet_sequence >= 0", name="sequence_non_negative"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(300))
    school_code: Mapped[str | None] = mapped_column(String(32))
    district_name: Mapped[str | None] = mapped_column(String(300))
    program_year: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    public_key_pem: Mapped[str | None] = mapped_column(Text)
    private_key_pem: Mapped[str | None] = mapped_column(Text)  # PKCS8, encrypted with the signer's passphrase
    packet_sequence: Mapped[int] = mapped_column(Integer, default=0)


class Peer(Base):
    """Another installation whose packets this one accepts: a school (for a district) or the district."""

    __tablename__ = "peer"
    __table_args__ = (one_of("kind", INSTALLATION_KINDS), UniqueConstraint("school_code"))

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    installation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    school_code: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(300))
    public_key_pem: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(100))
    registered_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
    acknowledged_sequence: Mapped[int] = mapped_column(Integer, default=0)  # our packets the peer has applied
    # the first of our packets that handed over the records we kept for this school before it registered its key
    handover_sequence: Mapped[int | None] = mapped_column(Integer)


class PacketLog(Base):
    """Every packet written or read, accepted or refused, with the reason."""

    __tablename__ = "packet_log"
    __table_args__ = (one_of("direction", PACKET_DIRECTIONS),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    direction: Mapped[str] = mapped_column(String(8))
    packet_id: Mapped[str | None] = mapped_column(String(36), index=True)
    sender_installation_id: Mapped[str | None] = mapped_column(String(36))
    sender_name: Mapped[str | None] = mapped_column(String(300))
    school_code: Mapped[str | None] = mapped_column(String(32))
    sequence: Mapped[int | None] = mapped_column(Integer)
    file_name: Mapped[str | None] = mapped_column(String(500))
    logged_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    accepted: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(Text)
    counts: Mapped[dict | None] = mapped_column(JSON)
    signed_off_by: Mapped[str | None] = mapped_column(String(300))
    declared_incomplete: Mapped[list | None] = mapped_column(JSON)  # sections the signer declared unfinished


class AuditEntry(Base):
    """Who changed what and when: one row per created, updated or deleted record."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    table_name: Mapped[str] = mapped_column(String(64), index=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    changes: Mapped[dict | None] = mapped_column(JSON)


class Proposal(Base):
    """A local edit of a record that another installation owns: kept, never silently applied or lost."""

    __tablename__ = "proposal"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    changes: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    author: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="open")


class Setting(Base):
    """A named setting stored with the data (e.g. ИСБ weights), so it travels with a backup."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict | list | str | int | float | None] = mapped_column(JSON)
