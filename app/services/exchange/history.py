"""The packet log as the exchange page shows it: every packet written or read, newest first."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import PacketLog

HISTORY_LIMIT = 500


def packet_history(session: Session, limit: int = HISTORY_LIMIT) -> list[PacketLog]:
    """The latest `limit` lines of the packet log, newest first."""
    return list(session.scalars(select(PacketLog).order_by(PacketLog.logged_at.desc(), PacketLog.id).limit(limit)))
