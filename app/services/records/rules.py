"""Cross-field rules used by the registry, as small factories: each returns a `Rule` for two fields."""

from datetime import date
from typing import Any

from .spec import Rule


def _both(values: dict[str, Any], first: str, second: str) -> bool:
    return values.get(first) is not None and values.get(second) is not None


def ordered(first: str, second: str, message: str) -> Rule:
    """`second` may not come before `first` (dates or years)."""
    return lambda values: {second: message} if _both(values, first, second) and values[second] < values[first] else {}


def not_greater(part: str, whole: str, message: str) -> Rule:
    """`part` may not exceed `whole` (e.g. pupils at risk ≤ pupils)."""
    return lambda values: {part: message} if _both(values, part, whole) and values[part] > values[whole] else {}


def different(first: str, second: str, message: str) -> Rule:
    """Two references may not point to the same record."""
    return lambda values: {second: message} if _both(values, first, second) and values[first] == values[second] else {}


def required_when(name: str, condition_field: str, condition_value: Any, message: str) -> Rule:
    """`name` is required when `condition_field` holds `condition_value`."""
    return lambda values: (
        {name: message} if values.get(condition_field) == condition_value and values.get(name) is None else {}
    )


def sum_not_greater(parts: tuple[str, ...], whole: str, message: str) -> Rule:
    """The filled `parts` together may not exceed `whole` (e.g. marks «2»…«5» ≤ participants); shown at the last part."""
    def rule(values: dict[str, Any]) -> dict[str, str]:
        if values.get(whole) is None:
            return {}
        total = sum(values.get(part) or 0 for part in parts)
        return {parts[-1]: message} if total > values[whole] else {}
    return rule


def within_when(name: str, condition_field: str, condition_value: Any, low: float, high: float, message: str) -> Rule:
    """`name` must lie in [low, high] when `condition_field` holds `condition_value` (e.g. ОГЭ mark 2–5)."""
    return lambda values: (
        {name: message} if values.get(condition_field) == condition_value and values.get(name) is not None
        and not low <= values[name] <= high else {}
    )


def one_of_values(name: str, allowed: tuple[Any, ...], message: str) -> Rule:
    """`name`, when filled, must be one of `allowed` (e.g. graduation grade 9 or 11)."""
    return lambda values: {name: message} if values.get(name) is not None and values[name] not in allowed else {}


def empty_unless(name: str, condition_field: str, condition_value: Any, message: str) -> Rule:
    """`name` may be filled only when `condition_field` holds `condition_value` (e.g. «менее 30 баллов» — ЕГЭ only)."""
    return lambda values: (
        {name: message} if values.get(name) is not None and values.get(condition_field) != condition_value else {}
    )


def not_in_future(name: str, message: str) -> Rule:
    """A date that may not lie after today (e.g. when a course was completed)."""
    return lambda values: {name: message} if values.get(name) is not None and values[name] > date.today() else {}
