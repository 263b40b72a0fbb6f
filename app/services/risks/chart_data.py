"""What the risk map's chart draws (app.services.output.charts «risk_map»): schools × numbered factors, each cell a
level code, or None where the school has no level for the factor."""

from typing import TypedDict

from .risk_map import RiskMap


class RiskMapChart(TypedDict):
    factors: list[str]  # titles, in the order of their numbers 1, 2, …
    schools: list[str]  # short names, top to bottom
    levels: list[list[str | None]]  # per school, per factor


def risk_map_chart(risk_map: RiskMap) -> RiskMapChart:
    return {
        "factors": [factor.title for factor in risk_map.factors],
        "schools": [row.short_name for row in risk_map.rows],
        "levels": [[row.cells[factor.code].level for factor in risk_map.factors] for row in risk_map.rows],
    }
