"""Program indicators: compute, compare with targets, edit the catalogue, preload the seeds' indicators.

A computed indicator is numerator / denominator, each a measure with filters (`app.services.indicators.measures`) with
the indicator's definition choices applied (`app.services.indicators.choices`); a share in % is multiplied by 100.
A manual indicator takes its value from `IndicatorValue` as entered. A value that cannot be given is None with the
reason in Russian («нет данных», never 0): nothing entered, nobody in the denominator, or no record of the kind the
numerator counts anywhere in the district for the period (an empty year is not a failure).
"""

import json
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import Indicator, IndicatorTarget, IndicatorValue, alive, utcnow
from app.models.reference import DIRECTIONS, INDICATOR_METHODS
from app.services.frames import district_frame
from app.services.ids import stable_id
from app.services.indicators.choices import (
    CATALOGUE_FILE,
    PARTS,
    choices_error,
    definition,
    effective_spec,
    half_yearly,
    selected,
)
from app.services.indicators.dynamics import caching
from app.services.indicators.measures import (
    MEASURES,
    describe,
    get_measure,
    missing_sources,
    validate_filters,
)
from app.services.indicators.no_statuses import missing_statuses
from app.services.indicators.periods import HALVES, period_name
from app.services.installation import DISTRICT_DATA_MISSING, district_figures_here
from app.services.records.ownership import NOT_SET_UP, current_scope

CODE_PATTERN = re.compile(r"^[0-9A-Za-zА-Яа-яЁё]+([.\-][0-9A-Za-zА-Яа-яЁё]+)*$")
YEARS = range(2000, 2101)
STATUSES = MappingProxyType({
    "achieved": "достигнут", "not_achieved": "не достигнут", "no_data": "нет данных", "no_target": "нет цели",
})
DISTRICT_KEEPS_INDICATORS = ("Показатели, цели и значения ведёт управление образования; в школе они только для просмотра "
                             "и обновляются пакетом от района.")
EDITABLE = ("code", "name", "unit", "method", "direction", "numerator", "denominator", "baseline", "source",
            "group_title", "position", "description", "choices")
YEARLY_ONLY = "показатель анализируется раз в год: значения за полугодие у него нет"


@dataclass(frozen=True)
class IndicatorResult:
    value: float | None
    numerator: float | None
    denominator: float | None
    method: str
    reason: str = ""  # why there is no value, in Russian; empty when there is one


def get_indicator(session: Session, code: str) -> Indicator:
    indicator = session.scalars(select(Indicator).where(Indicator.code == code, alive(Indicator))).first()
    if indicator is None:
        raise KuratorError(f"Показатель «{code}» не найден.")
    return indicator


def list_indicators(session: Session) -> list[Indicator]:
    return list(session.scalars(select(Indicator).where(alive(Indicator)).order_by(Indicator.position, Indicator.code)))


def ratio(numerator: float, denominator: float, unit: str) -> float | None:
    if not denominator:
        return None
    return round(numerator / denominator * (100 if unit == "%" else 1), 2)


def parts(indicator: Indicator, half: int = 0) -> dict[str, dict]:
    """The numerator and denominator specs as computed: the stored measures with the chosen options (and the half)."""
    chosen = selected(indicator)
    specs = {part: effective_spec(getattr(indicator, part), part, chosen) for part in PARTS}
    if half:
        for spec in specs.values():
            spec["filters"]["half"] = half
    return specs


def period_of(indicator: Indicator, year: int, half: int = 0) -> str:
    """The period the indicator's value for the year (or half) covers, in Russian."""
    return period_name(year, selected(indicator).get("year_kind", "calendar"), half)


def compute(session: Session, indicator: Indicator, year: int, half: int = 0) -> IndicatorResult:
    """The indicator's actual for the year (or its half 1 or 2): computed live from the records, or entered by hand;
    without a value, the reason."""
    if half and not half_yearly(indicator):
        return IndicatorResult(None, None, None, indicator.method, YEARLY_ONLY)
    if indicator.method == "manual":
        stored = _stored_value(session, indicator.id, year, half)
        if stored is None or stored.value is None:
            missing = f"значение за {period_of(indicator, year, half)} не введено"
            return IndicatorResult(None, None, None, "manual", missing)
        return IndicatorResult(stored.value, stored.numerator, stored.denominator, "manual")
    specs = parts(indicator, half)
    numerator = _measure_count(session, specs["numerator"], year)
    denominator = _measure_count(session, specs["denominator"], year)
    reason = no_data_reason(session, indicator, specs, year, half, numerator, denominator)
    value = None if reason else ratio(numerator, denominator, indicator.unit)
    return IndicatorResult(value, numerator, denominator, "computed", reason)


def no_data_reason(session: Session, indicator: Indicator, specs: dict[str, dict], year: int, half: int,
                   numerator: float, denominator: float) -> str:
    """Why a computed value cannot be given ("" when it can): nobody in the denominator, or a zero numerator
    because the district has no record of the kind it counts for the period."""
    period = period_of(indicator, year, half)
    if not denominator:
        return missing_statuses(session, specs["denominator"], year) or (
            f"за {period} нет ни одной записи для знаменателя — {describe(specs['denominator'], lower=True)}")
    if numerator:
        return ""
    missing = missing_sources(session, specs["numerator"], year)
    return f"за {period} в районе нет ни одной записи: {', '.join(missing)}" if missing else ""


def _measure_count(session: Session, spec: dict, year: int) -> float:
    return get_measure(spec["measure"]).count(session, year, spec.get("filters"))


def _stored_value(session: Session, indicator_id: str, year: int, half: int = 0) -> IndicatorValue | None:
    return session.scalars(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator_id, IndicatorValue.year == year, IndicatorValue.half == half,
        alive(IndicatorValue))).first()


def status(value: float | None, target: float | None, direction: str = "higher") -> str:
    """achieved / not_achieved / no_data / no_target: the actual against the target in the given direction."""
    if value is None:
        return "no_data"
    if target is None:
        return "no_target"
    met = value >= target if direction == "higher" else value <= target
    return "achieved" if met else "not_achieved"


def _targets(session: Session, year: int | None = None,
             indicator_id: str | None = None) -> dict[tuple[str, int], float]:
    query = select(IndicatorTarget).where(alive(IndicatorTarget))
    if year is not None:
        query = query.where(IndicatorTarget.year == year)
    if indicator_id is not None:
        query = query.where(IndicatorTarget.indicator_id == indicator_id)
    return {(t.indicator_id, t.year): t.value for t in session.scalars(query)}


class IndicatorRow(TypedDict):
    """One indicator of `kurator indicators --json` (its first six keys are DESIGN.md's) and of the indicators page."""

    code: str
    name: str
    unit: str
    target: float | None
    actual: float | None
    status: str
    reason: str
    numerator: float | None
    denominator: float | None
    method: str
    direction: str
    baseline: float | None
    group_title: str | None
    definition: str
    period: str
    half_yearly: bool


def district_result(session: Session, indicator: Indicator, year: int, half: int = 0) -> IndicatorResult:
    """The district's value, or «нет данных района» at a school installation for a computed indicator: there it would
    be counted over one school's records (the district's figures come from the district)."""
    if indicator.method == "computed" and not district_figures_here(session):
        return IndicatorResult(None, None, None, "computed", DISTRICT_DATA_MISSING)
    return compute(session, indicator, year, half)


@district_frame
def indicator_table(session: Session, year: int, half: int = 0) -> list[IndicatorRow]:
    """Every indicator with its target, actual, status (or the reason there is no value) for the year or its half;
    a half-year value has no target of its own (targets are set per year)."""
    targets = _targets(session, year) if not half else {}
    rows: list[IndicatorRow] = []
    with caching(session):
        results = [(indicator, district_result(session, indicator, year, half))
                   for indicator in list_indicators(session)]
    for indicator, result in results:
        target = targets.get((indicator.id, year))
        rows.append({
            "code": indicator.code, "name": indicator.name, "unit": indicator.unit, "target": target,
            "actual": result.value, "status": status(result.value, target, indicator.direction),
            "reason": result.reason, "numerator": result.numerator, "denominator": result.denominator,
            "method": indicator.method, "direction": indicator.direction, "baseline": indicator.baseline,
            "group_title": indicator.group_title, "definition": definition(indicator),
            "period": period_of(indicator, year, half), "half_yearly": half_yearly(indicator),
        })
    return rows


def _value_row(session: Session, indicator: Indicator, year: int, half: int = 0) -> IndicatorValue:
    """The value row of the indicator, year and half, revived if it was deleted, created if missing."""
    row = session.scalars(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator.id, IndicatorValue.year == year, IndicatorValue.half == half)).first()
    if row is None:
        row = IndicatorValue(indicator_id=indicator.id, year=year, half=half)
        session.add(row)
    row.deleted_at = None
    return row


class PlanFactPoint(TypedDict):
    year: int
    target: float | None
    actual: float | None


def plan_fact(session: Session, code: str) -> list[PlanFactPoint]:
    """Target and actual for every year that has a target or a stored value."""
    indicator = get_indicator(session, code)
    targets = {year: value for (_, year), value in _targets(session, indicator_id=indicator.id).items()}
    stored_years = session.scalars(select(IndicatorValue.year).where(
        IndicatorValue.indicator_id == indicator.id, IndicatorValue.half == 0, alive(IndicatorValue)))
    years = sorted(set(targets) | set(stored_years))
    return [{"year": y, "target": targets.get(y), "actual": district_result(session, indicator, y).value}
            for y in years]


def preview(session: Session, values: dict, year: int) -> IndicatorResult | None:
    """The value a computed indicator being edited would have for the year; None while a measure is incomplete."""
    if any(_validate_measure(values.get(part)) for part in PARTS) or choices_error(values.get("choices")):
        return None
    draft = Indicator(unit=values.get("unit") or "%", method="computed", numerator=values["numerator"],
                      denominator=values["denominator"], choices=values.get("choices"))
    return compute(session, draft, year)


# --- editing ------------------------------------------------------------------------------------------------

def catalogue_editable(session: Session) -> tuple[bool, str]:
    """Whether this installation may change indicators, targets and values (the district owns them), and why not."""
    scope = current_scope(session)
    if scope is None:
        return False, NOT_SET_UP
    if scope.kind != Indicator.owner_kind:
        return False, DISTRICT_KEEPS_INDICATORS
    return True, ""


def _validate_measure(spec: Any) -> str | None:
    if not isinstance(spec, dict) or "measure" not in spec:
        return "Выберите меру из списка."
    if spec["measure"] not in MEASURES:
        return f"Неизвестная мера «{spec['measure']}»."
    return validate_filters(spec["measure"], spec.get("filters"))


def _validate(session: Session, values: dict, current: Indicator | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    code = str(values.get("code") or "").strip()
    if not code:
        errors["code"] = "Укажите код показателя (например, 2.1.1)."
    elif len(code) > 32 or not CODE_PATTERN.match(code):
        errors["code"] = "Код показателя: до 32 букв и цифр, разделённых точками или дефисами (например, 2.1.1)."
    elif session.scalars(select(Indicator.id).where(Indicator.code == code, Indicator.id != (current.id if current else ""))).first():
        errors["code"] = f"Показатель с кодом «{code}» уже есть."
    if not str(values.get("name") or "").strip():
        errors["name"] = "Укажите наименование показателя."
    if values.get("method") not in INDICATOR_METHODS:
        errors["method"] = "Способ: вычисляемый или вводится вручную."
    if values.get("direction") not in DIRECTIONS:
        errors["direction"] = "Направление: «больше — лучше» или «меньше — лучше»."
    if not str(values.get("unit") or "").strip() or len(str(values["unit"])) > 20:
        errors["unit"] = "Укажите единицу измерения (до 20 символов)."
    if choices_error(values.get("choices")):
        errors["choices"] = choices_error(values.get("choices"))
    elif values.get("method") == "computed":
        for part in PARTS:
            message = _validate_measure(values.get(part))
            if message:
                errors[part] = message
    baseline = values.get("baseline")
    if baseline is not None:
        message = _value_error(baseline, values.get("unit"))
        if message:
            errors["baseline"] = message
    return errors


def _value_error(value: Any, unit: str | None) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return "Значение должно быть числом."
    if unit == "%" and not 0 <= value <= 100:
        return "Значение в процентах должно быть от 0 до 100."
    if value < 0:
        return "Значение не может быть отрицательным."
    return None


def _year_error(year: Any) -> str | None:
    if isinstance(year, bool) or not isinstance(year, int) or year not in YEARS:
        return "Год должен быть от 2000 до 2100."
    return None


def _defaults(values: dict) -> dict:
    merged = {"unit": "%", "method": "computed", "direction": "higher", "position": 0} | values
    if merged["method"] == "manual":
        merged["numerator"] = merged["denominator"] = None
    merged["code"] = str(merged.get("code") or "").strip()
    return merged


def create_indicator(session: Session, values: dict) -> Indicator:
    """Add an indicator (and its `targets` {year: value}); refuses invalid input with ValidationError."""
    values = _defaults(values)
    errors = _validate(session, values, None) | _targets_errors(values.get("targets") or {}, values.get("unit"))
    if errors:
        raise ValidationError(errors)
    indicator = Indicator(id=values.get("id") or stable_id("indicator", values["code"]),
                          **{k: values.get(k) for k in EDITABLE})
    session.add(indicator)
    session.flush()
    for year, value in (values.get("targets") or {}).items():
        _put_target(session, indicator, int(year), value)
    session.flush()
    return indicator


def update_indicator(session: Session, code: str, values: dict) -> Indicator:
    """Change an indicator's definition; the fields not given stay as they were."""
    indicator = get_indicator(session, code)
    merged = {k: getattr(indicator, k) for k in EDITABLE} | {k: v for k, v in values.items() if k in EDITABLE}
    merged = _defaults(merged)
    errors = _validate(session, merged, indicator)
    if errors:
        raise ValidationError(errors)
    for key in EDITABLE:
        setattr(indicator, key, merged[key])
    session.flush()
    return indicator


def _targets_errors(targets: dict, unit: str | None) -> dict[str, str]:
    for year, value in targets.items():
        year_number = int(year) if str(year).isdigit() else year
        message = _year_error(year_number) or _value_error(value, unit)
        if message:
            return {"targets": f"{year}: {message}"}
    return {}


def _put_target(session: Session, indicator: Indicator, year: int, value: float | None) -> IndicatorTarget | None:
    row = session.scalars(select(IndicatorTarget).where(
        IndicatorTarget.indicator_id == indicator.id, IndicatorTarget.year == year)).first()
    if value is None:
        if row is not None and row.deleted_at is None:
            row.deleted_at = utcnow()
        return None
    if row is None:
        row = IndicatorTarget(id=stable_id("indicator_target", indicator.code, year), indicator_id=indicator.id,
                              year=year, value=float(value))
        session.add(row)
    row.value, row.deleted_at = float(value), None
    return row


def set_target(session: Session, code: str, year: int, value: float | None) -> IndicatorTarget | None:
    """Set (or with None remove) the indicator's target for a year; refuses a bad year or value."""
    indicator = get_indicator(session, code)
    message = _year_error(year) or (None if value is None else _value_error(value, indicator.unit))
    if message:
        raise ValidationError({"year" if _year_error(year) else "value": message})
    row = _put_target(session, indicator, year, value)
    session.flush()
    return row


def set_manual_value(session: Session, code: str, year: int, value: float | None, numerator: float | None = None,
                     denominator: float | None = None, comment: str | None = None, half: int = 0) -> IndicatorValue:
    """Enter the actual of a manual indicator for a year or its half 1 or 2 (with numerator, denominator, comment)."""
    indicator = get_indicator(session, code)
    errors = {}
    if indicator.method != "manual":
        errors["value"] = "Значение этого показателя вычисляется по данным; вручную его не вводят."
    elif _year_error(year):
        errors["year"] = _year_error(year)
    elif half not in HALVES:
        errors["half"] = "Полугодие: 1 или 2 (0 — весь год)."
    elif value is not None and _value_error(value, indicator.unit):
        errors["value"] = _value_error(value, indicator.unit)
    for name, number in (("numerator", numerator), ("denominator", denominator)):
        if number is not None and _value_error(number, None):
            errors[name] = _value_error(number, None)
    if errors:
        raise ValidationError(errors)
    row = _value_row(session, indicator, year, half)
    row.value, row.numerator, row.denominator = value, numerator, denominator
    row.method, row.comment, row.computed_at = "manual", comment, None
    session.flush()
    return row


# --- the preloaded catalogue --------------------------------------------------------------------------------

def read_catalogue(path=CATALOGUE_FILE) -> list[dict[str, Any]]:
    """The shipped indicator definitions (seeds 003 and 000) with baselines and targets."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["indicators"]


class CatalogueLoad(TypedDict):
    """How many of the catalogue's indicators were added and how many were already there."""

    created: int
    existing: int


def load_catalogue(session: Session, path=CATALOGUE_FILE) -> CatalogueLoad:
    """Add the catalogue's indicators and targets that are missing (by code); existing ones are left as edited."""
    created = existing = 0
    for entry in read_catalogue(path):
        present = session.scalars(select(Indicator).where(Indicator.code == entry["code"])).first()
        if present is not None:
            existing += 1
            continue
        create_indicator(session, entry)
        created += 1
    return {"created": created, "existing": existing}
