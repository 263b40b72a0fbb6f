"""The open choices of an indicator's definition — the options the seeds leave open — and the definition they make.

The catalogue file declares each choice once (its «choices» section): the question in Russian and its options, each
option the filters (or the measure) it sets on the numerator, the denominator or both. An indicator stores which
option it takes for each choice that applies to it (`Indicator.choices`, editable); the computation applies them to
its measures, so changing a choice changes the value. A choice sets a filter only on a measure that takes it (the
school year means nothing to a yearly exam table, whose year is already the school year's).
"""

import json
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any, Mapping

from app.models import Indicator
from app.paths import RESOURCES
from app.services.indicators.measures import get_measure

CATALOGUE_FILE = RESOURCES / "indicators" / "catalogue.json"
PARTS = ("numerator", "denominator")
HALF_YEARLY = ("frequency", "half_year")


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    sets: Mapping[str, Mapping[str, Any]]  # "numerator" | "denominator" | "both" → filter (or "measure") → value


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    options: Mapping[str, Option]


@cache
def choice_catalogue() -> Mapping[str, Choice]:
    """Every choice the catalogue file declares, by key, its options in the file's order."""
    with open(CATALOGUE_FILE, encoding="utf-8") as handle:
        declared = json.load(handle)["choices"]
    return MappingProxyType({
        key: Choice(key, entry["label"], MappingProxyType({
            code: Option(code, option["label"], MappingProxyType(option.get("sets", {})))
            for code, option in entry["options"].items()}))
        for key, entry in declared.items()})


def selected(indicator: Indicator) -> dict[str, str]:
    """The indicator's choices (key → option) that the catalogue knows, in the catalogue's order."""
    stored = indicator.choices if isinstance(indicator.choices, dict) else {}
    return {key: stored[key] for key in choice_catalogue() if key in stored}


def choices_error(choices: Any) -> str | None:
    """A Russian message if the choices are not key → option of the declared choices, else None."""
    if choices is None:
        return None
    if not isinstance(choices, dict):
        return "Выбор определения должен быть набором «вопрос: вариант»."
    declared = choice_catalogue()
    for key, code in choices.items():
        if key not in declared:
            return f"Неизвестный вопрос определения «{key}»."
        if code not in declared[key].options:
            return f"«{declared[key].label}»: недопустимый вариант «{code}»."
    return None


def effective_spec(spec: dict, part: str, choices: dict[str, str]) -> dict:
    """The measure spec of `part` with the chosen options applied (filters the measure does not take are left out)."""
    measure, filters = spec["measure"], dict(spec.get("filters") or {})
    declared = choice_catalogue()
    for key, code in choices.items():
        option = declared[key].options[code]
        for target in (part, "both"):
            for name, value in option.sets.get(target, {}).items():
                if name == "measure":
                    measure = value
                else:
                    filters[name] = value
    accepted = get_measure(measure).filter_index
    return {"measure": measure, "filters": {k: v for k, v in filters.items() if k in accepted}}


def half_yearly(indicator: Indicator) -> bool:
    """Whether the indicator is analysed every half-year (seeds/003: «Анализ результатов мониторинга (раз в
    полугодие)»)."""
    key, code = HALF_YEARLY
    return selected(indicator).get(key) == code


def choice_lines(indicator: Indicator) -> list[str]:
    """«Question: chosen option» for each of the indicator's choices."""
    declared = choice_catalogue()
    return [f"{declared[key].label}: {declared[key].options[code].label}" for key, code in selected(indicator).items()]


def definition(indicator: Indicator) -> str:
    """The definition in plain Russian: what is counted, over which schools, which period, from which records,
    followed by the choices made where the seeds leave them open."""
    text = (indicator.description or "").strip() or "Определение не записано."
    lines = choice_lines(indicator)
    return text + ("\nВыбор определения: " + "; ".join(lines) + "." if lines else "")
