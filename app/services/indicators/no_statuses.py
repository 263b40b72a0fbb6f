"""Why an indicator over ШНОР/ШНСУ has no value for a year that has no such statuses at all: «нет статусов ШНОР,
ШНСУ на 2024 год» — and, after «Начать год», that last year's statuses still wait for a decision."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import SchoolStatus, StatusProposal, alive
from app.models.reference import SCHOOL_STATUSES

from .measures import normalize_filters


def missing_statuses(session: Session, spec: dict, year: int) -> str:
    """The reason when the measure counts schools of some statuses and the year has none of them; "" otherwise."""
    wanted = normalize_filters(spec.get("filters")).get("status") or []
    if not wanted or session.scalar(select(func.count()).select_from(SchoolStatus).where(
            SchoolStatus.year == year, SchoolStatus.status.in_(wanted), alive(SchoolStatus))):
        return ""
    names = ", ".join(SCHOOL_STATUSES.get(code, code) for code in wanted)
    pending = session.scalar(select(func.count()).select_from(StatusProposal).where(
        StatusProposal.year == year, StatusProposal.decision.is_(None)))
    waiting = f"; статусы прошлого года ждут решения ({pending}) — «Школы → Статусы на новый год»" if pending else ""
    return f"нет статусов {names} на {year} год{waiting}"
