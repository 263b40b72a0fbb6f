"""Record keeping on every flush: stamp the owner installation on new synced records, log who changed what."""

import getpass
from datetime import date, datetime

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.models import AuditEntry, Installation, Synced, new_id, utcnow

SKIPPED_FIELDS = {"created_at", "updated_at", "search_text"}


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a service account, a container)
        return "неизвестный пользователь"


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _changes(obj: Synced) -> dict:
    changes = {}
    for attr in inspect(obj).mapper.column_attrs:
        if attr.key in SKIPPED_FIELDS:
            continue
        history = inspect(obj).attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            changes[attr.key] = [_plain(old), _plain(new)]
    return changes


def _installation_id(session: Session) -> str:
    cached = session.info.get("installation_id")
    if cached is None:
        with session.no_autoflush:
            cached = session.query(Installation.id).scalar() or ""
        session.info["installation_id"] = cached
    return cached


def _before_flush(session: Session, _context, _instances) -> None:
    if session.info.get("audit") is False:
        return
    user = session.info.get("user") or current_user()
    entries = []
    for obj in session.new:
        if isinstance(obj, Synced):
            if not obj.origin:
                obj.origin = _installation_id(session)
            if not obj.id:
                obj.id = new_id()
            entries.append(("create", obj, {}))
    for obj in session.dirty:
        if isinstance(obj, Synced) and session.is_modified(obj, include_collections=False):
            changes = _changes(obj)
            action = "delete" if "deleted_at" in changes and obj.deleted_at is not None else "update"
            entries.append((action, obj, changes))
    for obj in session.deleted:
        if isinstance(obj, Synced):
            entries.append(("purge", obj, {}))
    for action, obj, changes in entries:
        session.add(AuditEntry(at=utcnow(), user=user, action=action, table_name=obj.__tablename__,
                               record_id=str(obj.id), changes=changes or None))


class KuratorSession(Session):
    """The application's session class: every flush stamps owners and writes the audit log."""


event.listen(KuratorSession, "before_flush", _before_flush)
