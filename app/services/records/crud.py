"""Create, read, update and soft-delete maintained records; each refuses with a Russian reason, changing nothing."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import alive, utcnow

from .ownership import can_edit, current_scope
from .registry import ENTITIES, get_entity, referencing
from .spec import Entity, MultiLink
from .validation import find_duplicate, normalise, validate


def new_values(entity: "Entity | str", fixed: dict[str, Any] | None = None) -> dict[str, Any]:
    """The values a new record's form starts with: each field's default, then the fixed ones."""
    entity = get_entity(entity)
    values = {f.name: list(f.default or []) if f.kind == "multi" else f.default for f in entity.fields}
    values.update(fixed or {})
    return values


def _load(session: Session, entity: Entity, record_id: str):
    record = session.get(entity.model, record_id)
    if record is None or record.deleted_at is not None:
        raise KuratorError(f"Запись «{entity.singular}» не найдена: возможно, её уже удалили.")
    return record


def _links(session: Session, link: MultiLink, owner_id: str, live: bool | None = True) -> dict[str, Any]:
    model = link.model
    stmt = select(model).where(getattr(model, link.owner_column) == owner_id)
    if live is not None:
        stmt = stmt.where(alive(model) if live else ~alive(model))
    return {getattr(row, link.value_column): row for row in session.scalars(stmt)}


def get_record(session: Session, entity: "Entity | str", record_id: str):
    """The live record, or a KuratorError when it is gone."""
    return _load(session, get_entity(entity), record_id)


def get_values(session: Session, entity: "Entity | str", record_id: str) -> dict[str, Any]:
    """A stored record's values, field by field (multi fields as lists of codes)."""
    entity = get_entity(entity)
    record = _load(session, entity, record_id)
    return {f.name: list(_links(session, f.link, record.id)) if f.kind == "multi" else getattr(record, f.name)
            for f in entity.fields}


def _school_of_values(session: Session, entity: Entity, values: dict[str, Any]) -> str | None:
    """Which school a record with these values would belong to (directly or through its teacher)."""
    if entity.school is None:
        return None
    if entity.school.table is entity.model.__table__:
        return values.get(entity.school.key)
    for field in entity.fields:
        target = ENTITIES[field.ref].model if field.kind == "ref" else None
        if target is not None and target.__table__ is entity.school.table and values.get(field.name):
            return session.scalar(select(entity.school).where(target.id == values[field.name]))
    return None


def _require_editable(session: Session, entity: Entity, record=None, values: dict | None = None) -> None:
    school = _school_of_values(session, entity, values) if values is not None else None
    allowed, reason = can_edit(session, entity, record, school=school)
    if allowed:
        return
    field = _school_field(entity) if school is not None else None
    raise ValidationError({field: reason}) if field else KuratorError(reason)


def _school_field(entity: Entity) -> str | None:
    """The form field that decides a record's school: the school itself, or the teacher it belongs to."""
    names = [f.name for f in entity.fields]
    return next((name for name in ("school_id", "teacher_id") if name in names), None)


def _checked(session: Session, entity: Entity, values: dict[str, Any], record_id: str | None) -> dict[str, Any]:
    clean = normalise(entity, values)
    errors = validate(entity, clean, session, record_id)
    if errors:
        raise ValidationError(errors)
    return clean


def _assign(session: Session, entity: Entity, record, values: dict[str, Any]) -> None:
    for field in entity.fields:
        if field.kind != "multi":
            setattr(record, field.name, values[field.name])
    session.flush()
    for field in entity.fields:
        if field.kind == "multi":
            _set_links(session, field.link, record.id, values[field.name])


def _set_links(session: Session, link: MultiLink, owner_id: str, codes: list[str]) -> None:
    live = _links(session, link, owner_id)
    gone = _links(session, link, owner_id, live=False)
    for code, row in live.items():
        if code not in codes:
            row.deleted_at = utcnow()
    for position, code in enumerate(codes):
        if code in live:
            continue
        row = gone.get(code) or link.model(**{link.owner_column: owner_id, link.value_column: code}, **link.extra)
        row.deleted_at = None
        if hasattr(row, "is_main"):
            row.is_main = position == 0
        session.add(row)
    session.flush()


def create(session: Session, entity: "Entity | str", values: dict[str, Any]):
    """Add a record (reviving a deleted one with the same unique key, so its id stays stable) and return it."""
    entity = get_entity(entity)
    _require_editable(session, entity)
    clean = _checked(session, entity, values, None)
    _require_editable(session, entity, values=clean)
    _rule, record = find_duplicate(session, entity, clean, None, live=False)
    if record is None:
        record = entity.model(id=entity.stable_id(clean)) if entity.stable_id else entity.model()
        session.add(record)
    record.deleted_at = None
    _assign(session, entity, record, clean)
    return record


def update(session: Session, entity: "Entity | str", record_id: str, values: dict[str, Any]):
    """Change a record's values; refuses (changing nothing) when invalid or owned by someone else."""
    entity = get_entity(entity)
    record = _load(session, entity, record_id)
    _require_editable(session, entity, record)
    clean = _checked(session, entity, values, record_id)
    _require_editable(session, entity, values=clean)
    _assign(session, entity, record, clean)
    return record


def dependants(session: Session, entity: Entity, record_id: str) -> list[str]:
    """«Педагоги: 12»-style descriptions of live records that refer to this one."""
    found = []
    for other, field in referencing(entity):
        model = other.model
        count = session.scalar(select(func.count()).select_from(model).where(
            getattr(model, field) == record_id, alive(model)))
        if count:
            found.append(f"{other.plural}: {count}")
    return found


def soft_delete(session: Session, entity: "Entity | str", record_id: str) -> None:
    """Mark a record deleted (a tombstone travels in packets); refuses while other records refer to it."""
    entity = get_entity(entity)
    record = _load(session, entity, record_id)
    _require_editable(session, entity, record)
    blocking = dependants(session, entity, record_id)
    if blocking:
        raise KuratorError("Запись нельзя удалить: на неё ссылаются другие записи (" + "; ".join(blocking) + "). "
                           "Сначала удалите или перенесите их.")
    now = utcnow()
    record.deleted_at = now
    for field in entity.fields:
        if field.kind == "multi":
            for row in _links(session, field.link, record.id).values():
                row.deleted_at = now
    session.flush()


def editable(session: Session, entity: "Entity | str", record_id: str | None = None,
             school: str | None = None) -> tuple[bool, str]:
    """Whether the user may change this record (or create one, with no id, for `school` if known) here, and why
    not — or, when they may, a note on who keeps the school's data (empty when there is nothing to say)."""
    entity = get_entity(entity)
    if current_scope(session) is None:
        return can_edit(session, entity)
    record = _load(session, entity, record_id) if record_id else None
    return can_edit(session, entity, record, school=school)
