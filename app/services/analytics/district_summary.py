"""The district's summary of one school's year: every figure that compares the school with the district's other
schools, so it can only be computed where all the schools are.

At the district it is computed from the district's data (`compute_figures`) and travels, signed, in the district's
packet to the school (`summary_record`); the school keeps the last one per year and shows it «по данным района на
ДАТА» (`district_figures` answers at both installations, so a profile printed at either shows the same ИСБ and
group). A school never computes these over its own one school: before a summary arrives it has «нет данных района».

What a summary holds (`SummaryFigures`): the school's ИСБ, result index and group (quadrant: ИСБ and result index
split at the district medians), the medians and how many schools were compared, the status decisions of the year
with their basis, the district's value of each program indicator and this school's value as the district counts
it (a value relative to the other schools, such as positive dynamics, exists only there), the mean over the
district's schools of each column of the seeds/000 exam table, and the district's mean ЕГЭ score (Russian and
mathematics) for the four years up to this one.
"""

import math
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import DistrictSummary, utcnow
from app.services.analytics import chart_data, decisions
from app.services.analytics import selection as analytics
from app.services.analytics import stats
from app.services.ids import stable_id
from app.services.indicators.catalogue import indicator_table
from app.services.indicators.per_school import school_values
from app.services.installation import DISTRICT_DATA_MISSING, require_installation

YEARS_OF_RESULTS = 4


class Decision(TypedDict):
    status: str  # a code of SCHOOL_STATUSES
    decided_on: str | None  # ISO date
    basis: str | None


class IndicatorFigure(TypedDict):
    code: str
    district: float | None  # the district's value
    school: float | None  # this school's value as the district counts it (relative ones included)


class ColumnFigure(TypedDict):
    key: str  # a column of analytics.EXAM_TABLE_TITLES
    district: float | None


class YearFigure(TypedDict):
    year: int
    district: float | None


class SummaryFigures(TypedDict):
    isb: float | None
    result_index: float | None
    group: str | None  # one of analytics.QUADRANTS' names
    isb_median: float | None
    result_median: float | None
    schools_compared: int
    decisions: list[Decision]
    indicators: list[IndicatorFigure]
    results: list[ColumnFigure]
    ege_core: list[YearFigure]


@dataclass(frozen=True)
class DistrictFigures:
    """A school's district figures for a year and the date they were computed at the district."""

    school_id: str
    year: int
    as_of: date
    figures: SummaryFigures

    @property
    def as_of_text(self) -> str:
        return f"по данным района на {self.as_of:%d.%m.%Y}"

    def indicator(self, code: str) -> float | None:
        """The district's value of the indicator."""
        return next((item["district"] for item in self.figures["indicators"] if item["code"] == code), None)

    def school_indicator(self, code: str) -> float | None:
        """This school's value of the indicator as the district counted it."""
        return next((item["school"] for item in self.figures["indicators"] if item["code"] == code), None)

    def result(self, key: str) -> float | None:
        return next((item["district"] for item in self.figures["results"] if item["key"] == key), None)

    def ege_core(self, year: int) -> float | None:
        return next((item["district"] for item in self.figures["ege_core"] if item["year"] == year), None)


def _number(value: Any, digits: int = 3) -> float | None:
    return None if value is None else round(float(value), digits)


def _own(rows: list[dict], school_id: str) -> dict:
    """The school's row of a district table, or an empty one."""
    return next((row for row in rows if row["school_id"] == school_id), {})


def _standing(session: Session, school_id: str, year: int) -> dict[str, Any]:
    frame = analytics.quadrants(session, year)
    return {
        "isb": _number(_own(analytics.isb(session, year), school_id).get("isb"), 1),
        "result_index": _number(_own(analytics.result_index(session, year), school_id).get("result_index")),
        "group": _own(frame, school_id).get("quadrant"),
        "isb_median": _number(stats.median(row["isb"] for row in frame), 1),
        "result_median": _number(stats.median(row["result_index"] for row in frame)),
        "schools_compared": len(frame),
    }


def _decisions(session: Session, school_id: str, year: int) -> list[Decision]:
    return [{"status": d["status"], "decided_on": d["decided_on"].isoformat() if d["decided_on"] else None,
             "basis": d["basis"]} for d in decisions.status_decisions(session, year) if d["school_id"] == school_id]


def _result_columns(session: Session, year: int) -> list[ColumnFigure]:
    table = analytics.exam_indicator_table(session, year)
    return [{"key": key, "district": _number(stats.mean(row[key] for row in table), 1)}
            for key in analytics.EXAM_TABLE_TITLES if key != "school"]


def _indicators(session: Session, school_id: str, year: int) -> list[IndicatorFigure]:
    own = {v["code"]: v["value"] for v in school_values(session, [year], school_ids=[school_id])}
    return [{"code": row["code"], "district": row["actual"], "school": own.get(row["code"])}
            for row in indicator_table(session, year)]


def compute_figures(session: Session, school_id: str, year: int) -> SummaryFigures:
    """The summary of the school's year from the district's data (all its schools); a district installation only."""
    years = list(range(year - YEARS_OF_RESULTS + 1, year + 1))
    series = chart_data.school_vs_district(session, school_id, years)
    return {
        **_standing(session, school_id, year),
        "decisions": _decisions(session, school_id, year),
        "indicators": _indicators(session, school_id, year),
        "results": _result_columns(session, year),
        "ege_core": [{"year": point["year"], "district": point["district"]} for point in series["points"]],
    }


def summary_id(school_id: str, year: int) -> str:
    """The summary record's id: one per school and year, the same at the district and the school."""
    return stable_id("district_summary", school_id, year)


def summary_row(session: Session, school_id: str, year: int, today: date | None = None) -> dict[str, Any]:
    """The summary as a packet record for the school (the district does not store it: it is computed afresh for each
    packet), with every column of `DistrictSummary`; dates and times as ISO text."""
    now = utcnow().isoformat()
    return {"id": summary_id(school_id, year), "school_id": school_id, "year": year,
            "as_of": (today or date.today()).isoformat(), "figures": compute_figures(session, school_id, year),
            "origin": require_installation(session).id, "created_at": now, "updated_at": now, "deleted_at": None,
            "is_demo": False}


def district_figures(session: Session, school_id: str, year: int) -> DistrictFigures | None:
    """The district figures of the school's year: computed now at a district; at a school, the last summary the
    district sent (None before one has arrived, or when it cannot be read)."""
    if require_installation(session).kind == "district":
        return DistrictFigures(school_id, year, date.today(), compute_figures(session, school_id, year))
    stored = session.scalars(select(DistrictSummary).where(
        DistrictSummary.school_id == school_id, DistrictSummary.year == year,
        DistrictSummary.deleted_at.is_(None))).first()
    figures = read_figures(stored.figures) if stored is not None else None
    return DistrictFigures(school_id, year, stored.as_of, figures) if figures is not None else None


def with_district_count(value: float | None, reason: str, figures: DistrictFigures | None,
                        code: str) -> tuple[float | None, str]:
    """A school's own value of an indicator; where only the district can count it (relative to the other schools)
    the district's count from its summary, its source as the note; else «нет данных района» stays."""
    if reason != DISTRICT_DATA_MISSING or figures is None or figures.school_indicator(code) is None:
        return value, reason
    return figures.school_indicator(code), figures.as_of_text


# --- reading what arrived: a summary is data from outside, read strictly ---------------------------------------

def _finite(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value))


def _text(value: Any, limit: int = 2000) -> bool:
    return value is None or (isinstance(value, str) and len(value) <= limit)


def _items(value: Any, fields: dict[str, Any]) -> bool:
    return isinstance(value, list) and len(value) <= 1000 and all(
        isinstance(item, dict) and set(item) == set(fields) and all(check(item[k]) for k, check in fields.items())
        for item in value)


SHAPE = {
    "isb": _finite, "result_index": _finite, "group": lambda v: v is None or v in analytics.QUADRANTS.values(),
    "isb_median": _finite, "result_median": _finite,
    "schools_compared": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 100_000,
    "decisions": lambda v: _items(v, {"status": lambda s: isinstance(s, str) and len(s) <= 16,
                                      "decided_on": lambda d: _text(d, 10), "basis": _text}),
    "indicators": lambda v: _items(v, {"code": lambda c: isinstance(c, str) and len(c) <= 32, "district": _finite,
                                       "school": _finite}),
    "results": lambda v: _items(v, {"key": lambda k: k in analytics.EXAM_TABLE_TITLES, "district": _finite}),
    "ege_core": lambda v: _items(v, {"year": lambda y: isinstance(y, int) and 2000 <= y <= 2100,
                                     "district": _finite}),
}


def figures_problem(raw: Any) -> str | None:
    """What is wrong with a summary's figures as they arrived (in Russian), or None when they have the right shape."""
    if not isinstance(raw, dict) or set(raw) != set(SHAPE):
        return "сводка района должна содержать ровно поля " + ", ".join(SHAPE)
    wrong = [key for key, check in SHAPE.items() if not check(raw[key])]
    return f"в сводке района неверно заполнено поле {wrong[0]}" if wrong else None


def read_figures(raw: Any) -> SummaryFigures | None:
    """The figures of a stored summary, or None when they do not have the shape a district writes."""
    return raw if figures_problem(raw) is None else None
