"""The packet log as the exchange page shows it: every packet written or read, newest first."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import PacketLog

HISTORY_LIMIT = 500


def packet_history(session: Session, limit: int = HISTORY_LIMIT) -> list[PacketLog]:
    """The latest `limit` lines of the packet log, newest first."""
    return list(session.scalars(select(PacketLog).order_by(PacketLog.logged_at.desc(), PacketLog.id).limit(limit)))


def declared_incomplete(line: PacketLog) -> tuple[str, str]:
    """The sections a packet's signer declared unfinished: their titles, and each with what it lacked (for a tip)."""
    sections = [item for item in line.declared_incomplete or () if isinstance(item, dict)]
    titles = ", ".join(str(item.get("title", "")) for item in sections)
    details = "\n".join(f"{item.get('title', '')}: {'; '.join(map(str, item.get('missing') or ()))}" for item in sections)
    return titles, details
