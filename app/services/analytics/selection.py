"""Analytics over the district's schools (pandas): the ЕГЭ/ОГЭ indicator table, ИСБ, the result index,
candidate ШНОР/ШНСУ, resilient schools, dynamics, quadrants, and the methodologist's status decisions.

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

from datetime import date
from typing import TypedDict

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import (
    ExamResult,
    Graduation,
    OlympiadResult,
    School,
    SchoolStatus,
    Setting,
    SocialPassport,
    VprResult,
    alive,
    utcnow,
)
from app.models.reference import SCHOOL_STATUSES
from app.services.frames import district_frame
from app.services.indicators.dynamics import (
    dynamics_frame,
    exam_frame,
    frame_of,
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


def _frame(session: Session, query, columns: list[str]) -> pd.DataFrame:
    return frame_of(session.execute(query).all(), columns)


def schools_frame(session: Session) -> pd.DataFrame:
    """Live schools: id, name, register pupils and distance."""
    query = select(School.id, School.name, School.pupils, School.distance_km).where(alive(School))
    return _frame(session, query, ["school_id", "school", "register_pupils", "distance_km"]).set_index("school_id")


def _share(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return 100 * numerator / denominator.where(denominator > 0)


def _percent(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """A share for the seeds/000 table, rounded to 0.1 as the table shows it."""
    return _share(numerator, denominator).round(1)


def _yearly(session: Session, model, columns: list[str], year: int) -> pd.DataFrame:
    query = select(model.school_id, *(getattr(model, c) for c in columns)).where(
        model.year == year, alive(model))
    return _frame(session, query, ["school_id", *columns])


# --- the seeds/000 table ------------------------------------------------------------------------------------

def _graduation_part(session: Session, year: int) -> pd.DataFrame:
    frame = _yearly(session, Graduation, ["grade", "graduates", "certificates", "honours", "took_3plus"], year)
    parts = {}
    for grade in (9, 11):
        g = frame[frame["grade"] == grade].set_index("school_id")
        parts[f"grad{grade}_certificate_share"] = _percent(g["certificates"], g["graduates"])
        parts[f"grad{grade}_honours_share"] = _percent(g["honours"], g["graduates"])
        if grade == 11:
            parts["ege_3plus_share"] = _percent(g["took_3plus"].astype(float), g["graduates"])
    return pd.DataFrame(parts)


def _ege_part(session: Session, year: int) -> pd.DataFrame:
    frame = _yearly(session, ExamResult, ["exam", "subject", "participants", "mean_score", "below_minimum", "under_30"], year)
    ege = frame[(frame["exam"] == "ЕГЭ") & (frame["participants"] > 0)].copy()
    if ege.empty:
        return pd.DataFrame()
    ege["under_30"] = ege["under_30"].fillna(0)
    russian = ege[ege["subject"] == "Русский язык"].dropna(subset=["mean_score"])
    maths = ege[ege["subject"].str.startswith("Математика")].dropna(subset=["mean_score"])
    core = ege[(ege["subject"] == "Русский язык") | ege["subject"].str.startswith("Математика")]
    by_school = ege.groupby("school_id")
    core_sums = core.groupby("school_id")[["participants", "below_minimum"]].sum()
    return pd.DataFrame({
        "ege_russian_mean": weighted_mean(russian, "mean_score", "participants", ["school_id"]).round(1),
        "ege_math_mean": weighted_mean(maths, "mean_score", "participants", ["school_id"]).round(1),
        "ege_rus_math_passed_share": _percent(core_sums["participants"] - core_sums["below_minimum"],
                                              core_sums["participants"]),
        "ege_under30_share": _percent(by_school["under_30"].sum(), by_school["participants"].sum()),
    })


def pupils(session: Session, year: int) -> pd.Series:
    """Pupils per school: the social passport's total for the year, else the register's number."""
    passports = _yearly(session, SocialPassport, ["pupils_total"], year).set_index("school_id")["pupils_total"]
    register = pd.to_numeric(schools_frame(session)["register_pupils"], errors="coerce").astype(float)
    return pd.to_numeric(passports, errors="coerce").astype(float).reindex(register.index).combine_first(register)


def _olympiad_part(session: Session, year: int) -> pd.DataFrame:
    frame = _yearly(session, OlympiadResult, ["participants", "winners"], year).groupby("school_id").sum()
    counts = pupils(session, year)
    return pd.DataFrame({
        "olympiad_participants_share": _percent(frame["participants"], counts.reindex(frame.index)),
        "olympiad_winners_share": _percent(frame["winners"], counts.reindex(frame.index)),
    })


@district_frame
def exam_indicator_table(session: Session, year: int) -> pd.DataFrame:
    """Per school, the seeds/000 ЕГЭ/ОГЭ indicator table; Russian titles in EXAM_TABLE_TITLES.

    Olympiad shares count participations at all levels (a pupil at two levels counts twice) over the pupils.
    """
    schools = schools_frame(session)[["school"]]
    parts = [_graduation_part(session, year), _ege_part(session, year), _olympiad_part(session, year)]
    table = schools.join(parts, how="left") if any(not p.empty for p in parts) else schools
    table = table.reindex(columns=list(EXAM_TABLE_TITLES))
    return table.sort_values("school").rename_axis("school_id").reset_index()


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
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not np.isfinite(value) or value < 0:
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


@district_frame
def isb_inputs(session: Session, year: int) -> pd.DataFrame:
    """The social-passport inputs of ИСБ per school (shares in %), for schools with a passport of the year."""
    passport = _yearly(session, SocialPassport, [*SocialPassport.SHARES, *SocialPassport.COUNTS], year)
    passport = passport.set_index("school_id").join(schools_frame(session), how="inner")
    total = passport["pupils_total"].astype(float)
    for share, count in (("at_risk_share", "pupils_at_risk"), ("ovz_share", "pupils_ovz"),
                         ("registered_share", "pupils_registered")):
        passport[share] = _share(passport[count].astype(float), total)
    return passport[["school", *ISB_INPUTS]].astype({k: float for k in ISB_INPUTS})


def _oriented(values: pd.Series, sign: int) -> pd.Series:
    """Min–max scaled to 0–1 across the schools (all equal → 0.5), 1 at the better-off end; NaN stays NaN."""
    low, high = values.min(), values.max()
    scaled = (values - low) / (high - low) if high > low else values * 0 + 0.5
    return scaled if sign > 0 else 1 - scaled


@district_frame
def isb(session: Session, year: int, weights: dict | None = None) -> pd.DataFrame:
    """ИСБ per school for the year (0–100, higher = better-off), with its inputs; method in the module docstring."""
    weights = get_isb_weights(session) if weights is None else DEFAULT_ISB_WEIGHTS | weights
    errors = _weights_errors(weights)
    if errors:
        raise ValidationError(errors)
    inputs = isb_inputs(session, year)
    scaled = pd.DataFrame({key: _oriented(inputs[key], sign) for key, (_, sign) in ISB_INPUTS.items()})
    w = pd.Series(weights)[list(ISB_INPUTS)]
    present = scaled.notna()
    index = 100 * (scaled.fillna(0) * w).sum(axis=1) / (present * w).sum(axis=1).where(lambda s: s > 0)
    result = inputs.assign(isb=index)
    return result.sort_values("isb", ascending=False).rename_axis("school_id").reset_index()


# --- results ----------------------------------------------------------------------------------------------

@district_frame
def result_index(session: Session, year: int) -> pd.DataFrame:
    """Per school: standardised ЕГЭ, ОГЭ, ВПР components and their mean, the result index (σ); see module doc."""
    exams = exam_frame(session, [year])
    parts = {}
    if not exams.empty:
        exams["z"] = weighted_z(exams, "mean_score", "participants", ["exam", "subject"])
        for exam, column in (("ЕГЭ", "ege_z"), ("ОГЭ", "oge_z")):
            chosen = exams[exams["exam"] == exam]
            if not chosen.empty:
                parts[column] = weighted_mean(chosen, "z", "participants", ["school_id"])
    vpr = _yearly(session, VprResult, ["participants", "count_2"], year).groupby("school_id").sum()
    vpr = vpr[vpr["participants"] > 0]
    if not vpr.empty:
        vpr["low_share"] = vpr["count_2"] / vpr["participants"]
        vpr["one"] = 1
        parts["vpr_low_share"] = (100 * vpr["low_share"]).round(1)
        parts["vpr_z"] = -weighted_z(vpr, "low_share", "participants", ["one"])
    frame = schools_frame(session)[["school"]].join(pd.DataFrame(parts), how="inner") if parts else pd.DataFrame()
    frame = frame.reindex(columns=["school", "ege_z", "oge_z", "vpr_low_share", "vpr_z"])
    frame["result_index"] = frame[["ege_z", "oge_z", "vpr_z"]].mean(axis=1)
    return frame.rename_axis("school_id").reset_index()


def _decimal(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",").replace("-", "−")


def _isb_phrase(value: float, quartile: float, mean: float) -> str:
    if pd.isna(value):
        return "социального паспорта нет"
    level = "в нижней четверти района" if value <= quartile else "ниже среднего" if value < mean else "не ниже среднего"
    return f"ИСБ {value:.0f} — {level}"


def shnor_candidates(session: Session, year: int, years_back: int = 3, threshold: float = -0.5) -> pd.DataFrame:
    """Schools whose mean result index over the last `years_back` years (year included) is ≤ threshold σ, or
    whose ИСБ is in the district's lowest quartile, or that RESILIENT_RULE finds; with a Russian reason and the
    proposed statuses."""
    years = list(range(year - years_back + 1, year + 1))
    indices = pd.DataFrame({y: result_index(session, y).set_index("school_id")["result_index"] for y in years})
    frame = schools_frame(session)[["school"]].join(indices, how="left")
    frame["mean_index"] = frame[years].mean(axis=1)
    isb_values = isb(session, year).set_index("school_id")["isb"]
    frame["isb"] = isb_values.reindex(frame.index)
    quartile, mean = isb_values.quantile(0.25), isb_values.mean()
    low_results = frame["mean_index"] <= threshold
    low_isb = frame["isb"] <= quartile
    joined = _joined(session, year)
    resilient = frame.index.isin(joined.index[resilient_mask(joined)] if not joined.empty else [])
    frame["proposed"] = [
        [code for code, flag in (("shnor", r), ("shnsu", s), ("resilient", g)) if flag]
        for r, s, g in zip(low_results, low_isb, resilient)
    ]
    frame = frame[low_results | low_isb | resilient].copy()
    span = f"{years[0]}–{years[-1]} гг." if len(years) > 1 else f"{years[0]} г."
    frame["reason"] = [
        f"{_result_phrase(m, threshold)} в {span} ({_decimal(m)} σ), {_isb_phrase(i, quartile, mean)}"
        + (RESILIENT_REASON if "resilient" in p else "")
        for m, i, p in zip(frame["mean_index"], frame["isb"], frame["proposed"])
    ]
    columns = ["school", *years, "mean_index", "isb", "reason", "proposed"]
    return frame[columns].sort_values("mean_index").rename_axis("school_id").reset_index()


def _result_phrase(mean_index: float, threshold: float) -> str:
    if pd.isna(mean_index):
        return "результатов ГИА и ВПР нет"
    return "результаты ниже районных" if mean_index <= threshold else "результаты на уровне района или выше"


def _joined(session: Session, year: int) -> pd.DataFrame:
    results = result_index(session, year).set_index("school_id")
    social = isb(session, year).set_index("school_id")[["isb"]]
    return results[["school", "result_index"]].join(social, how="inner").dropna()


def resilient_mask(frame: pd.DataFrame) -> pd.Series:
    """RESILIENT_RULE over a frame of the district's schools with `isb` and `result_index` for one year."""
    return (frame["result_index"] >= frame["result_index"].median()) & (frame["isb"] <= frame["isb"].quantile(0.25))


def _not_resilient_because(row, isb_quarter: float, result_median: float) -> str:
    if pd.isna(row.isb) or pd.isna(row.result_index):
        return "по расчёту нет: за год нет ИСБ (социального паспорта) или индекса результатов"
    reasons = []
    if row.isb > isb_quarter:
        reasons.append(f"ИСБ {_decimal(row.isb)} выше нижней четверти района (≤ {_decimal(isb_quarter)})")
    if row.result_index < result_median:
        reasons.append(f"индекс результатов {_decimal(row.result_index, 2)} σ ниже медианы района "
                       f"({_decimal(result_median, 2)} σ)")
    return "по расчёту нет: " + " и ".join(reasons)


@district_frame
def resilient_schools(session: Session, year: int) -> pd.DataFrame:
    """The schools RESILIENT_RULE finds for the year and those holding the status «резильентная» by decision, each
    with both answers (`computed`, `decided`) and, where they differ, why."""
    frame = _joined(session, year)
    frame["computed"] = resilient_mask(frame) if not frame.empty else pd.Series(dtype=bool)
    decided = {d["school_id"] for d in status_decisions(session, year) if d["status"] == "resilient"}
    everyone = schools_frame(session)[["school"]].join(frame.drop(columns="school"), how="left")
    everyone["computed"] = everyone["computed"].astype("boolean").fillna(False).astype(bool)
    everyone["decided"] = everyone.index.isin(list(decided))
    chosen = everyone[everyone["computed"] | everyone["decided"]].copy()
    quarter, median = frame["isb"].quantile(0.25), frame["result_index"].median()
    chosen["note"] = [
        "расчёт и решение о статусе совпадают" if row.computed and row.decided
        else "по расчёту резильентная; статус на год решением не присвоен" if row.computed
        else "статус по решению, " + _not_resilient_because(row, quarter, median)
        for row in chosen.itertuples()]
    chosen = chosen.sort_values(["computed", "result_index"], ascending=[False, False])
    columns = ["school", "result_index", "isb", "computed", "decided", "note"]
    return chosen[columns].rename_axis("school_id").reset_index()


def positive_dynamics(session: Session, year: int) -> pd.DataFrame:
    """Per school: standardised ЕГЭ/ОГЭ index of the previous and this year, change, and whether it rose."""
    frame = dynamics_frame(session, year).set_index("school_id")
    return schools_frame(session)[["school"]].join(frame, how="inner").rename_axis("school_id").reset_index()


@district_frame
def quadrants(session: Session, year: int) -> pd.DataFrame:
    """Each school with ИСБ, result index and its group for a scatter chart: the quadrants split at the district
    medians, except that the schools RESILIENT_RULE finds are «резильентные» (not every school in the upper-left
    quadrant is: its ИСБ must be in the lowest quarter)."""
    frame = _joined(session, year)
    well_off = frame["isb"] >= frame["isb"].median()
    high = frame["result_index"] >= frame["result_index"].median()
    resilient = resilient_mask(frame) if not frame.empty else []
    frame["quadrant"] = [RESILIENT if r else QUADRANTS[(w, h)] for w, h, r in zip(well_off, high, resilient)]
    return frame.rename_axis("school_id").reset_index()


# --- decisions --------------------------------------------------------------------------------------------

def _decision_row(session: Session, school_id: str, year: int, status: str) -> SchoolStatus | None:
    return session.scalars(select(SchoolStatus).where(
        SchoolStatus.school_id == school_id, SchoolStatus.year == year, SchoolStatus.status == status)).first()


def decide_status(session: Session, school_id: str, year: int, status: str, basis: str,
                  decided_on: date | None = None) -> SchoolStatus:
    """Record the methodologist's decision: the school has `status` in `year`, with its basis and date."""
    school = session.get(School, school_id)
    errors = {}
    if school is None or school.deleted_at is not None:
        errors["school_id"] = "Школа не найдена."
    if status not in SCHOOL_STATUSES:
        errors["status"] = "Выберите статус из списка (ШНОР, ШНСУ, «500+», резильентная, школа-наставник)."
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        errors["year"] = "Год должен быть от 2000 до 2100."
    if not (basis or "").strip():
        errors["basis"] = "Укажите основание решения (приказ, критерии)."
    if errors:
        raise ValidationError(errors)
    row = _decision_row(session, school_id, year, status)
    if row is not None and row.deleted_at is None:
        raise KuratorError(f"Школе «{school.name}» уже присвоен статус {SCHOOL_STATUSES[status]} на {year} год.")
    if row is None:
        row = SchoolStatus(school_id=school_id, year=year, status=status)
        session.add(row)
    row.basis, row.decided_on, row.deleted_at = basis.strip(), decided_on or date.today(), None
    session.flush()
    return row


class StatusDecision(TypedDict):
    school_id: str
    school: str
    status: str
    decided_on: date | None
    basis: str | None


@district_frame
def status_decisions(session: Session, year: int) -> list[StatusDecision]:
    """The statuses decided for the year: school, status, date and basis, by school name."""
    query = (select(SchoolStatus, School.name).join(School, School.id == SchoolStatus.school_id)
             .where(SchoolStatus.year == year, alive(SchoolStatus), alive(School))
             .order_by(School.name, SchoolStatus.status))
    return [{"school_id": row.school_id, "school": name, "status": row.status, "decided_on": row.decided_on,
             "basis": row.basis} for row, name in session.execute(query)]


def revoke_status(session: Session, school_id: str, year: int, status: str) -> SchoolStatus:
    """Withdraw a status decision (soft delete, so the withdrawal travels to the school)."""
    row = _decision_row(session, school_id, year, status)
    if row is None or row.deleted_at is not None:
        raise KuratorError(f"У школы нет статуса {SCHOOL_STATUSES.get(status, status)} на {year} год.")
    row.deleted_at = utcnow()
    session.flush()
    return row
