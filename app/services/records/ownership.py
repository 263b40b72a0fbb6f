"""The owner rule (DESIGN.md): who may change a record here, and which rows a school installation sees.

A school's own data (staff, results, social passport, its roadmap) is kept by one installation at a time:
`keeps_school_data` says whether it is this one. A school installation keeps its own school's data. The district
keeps the data of every school that has not registered its signing key yet («ведёт район»): it may enter, import
and delete those records, and they carry the district's installation id as `origin` (entered by the district).
Once the school's key is registered, the school keeps its data and the district's copy is read-only; the district's
next packet to the school hands the records it entered over (app.services.exchange).
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, exists, or_, select
from sqlalchemy.orm import Session

from app.models import Peer, School, alive
from app.services.ids import school_id
from app.services.installation import get_installation

from .spec import Entity

DISTRICT_KEEPS = "Эту запись ведёт управление образования; изменения приходят в пакете от района."
SCHOOL_KEEPS = "Эту запись ведёт школа; изменения приходят в пакете от школы."
OTHER_SCHOOL_KEEPS = "Эту запись ведёт другая школа; изменения приходят в пакете от неё."
NOT_OURS = "Эту запись создала другая организация; изменить её может только она."
NOT_SET_UP = "База данных ещё не настроена."
DISTRICT_KEEPS_SCHOOL = "Данные школы ведёт район: школа ещё не зарегистрировала ключ."
DISTRICT_KEEPS_SOME = ("Данные школ, которые ещё не зарегистрировали ключ, ведёт район: их записи можно вносить "
                       "и загружать здесь.")
EVERY_SCHOOL_KEEPS = ("Эти записи ведут школы: все школы зарегистрировали ключи, изменения приходят в пакетах "
                      "от школ.")
HANDED_OVER = ("Эту запись внёс район, но школа уже зарегистрировала ключ: теперь запись ведёт школа, изменения "
               "приходят в пакете от неё.")
ENTERED_BY_DISTRICT = "Запись внесена районом, пока школа не вела данные в Кураторе; теперь её ведёт школа."
KEEPERS = {"district": "район", "school": "школа"}


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


def key_registered(school_code: ColumnElement) -> ColumnElement[bool]:
    """SQL: the school with this code has registered its signing key here (a district's trusted peer)."""
    return exists(select(Peer.id).where(Peer.kind == "school", Peer.school_code == school_code))


def keeper_label() -> ColumnElement[str]:
    """SQL for the Школы list: who keeps each school's data at the district — «школа» or «район»."""
    return case((key_registered(School.code), KEEPERS["school"]), else_=KEEPERS["district"])


def district_keeps(session: Session, school: str) -> bool:
    """Whether the district keeps school `school`'s data: the school has not registered its key here."""
    return not session.scalar(select(key_registered(School.code)).where(School.id == school))


def keeps_school_data(session: Session, school: str | None) -> tuple[bool, str]:
    """The one rule for a school's own data: whether this installation keeps school `school`'s records (None: a
    record whose school is not chosen yet), and the reason — a refusal, or a note such as «данные школы ведёт район»."""
    scope = current_scope(session)
    if scope is None:
        return False, NOT_SET_UP
    if scope.is_school:
        return (True, "") if school in (None, scope.school_id) else (False, OTHER_SCHOOL_KEEPS)
    if school is None:
        kept = session.scalar(select(School.id).where(alive(School), ~key_registered(School.code)).limit(1))
        return (True, DISTRICT_KEEPS_SOME) if kept else (False, EVERY_SCHOOL_KEEPS)
    return (True, DISTRICT_KEEPS_SCHOOL) if district_keeps(session, school) else (False, SCHOOL_KEEPS)


def kept_schools_clause(session: Session) -> ColumnElement[bool] | None:
    """SQL over School: the schools whose data this installation keeps (None: no restriction beyond the list's)."""
    scope = current_scope(session)
    if scope is None or scope.is_school:
        return None
    return ~key_registered(School.code)


def record_school(session: Session, entity: Entity, record_id: str) -> str | None:
    """The school a stored record belongs to (through the entity's joins), or None for district-wide records."""
    if entity.school is None:
        return None
    stmt = select(entity.school).select_from(entity.model)
    for target, on in entity.joins:
        stmt = stmt.outerjoin(target, on)
    return session.scalar(stmt.where(entity.model.id == record_id))


def can_edit(session: Session, entity: Entity, record=None, school: str | None = None) -> tuple[bool, str]:
    """Whether this installation may change `record` (or create one for `school`, when None); the reason when it may
    not, or a note about who keeps the school's data when it may."""
    scope = current_scope(session)
    if scope is None:
        return False, NOT_SET_UP
    kind = entity.owner_kind
    if kind == "origin":
        return (True, "") if record is None or record.origin == scope.installation_id else (False, NOT_OURS)
    if kind == "district":
        return (False, DISTRICT_KEEPS) if scope.is_school else (True, "")
    if record is not None:
        school = record_school(session, entity, record.id)
    allowed, reason = keeps_school_data(session, school)
    entered_here = record is None or record.origin == scope.installation_id
    if not allowed and not scope.is_school and record is not None and entered_here and reason == SCHOOL_KEEPS:
        return False, HANDED_OVER
    if allowed and scope.is_school and not entered_here:
        return True, ENTERED_BY_DISTRICT
    return allowed, reason


def visible_clause(session: Session, entity: Entity):
    """The WHERE clause a school installation adds to lists: its own school's rows plus district-wide ones."""
    scope = current_scope(session)
    if scope is None or not scope.is_school or entity.school is None:
        return None
    if entity.model.__tablename__ == "school":
        return entity.school == scope.school_id
    return or_(entity.school == scope.school_id, entity.school.is_(None))
