"""Cross-field rules used by the registry, as small factories: each returns a `Rule` for two fields."""

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
