"""What a generated region's schools and teachers have done, so that indicators, reports and lists have data at
region scale: each school's ОГЭ, ЕГЭ, graduation, ВПР and olympiads of the last two years (the demo's own
results model, driven by a quality drawn per school), diagnostics of one teacher in seven, and who took part in the
methodological events. Deterministic for a seed; rows for bulk inserts."""

import random
from datetime import date
from typing import Any

from app.models.reference import DIAGNOSTIC_KINDS, SUBJECTS

from .records import DemoRecords
from .results import add_year_results
from .specs import SchoolSpec

DIAGNOSED_SHARE = 1 / 7
PARTICIPANTS_PER_EVENT = 25
Rows = list[dict[str, Any]]


def _spec(school: dict, rng: random.Random) -> SchoolSpec:
    return SchoolSpec(code=school["code"], name=school["name"], kind=school["kind"], locality=school["locality"],
                      settlement=school["settlement"], context_type=None, distance_km=school["distance_km"],
                      pupils=school["pupils"], quality=rng.uniform(-1, 1), trend=rng.uniform(-0.02, 0.06))


def result_rows(rng: random.Random, schools: list[dict], year: int, origin: str) -> list[tuple[type, Rows]]:
    """Every school's results of `year` − 1 and `year`, per model."""
    records = DemoRecords(origin, origin, frozenset({"school", "district"}))
    for school in schools:
        spec = _spec(school, rng)
        for each in (year - 1, year):
            add_year_results(records, spec, school["id"], each, rng)
    return records.rows()


def diagnostic_rows(rng: random.Random, teachers: list[dict], year: int, new_id) -> Rows:
    kinds, subjects = list(DIAGNOSTIC_KINDS), list(SUBJECTS)
    rows = []
    for teacher in rng.sample(teachers, round(len(teachers) * DIAGNOSED_SHARE)):
        kind = rng.choice(kinds)
        rows.append({"id": new_id(rng), "teacher_id": teacher["id"], "taken_on": date(year, rng.randint(1, 11), 15),
                     "kind": kind, "subject": rng.choice(subjects) if kind == "subject" else None,
                     "organiser": "ЦНППМ", "score_percent": round(rng.uniform(25, 95), 1),
                     "distance": rng.random() < 0.5})
    return rows


def participation_rows(rng: random.Random, events: list[dict], teachers: list[dict], new_id) -> Rows:
    rows = []
    for event in events:
        for teacher in rng.sample(teachers, min(PARTICIPANTS_PER_EVENT, len(teachers))):
            rows.append({"id": new_id(rng), "event_id": event["id"], "school_id": teacher["school_id"],
                         "teacher_id": teacher["id"], "role": "participant"})
    return rows
