"""The risk factors of the «500+» methodology (ФИОКО) as reference data, and how many priority risks a school picks.

The ten factors of the methodology are the same records in every installation (stable ids from their codes), so a
school can fill in its profile before the district's first packet and the district's edits replace them there.
The district edits the list (entity «risk_factor» of app.services.records); a factor is assessed in the years
between its `year_from` and `year_to` (open when empty), because the list has changed between years.
"""

from dataclasses import dataclass
from typing import TypedDict

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import RiskFactor, Setting, alive
from app.services.ids import stable_id
from app.services.records.ownership import current_scope

PRIORITY_LIMIT_SETTING = "risk_priority_limit"
DEFAULT_PRIORITY_LIMIT = 3  # the methodology: up to three priority risks
MAX_PRIORITY_LIMIT = 10


@dataclass(frozen=True)
class StandardFactor:
    code: str
    title: str
    evidence: str | None


STANDARD_FACTORS: tuple[StandardFactor, ...] = (
    StandardFactor("equipment", "Низкий уровень оснащения школы", None),
    StandardFactor("staff_shortage", "Дефицит педагогических кадров", "staffing"),
    StandardFactor("teacher_competence",
                   "Недостаточная предметная и методическая компетентность педагогических работников", "diagnostics"),
    StandardFactor("low_adaptivity", "Риски низкой адаптивности учебного процесса", None),
    StandardFactor("pd_system", "Несформированность внутришкольной системы повышения квалификации", "courses"),
    StandardFactor("language_barriers", "Низкое качество преодоления языковых и культурных барьеров", "non_native"),
    StandardFactor("school_climate",
                   "Пониженный уровень качества школьной образовательной и воспитательной среды", None),
    StandardFactor("academic_failure", "Высокая доля обучающихся с рисками учебной неуспешности", "at_risk_pupils"),
    StandardFactor("parent_engagement", "Низкий уровень вовлечённости родителей", None),
    StandardFactor("low_motivation", "Низкая учебная мотивация обучающихся", None),
)


def factor_id(code: str) -> str:
    """The id a factor of the methodology has in every installation."""
    return stable_id("risk_factor", code)


def seed_factors(session: Session) -> int:
    """Add the methodology's factors that are missing (neither their code nor their record is there, deleted ones
    included: a factor the district removed or recoded stays so); returns how many were added."""
    present = {value for row in session.execute(select(RiskFactor.code, RiskFactor.id)) for value in row}
    added = 0
    for position, factor in enumerate(STANDARD_FACTORS, start=1):
        if factor.code in present or factor_id(factor.code) in present:
            continue
        session.add(RiskFactor(id=factor_id(factor.code), code=factor.code, title=factor.title,
                               evidence=factor.evidence, position=position))
        added += 1
    session.flush()
    return added


def factors_for_year(session: Session, year: int | None = None) -> list[RiskFactor]:
    """The live factors in their order; with `year`, only those assessed in that year."""
    query = select(RiskFactor).where(alive(RiskFactor)).order_by(RiskFactor.position, RiskFactor.code)
    if year is not None:
        query = query.where(or_(RiskFactor.year_from.is_(None), RiskFactor.year_from <= year),
                            or_(RiskFactor.year_to.is_(None), RiskFactor.year_to >= year))
    return list(session.scalars(query))


class FactorJson(TypedDict):
    """`kurator risks factors --json`: one factor of the list."""

    code: str
    title: str
    evidence: str | None
    year_from: int | None
    year_to: int | None


def factors_json(session: Session) -> list[FactorJson]:
    return [{"code": f.code, "title": f.title, "evidence": f.evidence, "year_from": f.year_from,
             "year_to": f.year_to} for f in factors_for_year(session)]


def priority_limit(session: Session) -> int:
    """How many priority risks a school may choose (the methodology's three unless configured here)."""
    stored = session.get(Setting, PRIORITY_LIMIT_SETTING)
    value = stored.value if stored is not None else None
    return value if isinstance(value, int) and 1 <= value <= MAX_PRIORITY_LIMIT else DEFAULT_PRIORITY_LIMIT


def set_priority_limit(session: Session, limit: int) -> int:
    """Configure the number of priority risks (the district; 1 to 10)."""
    scope = current_scope(session)
    if scope is None or scope.is_school:
        raise KuratorError("Число приоритетных рисков настраивает управление образования.")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PRIORITY_LIMIT:
        raise ValidationError({"priority_limit": f"Число приоритетных рисков — от 1 до {MAX_PRIORITY_LIMIT}."})
    setting = session.get(Setting, PRIORITY_LIMIT_SETTING) or Setting(key=PRIORITY_LIMIT_SETTING)
    setting.value = limit
    session.add(setting)
    session.flush()
    return limit
