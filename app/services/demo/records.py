"""Collect demo records under stable ids, then insert only those the database does not hold yet."""

from collections import defaultdict
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import SYNCED_MODELS, Synced, utcnow
from app.services.ids import stable_id

CHUNK = 500


class DemoRecords:
    """Demo records keyed by stable id; `origin` follows who owns each record (see DESIGN.md «Data rules»)."""

    def __init__(self, own_origin: str, foreign_origin: str, own_kinds: frozenset[str]):
        self._own_origin = own_origin
        self._foreign_origin = foreign_origin
        self._own_kinds = own_kinds
        self._pending: dict[type[Synced], dict[str, dict[str, Any]]] = defaultdict(dict)

    def add(self, model: type[Synced], *key: Any, record_id: str | None = None, owner: str | None = None,
            **fields: Any) -> str:
        """Register a record (the first registration of an id wins) and return its id."""
        rid = record_id or stable_id("demo", model.__tablename__, *key)
        if rid not in self._pending[model]:
            unknown = set(fields) - set(model.__table__.columns.keys())
            if unknown:
                raise TypeError(f"{model.__name__} has no columns {sorted(unknown)}")
            owner = owner or model.owner_kind
            origin = self._own_origin if owner in self._own_kinds else self._foreign_origin
            self._pending[model][rid] = dict(fields, id=rid, origin=origin, is_demo=True)
        return rid

    def rows(self) -> list[tuple[type[Synced], list[dict[str, Any]]]]:
        """The registered records per model, parents before children (for a writer of its own)."""
        return [(model, list(self._pending[model].values())) for model in SYNCED_MODELS if self._pending.get(model)]

    def save(self, session: Session) -> dict[str, int]:
        """Insert (in bulk) the records whose ids are new, parents before children; return how many per table."""
        created: dict[str, int] = {}
        now = utcnow()
        session.flush()
        for model in SYNCED_MODELS:
            pending = self._pending.get(model)
            if not pending:
                continue
            existing = _existing_ids(session, model, list(pending))
            new = [dict(row, created_at=now, updated_at=now) for rid, row in pending.items() if rid not in existing]
            if new:
                session.execute(insert(model), new)
            created[model.__tablename__] = len(new)
        return created


def _existing_ids(session: Session, model: type[Synced], ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), CHUNK):
        found.update(session.scalars(select(model.id).where(model.id.in_(ids[start:start + CHUNK]))))
    return found
