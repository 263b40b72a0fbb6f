"""A chart as plain data: axes with their ticks, bars, lines, points with labels, reference lines, corner notes and
a legend. app.services.output.charts builds one per kind of chart from the chart data; app.services.output.painter
draws it with QPainter, on a report's picture or on a window's widget alike. No Qt here.

    Figure("Показатель 2.2", year_axis([2021, 2022]), value_axis("Значение", 0, 48),
           lines=(Line(((2021, 40.0), (2022, 48.0)), "#1f4e79"),), legend=(LegendEntry("План", "#1f4e79", True),))
"""

import math
from dataclasses import dataclass

from app.services.output.ru_format import format_number

NICE_STEPS = (1, 2, 2.5, 5, 10)  # × 10ⁿ
TICKS_WANTED = 5
MINUS = "\u2212"


@dataclass(frozen=True)
class Axis:
    """A data range, the ticks (value, text) shown along it, whether grid lines follow the ticks; `inverted` runs a
    vertical axis top to bottom (categories in their order)."""

    label: str
    low: float
    high: float
    ticks: tuple[tuple[float, str], ...]
    grid: bool = True
    inverted: bool = False


@dataclass(frozen=True)
class Box:
    """A rectangle in data coordinates."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Bars:
    """Filled boxes of one colour; `values`, when given, are written at the end of each (horizontal) bar; `tips`,
    when given, name each box in the window's tooltip."""

    boxes: tuple[Box, ...]
    colour: str
    outline: str = "#ffffff"
    values: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    colour: str


@dataclass(frozen=True)
class Point:
    """A scatter point: its tooltip names it; `label` is written beside it on the chart."""

    x: float
    y: float
    colour: str
    tip: str
    label: str = ""


@dataclass(frozen=True)
class Rule:
    """A dashed reference line across the plot at `value` (of the x axis when vertical)."""

    value: float
    vertical: bool


@dataclass(frozen=True)
class Note:
    """Bold text in a corner of the plot («top left», «bottom right», …), in a band the data keeps clear of."""

    text: str
    colour: str
    corner: str


@dataclass(frozen=True)
class LegendEntry:
    name: str
    colour: str
    line: bool = False  # a line with a marker, else a filled square


@dataclass(frozen=True)
class Figure:
    title: str
    x: Axis
    y: Axis
    bars: tuple[Bars, ...] = ()
    lines: tuple[Line, ...] = ()
    points: tuple[Point, ...] = ()
    rules: tuple[Rule, ...] = ()
    notes: tuple[Note, ...] = ()
    legend: tuple[LegendEntry, ...] = ()
    footnotes: tuple[tuple[str, str], ...] = ()  # (text, colour) under the x axis

    @property
    def empty(self) -> bool:
        return not (self.bars or self.lines or self.points)


def number_text(value: float, decimals: int) -> str:
    """A tick's number as a Russian reader writes it: «2,5», «−1», «15 000»."""
    return format_number(value, decimals).replace("-", MINUS)


def nice_step(span: float, wanted: int = TICKS_WANTED) -> float:
    """The round step (1, 2, 2,5 or 5 × 10ⁿ) that cuts `span` into about `wanted` parts."""
    raw = span / wanted
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(step * magnitude for step in NICE_STEPS if step * magnitude >= raw * (1 - 1e-9))


def _decimals(step: float) -> int:
    mantissa = step / 10 ** math.floor(math.log10(step))
    return max(0, -math.floor(math.log10(step)) + (1 if math.isclose(mantissa, 2.5) else 0))


def value_axis(label: str, low: float, high: float, whole: bool = False, snap: bool = True) -> Axis:
    """An axis from `low` to `high` with round ticks, widened to the outer ticks when `snap` (bars from 0 end on
    a tick); `whole` for counts (no tick between whole numbers)."""
    if not high > low:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    step = max(nice_step(high - low), 1.0 if whole else 0.0)
    start, end = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    if snap:
        low, high = start * step, end * step
    else:
        start, end = math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9)
    decimals = _decimals(step)
    ticks = tuple((i * step, number_text(i * step, decimals)) for i in range(start, end + 1))
    return Axis(label, low, high, ticks)


def padded_axis(label: str, values: list[float], share: float = 0.05) -> Axis:
    """A value axis around `values` with a margin of `share` of their span on both sides (not widened to ticks:
    ИСБ from 0 to 100 is drawn from −5 to 105, not from −25 to 125)."""
    if not values:
        return value_axis(label, 0.0, 1.0)
    low, high = min(values), max(values)
    margin = (high - low) * share or abs(high) * share or 1.0
    return value_axis(label, low - margin, high + margin, snap=False)


def year_axis(years: list[int], label: str = "Год") -> Axis:
    """One tick per year, half a year of room at both ends."""
    if not years:
        return Axis(label, 0.0, 1.0, ())
    return Axis(label, min(years) - 0.6, max(years) + 0.6, tuple((y, str(y)) for y in years), grid=False)


def category_axis(names: list[str], label: str = "") -> Axis:
    """Categories top to bottom at 0, 1, 2, …"""
    return Axis(label, -0.6, len(names) - 0.4, tuple(enumerate(names)), grid=False, inverted=True)
