"""What the school's overview shows for a year, and `kurator school-summary --json`: the school's statuses this year
and before (with their basis), its program indicators against the district's value and the target, its roadmap
(overdue, due this month, done), the recommendations addressed to it with their state, and what is not filled yet.

The school's own value of an indicator is counted over its own records (its teachers, its exam papers), as the
district counts it per school (`indicators.per_school`). A value relative to the district's other schools (positive
dynamics is judged on results standardised over the district) is never counted here; like ИСБ, the group and the
district's values it comes only from the district's summary («нет данных района» before one arrives).
"""

from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import IndicatorTarget, SchoolStatus, alive
from app.models.reference import LOCALITIES, SCHOOL_STATUSES
from app.services.analytics.district_summary import DistrictFigures, district_figures, with_district_count
from app.services.indicators.catalogue import list_indicators
from app.services.indicators.per_school import school_result, standing
from app.services.installation import own_school
from app.services.output.ru_format import format_value
from app.services.roadmaps.plans import FINISHED_STATUSES
from app.services.roadmaps.view import event_rows
from app.services.school.answers import RecommendationState, recommendations_to
from app.services.school.checklist import Checklist, sign_off_checklist
from app.services.school.roadmap import own_roadmaps

PROGRAM_STATUSES = ("shnor", "shnsu", "500plus")


@dataclass(frozen=True)
class StatusLine:
    year: int
    status: str  # code of SCHOOL_STATUSES
    basis: str | None
    decided_on: date | None

    @property
    def label(self) -> str:
        return SCHOOL_STATUSES.get(self.status, self.status)


@dataclass(frozen=True)
class IndicatorLine:
    """One program indicator: our value (or why there is none), the district's value and the year's target."""

    code: str
    name: str
    unit: str
    direction: str
    value: float | None
    reason: str
    district: float | None
    target: float | None

    @property
    def standing(self) -> str:
        """Our value against the district's value and the target: a code of per_school.STANDINGS."""
        return standing(self.value, self.reason, self.district, self.target, self.direction)


@dataclass(frozen=True)
class RoadmapCounts:
    """The school's roadmap events in the year: overdue, still open and due this month, done (on time or late)."""

    roadmap_id: str | None
    events: int
    overdue: int
    due_this_month: int
    done: int


@dataclass(frozen=True)
class SchoolOverview:
    school_code: str
    school_name: str
    year: int
    statuses: list[StatusLine]
    district: DistrictFigures | None
    indicators: list[IndicatorLine]
    roadmap: RoadmapCounts
    recommendations: list[RecommendationState]
    checklist: Checklist

    @property
    def this_year(self) -> list[StatusLine]:
        return [line for line in self.statuses if line.year == self.year]

    def as_json(self) -> "SchoolSummaryJson":
        figures = self.district.figures if self.district else None
        return {
            "school": self.school_code, "year": self.year,
            "statuses": [{"year": s.year, "status": s.status, "label": s.label, "basis": s.basis}
                         for s in self.statuses],
            "isb": figures["isb"] if figures else None, "group": figures["group"] if figures else None,
            "district_as_of": self.district.as_of.isoformat() if self.district else None,
            "indicators": [{"code": i.code, "value": i.value, "district": i.district, "target": i.target}
                           for i in self.indicators],
            "roadmap": {"overdue": self.roadmap.overdue, "due_this_month": self.roadmap.due_this_month,
                        "done": self.roadmap.done},
            "missing": [section.title for section in self.checklist.incomplete],
        }


class StatusJson(TypedDict):
    year: int
    status: str
    label: str
    basis: str | None


class IndicatorJson(TypedDict):
    code: str
    value: float | None
    district: float | None
    target: float | None


class RoadmapJson(TypedDict):
    overdue: int
    due_this_month: int
    done: int


class SchoolSummaryJson(TypedDict):
    """`kurator school-summary --json` (the shape issue 12 fixes)."""

    school: str
    year: int
    statuses: list[StatusJson]
    isb: float | None
    group: str | None
    district_as_of: str | None
    indicators: list[IndicatorJson]
    roadmap: RoadmapJson
    missing: list[str]


def status_history(session: Session, school_id: str, up_to: int) -> list[StatusLine]:
    """The school's program statuses (ШНОР, ШНСУ, «500+») decided by the district, up to the year, newest first."""
    query = (select(SchoolStatus).where(SchoolStatus.school_id == school_id, SchoolStatus.year <= up_to,
                                        SchoolStatus.status.in_(PROGRAM_STATUSES), alive(SchoolStatus))
             .order_by(SchoolStatus.year.desc(), SchoolStatus.status))
    return [StatusLine(s.year, s.status, s.basis, s.decided_on) for s in session.scalars(query)]


def indicator_lines(session: Session, school_id: str, year: int,
                    district: DistrictFigures | None) -> list[IndicatorLine]:
    """Every program indicator with our value (counted here, or by the district where only it can), the
    district's value (from its summary) and the year's target."""
    targets = _targets(session, year)
    lines = []
    for indicator in list_indicators(session):
        result = school_result(session, indicator, year, school_id)
        value, reason = with_district_count(result.value, result.reason, district, indicator.code)
        lines.append(IndicatorLine(indicator.code, indicator.name, indicator.unit, indicator.direction, value,
                                   reason, district.indicator(indicator.code) if district else None,
                                   targets.get(indicator.id)))
    return lines


def _targets(session: Session, year: int) -> dict[str, float]:
    return dict(session.execute(select(IndicatorTarget.indicator_id, IndicatorTarget.value).where(
        IndicatorTarget.year == year, alive(IndicatorTarget))).all())


def roadmap_counts(session: Session, school_id: str, year: int, today: date | None = None) -> RoadmapCounts:
    """Events of the school's roadmaps for the year by state, as the roadmap page's filters count them."""
    roadmaps = own_roadmaps(session, school_id, year)
    rows = [row for roadmap in roadmaps for row in event_rows(session, roadmap.id, year, today)]
    return RoadmapCounts(roadmaps[0].id if roadmaps else None, len(rows),
                         sum(row["status"] == "overdue" for row in rows), sum(row["due_this_month"] for row in rows),
                         sum(row["status"] in FINISHED_STATUSES for row in rows))


def school_facts(session: Session) -> list[str]:
    """The school's register record as two lines for «Наша школа» (the district keeps it; its packet updates it)."""
    school = own_school(session)
    if school is None:
        return []
    place = ", ".join(filter(None, (school.kind, LOCALITIES.get(school.locality), school.settlement)))
    growth = f"открыт {format_value(school.growth_point_opened)}" if school.growth_point_opened else "нет"
    return [f"{school.name}, код {school.code} · {place}",
            f"Директор: {school.director or 'не указан'} · обучающихся: "
            f"{school.pupils if school.pupils is not None else 'не указано'} · центр «Точка роста»: {growth}",
            "Эти сведения ведёт управление образования: они обновляются пакетом от района."]


def school_overview(session: Session, year: int, today: date | None = None) -> SchoolOverview:
    """Everything the school's overview shows for the year (at a school installation)."""
    school = own_school(session)
    if school is None:
        raise KuratorError("Сводка школы строится в базе школы (kurator init --mode school).")
    district = district_figures(session, school.id, year)
    return SchoolOverview(
        school.code, school.name, year, status_history(session, school.id, year), district,
        indicator_lines(session, school.id, year, district), roadmap_counts(session, school.id, year, today),
        recommendations_to(session, school.id, year), sign_off_checklist(session, school.id, year, today))
