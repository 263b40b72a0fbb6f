"""The roadmap editing commands as scripts use them: JSON out, exit 2 with nothing changed on bad input."""

import json
from pathlib import Path

import pytest

from app.cli import main

DATA = Path(__file__).parent / "data" / "roadmaps"


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


@pytest.fixture
def roadmap(tmp_path, capsys):
    db = tmp_path / "d.db"
    assert kurator("--db", db, "init", "--mode", "district", "--name", "Терский муниципальный район") == 0
    capsys.readouterr()
    assert kurator("--db", db, "roadmap", "import", DATA / "seed000.docx", "--year", "2021", "--to-year", "2023",
                   "--json") == 0
    return db, json.loads(capsys.readouterr().out)["roadmap_id"]


def show(db, roadmap_id, capsys) -> list[dict]:
    capsys.readouterr()
    assert kurator("--db", db, "roadmap", "show", roadmap_id, "--json") == 0
    return json.loads(capsys.readouterr().out)["events"]


def test_event_add_prints_number_and_id_and_show_lists_it(roadmap, capsys):
    db, roadmap_id = roadmap
    assert kurator("--db", db, "roadmap", "event", "add", roadmap_id, "--section", "4", "--title", "Форум школ",
                   "--deadline", "Ежегодно, октябрь", "--responsible", "ИМЦ", "--json") == 0
    added = json.loads(capsys.readouterr().out)
    assert added["number"] == "4.5" and len(added["id"]) == 36
    [shown] = [e for e in show(db, roadmap_id, capsys) if e["id"] == added["id"]]
    assert (shown["number"], shown["title"], shown["deadline_text"], shown["section"]) == (
        "4.5", "Форум школ", "Ежегодно, октябрь", "4 Мероприятия по развитию сетевого взаимодействия и партнерства")


def test_edit_moves_to_another_section_and_delete_closes_the_gap(roadmap, capsys):
    db, roadmap_id = roadmap
    first = next(e for e in show(db, roadmap_id, capsys) if e["number"] == "3.1")
    assert kurator("--db", db, "roadmap", "event", "edit", first["id"], "--section", "4", "--json") == 0
    assert json.loads(capsys.readouterr().out)["number"] == "4.5"
    assert kurator("--db", db, "roadmap", "event", "delete", first["id"]) == 0
    assert [e["number"] for e in show(db, roadmap_id, capsys) if e["number"].startswith(("3.", "4."))] == [
        "3.1", "3.2", "4.1", "4.2", "4.3", "4.4"]


@pytest.mark.parametrize("arguments", [
    ("--section", "9", "--title", "Семинар", "--deadline", "Март"),
    ("--section", "2", "--title", " ", "--deadline", "Март"),
    ("--section", "2", "--title", "Семинар", "--deadline", "когда получится"),
])
def test_bad_event_exits_2_and_changes_nothing(roadmap, capsys, arguments):
    db, roadmap_id = roadmap
    before = show(db, roadmap_id, capsys)
    assert kurator("--db", db, "roadmap", "event", "add", roadmap_id, *arguments) == 2
    assert show(db, roadmap_id, capsys) == before


def test_unrecognised_deadline_is_saved_when_confirmed(roadmap, capsys):
    db, roadmap_id = roadmap
    assert kurator("--db", db, "roadmap", "event", "add", roadmap_id, "--section", "2", "--title", "Семинар",
                   "--deadline", "когда получится", "--accept-unrecognized") == 0
    assert [e["kind"] for e in show(db, roadmap_id, capsys) if e["title"] == "Семинар"] == ["unrecognized"]


def test_history_json_and_export_of_a_version(roadmap, capsys, tmp_path):
    db, roadmap_id = roadmap
    assert kurator("--db", db, "roadmap", "event", "add", roadmap_id, "--section", "2", "--title", "Семинар",
                   "--deadline", "Март") == 0
    assert kurator("--db", db, "roadmap", "approve", roadmap_id, "--order", "приказ УО № 5",
                   "--date", "20.01.2021") == 0
    assert kurator("--db", db, "roadmap", "event", "delete",
                   next(e["id"] for e in show(db, roadmap_id, capsys) if e["title"] == "Семинар")) == 2
    assert kurator("--db", db, "roadmap", "correct", roadmap_id, "--basis", "приказ УО № 112 от 14.03.2022",
                   "--date", "14.03.2022") == 0
    assert kurator("--db", db, "roadmap", "event", "delete",
                   next(e["id"] for e in show(db, roadmap_id, capsys) if e["title"] == "Семинар")) == 0
    capsys.readouterr()
    assert kurator("--db", db, "roadmap", "history", roadmap_id, "--json") == 0
    history = json.loads(capsys.readouterr().out)
    assert [(v["version"], v["basis"], v["open"]) for v in history["versions"]] == [
        (1, "приказ УО № 5", False), (2, "приказ УО № 112 от 14.03.2022", True)]
    assert [(c["kind"], c["label"]) for c in history["versions"][1]["changes"]] == [("removed", "2.12 Семинар")]
    assert kurator("--db", db, "roadmap", "correct", roadmap_id, "--close") == 0
    assert kurator("--db", db, "roadmap", "correct", roadmap_id) == 2  # a correction needs its basis
    assert kurator("--db", db, "roadmap", "export", roadmap_id, tmp_path / "v1.docx", "--version", "1") == 0
    assert kurator("--db", db, "roadmap", "export", roadmap_id, tmp_path / "v1.xlsx", "--version", "1") == 0
    assert kurator("--db", db, "roadmap", "export", roadmap_id, tmp_path / "v9.docx", "--version", "9") == 2
    assert not (tmp_path / "v9.docx").exists()
    capsys.readouterr()
    assert kurator("--db", db, "roadmap", "import", tmp_path / "v1.docx", "--year", "2021", "--json") == 0
    assert json.loads(capsys.readouterr().out)["events"] == 27


def test_section_move_up_renumbers_it_and_its_events(roadmap, capsys):
    db, roadmap_id = roadmap
    capsys.readouterr()
    assert kurator("--db", db, "roadmap", "show", roadmap_id, "--json") == 0
    third = next(s for s in json.loads(capsys.readouterr().out)["sections"] if s["label"].startswith("3 "))
    assert kurator("--db", db, "roadmap", "section", "move", third["id"], "--up") == 0
    assert [e["number"] for e in show(db, roadmap_id, capsys) if e["section"].startswith("2 Мероприятия по выравн")] == [
        "2.1", "2.2", "2.3"]
