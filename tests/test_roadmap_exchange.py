"""Roadmap corrections and the school template travel in packets: district → school → district."""

import json
from pathlib import Path

import pytest

from app.cli import main
from app.db import open_database
from app.errors import KuratorError
from app.models import EventOccurrence
from app.services.ids import school_id
from app.services.roadmaps import corrections, editing, proposals, templates
from app.services.roadmaps.plans import record_progress, roadmap_detail

PASS = "пароль-подписи-1"
SCHOOL = "0701003"
SIGNER = ["--signer", "Иванова А.А.", "--position", "Методист"]
DATA = Path(__file__).parent / "data" / "roadmaps"


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


@pytest.fixture
def offices(tmp_path, monkeypatch, capsys):
    """A district with seeds/002's two-level table approved, corrected and assigned to one school; both trust
    each other's keys."""
    monkeypatch.setenv("KURATOR_PASSPHRASE", PASS)
    d, s = tmp_path / "d.db", tmp_path / "s.db"
    assert kurator("--db", d, "init", "--mode", "district", "--name", "Терский муниципальный район") == 0
    assert kurator("--db", d, "demo") == 0
    assert kurator("--db", s, "init", "--mode", "school", "--school", SCHOOL, "--name", "МКОУ СОШ с.п. Ново-Хамидие") == 0
    assert kurator("--db", s, "keys", "export", tmp_path / "s.pem") == 0
    assert kurator("--db", d, "keys", "trust", tmp_path / "s.pem", "--school", SCHOOL) == 0
    assert kurator("--db", d, "keys", "export", tmp_path / "d.pem") == 0
    assert kurator("--db", s, "keys", "trust", tmp_path / "d.pem", "--district") == 0
    capsys.readouterr()
    assert kurator("--db", d, "roadmap", "import", DATA / "seed002.docx", "--table", "1", "--year", "2021",
                   "--to-year", "2022", "--json") == 0
    roadmap = json.loads(capsys.readouterr().out)["roadmap_id"]
    assert kurator("--db", d, "roadmap", "approve", roadmap, "--order", "приказ № 333-ОД", "--date", "10.12.2021") == 0
    assert kurator("--db", d, "roadmap", "correct", roadmap, "--basis", "приказ УО № 112 от 14.03.2022",
                   "--date", "14.03.2022") == 0
    assert kurator("--db", d, "roadmap", "show", roadmap, "--json") == 0
    event = next(e for e in json.loads(capsys.readouterr().out)["events"] if e["number"] == "4.2")
    assert kurator("--db", d, "roadmap", "event", "edit", event["id"], "--deadline", "Декабрь 2022 г.") == 0
    assert kurator("--db", d, "roadmap", "template", roadmap, "--assign", SCHOOL) == 0
    return tmp_path, roadmap


def test_correction_and_template_reach_the_school_and_the_schools_part_comes_back(offices):
    folder, roadmap = offices
    d, s = folder / "d.db", folder / "s.db"
    assert kurator("--db", d, "packet", "export", "--out", folder / "d.kpkt", "--school", SCHOOL, *SIGNER) == 0
    assert kurator("--db", s, "packet", "import", folder / "d.kpkt") == 0
    school = open_database(str(s))
    with school.session() as session:
        history = corrections.roadmap_history(session, roadmap)
        assert [v["basis"] for v in history["versions"]] == ["приказ № 333-ОД", "приказ УО № 112 от 14.03.2022"]
        assert [(c["kind"], c["before"], c["after"]) for c in history["versions"][1]["changes"]] == [
            ("deadline", "2021- 2022", "Декабрь 2022 г.")]
        assert len(corrections.version_snapshot(session, roadmap, 1)["events"]) == 20 + 15  # 6.6 is school-only
        own = templates.create_school_roadmap(session, roadmap, school_id(SCHOOL))
        own_id = own.id
        assert len(roadmap_detail(session, own_id)["events"]) == 15
    with school.session() as session:
        first = next(e for e in roadmap_detail(session, own_id)["events"] if e["number"] == "3.1")
        window = session.query(EventOccurrence).filter_by(event_id=first["id"]).first()
        record_progress(session, window.id, "done", window.window_start)
    school.close()
    assert kurator("--db", s, "packet", "export", "--out", folder / "s.kpkt", *SIGNER) == 0
    assert kurator("--db", d, "packet", "import", folder / "s.kpkt") == 0
    district = open_database(str(d))
    with district.session() as session:
        progress = {m["number"]: m["schools"] for m in templates.measure_progress(session, roadmap)}
    district.close()
    assert [part["status"] for part in progress["3.1"]] == ["done"]
    assert [part["status"] for part in progress["4.1"]] == ["overdue"]  # its window 2021–2022 is long over


def _school_roadmap_at_the_district(folder: Path, roadmap: str) -> str:
    """District → school packet, the school makes its roadmap from the template, school → district packet."""
    d, s = folder / "d.db", folder / "s.db"
    assert kurator("--db", d, "packet", "export", "--out", folder / "d.kpkt", "--school", SCHOOL, *SIGNER) == 0
    assert kurator("--db", s, "packet", "import", folder / "d.kpkt") == 0
    school = open_database(str(s))
    with school.session() as session:
        own = templates.create_school_roadmap(session, roadmap, school_id(SCHOOL)).id
    school.close()
    assert kurator("--db", s, "packet", "export", "--out", folder / "s1.kpkt", *SIGNER) == 0
    assert kurator("--db", d, "packet", "import", folder / "s1.kpkt") == 0
    return own


def test_district_proposal_and_the_schools_own_edit_are_both_shown_and_the_user_picks(offices, capsys):
    folder, roadmap = offices
    own = _school_roadmap_at_the_district(folder, roadmap)
    d, s = folder / "d.db", folder / "s.db"
    district = open_database(str(d))
    with district.session() as session:
        event = next(e for e in roadmap_detail(session, own)["events"] if e["number"] == "3.1")
        with pytest.raises(KuratorError, match="ведёт школа"):
            editing.edit_event(session, event["id"], {"title": "Участие во всех мониторингах"})
        proposals.propose_event_change(session, event["id"], {"title": "Участие во всех мониторингах"})
    district.close()
    assert kurator("--db", s, "roadmap", "event", "edit", event["id"], "--title", "Участие в мониторинге ФИОКО") == 0
    assert kurator("--db", s, "packet", "export", "--out", folder / "s2.kpkt", *SIGNER) == 0
    capsys.readouterr()
    assert kurator("--db", d, "packet", "import", folder / "s2.kpkt", "--json") == 0
    assert [c["record_id"] for c in json.loads(capsys.readouterr().out)["conflicts"]] == [event["id"]]
    district = open_database(str(d))
    with district.session() as session:
        [shown] = proposals.event_proposals(session, event["id"])
        assert shown["conflict"] and shown["fields"] == [{
            "field": "title", "label": "Мероприятие", "base": "Участие в мониторинге",
            "mine": "Участие во всех мониторингах", "theirs": "Участие в мониторинге ФИОКО"}]
        proposals.resolve_proposal(session, shown["id"], "mine")
        [kept] = proposals.event_proposals(session, event["id"])
        assert not kept["conflict"] and kept["fields"][0]["base"] == "Участие в мониторинге ФИОКО"
        proposals.resolve_proposal(session, kept["id"], "theirs")
        assert proposals.event_proposals(session, event["id"]) == []
        assert [e["title"] for e in roadmap_detail(session, own)["events"] if e["id"] == event["id"]] == [
            "Участие в мониторинге ФИОКО"]
    district.close()
