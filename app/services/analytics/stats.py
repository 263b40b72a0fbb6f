"""Plain statistics over the district's schools, where a school may have no value (None): missing values are left
out, as a spreadsheet leaves out empty cells, and a statistic of no values is None («нет данных»)."""

import math
from collections.abc import Iterable


def present(values: Iterable[float | None]) -> list[float]:
    return [v for v in values if v is not None]


def mean(values: Iterable[float | None]) -> float | None:
    """The arithmetic mean of the values there are."""
    known = present(values)
    return math.fsum(known) / len(known) if known else None


def quantile(values: Iterable[float | None], q: float) -> float | None:
    """The q-quantile of the values there are, by linear interpolation between the two nearest ranks: position
    (n − 1)·q in the sorted values (the spreadsheet's and the statistics textbooks' «inclusive» method)."""
    known = sorted(present(values))
    if not known:
        return None
    position = (len(known) - 1) * q
    below = math.floor(position)
    low, high = known[below], known[min(below + 1, len(known) - 1)]
    t = position - below
    return high - (high - low) * (1 - t) if t >= 0.5 else low + (high - low) * t  # from the nearer end


def median(values: Iterable[float | None]) -> float | None:
    """The middle value, or the mean of the two middle ones."""
    known = sorted(present(values))
    if not known:
        return None
    middle = len(known) // 2
    return known[middle] if len(known) % 2 else (known[middle - 1] + known[middle]) / 2


def rounded(value: float | None, digits: int) -> float | None:
    """The value rounded as the tables have always shown it: the value times 10^digits to the nearest integer (a
    half to the even one), divided back."""
    if value is None:
        return None
    scale = 10.0 ** digits
    return round(value * scale) / scale


def share(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator in %; None where either is missing or the denominator is not positive."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return 100 * numerator / denominator
