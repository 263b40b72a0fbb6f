"""Declarative base, naming convention and the columns every synchronised record carries."""

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import BigInteger, CheckConstraint, ColumnElement, DateTime, Index, MetaData, String, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Synced:
    """A record that can travel in a packet: UUID key, timestamps, owner installation, tombstone."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp(), index=True
    )
    origin: Mapped[str] = mapped_column(String(36), index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    is_demo: Mapped[bool] = mapped_column(default=False, server_default="0")

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def alive(model: type[Synced]) -> ColumnElement[bool]:
    """The SQL condition that a record of `model` has not been soft-deleted (carries no tombstone)."""
    return model.deleted_at.is_(None)


def alive_index(name: str, *columns: str) -> Index:
    """An index of the live records only (no tombstone), on SQLite and PostgreSQL: a lookup that asks for live rows
    finds them in the index alone, without reading each row to see whether it is deleted."""
    where = text("deleted_at IS NULL")
    return Index(name, *columns, sqlite_where=where, postgresql_where=where)


def one_of(column: str, codes: Iterable[str], name: str | None = None) -> CheckConstraint:
    """A CHECK that a code column holds one of the reference codes (NULL allowed)."""
    quoted = ", ".join("'" + code.replace("'", "''") + "'" for code in codes)
    return CheckConstraint(f"{column} IS NULL OR {column} IN ({quoted})", name=name or f"{column}_valid")


def share(column: str) -> CheckConstraint:
    """A CHECK that a percentage lies in 0–100 (NULL allowed)."""
    return CheckConstraint(f"{column} IS NULL OR ({column} >= 0 AND {column} <= 100)", name=f"{column}_0_100")


def non_negative(*columns: str) -> list[CheckConstraint]:
    return [CheckConstraint(f"{c} IS NULL OR {c} >= 0", name=f"{c}_non_negative") for c in columns]


class StoredFile:
    """A file kept in the data folder by its content (приказ, протокол, фото): what it is, its name, hash and size."""

    kind: Mapped[str] = mapped_column(String(16), default="other")
    title: Mapped[str | None] = mapped_column(String(400))
    file_name: Mapped[str] = mapped_column(String(400))
    stored_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(BigInteger)


def stored_file_checks(kinds: Iterable[str]) -> tuple[CheckConstraint, CheckConstraint]:
    """The CHECKs of a stored file's table: a known kind and a size that is not negative."""
    return one_of("kind", kinds), CheckConstraint("size_bytes >= 0", name="size_non_negative")
