"""The methodologist's status decisions: a school has a status (ШНОР, ШНСУ, «500+», резильентная, школа-наставник) in
a year, with its basis and date; a withdrawn decision is soft-deleted so that the withdrawal travels to the school."""

from datetime import date
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import School, SchoolStatus, alive, utcnow
from app.models.reference import SCHOOL_STATUSES
from app.services.frames import district_frame


def _decision_row(session: Session, school_id: str, year: int, status: str) -> SchoolStatus | None:
    return session.scalars(select(SchoolStatus).where(
        SchoolStatus.school_id == school_id, SchoolStatus.year == year, SchoolStatus.status == status)).first()


def decide_status(session: Session, school_id: str, year: int, status: str, basis: str,
                  decided_on: date | None = None) -> SchoolStatus:
    """Record the methodologist's decision: the school has `status` in `year`, with its basis and date."""
    school = session.get(School, school_id)
    errors = {}
    if school is None or school.deleted_at is not None:
        errors["school_id"] = "Школа не найдена."
    if status not in SCHOOL_STATUSES:
        errors["status"] = "Выберите статус из списка (ШНОР, ШНСУ, «500+», резильентная, школа-наставник)."
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = "Год должен быть от 2000 до 2100."
    if not (basis or "").strip():
        errors["basis"] = "Укажите основание решения (приказ, критерии)."
    if errors:
        raise ValidationError(errors)
    row = _decision_row(session, school_id, year, status)
    if row is not None and row.deleted_at is None:
        raise KuratorError(f"Школе «{school.name}» уже присвоен статус {SCHOOL_STATUSES[status]} на {year} год.")
    if row is None:
        row = SchoolStatus(school_id=school_id, year=year, status=status)
        session.add(row)
    row.basis, row.decided_on, row.deleted_at = basis.strip(), decided_on or date.today(), None
    session.flush()
    return row


class StatusDecision(TypedDict):
    school_id: str
    school: str
    status: str
    decided_on: date | None
    basis: str | None


@district_frame
def status_decisions(session: Session, year: int) -> list[StatusDecision]:
    """The statuses decided for the year: school, status, date and basis, by school name."""
    query = (select(SchoolStatus, School.name).join(School, School.id == SchoolStatus.school_id)
             .where(SchoolStatus.year == year, alive(SchoolStatus), alive(School))
             .order_by(School.name, SchoolStatus.status))
    return [{"school_id": row.school_id, "school": name, "status": row.status, "decided_on": row.decided_on,
             "basis": row.basis} for row, name in session.execute(query)]


def revoke_status(session: Session, school_id: str, year: int, status: str) -> SchoolStatus:
    """Withdraw a status decision (soft delete, so the withdrawal travels to the school)."""
    row = _decision_row(session, school_id, year, status)
    if row is None or row.deleted_at is not None:
        raise KuratorError(f"У школы нет статуса {SCHOOL_STATUSES.get(status, status)} на {year} год.")
    row.deleted_at = utcnow()
    session.flush()
    return row
