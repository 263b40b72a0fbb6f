"""Standardised exam results and a school's year-over-year dynamics (used by measures and analytics).

Positive dynamics of a school in year Y (the method, also in docs/isb.md):
1. take the ЕГЭ and ОГЭ results (school × exam × subject) with a mean score and participants that the school has
   in both Y−1 and Y (a subject taken in one year only would not show a change);
2. per exam and subject, standardise the school means over both years together: z = (mean − m) / σ, where m and σ
   are the participant-weighted mean and standard deviation of those school means (σ = 0 gives z = 0), so a
   rise in raw scores shows as a rise and ЕГЭ points and ОГЭ marks become comparable;
3. a school's index for a year is the participant-weighted mean of its z over exams and subjects;
4. the school shows positive dynamics when its index in Y is greater than in Y−1 (both years must have data).
"""

from contextlib import AbstractContextManager

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ExamResult, School, alive
from app.services.frames import session_cache

CACHE_KEY = "kurator_dynamics_cache"
EXAM_COLUMNS = ["school_id", "year", "exam", "subject", "participants", "mean_score"]


def exam_frame(session: Session, years: list[int]) -> pd.DataFrame:
    """ЕГЭ/ОГЭ results of the years (live rows of live schools, with a mean score and participants); inside
    `caching`, each year is read once."""
    cache = session.info.get(CACHE_KEY)
    if cache is None:
        return _read_exams(session, years)
    missing = [y for y in years if ("exams", y) not in cache]
    if missing:
        frame = _read_exams(session, missing)
        for year in missing:
            cache[("exams", year)] = frame[frame["year"] == year]
    return pd.concat([cache[("exams", y)] for y in years], ignore_index=True)


def _read_exams(session: Session, years: list[int]) -> pd.DataFrame:
    query = (
        select(ExamResult.school_id, ExamResult.year, ExamResult.exam, ExamResult.subject, ExamResult.participants,
               ExamResult.mean_score)
        .join(School, School.id == ExamResult.school_id)
        .where(ExamResult.year.in_(years), alive(ExamResult), alive(School),
               ExamResult.mean_score.is_not(None), ExamResult.participants > 0)
    )
    session.flush()
    return frame_of(session.connection().execute(query).all(), EXAM_COLUMNS)


def frame_of(rows: list, columns: list[str]) -> pd.DataFrame:
    """A DataFrame from result rows, column by column (much faster than from Row objects)."""
    values = list(zip(*rows)) if rows else [()] * len(columns)
    return pd.DataFrame(dict(zip(columns, (list(v) for v in values))), columns=columns)


def weighted_z(frame: pd.DataFrame, value: str, weight: str, groups: list[str]) -> pd.Series:
    """z-scores of `value` within each group, against the group's `weight`-weighted mean and deviation."""
    if frame.empty:
        return pd.Series(dtype=float)
    w = frame[weight].astype(float)
    x = frame[value].astype(float)
    keys = [frame[g] for g in groups]
    mean = (x * w).groupby(keys).transform("sum") / w.groupby(keys).transform("sum")
    variance = ((x - mean) ** 2 * w).groupby(keys).transform("sum") / w.groupby(keys).transform("sum")
    sigma = np.sqrt(variance)
    return ((x - mean) / sigma.where(sigma > 0)).fillna(0.0)


def weighted_mean(frame: pd.DataFrame, value: str, weight: str, groups: list[str]) -> pd.Series:
    """The `weight`-weighted mean of `value` per group."""
    weighted = (frame[value] * frame[weight]).groupby([frame[g] for g in groups]).sum()
    return weighted / frame[weight].groupby([frame[g] for g in groups]).sum()


def dynamics_frame(session: Session, year: int) -> pd.DataFrame:
    """Per school: index in Y−1 and Y (standardised over both years), the change and whether it is positive."""
    frame = exam_frame(session, [year - 1, year])
    columns = ["school_id", "previous", "current", "delta", "positive"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    # integer codes for the keys: grouping 10⁵ rows by strings is what costs time at region scale
    school_codes, schools = pd.factorize(frame["school_id"])
    frame = frame.assign(school=school_codes, subject_code=pd.factorize(frame["exam"] + "\x1f" + frame["subject"])[0])
    years_present = frame.groupby(["school", "subject_code"])["year"].transform("size")  # one row per year at most
    frame = frame[years_present == 2].copy()
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["z"] = weighted_z(frame, "mean_score", "participants", ["subject_code"])
    index = weighted_mean(frame, "z", "participants", ["school", "year"]).unstack("year")
    index.index = schools[index.index]
    index = index.reindex(columns=[year - 1, year]).dropna()
    result = pd.DataFrame({"previous": index[year - 1], "current": index[year]})
    result["delta"] = result["current"] - result["previous"]
    result["positive"] = result["delta"] > 0
    return result.rename_axis("school_id").reset_index()[columns]


def schools_with_positive_dynamics(session: Session, year: int) -> list[str]:
    """Ids of the schools whose standardised ЕГЭ/ОГЭ index rose from Y−1 to Y (memoised inside `caching`)."""
    cache = session.info.get(CACHE_KEY)
    if cache is not None and year in cache:
        return cache[year]
    frame = dynamics_frame(session, year)
    ids = frame.loc[frame["positive"].astype(bool), "school_id"].tolist()
    if cache is not None:
        cache[year] = ids
    return ids


def caching(session: Session) -> AbstractContextManager[None]:
    """Within the block, each year's dynamics is computed once (for a table of many indicators)."""
    return session_cache(session, CACHE_KEY)
