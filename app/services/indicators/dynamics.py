"""Standardised exam results and a school's year-over-year dynamics (used by measures and analytics).

Positive dynamics of a school in year Y (the method, also in docs/isb.md):
1. take the ЕГЭ and ОГЭ results (school × exam × subject) with a mean score and participants that the school has
   in both Y−1 and Y (a subject taken in one year only would not show a change);
2. per exam and subject, standardise the school means over both years together: z = (mean − m) / σ, where m and σ
   are the participant-weighted mean and standard deviation of those school means (σ = 0 gives z = 0), so a
   rise in raw scores shows as a rise and ЕГЭ points and ОГЭ marks become comparable;
3. a school's index for a year is the participant-weighted mean of its z over exams and subjects;
4. the school shows positive dynamics when its index in Y is greater than in Y−1 (both years must have data).

Plain Python over the result rows: sums within a group are compensated (Kahan) in the order of the rows, so the
figures are the same to the last digit as those of the spreadsheet-like tables computed before.
"""

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import NamedTuple, TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ExamResult, School, alive
from app.services.frames import session_cache

CACHE_KEY = "kurator_dynamics_cache"


class ExamRow(NamedTuple):
    """One ЕГЭ/ОГЭ result of a school: the mean score of its participants in a subject."""

    school_id: str
    year: int
    exam: str
    subject: str
    participants: int
    mean_score: float


class Dynamics(TypedDict):
    school_id: str
    previous: float
    current: float
    delta: float
    positive: bool


def exam_frame(session: Session, years: list[int]) -> list[ExamRow]:
    """ЕГЭ/ОГЭ results of the years (live rows of live schools, with a mean score and participants), year by year;
    inside `caching`, each year is read once."""
    cache = session.info.get(CACHE_KEY)
    if cache is None:
        return _read_exams(session, years)
    missing = [y for y in years if ("exams", y) not in cache]
    if missing:
        by_year: dict[int, list[ExamRow]] = {year: [] for year in missing}
        for row in _read_exams(session, missing):
            by_year[row.year].append(row)
        cache.update({("exams", year): rows for year, rows in by_year.items()})
    return [row for year in years for row in cache[("exams", year)]]


def _read_exams(session: Session, years: list[int]) -> list[ExamRow]:
    query = (
        select(ExamResult.school_id, ExamResult.year, ExamResult.exam, ExamResult.subject, ExamResult.participants,
               ExamResult.mean_score)
        .join(School, School.id == ExamResult.school_id)
        .where(ExamResult.year.in_(years), alive(ExamResult), alive(School),
               ExamResult.mean_score.is_not(None), ExamResult.participants > 0)
    )
    session.flush()
    return [ExamRow._make(row) for row in session.connection().execute(query)]


def _group_sums(keys: Sequence[Hashable], values: Iterable[float]) -> dict[Hashable, float]:
    """The sum of the values per key, compensated (Kahan) in the order of the rows."""
    sums: dict[Hashable, float] = {}
    errors: dict[Hashable, float] = {}
    for key, value in zip(keys, values):
        total = sums.get(key)
        if total is None:
            sums[key], errors[key] = float(value), 0.0
            continue
        corrected = value - errors[key]
        new_total = total + corrected
        errors[key] = (new_total - total) - corrected
        sums[key] = new_total
    return sums


def weighted_mean(keys: Sequence[Hashable], values: Sequence[float], weights: Sequence[float]) -> dict[Hashable, float]:
    """The weighted mean of the values per key (keys in order of first appearance)."""
    totals = _group_sums(keys, weights)
    weighted = _group_sums(keys, (x * w for x, w in zip(values, weights)))
    return {key: weighted[key] / totals[key] for key in weighted}


def weighted_z(keys: Sequence[Hashable], values: Sequence[float], weights: Sequence[float]) -> list[float]:
    """z-scores of the values within each key's group, against the group's weighted mean and (population) deviation;
    0 where the group's deviation is 0."""
    totals = _group_sums(keys, weights)
    means = weighted_mean(keys, values, weights)
    deviations = [x - means[key] for key, x in zip(keys, values)]
    variances = _group_sums(keys, (d * d * w for d, w in zip(deviations, weights)))
    sigmas = {key: math.sqrt(variance / totals[key]) for key, variance in variances.items()}
    return [d / sigmas[key] if sigmas[key] > 0 else 0.0 for key, d in zip(keys, deviations)]


def dynamics_frame(session: Session, year: int) -> list[Dynamics]:
    """Per school (in order of its first result): index in Y−1 and Y (standardised over both years), the change
    and whether it is positive."""
    rows = exam_frame(session, [year - 1, year])
    taken = Counter((row.school_id, row.exam, row.subject) for row in rows)
    rows = [row for row in rows if taken[(row.school_id, row.exam, row.subject)] == 2]  # one row per year at most
    weights = [row.participants for row in rows]
    z = weighted_z([(row.exam, row.subject) for row in rows], [row.mean_score for row in rows], weights)
    index = weighted_mean([(row.school_id, row.year) for row in rows], z, weights)
    result: list[Dynamics] = []
    for school_id in dict.fromkeys(row.school_id for row in rows):
        previous, current = index.get((school_id, year - 1)), index.get((school_id, year))
        if previous is not None and current is not None:
            result.append({"school_id": school_id, "previous": previous, "current": current,
                           "delta": current - previous, "positive": current - previous > 0})
    return result


def schools_with_positive_dynamics(session: Session, year: int) -> list[str]:
    """Ids of the schools whose standardised ЕГЭ/ОГЭ index rose from Y−1 to Y (memoised inside `caching`)."""
    cache = session.info.get(CACHE_KEY)
    if cache is not None and year in cache:
        return cache[year]
    ids = [row["school_id"] for row in dynamics_frame(session, year) if row["positive"]]
    if cache is not None:
        cache[year] = ids
    return ids


def caching(session: Session) -> AbstractContextManager[None]:
    """Within the block, each year's dynamics is computed once (for a table of many indicators)."""
    return session_cache(session, CACHE_KEY)
