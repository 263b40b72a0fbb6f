"""What the risk map's charts draw (app.services.output.charts): for a district, schools × numbered factors («risk_map»),
each cell a level code or None where the school has no level; beyond `MAP_CHART_SCHOOLS` schools (a region), how
many schools have each level of each factor («risk_levels»), which stays readable at any size."""

from typing import TypedDict

from .risk_map import RiskMap

MAP_CHART_SCHOOLS = 40
CHART_CAPTIONS = {"risk_map": "Карта рисков школ, {year} год",
                  "risk_levels": "Число школ с каждым уровнем фактора риска, {year} год"}


class RiskMapChart(TypedDict):
    factors: list[str]  # titles, in the order of their numbers 1, 2, …
    schools: list[str]  # short names, top to bottom
    levels: list[list[str | None]]  # per school, per factor


class FactorLevels(TypedDict):
    factor: str  # «1. Низкий уровень оснащения школы»
    high: int
    medium: int
    low: int
    none: int


class RiskLevelsChart(TypedDict):
    factors: list[FactorLevels]


def risk_map_chart(risk_map: RiskMap) -> RiskMapChart:
    return {
        "factors": [factor.title for factor in risk_map.factors],
        "schools": [row.short_name for row in risk_map.rows],
        "levels": [[row.cells[factor.code].level for factor in risk_map.factors] for row in risk_map.rows],
    }


def risk_levels_chart(risk_map: RiskMap) -> RiskLevelsChart:
    return {"factors": [{"factor": f"{number}. {factor.title}", **factor.counts}  # type: ignore[typeddict-item]
                        for number, factor in enumerate(risk_map.factors, start=1)]}


def risk_chart(risk_map: RiskMap) -> tuple[str, RiskMapChart | RiskLevelsChart]:
    """The chart kind that suits the map's size, with its data."""
    if len(risk_map.rows) <= MAP_CHART_SCHOOLS:
        return "risk_map", risk_map_chart(risk_map)
    return "risk_levels", risk_levels_chart(risk_map)
