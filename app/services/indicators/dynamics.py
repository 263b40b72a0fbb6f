"""Standardised exam results and a school's year-over-year dynamics (used by measures and analytics).

Positive dynamics of a school in year Y (the method, also in docs/isb.md):
1. take the ЕГЭ and ОГЭ results (school × exam × subject) with a mean score and participants that the school has
   in both Y−1 and Y (a subject taken in one year only would not show a change);
2. per exam and subject, standardise the school means over both years together: z = (mean − m) / σ, where m and σ
   are the participant-weighted mean and standard deviation of those school means (σ = 0 gives z = 0), so a
   rise in raw scores shows as a rise and ЕГЭ points and ОГЭ marks become comparable;
3. a school's index for a year is the participant-weighted mean of its z over exams and subjects;
4. the school shows positive dynamics when its index in Y is greater than in Y−1 (both years must have data).

Plain Python over the result rows: sums within a group are compensated (Kahan) in the order of the rows (on the
demo district and a generated region of 2,000 schools every figure is the same to the last digit as with the pandas
tables used before).
"""

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TypedDict

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from app.models import ExamResult, School, alive
from app.services.frames import session_cache

CACHE_KEY = "kurator_dynamics_cache"


ExamRow = Row[tuple[str, int, str, str, int, float]]  # school_id, year, exam, subject, participants, mean_score


class Dynamics(TypedDict):
    school_id: str
    previous: float
    current: float
    delta: float
    positive: bool


def exam_frame(session: Session, years: list[int]) -> list[ExamRow]:
    """ЕГЭ/ОГЭ results of the years (live rows of live schools, with a mean score and participants), year by year,
    each row the mean score of a school's participants in a subject; inside `caching`, each year is read once."""
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
    return session.connection().execute(query).all()


def _groups(keys: Iterable[Hashable]) -> dict[Hashable, list[int]]:
    """The positions of each key, keys in order of first appearance."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for position, key in enumerate(keys):
        groups[key].append(position)
    return groups


def _sum(values: Iterable[float]) -> float:
    """The sum compensated (Kahan) in the order of the values."""
    total = error = 0.0
    for value in values:
        corrected = value - error
        new_total = total + corrected
        error = (new_total - total) - corrected
        total = new_total
    return total


def _weighted_sums(values: list[float], weights: list[float]) -> tuple[float, float]:
    """Σ value·weight and Σ weight."""
    return _sum([x * w for x, w in zip(values, weights)]), _sum(weights)


def weighted_mean(keys: Iterable[Hashable], values: Sequence[float], weights: Sequence[float]) -> dict[Hashable, float]:
    """The weighted mean of the values per key (keys in order of first appearance)."""
    means = {}
    for key, positions in _groups(keys).items():
        weighted, total = _weighted_sums([values[i] for i in positions], [weights[i] for i in positions])
        means[key] = weighted / total
    return means


def weighted_z(keys: Iterable[Hashable], values: Sequence[float], weights: Sequence[float]) -> list[float]:
    """z-scores of the values within each key's group, against the group's weighted mean and (population) deviation;
    0 where the group's deviation is 0 (all its values equal)."""
    z = [0.0] * len(values)
    for positions in _groups(keys).values():
        xs, w = [values[i] for i in positions], [weights[i] for i in positions]
        if min(xs) == max(xs):
            continue  # σ = 0 exactly (the weighted mean of equal values may miss them by a rounding)
        weighted, total = _weighted_sums(xs, w)
        mean = weighted / total
        deviations = [x - mean for x in xs]
        sigma = math.sqrt(_sum([d * d * wi for d, wi in zip(deviations, w)]) / total)
        if sigma > 0:
            for i, d in zip(positions, deviations):
                z[i] = d / sigma
    return z


def dynamics_frame(session: Session, year: int) -> list[Dynamics]:
    """Per school (in order of its first result): index in Y−1 and Y (standardised over both years), the change
    and whether it is positive."""
    rows = exam_frame(session, [year - 1, year])
    results = [(school_id, exam, subject) for school_id, _, exam, subject, _, _ in rows]
    taken = Counter(results)
    kept = [row for row, key in zip(rows, results) if taken[key] == 2]  # in both years (one row per year at most)
    schools, years, exams, subjects, weights, means = zip(*kept) if kept else ((),) * 6
    z = weighted_z(zip(exams, subjects), means, weights)
    index = weighted_mean(zip(schools, years), z, weights)
    result: list[Dynamics] = []
    for school_id in dict.fromkeys(schools):
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
