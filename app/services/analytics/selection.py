"""Analytics over the district's schools: the ЕГЭ/ОГЭ indicator table, ИСБ, the result index,
candidate ШНОР/ШНСУ, resilient schools, dynamics and quadrants (the methodologist's decisions: `decisions`).

ИСБ (индекс социального благополучия), year Y — see also docs/isb.md:
1. inputs from each school's social passport of Y: share_parents_higher_ed (+), share_low_income (−),
   share_single_parent (−), share_large_family (−), share_unemployed_parents (−), share_non_native_russian (−),
   at_risk_share = pupils_at_risk / pupils_total (−), ovz_share = pupils_ovz / pupils_total (−),
   registered_share = pupils_registered / pupils_total (−), and the school's distance_km (−, weight 0 by default);
2. each input is min–max normalised across the district's schools of Y to 0–1 (all equal → 0.5) and oriented so
   that 1 is the better-off end (1 − x for the negative ones);
3. ИСБ = 100 × Σ wᵢ·xᵢ / Σ wᵢ over the inputs the school has (weights: setting "isb_weights"). Higher = better-off.

Result index, year Y: per exam and subject, each school's mean score as a z-score against the district's
participant-weighted mean and deviation of that year; ЕГЭ and ОГЭ each averaged over subjects weighted by
participants; ВПР as the z-score of the school's share of «2» (negated, fewer 2s = better); the index is the plain
mean of the components the school has. Units: σ (0 = district average).

Nothing is rounded before it is shown: shares and the index keep full precision (a share of 0.6–1.4 % rounded to
0.1 % would move a school's ИСБ by a point once scaled across the district).

Resilient school (one rule, RESILIENT_RULE, used by the decision suggestions, the quadrant chart and the
«Резильентные школы» tab): result index of the year not below the district median while ИСБ is in the district's
lowest quarter (≤ 25th percentile).
"""

import math
from collections import defaultdict
from typing import Any, TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import (
    ExamResult,
    Graduation,
    OlympiadResult,
    School,
    Setting,
    SocialPassport,
    VprResult,
    alive,
)
from app.services.analytics import stats
from app.services.analytics.decisions import status_decisions
from app.services.frames import district_frame
from app.services.indicators.dynamics import (
    dynamics_frame,
    exam_frame,
    weighted_mean,
    weighted_z,
)

ISB_INPUTS = {  # input → (Russian title, +1 if higher is better-off, −1 if worse-off)
    "share_parents_higher_ed": ("Оба родителя с высшим образованием, %", 1),
    "share_low_income": ("Малообеспеченные семьи, %", -1),
    "share_single_parent": ("Неполные семьи, %", -1),
    "share_large_family": ("Многодетные семьи, %", -1),
    "share_unemployed_parents": ("Оба родителя не работают, %", -1),
    "share_non_native_russian": ("Русский язык не родной, %", -1),
    "at_risk_share": ("«Группа риска», %", -1),
    "ovz_share": ("Обучающиеся с ОВЗ, %", -1),
    "registered_share": ("На профилактическом учёте, %", -1),
    "distance_km": ("Удалённость, км", -1),
}
DEFAULT_ISB_WEIGHTS = {key: (0.0 if key == "distance_km" else 1.0) for key in ISB_INPUTS}
ISB_SETTING = "isb_weights"

EXAM_TABLE_TITLES = {
    "school": "ОО",
    "grad11_certificate_share": "Доля уч-ся 11-х классов, получивших документ об образовании, %",
    "grad11_honours_share": "Доля уч-ся 11-х классов, получивших документ об образовании особого образца, %",
    "ege_russian_mean": "Средний балл ЕГЭ по русскому языку",
    "ege_math_mean": "Средний балл ЕГЭ по математике",
    "ege_3plus_share": "Доля уч-ся 11-х классов, сдававших ЕГЭ по трём и более предметам, %",
    "ege_rus_math_passed_share": "Доля уч-ся 11-х классов, сдавших ЕГЭ по русскому языку и математике, %",
    "ege_under30_share": "Доля уч-ся 11-х классов, сдавших ЕГЭ менее чем на 30 баллов, %",
    "grad9_certificate_share": "Доля уч-ся 9-х классов, получивших документ об образовании, %",
    "grad9_honours_share": "Доля уч-ся 9-х классов, получивших документ об образовании особого образца, %",
    "olympiad_participants_share": "Доля обучающихся, участвовавших в предметных олимпиадах разного уровня, %",
    "olympiad_winners_share": "Доля обучающихся — победителей и призёров олимпиад разного уровня, %",
}
RESILIENT = "резильентные"
QUADRANTS = {
    (False, False): "ШНОР/ШНСУ",
    (False, True): "ИСБ ниже медианы, результаты не ниже медианы",
    (True, True): "благополучные с высокими результатами",
    (True, False): "благополучные с низкими результатами",
}
RESILIENT_RULE = ("Резильентная школа — индекс результатов за год не ниже медианы района при ИСБ в нижней четверти "
                  "района (не выше 25-го процентиля): хорошие результаты несмотря на трудный контингент.")
RESILIENT_REASON = "; резильентная: результаты года не ниже медианы района при ИСБ в нижней четверти"


class SchoolRow(TypedDict):
    school: str
    register_pupils: int | None
    distance_km: float | None


Row = dict[str, Any]  # one school's row of a district table: "school_id", "school" and the table's columns


def schools_frame(session: Session) -> dict[str, SchoolRow]:
    """Live schools by id: name, register pupils and distance."""
    query = select(School.id, School.name, School.pupils, School.distance_km).where(alive(School))
    return {school_id: {"school": name, "register_pupils": pupils, "distance_km": distance}
            for school_id, name, pupils, distance in session.execute(query)}


def _percent(numerator: float | None, denominator: float | None) -> float | None:
    """A share for the seeds/000 table, rounded to 0.1 as the table shows it."""
    return stats.rounded(stats.share(numerator, denominator), 1)


def _yearly(session: Session, model, columns: list[str], year: int) -> list:
    query = select(model.school_id, *(getattr(model, c) for c in columns)).where(
        model.year == year, alive(model))
    return session.execute(query).all()


def _sums(rows: list, columns: list[str]) -> dict[str, dict[str, int]]:
    """Per school id, the sums of the columns over its rows (a missing count adds nothing)."""
    sums: dict[str, dict[str, int]] = {}
    for row in rows:
        totals = sums.setdefault(row.school_id, dict.fromkeys(columns, 0))
        for column in columns:
            totals[column] += getattr(row, column) or 0
    return sums


# --- the seeds/000 table ------------------------------------------------------------------------------------

def _graduation_part(session: Session, year: int) -> dict[str, Row]:
    rows = _yearly(session, Graduation, ["grade", "graduates", "certificates", "honours", "took_3plus"], year)
    parts: dict[str, Row] = defaultdict(dict)
    for row in rows:
        if row.grade in (9, 11):
            part = parts[row.school_id]
            part[f"grad{row.grade}_certificate_share"] = _percent(row.certificates, row.graduates)
            part[f"grad{row.grade}_honours_share"] = _percent(row.honours, row.graduates)
            if row.grade == 11:
                part["ege_3plus_share"] = _percent(row.took_3plus, row.graduates)
    return parts


def _ege_part(session: Session, year: int) -> dict[str, Row]:
    rows = [row for row in _yearly(session, ExamResult, ["exam", "subject", "participants", "mean_score",
                                                         "below_minimum", "under_30"], year)
            if row.exam == "ЕГЭ" and row.participants is not None and row.participants > 0]
    russian = [row for row in rows if row.subject == "Русский язык" and row.mean_score is not None]
    maths = [row for row in rows if row.subject.startswith("Математика") and row.mean_score is not None]
    core = _sums([row for row in rows if row.subject == "Русский язык" or row.subject.startswith("Математика")],
                 ["participants", "below_minimum"])
    every = _sums(rows, ["participants", "under_30"])
    means = {key: weighted_mean([row.school_id for row in chosen], [row.mean_score for row in chosen],
                                [row.participants for row in chosen])
             for key, chosen in (("ege_russian_mean", russian), ("ege_math_mean", maths))}
    parts: dict[str, Row] = {}
    for school_id, totals in every.items():
        part = parts[school_id] = {key: stats.rounded(by_school.get(school_id), 1) for key, by_school in means.items()}
        passed = core.get(school_id)
        part["ege_rus_math_passed_share"] = (_percent(passed["participants"] - passed["below_minimum"],
                                                      passed["participants"]) if passed else None)
        part["ege_under30_share"] = _percent(totals["under_30"], totals["participants"])
    return parts


def pupils(session: Session, year: int) -> dict[str, float | None]:
    """Pupils per live school: the social passport's total for the year, else the register's number."""
    passports = {row.school_id: row.pupils_total for row in _yearly(session, SocialPassport, ["pupils_total"], year)}
    return {school_id: _float(passports[school_id] if passports.get(school_id) is not None else school["register_pupils"])
            for school_id, school in schools_frame(session).items()}


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _olympiad_part(session: Session, year: int) -> dict[str, Row]:
    sums = _sums(_yearly(session, OlympiadResult, ["participants", "winners"], year), ["participants", "winners"])
    counts = pupils(session, year)
    return {school_id: {"olympiad_participants_share": _percent(totals["participants"], counts.get(school_id)),
                        "olympiad_winners_share": _percent(totals["winners"], counts.get(school_id))}
            for school_id, totals in sums.items()}


@district_frame
def exam_indicator_table(session: Session, year: int) -> list[Row]:
    """Per live school by name, the seeds/000 ЕГЭ/ОГЭ indicator table; Russian titles in EXAM_TABLE_TITLES; None
    where the school has no figure.

    Olympiad shares count participations at all levels (a pupil at two levels counts twice) over the pupils.
    """
    parts = [_graduation_part(session, year), _ege_part(session, year), _olympiad_part(session, year)]
    columns = [key for key in EXAM_TABLE_TITLES if key != "school"]
    table = []
    for school_id, school in schools_frame(session).items():
        found = {key: value for part in parts for key, value in part.get(school_id, {}).items()}
        table.append({"school_id": school_id, "school": school["school"]}
                     | {key: found.get(key) for key in columns})
    return sorted(table, key=lambda row: row["school"])


# --- ИСБ --------------------------------------------------------------------------------------------------

def get_isb_weights(session: Session) -> dict[str, float]:
    """The ИСБ weights: the stored setting over the defaults."""
    stored = session.get(Setting, ISB_SETTING)
    values = stored.value if stored is not None and isinstance(stored.value, dict) else {}
    return DEFAULT_ISB_WEIGHTS | {k: float(v) for k, v in values.items() if k in ISB_INPUTS}


def _weights_errors(weights: dict) -> dict[str, str]:
    errors = {}
    for key, value in weights.items():
        if key not in ISB_INPUTS:
            errors[key] = f"Неизвестный показатель ИСБ «{key}»."
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            errors[key] = f"Вес «{ISB_INPUTS[key][0]}» должен быть неотрицательным числом."
    if not errors and sum(weights.values()) <= 0:
        errors["weights"] = "Хотя бы один вес ИСБ должен быть больше нуля."
    return errors


def set_isb_weights(session: Session, weights: dict) -> dict[str, float]:
    """Store the ИСБ weights (missing inputs keep their defaults); refuses negative weights or a zero sum."""
    merged = DEFAULT_ISB_WEIGHTS | dict(weights)
    errors = _weights_errors(merged)
    if errors:
        raise ValidationError(errors)
    setting = session.get(Setting, ISB_SETTING) or Setting(key=ISB_SETTING)
    setting.value = {k: float(v) for k, v in merged.items()}
    session.add(setting)
    session.flush()
    return get_isb_weights(session)


COUNTED_SHARES = (("at_risk_share", "pupils_at_risk"), ("ovz_share", "pupils_ovz"),
                  ("registered_share", "pupils_registered"))


@district_frame
def isb_inputs(session: Session, year: int) -> list[Row]:
    """The social-passport inputs of ИСБ per live school with a passport of the year (shares in %)."""
    schools = schools_frame(session)
    shares = [key for key in ISB_INPUTS if key in SocialPassport.SHARES]
    rows = []
    for passport in _yearly(session, SocialPassport, [*SocialPassport.SHARES, *SocialPassport.COUNTS], year):
        school = schools.get(passport.school_id)
        if school is not None:
            row: Row = {key: _float(getattr(passport, key)) for key in shares}
            row |= {key: stats.share(getattr(passport, count), passport.pupils_total) for key, count in COUNTED_SHARES}
            row["distance_km"] = _float(school["distance_km"])
            rows.append({"school_id": passport.school_id, "school": school["school"]} | {k: row[k] for k in ISB_INPUTS})
    return rows


def _oriented(values: list[float | None], sign: int) -> list[float | None]:
    """Min–max scaled to 0–1 across the schools (all equal → 0.5), 1 at the better-off end; None stays None."""
    known = stats.present(values)
    low, high = (min(known), max(known)) if known else (0.0, 0.0)
    scaled = [None if v is None else (v - low) / (high - low) if high > low else 0.5 for v in values]
    return scaled if sign > 0 else [None if v is None else 1 - v for v in scaled]


def _weighted_index(scaled: list[float | None], weights: list[float]) -> float | None:
    total = sum(w for x, w in zip(scaled, weights) if x is not None)
    return 100 * sum(x * w for x, w in zip(scaled, weights) if x is not None) / total if total > 0 else None


@district_frame
def isb(session: Session, year: int, weights: dict | None = None) -> list[Row]:
    """ИСБ per school for the year (0–100, higher = better-off), with its inputs, highest first (no ИСБ last);
    method in the module docstring."""
    weights = get_isb_weights(session) if weights is None else DEFAULT_ISB_WEIGHTS | weights
    errors = _weights_errors(weights)
    if errors:
        raise ValidationError(errors)
    inputs = isb_inputs(session, year)
    columns = [_oriented([row[key] for row in inputs], sign) for key, (_, sign) in ISB_INPUTS.items()]
    w = [weights[key] for key in ISB_INPUTS]
    result = [row | {"isb": _weighted_index(list(scaled), w)} for row, scaled in zip(inputs, zip(*columns))]
    return _sorted(result, "isb", descending=True)


def _sorted(rows: list[Row], key: str, descending: bool = False) -> list[Row]:
    """The rows by `key` (None last; rows with equal keys keep their order)."""
    known = sorted((row for row in rows if row[key] is not None), key=lambda row: row[key], reverse=descending)
    return known + [row for row in rows if row[key] is None]


# --- results ----------------------------------------------------------------------------------------------

def _exam_components(session: Session, year: int) -> dict[str, dict[str, float]]:
    """ege_z and oge_z per school: its participant-weighted mean of subject z-scores."""
    exams = exam_frame(session, [year])
    weights = [row.participants for row in exams]
    z = weighted_z([(row.exam, row.subject) for row in exams], [row.mean_score for row in exams], weights)
    parts = {}
    for exam, column in (("ЕГЭ", "ege_z"), ("ОГЭ", "oge_z")):
        chosen = [i for i, row in enumerate(exams) if row.exam == exam]
        if chosen:
            parts[column] = weighted_mean([exams[i].school_id for i in chosen], [z[i] for i in chosen],
                                          [weights[i] for i in chosen])
    return parts


def _vpr_components(session: Session, year: int) -> dict[str, dict[str, float]]:
    """vpr_low_share (% of «2», rounded to 0.1) and vpr_z (its z-score, negated) per school with participants."""
    sums = _sums(_yearly(session, VprResult, ["participants", "count_2"], year), ["participants", "count_2"])
    sums = {school_id: totals for school_id, totals in sums.items() if totals["participants"] > 0}
    if not sums:
        return {}
    shares = [totals["count_2"] / totals["participants"] for totals in sums.values()]
    z = weighted_z([1] * len(shares), shares, [totals["participants"] for totals in sums.values()])
    return {"vpr_low_share": {school_id: stats.rounded(100 * s, 1) for school_id, s in zip(sums, shares)},
            "vpr_z": {school_id: -value for school_id, value in zip(sums, z)}}


@district_frame
def result_index(session: Session, year: int) -> list[Row]:
    """Per live school with results: standardised ЕГЭ, ОГЭ, ВПР components and their mean, the result index (σ);
    see module doc."""
    parts = _exam_components(session, year) | _vpr_components(session, year)
    frame = []
    for school_id, school in schools_frame(session).items():
        if any(school_id in part for part in parts.values()):
            row = {"school_id": school_id, "school": school["school"]} | {
                key: parts.get(key, {}).get(school_id) for key in ("ege_z", "oge_z", "vpr_low_share", "vpr_z")}
            row["result_index"] = _plain_mean([row["ege_z"], row["oge_z"], row["vpr_z"]])
            frame.append(row)
    return frame


def _plain_mean(values: list[float | None]) -> float | None:
    """The mean of a school's few components, summed in order (as a table row's mean)."""
    known = stats.present(values)
    return sum(known) / len(known) if known else None


def _decimal(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",").replace("-", "−")


def _isb_phrase(value: float | None, quartile: float | None, mean: float | None) -> str:
    if value is None:
        return "социального паспорта нет"
    level = "в нижней четверти района" if value <= quartile else "ниже среднего" if value < mean else "не ниже среднего"
    return f"ИСБ {value:.0f} — {level}"


def _by_school(rows: list[Row], column: str) -> dict[str, Any]:
    return {row["school_id"]: row[column] for row in rows}


def shnor_candidates(session: Session, year: int, years_back: int = 3, threshold: float = -0.5) -> list[Row]:
    """Schools whose mean result index over the last `years_back` years (year included) is ≤ threshold σ, or
    whose ИСБ is in the district's lowest quartile, or that RESILIENT_RULE finds; with a Russian reason and the
    proposed statuses; lowest mean index first."""
    years = list(range(year - years_back + 1, year + 1))
    indices = {y: _by_school(result_index(session, y), "result_index") for y in years}
    isb_values = _by_school(isb(session, year), "isb")
    quartile, mean = stats.quantile(isb_values.values(), 0.25), stats.mean(isb_values.values())
    resilient = {row["school_id"] for row in _resilient(_joined(session, year))}
    span = f"{years[0]}–{years[-1]} гг." if len(years) > 1 else f"{years[0]} г."
    frame = []
    for school_id, school in schools_frame(session).items():
        row = {"school_id": school_id, "school": school["school"]} | {y: indices[y].get(school_id) for y in years}
        row["mean_index"] = _plain_mean([row[y] for y in years])
        row["isb"] = isb_values.get(school_id)
        flags = (("shnor", row["mean_index"] is not None and row["mean_index"] <= threshold),
                 ("shnsu", row["isb"] is not None and row["isb"] <= quartile), ("resilient", school_id in resilient))
        proposed = [code for code, flag in flags if flag]
        if proposed:
            row["reason"] = (f"{_result_phrase(row['mean_index'], threshold, span)}, "
                             f"{_isb_phrase(row['isb'], quartile, mean)}"
                             + (RESILIENT_REASON if "resilient" in proposed else ""))
            frame.append(row | {"proposed": proposed})
    return _sorted(frame, "mean_index")


def _result_phrase(mean_index: float | None, threshold: float, span: str) -> str:
    if mean_index is None:
        return f"результатов ГИА и ВПР нет в {span}"
    level = "результаты ниже районных" if mean_index <= threshold else "результаты на уровне района или выше"
    return f"{level} в {span} ({_decimal(mean_index)} σ)"


def _joined(session: Session, year: int) -> list[Row]:
    """The schools with both a result index and ИСБ of the year: school_id, school, result_index, isb."""
    social = _by_school(isb(session, year), "isb")
    return [{"school_id": row["school_id"], "school": row["school"], "result_index": row["result_index"],
             "isb": social[row["school_id"]]} for row in result_index(session, year)
            if row["result_index"] is not None and social.get(row["school_id"]) is not None]


def _thresholds(frame: list[Row]) -> tuple[float | None, float | None]:
    """RESILIENT_RULE's lines: the lowest quarter's ИСБ (25th percentile) and the median result index."""
    return stats.quantile((row["isb"] for row in frame), 0.25), stats.median(row["result_index"] for row in frame)


def _resilient(frame: list[Row]) -> list[Row]:
    """The rows of `frame` (the district's schools with `isb` and `result_index` for one year) RESILIENT_RULE finds."""
    quarter, median = _thresholds(frame)
    return [row for row in frame if row["result_index"] >= median and row["isb"] <= quarter]


def _not_resilient_because(row: Row, isb_quarter: float | None, result_median: float | None) -> str:
    if row["isb"] is None or row["result_index"] is None:
        return "по расчёту нет: за год нет ИСБ (социального паспорта) или индекса результатов"
    reasons = []
    if row["isb"] > isb_quarter:
        reasons.append(f"ИСБ {_decimal(row['isb'])} выше нижней четверти района (≤ {_decimal(isb_quarter)})")
    if row["result_index"] < result_median:
        reasons.append(f"индекс результатов {_decimal(row['result_index'], 2)} σ ниже медианы района "
                       f"({_decimal(result_median, 2)} σ)")
    return "по расчёту нет: " + " и ".join(reasons)


def _resilience_note(row: Row, quarter: float | None, median: float | None) -> str:
    if row["computed"] and row["decided"]:
        return "расчёт и решение о статусе совпадают"
    if row["computed"]:
        return "по расчёту резильентная; статус на год решением не присвоен"
    return "статус по решению, " + _not_resilient_because(row, quarter, median)


@district_frame
def resilient_schools(session: Session, year: int) -> list[Row]:
    """The schools RESILIENT_RULE finds for the year and those holding the status «резильентная» by decision, each
    with both answers (`computed`, `decided`) and, where they differ, why; the computed ones first, each group by
    result index, highest first."""
    frame = _joined(session, year)
    computed = {row["school_id"] for row in _resilient(frame)}
    decided = {d["school_id"] for d in status_decisions(session, year) if d["status"] == "resilient"}
    figures = {row["school_id"]: row for row in frame}
    quarter, median = _thresholds(frame)
    chosen = []
    for school_id, school in schools_frame(session).items():
        if school_id in computed or school_id in decided:
            known = figures.get(school_id, {})
            row = {"school_id": school_id, "school": school["school"], "result_index": known.get("result_index"),
                   "isb": known.get("isb"), "computed": school_id in computed, "decided": school_id in decided}
            chosen.append(row | {"note": _resilience_note(row, quarter, median)})
    by_result = _sorted(chosen, "result_index", descending=True)
    return [row for row in by_result if row["computed"]] + [row for row in by_result if not row["computed"]]


def positive_dynamics(session: Session, year: int) -> list[Row]:
    """Per school: standardised ЕГЭ/ОГЭ index of the previous and this year, change, and whether it rose."""
    schools = schools_frame(session)
    dynamics = {row["school_id"]: row for row in dynamics_frame(session, year)}
    return [{"school_id": school_id, "school": school["school"], **{k: v for k, v in dynamics[school_id].items()
                                                                     if k != "school_id"}}
            for school_id, school in schools.items() if school_id in dynamics]


@district_frame
def quadrants(session: Session, year: int) -> list[Row]:
    """Each school with ИСБ, result index and its group for a scatter chart: the quadrants split at the district
    medians, except that the schools RESILIENT_RULE finds are «резильентные» (not every school in the upper-left
    quadrant is: its ИСБ must be in the lowest quarter)."""
    frame = _joined(session, year)
    isb_median = stats.median(row["isb"] for row in frame)
    result_median = stats.median(row["result_index"] for row in frame)
    resilient = {row["school_id"] for row in _resilient(frame)}
    return [row | {"quadrant": RESILIENT if row["school_id"] in resilient
                   else QUADRANTS[(row["isb"] >= isb_median, row["result_index"] >= result_median)]}
            for row in frame]
