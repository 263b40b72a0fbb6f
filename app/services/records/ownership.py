"""The owner rule (DESIGN.md): who may change a record here, and which rows a school installation sees."""

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.services.ids import school_id
from app.services.installation import get_installation

from .spec import Entity

DISTRICT_KEEPS = "Эту запись ведёт управление образования; изменения приходят в пакете от района."
SCHOOL_KEEPS = "Эту запись ведёт школа; изменения приходят в пакете от школы."
OTHER_SCHOOL_KEEPS = "Эту запись ведёт другая школа; изменения приходят в пакете от неё."
NOT_OURS = "Эту запись создала другая организация; изменить её может только она."
NOT_SET_UP = "База данных ещё не настроена."


@dataclass(frozen=True)
class Scope:
    """Who this installation is: its id, kind and (for a school) its own school's id."""

    installation_id: str
    kind: str
    school_id: str | None

    @property
    def is_school(self) -> bool:
        return self.kind == "school"


def current_scope(session: Session) -> Scope | None:
    """This installation's scope (cached on the session), or None when the database is not set up."""
    cached = session.info.get("kurator_scope")
    if cached is None:
        installation = get_installation(session)
        if installation is None:
            return None
        own = school_id(installation.school_code) if installation.kind == "school" and installation.school_code else None
        cached = session.info["kurator_scope"] = Scope(installation.id, installation.kind, own)
    return cached


def record_school(session: Session, entity: Entity, record_id: str) -> str | None:
    """The school a stored record belongs to (through the entity's joins), or None for district-wide records."""
    if entity.school is None:
        return None
    stmt = select(entity.school).select_from(entity.model)
    for target, on in entity.joins:
        stmt = stmt.outerjoin(target, on)
    return session.scalar(stmt.where(entity.model.id == record_id))


def can_edit(session: Session, entity: Entity, record=None, school: str | None = None) -> tuple[bool, str]:
    """Whether this installation may change `record` (or create one, when None); the reason when it may not."""
    scope = current_scope(session)
    if scope is None:
        return False, NOT_SET_UP
    kind = entity.owner_kind
    if kind == "origin":
        return (True, "") if record is None or record.origin == scope.installation_id else (False, NOT_OURS)
    if kind == "district":
        return (False, DISTRICT_KEEPS) if scope.is_school else (True, "")
    if not scope.is_school:
        return False, SCHOOL_KEEPS
    if record is not None:
        school = record_school(session, entity, record.id)
    if school is not None and school != scope.school_id:
        return False, OTHER_SCHOOL_KEEPS
    return True, ""


def visible_clause(session: Session, entity: Entity):
    """The WHERE clause a school installation adds to lists: its own school's rows plus district-wide ones."""
    scope = current_scope(session)
    if scope is None or not scope.is_school or entity.school is None:
        return None
    if entity.model.__tablename__ == "school":
        return entity.school == scope.school_id
    return or_(entity.school == scope.school_id, entity.school.is_(None))
