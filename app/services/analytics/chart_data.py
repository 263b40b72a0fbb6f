"""Plain data for the charts (no Qt): series of numbers with Russian names, as the overview and reports draw them."""

from collections import Counter

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import School, alive
from app.services.analytics import selection as analytics
from app.services.indicators.catalogue import get_indicator, plan_fact
from app.services.indicators.dynamics import exam_frame
from app.services.indicators.measures import teacher_rows
from app.services.roadmaps.plans import roadmap_overview

CORE_EGE_SUBJECTS = ("Русский язык", "Математика")
ROADMAP_PARTS = ("done", "done_late", "overdue", "remaining")


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), 2)


def plan_fact_series(session: Session, code: str) -> dict:
    """The indicator's target and actual by year: {"code", "name", "unit", "points": [{year, target, actual}]}."""
    indicator = get_indicator(session, code)
    return {"code": indicator.code, "name": indicator.name, "unit": indicator.unit,
            "points": plan_fact(session, code)}


def _core_ege_means(frame: pd.DataFrame, by: list[str]) -> pd.Series:
    core = frame[(frame["exam"] == "ЕГЭ") & frame["subject"].str.startswith(CORE_EGE_SUBJECTS)]
    weighted = (core["mean_score"] * core["participants"]).groupby([core[c] for c in by]).sum()
    return weighted / core["participants"].groupby([core[c] for c in by]).sum()


def school_vs_district(session: Session, school_id: str, years: list[int]) -> dict:
    """Mean ЕГЭ score (Russian and mathematics, weighted by participants) of the school and of the district by year."""
    frame = exam_frame(session, list(years))
    district = _core_ege_means(frame, ["year"]) if not frame.empty else pd.Series(dtype=float)
    own = frame[frame["school_id"] == school_id]
    school = _core_ege_means(own, ["year"]) if not own.empty else pd.Series(dtype=float)
    return {"metric": "Средний балл ЕГЭ (русский язык и математика)",
            "points": [{"year": y, "school": _number(school.get(y)), "district": _number(district.get(y))}
                       for y in sorted(years)]}


def quadrant_points(session: Session, year: int) -> dict:
    """Schools as points (ИСБ, result index) with their quadrant, and the district medians that split them."""
    frame = analytics.quadrants(session, year)
    points = [{"school_id": row.school_id, "name": row.school, "isb": float(row.isb),
               "result": round(float(row.result_index), 3), "quadrant": row.quadrant}
              for row in frame.itertuples()]
    return {"year": year, "points": points,
            "isb_median": _number(frame["isb"].median()) if points else None,
            "result_median": _number(frame["result_index"].median()) if points else None}


def roadmap_by_section(session: Session, roadmap_id: str, year: int | None) -> dict:
    """The roadmap's occurrences of the year by section: done on time, late, overdue and remaining."""
    overview = roadmap_overview(session, roadmap_id, year=year)
    sections = [{"section": name, **{part: progress[part] for part in (*ROADMAP_PARTS, "total")}}
                for name, progress in overview["by_section"].items()]
    return {"title": overview["title"], "year": year, "sections": sections}


def course_coverage(session: Session, year: int) -> list[dict]:
    """Per school: staff employed in the year and the share of them who completed a course in the year."""
    staff = _per_school(session, year, {})
    trained = _per_school(session, year, {"has": ["completed_course"]})
    short = dict(session.execute(select(School.name, func.coalesce(School.short_name, School.name))
                                 .where(alive(School))).all())
    return [{"school": name, "short_name": short.get(name, name), "staff": total, "trained": trained[name],
             "share": round(100 * trained[name] / total, 1)}
            for name, total in sorted(staff.items()) if total]


def _per_school(session: Session, year: int, filters: dict) -> Counter:
    return Counter(row.school for row in session.execute(teacher_rows(session, year, filters)))
