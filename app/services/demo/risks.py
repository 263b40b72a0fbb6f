"""The «500+» schools' risk profiles (2021, 2022), concept, medium-term program and anti-risk programs whose measures
are events of their roadmaps (resources/demo/risks.json).

Added once the rest of the demo is in the database, because the factors Kurator has data for take the level that
data suggests (app.services.risks.evidence: staffing, passports, diagnostics, courses); the others come from the
schools' synthetic self-diagnosis. The priority risks are the most severe ones, up to the methodology's three.
"""

from datetime import date

from sqlalchemy.orm import Session

from app.models import (
    RiskIndicator,
    RiskLevel,
    RiskMeasure,
    RiskProfile,
    RiskProgram,
    Roadmap,
    RoadmapEvent,
    RoadmapSection,
)
from app.services.risks.evidence import profile_evidence
from app.services.risks.factors import DEFAULT_PRIORITY_LIMIT, STANDARD_FACTORS, StandardFactor, factor_id
from app.services.risks.profiles import LEVEL_SEVERITY
from app.services.risks.programs import section_title
from app.services.risks.roadmap_link import ROADMAP_APPROVAL, school_roadmap_title

from .context import DemoContext
from .data import load
from .roadmaps import school_roadmap_key
from .specs import SchoolSpec

SOURCE = "school"  # who owns every record here


def add_risk_profiles(ctx: DemoContext, session: Session) -> None:
    """Register the profiles and programs of the «500+» schools this installation holds (saved by the caller)."""
    data = load("risks")
    for spec in ctx.schools:
        for year in data["years"]:
            if spec.has("500plus", year) and spec.code in data["self_diagnosis"]:
                _add_year(ctx, session, spec, year)


def _levels(session: Session, spec: SchoolSpec, school_id: str, year: int) -> dict[str, str]:
    """Each factor's level: what Kurator's data suggest where it has data, the self-diagnosis elsewhere."""
    levels = dict(load("risks")["self_diagnosis"][spec.code][str(year)])
    evidence = profile_evidence(session, school_id, year, [f.evidence for f in STANDARD_FACTORS])
    for factor in STANDARD_FACTORS:
        suggested = evidence[factor.evidence].suggested if factor.evidence in evidence else None
        if suggested:
            levels[factor.code] = suggested
    return levels


def _priority(levels: dict[str, str]) -> list[StandardFactor]:
    """The most severe risks found (high before medium, then in the list's order), up to three."""
    found = [f for f in STANDARD_FACTORS if levels.get(f.code) in ("high", "medium")]
    found.sort(key=lambda f: -LEVEL_SEVERITY[levels[f.code]])
    return found[:DEFAULT_PRIORITY_LIMIT]


def _add_year(ctx: DemoContext, session: Session, spec: SchoolSpec, year: int) -> None:
    data, records, school_id = load("risks"), ctx.records, ctx.school_id(spec.code)
    levels = _levels(session, spec, school_id, year)
    priority = _priority(levels)
    source = data["source"][str(year)]
    profile_id = records.add(
        RiskProfile, spec.code, year, owner=SOURCE, school_id=school_id, year=year, source=source,
        source_file=data["source_file"].format(code=spec.code, year=year) if source == "excel" else None,
        filled_on=date.fromisoformat(data["filled_on"][str(year)]), filled_by=_filled_by(ctx, spec),
    )
    for factor in STANDARD_FACTORS:
        if factor.code in levels:
            records.add(RiskLevel, spec.code, year, factor.code, owner=SOURCE, profile_id=profile_id,
                        factor_id=factor_id(factor.code), level=levels[factor.code], priority=factor in priority)
    approved = data["approved_by"].format(date=data["approval_dates"][str(year)], number=40 + year % 100)
    for kind in ("concept", "medium_term"):
        _program(ctx, profile_id, spec, year, kind, None, data[kind], approved)
    roadmap = _RoadmapPlace(ctx, spec, year)
    for factor in priority:
        program = data["programs"][factor.code]
        program_id = _program(ctx, profile_id, spec, year, "anti_risk", factor, program, approved)
        roadmap.add_measures(program_id, factor, program["measures"])


def _filled_by(ctx: DemoContext, spec: SchoolSpec) -> str:
    deputy = ctx.plans[spec.code].first("deputy_uvr")
    return f"{deputy.full_name}, заместитель директора по УВР" if deputy else "Заместитель директора по УВР"


def _program(ctx: DemoContext, profile_id: str, spec: SchoolSpec, year: int, kind: str,
             factor: StandardFactor | None, text: dict, approved: str) -> str:
    key = factor.code if factor else kind
    program_id = ctx.records.add(
        RiskProgram, spec.code, year, key, owner=SOURCE, profile_id=profile_id, kind=kind,
        factor_id=factor_id(factor.code) if factor else None, goal=text["goal"], tasks="\n".join(text["tasks"]),
        approved_by=approved,
    )
    for position, indicator in enumerate(text.get("indicators", [])):
        ctx.records.add(RiskIndicator, spec.code, year, key, position, owner=SOURCE, program_id=program_id,
                        name=indicator["name"], unit=indicator["unit"], target=float(indicator["target"]),
                        actual=_actual(indicator, year), position=position)
    return program_id


def _actual(indicator: dict, year: int) -> float | None:
    value = indicator["actual"].get(str(year))
    return None if value is None else float(value)


class _RoadmapPlace:
    """Where the year's measures go: the school's roadmap for the year (its ШНОР roadmap, or one made for them), a
    section per program numbered after the roadmap's own."""

    def __init__(self, ctx: DemoContext, spec: SchoolSpec, year: int):
        template = load("synthetic")["school_roadmap"]
        self.ctx, self.spec, self.year = ctx, spec, year
        own = spec.has("shnor") and template["year_from"] <= year <= template["year_to"]
        self.sections = len(template["sections"]) if own else 0
        self.events = sum(len(s["events"]) for s in template["sections"]) if own else 0
        self.roadmap_id = ctx.records.add(
            Roadmap, school_roadmap_key(spec.code, year), owner=SOURCE, title=school_roadmap_title(spec.name, year),
            level="school", school_id=ctx.school_id(spec.code), year_from=year, year_to=year,
            approved_by=ROADMAP_APPROVAL)

    def add_measures(self, program_id: str, factor: StandardFactor, measures: list[dict]) -> None:
        records, progress = self.ctx.records, load("risks")["measure_progress"][str(self.year)]
        self.sections += 1
        number = str(self.sections)
        section_id = records.add(RoadmapSection, self.roadmap_id, "risks", factor.code, owner=SOURCE,
                                 roadmap_id=self.roadmap_id, number=number, position=self.sections,
                                 title=section_title("anti_risk", factor))
        responsible = _responsible_ids(self.ctx, self.spec)
        for index, measure in enumerate(measures):
            self.events += 1
            event_id = records.add(
                RoadmapEvent, self.roadmap_id, "risks", factor.code, index, owner=SOURCE, roadmap_id=self.roadmap_id,
                section_id=section_id, number=f"{number}.{index + 1}", title=measure["title"],
                deadline_text=measure["deadline_text"], responsible=measure["responsible"],
                responsible_teacher_id=responsible.get(measure["responsible"]),
                planned_result=measure["expected_result"], status=progress[index % len(progress)],
                position=self.events)
            records.add(RiskMeasure, program_id, event_id, owner=SOURCE, program_id=program_id, event_id=event_id,
                        position=index)


def _responsible_ids(ctx: DemoContext, spec: SchoolSpec) -> dict[str, str]:
    plan = ctx.plans[spec.code]
    found = {label: plan.first(position) for label, position in load("synthetic")["responsible_positions"].items()}
    return {label: member.id for label, member in found.items() if member}
