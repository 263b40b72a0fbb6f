"""What a school's packet does to the submissions at the district: the sections (and years) its rows belong to are
«получено» — when, which packet, who signed it — unless a section of a closed year was accepted: then its rows are
held back (locked) until the district opens the section again."""

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Submission, utcnow
from app.models.reference import SUBMISSION_SECTIONS

from .sections import SECTION_OF_TABLE
from .states import closed_years

Row = dict[str, Any]


def row_year(row: Row, period: Any) -> int | None:
    """The year a row reports for: its own `year`, else the packet's period (staff, a roadmap's texts)."""
    year = row.get("year")
    if isinstance(year, int) and not isinstance(year, bool):
        return year
    return period if isinstance(period, int) and not isinstance(period, bool) else None


def section_year(table: str, row: Row, period: Any) -> tuple[str, int] | None:
    section = SECTION_OF_TABLE.get(table)
    year = row_year(row, period) if section else None
    return (section, year) if year is not None else None


def locked_sections(session: Session, school: str) -> dict[tuple[str, int], str]:
    """(section, year) → the Russian reason, for every accepted section of a closed year of the school."""
    closed = closed_years(session)
    accepted = session.execute(select(Submission.section, Submission.year).where(
        Submission.school_id == school, Submission.state == "accepted", Submission.deleted_at.is_(None)))
    return {(section, year): f"раздел «{SUBMISSION_SECTIONS[section]}» за {year} год принят, а год закрыт: изменения "
                             "не применяются, пока район не откроет раздел заново"
            for section, year in accepted if year in closed}


def is_locked(session: Session, school: str, year: int, section: str) -> bool:
    """Whether packets may no longer change the section: accepted for a closed year, not opened again."""
    return (section, year) in locked_sections(session, school)


def record_received(session: Session, school: str, period: Any, changed: dict[str, list[Row]], packet_id: str,
                    signed_off_by: str | None, at: datetime | None = None) -> int:
    """Mark «получено» the sections and years the packet's created or updated rows belong to; returns how many."""
    received = {key for table, rows in changed.items() for row in rows if (key := section_year(table, row, period))}
    stored = {(s.section, s.year): s for s in session.scalars(select(Submission).where(Submission.school_id == school))}
    now = at or utcnow()
    for section, year in received:
        record = stored.get((section, year))
        if record is None:
            record = Submission(school_id=school, year=year, section=section)
            session.add(record)
        record.state, record.deleted_at = "received", None
        record.received_at, record.packet_id, record.signed_off_by = now, packet_id, signed_off_by
    session.flush()
    return len(received)
