"""Synthetic educational results and context of one school, 2019–2023: exams, ВПР, graduation, olympiads,
social passports. A school's «quality» (−1…+1) and its trend since the program started drive them all."""

import math
import random

from app.models import ExamResult, Graduation, OlympiadResult, SocialPassport, VprResult

from .data import load
from .records import DemoRecords
from .specs import SchoolSpec
from .staff import school_rng

PROGRAM_START = 2021


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _below(threshold: float, mean: float, sd: float) -> float:
    """Share of a normal distribution under a threshold."""
    return 0.5 * (1 + math.erf((threshold - mean) / (sd * math.sqrt(2))))


def _quality(spec: SchoolSpec, year: int, rng: random.Random) -> float:
    return spec.quality + spec.trend * max(0, year - PROGRAM_START + 1) + rng.gauss(0, 0.06)


def _cohort(spec: SchoolSpec, grade: int, rng: random.Random) -> int:
    shares = load("results")["graduates_per_class"]
    share = shares["grade9"] if grade == 9 else shares["grade11"][spec.locality]
    return max(2, round(spec.pupils / 11 * share * rng.uniform(0.85, 1.15)))


def add_results(records: DemoRecords, spec: SchoolSpec, school_id: str) -> None:
    """All yearly results and passports of one school."""
    rng = school_rng(spec, "results")
    for year in load("synthetic")["years"]:
        quality = _quality(spec, year, rng)
        nine = _cohort(spec, 9, rng)
        oge_failed = _add_oge(records, spec, school_id, year, quality, nine, rng)
        _add_graduation(records, spec, school_id, year, 9, nine, oge_failed, quality, rng)
        if spec.senior:
            eleven = _cohort(spec, 11, rng)
            ege_failed = _add_ege(records, spec, school_id, year, quality, eleven, rng)
            _add_graduation(records, spec, school_id, year, 11, eleven, ege_failed, quality, rng)
        _add_vpr(records, spec, school_id, year, quality, rng)
        _add_olympiads(records, spec, school_id, year, quality, rng)
        _add_passport(records, spec, school_id, year, rng)


def _takers(cohort: int, share: float, rng: random.Random) -> int:
    return cohort if share >= 1 else round(cohort * share * rng.uniform(0.6, 1.4))


def _add_ege(records, spec, school_id, year, quality, cohort, rng) -> int:
    failed = 0
    for subject in load("results")["ege"]:
        participants = _takers(cohort, subject["share"], rng)
        if not participants:
            continue
        mean = _clamp(subject["mean"] + subject["slope"] * quality + rng.gauss(0, 2.5), 30, 88)
        below = round(participants * _below(subject["minimum"], mean, subject["sd"]))
        under_30 = max(below, round(participants * _below(30, mean, subject["sd"])))
        records.add(ExamResult, spec.code, year, "ЕГЭ", subject["subject"], school_id=school_id, year=year,
                    exam="ЕГЭ", subject=subject["subject"], participants=participants, mean_score=round(mean, 1),
                    below_minimum=below, under_30=min(under_30, participants))
        if subject["subject"] == "Русский язык":
            failed = below
    return failed


def _add_oge(records, spec, school_id, year, quality, cohort, rng) -> int:
    params = load("results")
    if year in params["oge_not_held"]:
        return 0
    failed = 0
    subjects = [s for s in params["oge"] if s["share"] >= 1 or year not in params["oge_core_only"]]
    for subject in subjects:
        participants = _takers(cohort, subject["share"], rng)
        if not participants:
            continue
        mean = _clamp(subject["mean"] + subject["slope"] * quality + rng.gauss(0, 0.1), 2.6, 4.8)
        below = min(participants, round(participants * _clamp(0.1 - 0.09 * quality + rng.gauss(0, 0.02), 0, 0.35)))
        records.add(ExamResult, spec.code, year, "ОГЭ", subject["subject"], school_id=school_id, year=year,
                    exam="ОГЭ", subject=subject["subject"], participants=participants, mean_score=round(mean, 2),
                    below_minimum=below, under_30=None)
        failed = max(failed, below)
    return failed


def _add_graduation(records, spec, school_id, year, grade, graduates, failed, quality, rng) -> None:
    """Those who failed a compulsory exam mostly pass the retake; a few leave without a certificate."""
    certificates = graduates - min(graduates, round(failed * rng.uniform(0.0, 0.4)))
    honours = min(certificates, round(graduates * _clamp((0.05 if grade == 9 else 0.09) + 0.05 * quality, 0, 0.3)))
    took_3plus = min(graduates, round(graduates * _clamp(0.55 + 0.15 * quality, 0.1, 1))) if grade == 11 else None
    records.add(Graduation, spec.code, year, grade, school_id=school_id, year=year, grade=grade,
                graduates=graduates, certificates=certificates, honours=honours, took_3plus=took_3plus)


def _add_vpr(records, spec, school_id, year, quality, rng) -> None:
    vpr = load("results")["vpr"]
    for grade in vpr["grades"]:
        for subject in vpr["subjects"]:
            participants = max(2, round(spec.pupils / 11 * vpr["attendance"] * rng.uniform(0.9, 1.1)))
            shares = {
                2: _clamp(0.1 - 0.08 * quality + rng.gauss(0, 0.02), 0.01, 0.4),
                4: _clamp(0.33 + 0.08 * quality + rng.gauss(0, 0.03), 0.1, 0.5),
                5: _clamp(0.1 + 0.08 * quality + rng.gauss(0, 0.02), 0.01, 0.35),
            }
            counts = {mark: round(participants * share) for mark, share in shares.items()}
            counts[3] = max(0, participants - sum(counts.values()))
            records.add(VprResult, spec.code, year, grade, subject, school_id=school_id, year=year, grade=grade,
                        subject=subject, participants=sum(counts.values()), count_2=counts[2], count_3=counts[3],
                        count_4=counts[4], count_5=counts[5])


def _add_olympiads(records, spec, school_id, year, quality, rng) -> None:
    for level in load("results")["olympiads"]:
        participants = round(spec.pupils * level["share"] * (1 + 0.3 * quality) * rng.uniform(0.8, 1.2))
        winners = round(participants * _clamp(level["winners"] + 0.1 * quality, 0.02, 0.5))
        records.add(OlympiadResult, spec.code, year, level["level"], school_id=school_id, year=year,
                    level=level["level"], participants=participants, winners=winners)


def _add_passport(records, spec, school_id, year, rng) -> None:
    params = load("results")["passport"]
    urban = spec.locality == "urban"
    total = round(spec.pupils * (1 + 0.015 * (year - 2023)) * rng.uniform(0.98, 1.02))
    shares = {}
    for column in SocialPassport.SHARES:
        rule = params[column]
        value = rule["base"] + rule["slope"] * spec.quality + (rule["urban"] if urban else 0) + rng.uniform(-2, 2)
        if column == "share_low_income" and spec.supported:
            value += params["supported_extra_low_income"]
        shares[column] = round(_clamp(value, 0, 100), 1)
    risk = params["at_risk_share"]
    records.add(
        SocialPassport, spec.code, year, school_id=school_id, year=year, pupils_total=total, **shares,
        pupils_at_risk=round(total * _clamp(risk["base"] + risk["slope"] * spec.quality, 0.01, 0.2)),
        pupils_ovz=round(total * params["ovz_share"] * rng.uniform(0.6, 1.4)),
        pupils_registered=round(total * params["registered_share"] * rng.uniform(0.5, 1.5)),
        pupils_non_native=round(total * shares["share_non_native_russian"] / 100),
    )
