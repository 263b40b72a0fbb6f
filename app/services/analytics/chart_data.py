"""Plain data for the charts (no Qt): series of numbers with Russian names, as the overview and reports draw them."""

from collections import Counter
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import School, SchoolStatus, alive
from app.services.analytics import selection as analytics
from app.services.analytics import stats
from app.services.indicators.catalogue import PlanFactPoint, get_indicator, plan_fact
from app.services.indicators.dynamics import ExamRow, exam_frame, weighted_mean
from app.services.indicators.measures import teacher_rows
from app.services.installation import district_figures_here
from app.services.roadmaps.plans import ProgressCounts, roadmap_overview

CORE_EGE_SUBJECTS = ("Русский язык", "Математика")


def _number(value) -> float | None:
    return None if value is None else round(float(value), 2)


class PlanFactSeries(TypedDict):
    code: str
    name: str
    unit: str
    points: list[PlanFactPoint]


def plan_fact_series(session: Session, code: str) -> PlanFactSeries:
    """The indicator's target and actual by year: {"code", "name", "unit", "points": [{year, target, actual}]}."""
    indicator = get_indicator(session, code)
    return {"code": indicator.code, "name": indicator.name, "unit": indicator.unit,
            "points": plan_fact(session, code)}


def _core_ege_means(rows: list[ExamRow]) -> dict[int, float]:
    """Year → the participant-weighted mean ЕГЭ score in Russian and mathematics over the rows."""
    core = [row for row in rows if row.exam == "ЕГЭ" and row.subject.startswith(CORE_EGE_SUBJECTS)]
    return weighted_mean([row.year for row in core], [row.mean_score for row in core],
                         [row.participants for row in core])


class SchoolDistrictPoint(TypedDict):
    year: int
    school: float | None
    district: float | None


class SchoolVsDistrict(TypedDict):
    metric: str
    points: list[SchoolDistrictPoint]


def school_vs_district(session: Session, school_id: str, years: list[int]) -> SchoolVsDistrict:
    """Mean ЕГЭ score (Russian and mathematics, weighted by participants) of the school and of the district by year;
    the district's is None in a school's own database (it would be the school's own)."""
    rows = exam_frame(session, list(years))
    district = _core_ege_means(rows) if district_figures_here(session) else {}
    school = _core_ege_means([row for row in rows if row.school_id == school_id])
    return {"metric": "Средний балл ЕГЭ (русский язык и математика)",
            "points": [{"year": y, "school": _number(school.get(y)), "district": _number(district.get(y))}
                       for y in sorted(years)]}


class QuadrantPoint(TypedDict):
    school_id: str
    name: str
    isb: float
    result: float
    quadrant: str
    label: str  # the settlement (or name) of a school holding ШНОР or ШНСУ in the year, named on the chart; else ""


class Quadrants(TypedDict):
    year: int
    district: bool  # False in a school's own database: no points, the figures are the district's
    points: list[QuadrantPoint]
    isb_median: float | None
    result_median: float | None


def quadrant_points(session: Session, year: int) -> Quadrants:
    """Schools as points (ИСБ, result index) with their quadrant, and the district medians that split them; none in a
    school's own database (both axes are relative to the district's schools)."""
    if not district_figures_here(session):
        return {"year": year, "district": False, "points": [], "isb_median": None, "result_median": None}
    frame = analytics.quadrants(session, year)
    labels = _program_labels(session, year)
    points: list[QuadrantPoint] = [{"school_id": row["school_id"], "name": row["school"], "isb": float(row["isb"]),
               "result": round(float(row["result_index"]), 3), "quadrant": row["quadrant"],
               "label": labels.get(row["school_id"], "")} for row in frame]
    return {"year": year, "district": True, "points": points,
            "isb_median": _number(stats.median(row["isb"] for row in frame)),
            "result_median": _number(stats.median(row["result_index"] for row in frame))}


def _program_labels(session: Session, year: int) -> dict[str, str]:
    """school id → a short label (settlement, else short name, else name) of the schools holding ШНОР or ШНСУ."""
    schools = session.execute(select(School.id, School.settlement, School.short_name, School.name).distinct()
                              .join(SchoolStatus, SchoolStatus.school_id == School.id)
                              .where(SchoolStatus.year == year, SchoolStatus.status.in_(("shnor", "shnsu")),
                                     alive(SchoolStatus), alive(School)))
    return {school_id: settlement or short or name for school_id, settlement, short, name in schools}


class SectionBar(TypedDict):
    section: str
    done: int
    done_late: int
    overdue: int
    remaining: int
    total: int


class RoadmapSections(TypedDict):
    title: str
    year: int | None
    sections: list[SectionBar]


def roadmap_by_section(session: Session, roadmap_id: str, year: int | None) -> RoadmapSections:
    """The roadmap's occurrences of the year by section: done on time, late, overdue and remaining."""
    overview = roadmap_overview(session, roadmap_id, year=year)
    sections = [_section_bar(name, progress) for name, progress in overview["by_section"].items()]
    return {"title": overview["title"], "year": year, "sections": sections}


def _section_bar(name: str, progress: ProgressCounts) -> SectionBar:
    return {"section": name, "done": progress["done"], "done_late": progress["done_late"],
            "overdue": progress["overdue"], "remaining": progress["remaining"], "total": progress["total"]}


class CoverageRow(TypedDict):
    """A school's staff employed in the year, how many of them completed a course, and the share in %."""

    school: str
    short_name: str
    staff: int
    trained: int
    share: float


def course_coverage(session: Session, year: int) -> list[CoverageRow]:
    """Per school: staff employed in the year and the share of them who completed a course in the year."""
    staff = _per_school(session, year, {})
    trained = _per_school(session, year, {"has": ["completed_course"]})
    short = dict(session.execute(select(School.name, func.coalesce(School.short_name, School.name))
                                 .where(alive(School))).all())
    return [{"school": name, "short_name": short.get(name, name), "staff": total, "trained": trained[name],
             "share": round(100 * trained[name] / total, 1)}
            for name, total in sorted(staff.items()) if total]


def _per_school(session: Session, year: int, filters: dict) -> Counter:
    """School name → its staff matching `filters`, counted by the database (a region's 40,000 rows never fetched)."""
    rows = teacher_rows(session, year, filters).subquery()
    return Counter(dict(session.execute(select(rows.c.school, func.count()).group_by(rows.c.school)).all()))
