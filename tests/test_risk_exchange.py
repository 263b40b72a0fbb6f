"""A school's risk profile and anti-risk program reach the district in its signed packet (with the roadmap events
that are the program's measures); the owner rule follows a level to its profile's school."""

import uuid
from datetime import date
from pathlib import Path

import pytest
from risk_world import PRIORITY, PROFILE, SCHOOL, SCHOOL_ID, YEAR, entry
from sqlalchemy import func, select

from app.cli import main
from app.db import open_database
from app.models import PacketLog, RiskLevel, RiskProfile, School
from app.services.exchange import keys
from app.services.exchange import packet as packet_format
from app.services.exchange.signing import signing_key
from app.services.ids import school_id
from app.services.risks.factors import factor_id
from app.services.risks.profiles import save_profile
from app.services.risks.programs import MeasureEntry, ProgramEntry, save_program
from app.services.risks.summary import risk_profiles_json

PASS = "пароль-подписи-1"
SIGNER = ["--signer", "Абаева А.П.", "--position", "Заместитель директора по УВР"]
OTHER = "0701002"


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


def in_db(path: Path, work):
    db = open_database(str(path))
    try:
        with db.session() as session:
            return work(session)
    finally:
        db.close()


def fill_school(session) -> None:
    save_profile(session, SCHOOL_ID, YEAR, entry(PROFILE, PRIORITY))
    save_program(session, SCHOOL_ID, YEAR, ProgramEntry(
        "anti_risk", "Снизить долю обучающихся с рисками учебной неуспешности", "academic_failure",
        measures=[MeasureEntry("Дополнительные занятия", "Ежемесячно", "Учителя-предметники"),
                  MeasureEntry("Консилиум", "Март - апрель", "Педагог-психолог")]))


def other_school_profile(session) -> str:
    session.add(School(id=school_id(OTHER), code=OTHER, name="МКОУ СОШ с.п.Хамидие", kind="СОШ", locality="rural"))
    session.flush()
    profile = RiskProfile(school_id=school_id(OTHER), year=YEAR, filled_on=date(2022, 3, 1), filled_by="Завуч")
    session.add(profile)
    session.flush()
    return profile.id


@pytest.fixture
def exchange(tmp_path, monkeypatch):
    """The school (profile and program entered) has signed a packet; the district trusts its key."""
    monkeypatch.setenv("KURATOR_PASSPHRASE", PASS)
    s, d = tmp_path / "s.db", tmp_path / "d.db"
    assert kurator("--db", s, "init", "--mode", "school", "--school", SCHOOL, "--name", "МКОУ СОШ с.п. Урожайное") == 0
    in_db(s, fill_school)
    assert kurator("--db", s, "keys", "export", tmp_path / "s.pem") == 0
    assert kurator("--db", s, "packet", "export", "--out", tmp_path / "p.kpkt", *SIGNER) == 0
    assert kurator("--db", d, "init", "--mode", "district", "--name", "Терский муниципальный район") == 0
    assert kurator("--db", d, "keys", "trust", tmp_path / "s.pem", "--school", SCHOOL, "--name", "Урожайное") == 0
    return tmp_path


def test_the_school_profile_and_program_reach_the_district_as_the_school_sees_them(exchange):
    school_view = in_db(exchange / "s.db", lambda session: risk_profiles_json(session, YEAR))
    assert kurator("--db", exchange / "d.db", "packet", "import", exchange / "p.kpkt") == 0
    district_view = in_db(exchange / "d.db", lambda session: risk_profiles_json(session, YEAR))
    assert district_view == school_view
    [program] = district_view[0]["programs"]
    assert [m["title"] for m in program["measures"]] == ["Дополнительные занятия", "Консилиум"]


def test_a_level_slipped_under_another_school_profile_is_refused_and_changes_nothing(exchange):
    other = in_db(exchange / "d.db", other_school_profile)
    opened = packet_format.read_packet(exchange / "p.kpkt", (exchange / "s.pem").read_bytes())
    tables = {t: [dict(r) for r in rows] for t, rows in opened.tables.items()}
    tables["risk_level"].append(dict(tables["risk_level"][0], id=str(uuid.uuid4()), profile_id=other,
                                     factor_id=factor_id("parent_engagement")))
    manifest = {k: v for k, v in opened.manifest.items() if k not in ("files", "packet_id", "format", "format_version")}
    key = in_db(exchange / "s.db", lambda session: signing_key(session, PASS))
    packet_format.write_packet(exchange / "forged.kpkt", manifest, tables, key, keys.public_pem_of(key))
    assert kurator("--db", exchange / "d.db", "packet", "import", exchange / "forged.kpkt") == 3
    counts = in_db(exchange / "d.db", lambda session: (
        session.scalar(select(func.count()).select_from(RiskLevel)),
        session.scalar(select(func.count()).select_from(RiskProfile))))
    assert counts == (0, 1)  # the other school's profile only, as it was
    reason = in_db(exchange / "d.db", lambda session: session.scalars(select(PacketLog.reason)).one())
    assert "которые отправителю не принадлежат («Уровни факторов риска» — 1)" in reason
