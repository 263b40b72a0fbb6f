"""On the demo district, `kurator indicators --year 2022 --json` gives the seeds/003 indicators with their 2022
targets and actuals equal to a hand count of the demo records (plain Python over the rows, not the measures' SQL)."""

import json
from datetime import date

import pytest

from app.cli import main
from app.db import open_database
from app.models import (
    Diagnostic,
    ExamResult,
    MethodEvent,
    Participation,
    Partnership,
    School,
    SchoolStatus,
    SocialPassport,
    SupportAction,
    Teacher,
    VprResult,
)
from app.services.demo import load_demo
from app.services.setup import initialize

YEAR = 2022
SEED_003_TARGETS_2022 = {"2.1.1": 100, "2.1.2": 100, "2.2": 40, "2.3.1": 100, "2.3.2": 100, "2.3.3": 100}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(str(path))
    with database.session() as session:
        initialize(session, "district", "Терский муниципальный район")
        load_demo(session)
    with database.session() as session:
        yield path, session
    database.close()


def live(rows):
    return [row for row in rows if row.deleted_at is None]


def in_year(day: date | None) -> bool:
    return day is not None and day.year == YEAR


def share(numerator: int, denominator: int) -> float:
    return round(100 * numerator / denominator, 2)


def hand_counts(session) -> dict[str, float]:
    schools = {s.id for s in live(session.query(School))}
    statuses = live(session.query(SchoolStatus).filter_by(year=YEAR))
    group = {s.school_id for s in statuses if s.status in ("shnor", "shnsu")}
    shnor = {s.school_id for s in statuses if s.status == "shnor"}
    passports = {p.school_id for p in live(session.query(SocialPassport).filter_by(year=YEAR))}
    with_results = ({r.school_id for r in live(session.query(ExamResult).filter_by(year=YEAR))}
                    | {r.school_id for r in live(session.query(VprResult).filter_by(year=YEAR))})
    employed = [t for t in live(session.query(Teacher)) if t.school_id in group
                and (t.left_on is None or t.left_on >= date(YEAR, 1, 1))
                and (t.hired_on is None or t.hired_on <= date(YEAR, 12, 31))]
    diagnosed = {d.teacher_id for d in live(session.query(Diagnostic)) if in_year(d.taken_on)}
    events = {e.id for e in live(session.query(MethodEvent)) if in_year(e.held_on)}
    taking_part = {p.school_id for p in live(session.query(Participation)) if p.event_id in events}
    partnered = {p.school_id for p in live(session.query(Partnership))
                 if p.year_from <= YEAR <= (p.year_to or YEAR)}
    helped = {a.school_id for a in live(session.query(SupportAction)) if in_year(a.held_on)}
    return {
        "2.1.1": share(len(passports & with_results & schools), len(schools)),  # both, as the seed names both
        "2.2": share(sum(t.id in diagnosed for t in employed), len(employed)),
        "2.3.1": share(len(group & taking_part), len(group)),
        "2.3.2": share(len(group & partnered), len(group)),
        "2.3.3": share(len(shnor & helped), len(shnor)),
    }


def test_indicators_json_has_seed_003_targets_and_hand_counted_actuals(demo, capsys):
    path, session = demo
    assert main(["--db", str(path), "indicators", "--year", str(YEAR), "--json"]) == 0
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    for code, target in SEED_003_TARGETS_2022.items():
        assert rows[code]["target"] == target
        assert set(rows[code]) >= {"code", "name", "unit", "target", "actual", "status"}
    for code, expected in hand_counts(session).items():
        assert rows[code]["actual"] == pytest.approx(expected, abs=0.01), code


def test_a_year_without_shnor_gives_no_data_not_zero(demo, capsys):
    path, _session = demo
    assert main(["--db", str(path), "indicators", "--year", "2030", "--json"]) == 0
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["2.3.3"]["actual"] is None and rows["2.3.3"]["status"] == "no_data"
