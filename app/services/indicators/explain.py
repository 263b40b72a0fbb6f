"""«Расшифровка»: the numerator, the denominator and the value of an indicator for a year (or half-year), for the
district or one school, with every record behind them and what the rule looked at in each.

The shape is `kurator indicators explain CODE --year Y [--school CODE] --json`'s: {"code", "year", "numerator",
"denominator", "value", "definition", "records": [{"kind", "id", "school", "label", "in_numerator", "values"}]}, plus
the reason when there is no value, the period, and the Russian labels of the two parts.
"""

from typing import Any, TypedDict

from sqlalchemy.orm import Session

from app.services.indicators.catalogue import (
    IndicatorResult,
    district_result,
    get_indicator,
    parts,
    period_of,
)
from app.services.indicators.choices import definition
from app.services.indicators.evidence import evidence
from app.services.indicators.measures import Measure, describe, get_measure
from app.services.indicators.per_school import school_result
from app.services.installation import find_school

HIDDEN = ("id", "school_id", "school", "label", "name", "locality", "last_name", "first_name", "middle_name")  # named
MANUAL_LABEL = "Значение введено вручную"


class ExplainedRecord(TypedDict):
    kind: str
    id: str
    school: str
    label: str
    in_numerator: bool
    values: dict[str, Any]


class Explanation(TypedDict):
    code: str
    year: int
    half: int
    period: str
    school: str | None
    numerator: float | None
    denominator: float | None
    value: float | None
    reason: str
    definition: str
    numerator_label: str
    denominator_label: str
    records: list[ExplainedRecord]


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _shown(measure: Measure, row: dict) -> dict[str, Any]:
    return {title: _plain(row[key]) for key, title in measure.columns.items() if key not in HIDDEN}


def _contributes(measure: Measure, row: dict) -> bool:
    return not measure.summed or bool(row[measure.summed])


def _records(session: Session, specs: dict[str, dict], year: int, school_id: str | None) -> list[ExplainedRecord]:
    """The denominator's records (and any numerator record outside it), each marked whether it is in the numerator."""
    measures = {part: get_measure(spec["measure"]) for part, spec in specs.items()}
    rows = {part: [r for r in measures[part].raw_records(session, year, spec["filters"])
                   if school_id is None or r["school_id"] == school_id] for part, spec in specs.items()}
    counted = {r["id"]: r for r in rows["numerator"] if _contributes(measures["numerator"], r)}
    used = evidence(session, specs["numerator"], year)
    seen: dict[str, ExplainedRecord] = {}
    for part in ("denominator", "numerator"):
        for row in rows[part]:
            record = seen.setdefault(row["id"], {
                "kind": measures[part].kind, "id": row["id"], "school": row["school"], "label": row["label"],
                "in_numerator": row["id"] in counted, "values": {}})
            record["values"] |= _shown(measures[part], row) | used.get(row["id"], {})
    return list(seen.values())


def explain(session: Session, code: str, year: int, school_code: str | None = None, half: int = 0) -> Explanation:
    """What stands behind the indicator's value for the year (or half), district-wide or for one school."""
    indicator = get_indicator(session, code)
    school = find_school(session, school_code) if school_code else None
    result: IndicatorResult = (school_result(session, indicator, year, school.id, half) if school
                               else district_result(session, indicator, year, half))
    base: Explanation = {
        "code": indicator.code, "year": year, "half": half, "period": period_of(indicator, year, half),
        "school": school.code if school else None, "numerator": result.numerator,
        "denominator": result.denominator, "value": result.value, "reason": result.reason,
        "definition": definition(indicator), "numerator_label": MANUAL_LABEL, "denominator_label": MANUAL_LABEL,
        "records": []}
    if indicator.method == "manual" or result.numerator is None:
        return base
    specs = parts(indicator, half)
    base["numerator_label"], base["denominator_label"] = (describe(specs[p]) for p in ("numerator", "denominator"))
    base["records"] = _records(session, specs, year, school.id if school else None)
    return base

