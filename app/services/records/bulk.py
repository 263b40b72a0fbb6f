"""Writing many checked records at once (an Excel import of 40,000 staff): one INSERT or UPDATE statement per
chunk instead of one unit of work per record. The values must already have passed the registry's validation and
the owner rule; this module only stores them the way `crud` would — ids, owner installation, timestamps, search
copies, multi-valued fields as child rows (revived rather than duplicated) — and leaves one line in the audit log
for the whole batch."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.audit import current_user
from app.models import AuditEntry, new_id, utcnow
from app.search_text import search_text_of

from .spec import Entity, MultiLink

CHUNK = 500


@dataclass
class Write:
    """One record to store: a new one (`created`), or a stored one to change (revived when it was deleted).
    `link_extra` gives child-row columns per multi field and code (e.g. the rate of each position)."""

    entity: Entity
    record_id: str
    values: dict[str, Any]
    created: bool
    link_extra: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


def new_record_id(entity: Entity, values: dict[str, Any]) -> str:
    """The id a new record gets: the entity's stable id for its values when it has one (a school's from its code),
    else a fresh UUID."""
    return entity.stable_id(values) if entity.stable_id else new_id()


def save_all(session: Session, writes: list[Write], origin: str, audit: dict[str, Any]) -> None:
    """Store every write (parents first: in the order given, entity by entity) and log the batch once."""
    session.flush()
    now = utcnow()
    by_entity: dict[str, list[Write]] = defaultdict(list)
    for write in writes:
        by_entity[write.entity.name].append(write)
    for group in by_entity.values():
        _save_entity(session, group, origin, now)
    session.add(AuditEntry(at=now, user=session.info.get("user") or current_user(), action="import",
                           table_name=",".join(by_entity) or "*", record_id=new_id(), changes=audit))
    session.flush()


def _row(write: Write, now) -> dict[str, Any]:
    entity = write.entity
    row = {f.name: write.values.get(f.name) for f in entity.fields if f.kind != "multi"}
    searched = getattr(entity.model, "SEARCHED", None)
    if searched:
        row["search_text"] = search_text_of(row, searched)
    return dict(row, id=write.record_id, updated_at=now, deleted_at=None, is_demo=False)  # real data, from now on


def _save_entity(session: Session, writes: list[Write], origin: str, now) -> None:
    model = writes[0].entity.model
    new = [dict(_row(w, now), origin=origin, created_at=now) for w in writes if w.created]
    changed = [_row(w, now) for w in writes if not w.created]
    _insert(session, model, new)
    _update(session, model, changed)
    for multi in (f for f in writes[0].entity.fields if f.kind == "multi"):
        _save_links(session, multi.link, multi.name, writes, origin, now)


def _save_links(session: Session, link: MultiLink, name: str, writes: list[Write], origin: str, now) -> None:
    """Child rows of a multi field: add the new codes (reviving deleted rows), delete the dropped ones, update the
    extra columns; the first code is the main one where the child table marks one."""
    stored = _stored_links(session, link, [w.record_id for w in writes if not w.created])
    inserts, updates = [], []
    has_main = hasattr(link.model, "is_main")
    for write in writes:
        codes = list(write.values.get(name) or [])
        extra = write.link_extra.get(name, {})
        rows = stored.get(write.record_id, {})
        for position, code in enumerate(codes):
            columns = {**link.extra, **extra.get(code, {})}
            if has_main:
                columns["is_main"] = position == 0
            row = rows.get(code)
            if row is None:
                inserts.append({"id": new_id(), link.owner_column: write.record_id, link.value_column: code,
                                **columns, "origin": origin, "created_at": now, "updated_at": now,
                                "deleted_at": None, "is_demo": False})
            elif row["deleted_at"] is not None or any(row.get(k) != v for k, v in columns.items()):
                updates.append({"id": row["id"], **{k: columns.get(k, row.get(k)) for k in _extra_keys(link, has_main)},
                                "updated_at": now, "deleted_at": None, "is_demo": False})
        updates += [{"id": row["id"], **{k: row.get(k) for k in _extra_keys(link, has_main)}, "updated_at": now,
                     "deleted_at": now} for code, row in rows.items() if code not in codes and row["deleted_at"] is None]
    _insert(session, link.model, _uniform(inserts))
    _update(session, link.model, updates)


def _extra_keys(link: MultiLink, has_main: bool) -> tuple[str, ...]:
    return (*link.extra, *(("is_main",) if has_main else ()))


def _uniform(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = set().union(*rows) if rows else set()
    return [{key: row.get(key) for key in keys} for row in rows]


def _insert(session: Session, model, rows: list[dict[str, Any]]) -> None:
    """Core INSERTs (executemany), chunk by chunk: the ORM's bookkeeping would triple the time of 100,000 rows."""
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(model.__table__), rows[start:start + CHUNK])


def _update(session: Session, model, rows: list[dict[str, Any]]) -> None:
    """Core UPDATEs by primary key, grouped by the columns each row sets."""
    table = model.__table__
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(key for key in row if key != "id"))].append(row)
    for columns, group in groups.items():
        statement = update(table).where(table.c.id == bindparam("row_id")).values(
            {column: bindparam(column) for column in columns})
        params = [{"row_id": row["id"], **{column: row[column] for column in columns}} for row in group]
        for start in range(0, len(params), CHUNK):
            session.execute(statement, params[start:start + CHUNK])


def _stored_links(session: Session, link: MultiLink, owners: list[str]) -> dict[str, dict[str, dict[str, Any]]]:
    """owner id → code → the child row (live or deleted), for the owners given."""
    table = link.model.__table__
    columns = [table.c[name] for name in ("id", "deleted_at", link.owner_column, link.value_column,
                                          *_extra_keys(link, hasattr(link.model, "is_main")))]
    found: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for start in range(0, len(owners), CHUNK):
        query = select(*columns).where(table.c[link.owner_column].in_(owners[start:start + CHUNK]))
        for row in session.execute(query).mappings():
            codes = found[row[link.owner_column]]
            code = row[link.value_column]
            if code not in codes or row["deleted_at"] is None:  # a live row wins over a deleted twin
                codes[code] = dict(row)
    return found


def stored_link_values(session: Session, link: MultiLink, owners: list[str]) -> dict[str, list[dict[str, Any]]]:
    """owner id → its live child rows, the main one first: what a multi field holds now, with its extra columns."""
    result: dict[str, list[dict[str, Any]]] = {}
    for owner, rows in _stored_links(session, link, owners).items():
        live = [row for row in rows.values() if row["deleted_at"] is None]
        result[owner] = sorted(live, key=lambda row: not row.get("is_main", False))
    return result
