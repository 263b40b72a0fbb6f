"""Risk profiles as `kurator risks --year Y [--school CODE] --json` prints them: per school, the factors' levels, the
priority risks and the anti-risk programs with their measures (events of the school's roadmap)."""

from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import RiskProfile, School, alive

from .profiles import profile_detail
from .progress import programs_of


class FactorLevelJson(TypedDict):
    code: str
    title: str
    level: str | None  # a code of RISK_LEVELS; None when the factor was not assessed


class MeasureJson(TypedDict):
    title: str
    deadline_text: str
    event_id: str


class ProgramJson(TypedDict):
    risk: str
    goal: str
    measures: list[MeasureJson]


class RiskProfileJson(TypedDict):
    school: str
    year: int
    factors: list[FactorLevelJson]
    priority: list[str]
    programs: list[ProgramJson]


def profiled_schools(session: Session, year: int, school_code: str | None = None) -> list[School]:
    """The live schools with a profile for the year (one school when its code is given), by name."""
    query = (select(School).join(RiskProfile, RiskProfile.school_id == School.id)
             .where(RiskProfile.year == year, alive(RiskProfile), alive(School)).order_by(School.name))
    if school_code is not None:
        if session.scalar(select(School.id).where(School.code == school_code.strip(), alive(School))) is None:
            raise KuratorError(f"Школа с кодом «{school_code}» не найдена.")
        query = query.where(School.code == school_code.strip())
    return list(session.scalars(query))


def risk_profiles_json(session: Session, year: int, school_code: str | None = None) -> list[RiskProfileJson]:
    """Every profile of the year (or the school's), as the command line gives it."""
    found: list[RiskProfileJson] = []
    for school in profiled_schools(session, year, school_code):
        detail = profile_detail(session, school.id, year)
        programs = [p for p in programs_of(session, school.id, year) if p.factor_code]
        found.append({
            "school": school.code, "year": year,
            "factors": [{"code": f.code, "title": f.title, "level": f.level} for f in detail.factors],
            "priority": detail.priority,
            "programs": [{"risk": p.factor_code, "goal": p.goal,
                          "measures": [{"title": m.title, "deadline_text": m.deadline_text, "event_id": m.event_id}
                                       for m in p.measures]} for p in programs],
        })
    return found
