"""Program indicators per school: the same numerator and denominator as the district's, split by school (one grouped
query per distinct measure, year and filters), for one year or several.

Every computed indicator has a meaning for one school: a share of its staff, its exam papers or graduates, its
staffing — or, where the indicator counts schools, whether this school is counted (1 of 1, or 0 of 1). A school
outside the indicator's denominator (say, not ШНОР that year) has no value, and says why. A value relative to the
other schools of the district (positive dynamics: standardised over the district's schools) is never computed in
a school's own database — there it is «нет данных района».
"""

import json
from types import MappingProxyType
from typing import Callable, TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Indicator, School, alive
from app.services.frames import district_frame
from app.services.indicators.catalogue import (
    YEARLY_ONLY,
    IndicatorResult,
    indicator_table,
    list_indicators,
    parts,
    period_of,
    ratio,
)
from app.services.indicators.choices import half_yearly
from app.services.indicators.dynamics import caching
from app.services.indicators.measures import RELATIVE_HAS, describe, get_measure, missing_sources
from app.services.installation import DISTRICT_DATA_MISSING, district_figures_here, own_school


NOT_IN_GROUP = "школа не входит в знаменатель"


class SchoolValue(TypedDict):
    """One school's value of one indicator (`kurator indicators --per-school --json`'s first five keys)."""

    school: str  # the school's code
    code: str
    value: float | None
    numerator: float | None
    denominator: float | None
    reason: str
    school_name: str
    year: int


def per_school_indicators(session: Session) -> list[Indicator]:
    """The indicators that are computed per school: every computed one (a hand-entered value is the district's)."""
    return [indicator for indicator in list_indicators(session) if indicator.method == "computed"]


def _relative(specs: dict[str, dict]) -> bool:
    return any(kind in RELATIVE_HAS for spec in specs.values() for kind in spec["filters"].get("has", []))


class _Counts:
    """Per-school counts, each distinct (measure, filters, year) queried once."""

    def __init__(self, session: Session):
        self.session, self.memo = session, {}

    def __call__(self, spec: dict, year: int) -> dict[str, float]:
        key = (spec["measure"], json.dumps(spec["filters"], sort_keys=True), year)
        if key not in self.memo:
            self.memo[key] = _count_by_school(self.session, spec["measure"], spec["filters"], year)
        return self.memo[key]


@district_frame
def _count_by_school(session: Session, measure: str, filters: dict, year: int) -> dict[str, float]:
    """Every school's count at once (one grouped query): shared by all the schools' profiles in a report run."""
    return get_measure(measure).count_by_school(session, year, filters)


def _judge(indicator: Indicator, outside: str, numerator: float, denominator: float,
           missing: Callable[[], str], relative_here: bool) -> IndicatorResult:
    if relative_here:
        return IndicatorResult(None, None, None, "computed", DISTRICT_DATA_MISSING)
    if not denominator:
        return IndicatorResult(None, numerator, denominator, "computed", outside)
    reason = "" if numerator else missing()
    return IndicatorResult(None if reason else ratio(numerator, denominator, indicator.unit), numerator, denominator,
                           "computed", reason)


def _results(session: Session, indicator: Indicator, year: int, half: int, counts: _Counts,
             school_ids: list[str]) -> dict[str, IndicatorResult]:
    if half and not half_yearly(indicator):
        return {sid: IndicatorResult(None, None, None, "computed", YEARLY_ONLY) for sid in school_ids}
    specs = parts(indicator, half)
    numerators, denominators = counts(specs["numerator"], year), counts(specs["denominator"], year)
    relative_here = _relative(specs) and not district_figures_here(session)
    period = period_of(indicator, year, half)
    missing_text: list[str] = []

    def missing() -> str:  # asked only for a zero numerator; the district-wide check is made once
        if not missing_text:
            absent = [] if any(numerators.values()) else missing_sources(session, specs["numerator"], year)
            missing_text.append(f"за {period} в районе нет ни одной записи: {', '.join(absent)}" if absent else "")
        return missing_text[0]

    outside = f"{NOT_IN_GROUP} — {describe(specs['denominator'], lower=True)}"
    return {sid: _judge(indicator, outside, numerators.get(sid, 0.0), denominators.get(sid, 0.0), missing,
                        relative_here) for sid in school_ids}


def _schools(session: Session, school_ids: list[str] | None) -> list[tuple[str, str, str]]:
    """(id, code, name) of the schools to show: the given ones, a school installation's own, or all live ones."""
    query = select(School.id, School.code, School.name).where(alive(School)).order_by(School.name)
    own = own_school(session)
    if own is not None:
        query = query.where(School.id == own.id)
    elif school_ids is not None:
        query = query.where(School.id.in_(school_ids))
    return [tuple(row) for row in session.execute(query)]


def school_values(session: Session, years: list[int], half: int = 0,
                  school_ids: list[str] | None = None) -> list[SchoolValue]:
    """Every per-school indicator for every school (by name) and year; at a school installation, its own school."""
    schools = _schools(session, school_ids)
    ids = [sid for sid, _code, _name in schools]
    counts = _Counts(session)
    rows: list[SchoolValue] = []
    with caching(session):
        for year in years:
            for indicator in per_school_indicators(session):
                results = _results(session, indicator, year, half, counts, ids)
                rows.extend({"school": code, "code": indicator.code, "value": results[sid].value,
                             "numerator": results[sid].numerator, "denominator": results[sid].denominator,
                             "reason": results[sid].reason, "school_name": name, "year": year}
                            for sid, code, name in schools)
    return rows


def school_result(session: Session, indicator: Indicator, year: int, school_id: str, half: int = 0) -> IndicatorResult:
    """One school's value of the indicator (a manual indicator has none per school)."""
    if indicator.method == "manual":
        return IndicatorResult(None, None, None, "manual", "значение вводится вручную для района, не по школам")
    with caching(session):
        return _results(session, indicator, year, half, _Counts(session), [school_id])[school_id]


STANDINGS = MappingProxyType({
    "target_met": "цель года достигнута",
    "district_or_better": "цель не достигнута, но не хуже района",
    "below": "хуже района и цели",
    "below_target": "цель не достигнута, значения района здесь нет",
    "no_data": "нет данных",
    "outside": "школа не входит в число школ показателя",
})


def standing(value: float | None, reason: str, district: float | None, target: float | None, direction: str) -> str:
    """How a school's value stands against the district's value and the year's target (higher or lower is better)."""
    if value is None:
        return "outside" if reason.startswith(NOT_IN_GROUP) else "no_data"

    def at_least(other: float) -> bool:
        return value >= other if direction == "higher" else value <= other

    if target is not None and at_least(target):
        return "target_met"
    if district is None:
        return "below_target" if target is not None else "no_data"
    return "district_or_better" if at_least(district) else "below"


class SchoolMatrix(TypedDict):
    """The school × indicator table of the window: the indicators (with the district's value, target, definition)
    and one row per school holding, per indicator code, its value, reason and standing."""

    indicators: list[dict]
    rows: list[dict]


def school_matrix(session: Session, year: int, half: int = 0) -> SchoolMatrix:
    """Every school's per-school indicators for the year (or half) beside the district's value and the target."""
    district = {row["code"]: row for row in indicator_table(session, year, half)}
    indicators = [district[i.code] for i in per_school_indicators(session)]
    rows: dict[str, dict] = {}
    for item in school_values(session, [year], half):
        row = rows.setdefault(item["school"], {"school": item["school_name"], "code": item["school"]})
        own = district[item["code"]]
        row[item["code"]] = {"value": item["value"], "reason": item["reason"], "numerator": item["numerator"],
                             "denominator": item["denominator"],
                             "standing": standing(item["value"], item["reason"], own["actual"], own["target"],
                                                  own["direction"])}
    return {"indicators": indicators, "rows": list(rows.values())}
