"""Importing the seeds' roadmap tables from Word and Excel, and the roadmap commands' JSON contract."""

import json
from pathlib import Path

import pytest

from app.cli import main
from app.models import Roadmap, RoadmapEvent
from app.services.roadmaps.importing import import_file, preview_file, save_preview

FIXTURES = Path(__file__).parent / "data" / "roadmaps"
SEEDS = {  # file: (sections, events)
    "seed004.docx": (5, 18), "seed004.xlsx": (5, 18), "seed000.docx": (4, 26),
    "seed001.docx": (6, 23), "seed001.xlsx": (6, 23), "seed002.docx": (6, 23), "seed002.xlsx": (6, 23),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_roadmap_imports_with_every_event_section_and_deadline_recognised(district_db, name):
    with district_db.session() as session:
        summary = import_file(session, FIXTURES / name, 2022)
    assert (summary["sections"], summary["events"], summary["unrecognized_deadlines"]) == (*SEEDS[name], 0)


def test_cli_import_then_show_gives_the_contract_json(district_db, db_path, capsys):
    district_db.close()
    assert main(["--db", str(db_path), "roadmap", "import", str(FIXTURES / "seed004.docx"), "--year", "2022", "--json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert set(imported) >= {"roadmap_id", "sections", "events", "unrecognized_deadlines"}
    assert main(["--db", str(db_path), "roadmap", "show", imported["roadmap_id"], "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert set(shown) >= {"id", "title", "events"}
    seventeen = next(e for e in shown["events"] if e["number"] == "17")
    assert seventeen["deadline_text"] == "Декабрь 2022 г."
    assert seventeen["windows"] == [{"start": "2022-12-01", "end": "2022-12-31"}]
    assert set(seventeen) >= {"number", "title", "deadline_text", "kind", "windows", "responsible",
                              "planned_result", "status", "section"}


def test_exported_excel_imports_again_as_the_same_events(district_db, tmp_path):
    from app.services.roadmaps.export import export_excel

    with district_db.session() as session:
        first = import_file(session, FIXTURES / "seed001.docx", 2018)
        export_excel(session, first["roadmap_id"], tmp_path / "back.xlsx")
        second = import_file(session, tmp_path / "back.xlsx", 2018)
        events = [
            [(e.number, e.title, e.deadline_text, e.responsible, e.planned_result)
             for e in session.get(Roadmap, summary["roadmap_id"]).events]
            for summary in (first, second)
        ]
    assert second["sections"] == first["sections"]
    assert events[0] == events[1]


def test_file_without_a_roadmap_table_is_refused_and_nothing_is_saved(district_db, db_path):
    district_db.close()
    assert main(["--db", str(db_path), "roadmap", "import", str(FIXTURES / "no_table.docx"), "--year", "2022"]) == 2
    assert main(["--db", str(db_path), "roadmap", "import", str(FIXTURES / "corrupt.docx"), "--year", "2022"]) == 2
    from app.db import open_database

    reopened = open_database(str(db_path))
    with reopened.session() as session:
        assert session.query(Roadmap).count() == 0
    reopened.close()


def test_a_corrected_deadline_is_saved_beside_the_text_as_written(district_db, tmp_path):
    preview = preview_file(FIXTURES / "seed004.docx", 2022)
    assert preview.correct(0, "когда получится") == "unrecognized"
    assert preview.unrecognized == [0]
    preview.correct(0, "Март")
    with district_db.session() as session:
        summary = save_preview(session, preview)
        first = session.query(RoadmapEvent).filter_by(roadmap_id=summary["roadmap_id"], position=0).one()
        assert (first.deadline_text, first.deadline_override) == ("Февраль", "Март")
