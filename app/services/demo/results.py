"""Synthetic educational results and context of one school, 2019–2023: exams, ВПР, graduation, olympiads,
social passports. A school's «quality» (−1…+1) and its trend since the program started drive them all."""

import math
import random
from dataclasses import dataclass
from typing import Any

from app.models import ExamResult, Graduation, OlympiadResult, SocialPassport, VprReference, VprResult
from app.models.reference import VPR_REFERENCE_LEVELS

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


@dataclass(frozen=True)
class _SchoolYear:
    """One school in one year: where its records go and how good it is that year."""

    records: DemoRecords
    spec: SchoolSpec
    school_id: str
    year: int
    quality: float
    rng: random.Random

    def add(self, model: type, *key: Any, **fields: Any) -> None:
        self.records.add(model, self.spec.code, self.year, *key, school_id=self.school_id, year=self.year, **fields)


def add_results(records: DemoRecords, spec: SchoolSpec, school_id: str) -> None:
    """All yearly results and passports of one school."""
    rng = school_rng(spec, "results")
    for year in load("synthetic")["years"]:
        _add_passport(add_year_results(records, spec, school_id, year, rng))


def add_year_results(records: DemoRecords, spec: SchoolSpec, school_id: str, year: int,
                     rng: random.Random) -> "_SchoolYear":
    """One school's results of one year: ОГЭ, ЕГЭ, graduation, ВПР, olympiads."""
    at = _SchoolYear(records, spec, school_id, year, _quality(spec, year, rng), rng)
    nine = _cohort(spec, 9, rng)
    _add_graduation(at, 9, nine, _add_oge(at, nine))
    if spec.senior:
        eleven = _cohort(spec, 11, rng)
        _add_graduation(at, 11, eleven, _add_ege(at, eleven))
    _add_vpr(at)
    _add_olympiads(at)
    return at


def _takers(cohort: int, share: float, rng: random.Random) -> int:
    return cohort if share >= 1 else round(cohort * share * rng.uniform(0.6, 1.4))


def _add_ege(at: _SchoolYear, cohort: int) -> int:
    """ЕГЭ by subject; returns how many failed Russian (the compulsory exam)."""
    failed = 0
    for subject in load("results")["ege"]:
        participants = _takers(cohort, subject["share"], at.rng)
        if not participants:
            continue
        mean = _clamp(subject["mean"] + subject["slope"] * at.quality + at.rng.gauss(0, 2.5), 30, 88)
        below = round(participants * _below(subject["minimum"], mean, subject["sd"]))
        under_30 = max(below, round(participants * _below(30, mean, subject["sd"])))
        at.add(ExamResult, "ЕГЭ", subject["subject"], exam="ЕГЭ", subject=subject["subject"],
               participants=participants, mean_score=round(mean, 1), below_minimum=below,
               under_30=min(under_30, participants))
        if subject["subject"] == "Русский язык":
            failed = below
    return failed


def _add_oge(at: _SchoolYear, cohort: int) -> int:
    """ОГЭ by subject (not held in 2020; only Russian and mathematics in 2021); returns the most who failed one."""
    params = load("results")
    if at.year in params["oge_not_held"]:
        return 0
    failed = 0
    subjects = [s for s in params["oge"] if s["share"] >= 1 or at.year not in params["oge_core_only"]]
    for subject in subjects:
        participants = _takers(cohort, subject["share"], at.rng)
        if not participants:
            continue
        mean = _clamp(subject["mean"] + subject["slope"] * at.quality + at.rng.gauss(0, 0.1), 2.6, 4.8)
        fail_share = _clamp(0.1 - 0.09 * at.quality + at.rng.gauss(0, 0.02), 0, 0.35)
        below = min(participants, round(participants * fail_share))
        at.add(ExamResult, "ОГЭ", subject["subject"], exam="ОГЭ", subject=subject["subject"],
               participants=participants, mean_score=round(mean, 2), below_minimum=below, under_30=None)
        failed = max(failed, below)
    return failed


def _add_graduation(at: _SchoolYear, grade: int, graduates: int, failed: int) -> None:
    """Those who failed a compulsory exam mostly pass the retake; a few leave without a certificate."""
    certificates = graduates - min(graduates, round(failed * at.rng.uniform(0.0, 0.4)))
    honours_share = _clamp((0.05 if grade == 9 else 0.09) + 0.05 * at.quality, 0, 0.3)
    honours = min(certificates, round(graduates * honours_share))
    took_3plus = min(graduates, round(graduates * _clamp(0.55 + 0.15 * at.quality, 0.1, 1))) if grade == 11 else None
    at.add(Graduation, grade, grade=grade, graduates=graduates, certificates=certificates, honours=honours,
           took_3plus=took_3plus)


def _add_vpr(at: _SchoolYear) -> None:
    vpr, q, rng = load("results")["vpr"], at.quality, at.rng
    term_rng = school_rng(at.spec, f"vpr-term:{at.year}")  # its own draws: the other results do not shift
    for grade in vpr["grades"]:
        for subject in vpr["subjects"]:
            participants = max(2, round(at.spec.pupils / 11 * vpr["attendance"] * rng.uniform(0.9, 1.1)))
            shares = {
                2: _clamp(0.1 - 0.08 * q + rng.gauss(0, 0.02), 0.01, 0.4),
                4: _clamp(0.33 + 0.08 * q + rng.gauss(0, 0.03), 0.1, 0.5),
                5: _clamp(0.1 + 0.08 * q + rng.gauss(0, 0.02), 0.01, 0.35),
            }
            counts = {mark: round(participants * share) for mark, share in shares.items()}
            counts[3] = max(0, participants - sum(counts.values()))
            participants = sum(counts.values())
            at.add(VprResult, grade, subject, grade=grade, subject=subject, participants=participants,
                   count_2=counts[2], count_3=counts[3], count_4=counts[4], count_5=counts[5],
                   **_term_marks(at, participants, term_rng))


def _term_marks(at: _SchoolYear, participants: int, rng: random.Random) -> dict[str, int]:
    """The work's marks against the term marks: compared from the program's start, a weaker school lowering more."""
    vpr = load("results")["vpr"]
    if at.year < vpr["term_compared_from"]:
        return {}
    term = vpr["term"]
    lowered = round(participants * _clamp(term["lowered"] - term["quality_effect"] * at.quality
                                          + rng.gauss(0, 0.04), 0.0, 0.6))
    raised = min(participants - lowered, round(participants * _clamp(term["raised"] + rng.gauss(0, 0.02), 0, 0.2)))
    return {"term_lowered": lowered, "term_confirmed": participants - lowered - raised, "term_raised": raised}


def add_vpr_references(records: DemoRecords) -> None:
    """The region's and Russia's ВПР figures for every demo year, grade and subject (the district enters them)."""
    vpr = load("results")["vpr"]
    rng = random.Random(f"{load('synthetic')['seed']}:vpr-reference")
    for year in load("synthetic")["years"]:
        for grade in vpr["grades"]:
            for subject in vpr["subjects"]:
                shift = rng.gauss(0, vpr["reference"]["spread"])
                for level in VPR_REFERENCE_LEVELS:
                    base = vpr["reference"][level]
                    records.add(VprReference, year, grade, subject, level, year=year, grade=grade, subject=subject,
                                level=level, share_2=round(max(0.5, base["share_2"] + shift / 2), 2),
                                share_4_5=round(base["share_4_5"] - shift, 2),
                                mean_mark=round(base["mean_mark"] - shift / 40, 2))


def _add_olympiads(at: _SchoolYear) -> None:
    for level in load("results")["olympiads"]:
        participants = round(at.spec.pupils * level["share"] * (1 + 0.3 * at.quality) * at.rng.uniform(0.8, 1.2))
        winners = round(participants * _clamp(level["winners"] + 0.1 * at.quality, 0.02, 0.5))
        at.add(OlympiadResult, level["level"], level=level["level"], participants=participants, winners=winners)


def _add_passport(at: _SchoolYear) -> None:
    """The social passport: context follows the school's standing, not the year's results."""
    params, spec, rng = load("results")["passport"], at.spec, at.rng
    urban = spec.locality == "urban"
    total = round(spec.pupils * (1 + 0.015 * (at.year - 2023)) * rng.uniform(0.98, 1.02))
    shares = {}
    for column in SocialPassport.SHARES:
        rule = params[column]
        value = rule["base"] + rule["slope"] * spec.quality + (rule["urban"] if urban else 0) + rng.uniform(-2, 2)
        if column == "share_low_income" and spec.supported:
            value += params["supported_extra_low_income"]
        shares[column] = round(_clamp(value, 0, 100), 1)
    risk = params["at_risk_share"]
    at.add(
        SocialPassport, pupils_total=total, **shares,
        pupils_at_risk=round(total * _clamp(risk["base"] + risk["slope"] * spec.quality, 0.01, 0.2)),
        pupils_ovz=round(total * params["ovz_share"] * rng.uniform(0.6, 1.4)),
        pupils_registered=round(total * params["registered_share"] * rng.uniform(0.5, 1.5)),
        pupils_non_native=round(total * shares["share_non_native_russian"] / 100),
    )
