"""The Word export: the layout these offices approve, any version, and the .docx imports back into the same roadmap."""

import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest

from app.services.roadmaps import corrections, editing
from app.services.roadmaps.export import export_analysis_pdf
from app.services.roadmaps.importing import import_file
from app.services.roadmaps.plans import roadmap_detail
from app.services.roadmaps.tables import read_roadmap
from app.services.roadmaps.word import export_docx

DATA = Path(__file__).parent / "data" / "roadmaps"


def texts(roadmap_id, session):
    detail = roadmap_detail(session, roadmap_id)
    return ([(e["number"], e["title"], e["deadline_text"], e["responsible"], e["planned_result"], e["section"])
             for e in detail["events"]], [s["label"] for s in detail["sections"]])


@pytest.mark.parametrize(("seed", "table"), [("seed000.docx", None), ("seed001.docx", None), ("seed002.docx", 0),
                                             ("seed004.docx", None)])
def test_exported_docx_imports_into_the_same_events_sections_and_deadlines(district_db, tmp_path, seed, table):
    with district_db.session() as session:
        original = import_file(session, DATA / seed, 2021, 2023, table_index=table)["roadmap_id"]
        export_docx(session, original, tmp_path / "out.docx")
        again = import_file(session, tmp_path / "out.docx", 2021, 2023)["roadmap_id"]
        assert texts(again, session) == texts(original, session)


def test_two_level_table_goes_out_with_both_columns_and_comes_back_linked(district_db, tmp_path):
    with district_db.session() as session:
        original = import_file(session, DATA / "seed002.docx", 2021, 2022, table_index=1)["roadmap_id"]
        export_docx(session, original, tmp_path / "levels.docx")
        parsed = read_roadmap(tmp_path / "levels.docx")
    assert len(parsed.events) == 21 and sum(1 for e in parsed.events if e.school_title) == 15
    assert parsed.sections[1].note == "Осуществляется на региональном уровне"
    header = [cell.text for cell in docx.Document(tmp_path / "levels.docx").tables[0].rows[0].cells]
    assert header == ["№ п/п", "Мероприятие", "Уровень образовательной организации", "Сроки", "Ответственные",
                      "Планируемый результат"]


@pytest.fixture
def corrected(district_db):
    """seeds/000 approved on 20.01.2021, then a correction moving 2.3 to «Ежегодно, май»."""
    with district_db.session() as session:
        roadmap_id = import_file(session, DATA / "seed000.docx", 2021, 2023)["roadmap_id"]
        corrections.approve_roadmap(session, roadmap_id, "приказ УО № 5 от 20.01.2021", date(2021, 1, 20))
        corrections.open_correction(session, roadmap_id, "приказ УО № 112 от 14.03.2023", date(2023, 3, 14))
        event = next(e for e in roadmap_detail(session, roadmap_id)["events"] if e["number"] == "2.3")
        editing.edit_event(session, event["id"], {"deadline_text": "Ежегодно, май"})
    return roadmap_id


def _paragraphs(path):
    return [p.text for p in docx.Document(path).paragraphs if p.text]


def test_docx_layout_title_block_repeating_header_section_rows_and_a4(district_db, tmp_path, corrected):
    with district_db.session() as session:
        export_docx(session, corrected, tmp_path / "v1.docx", version=1, landscape=False)
        export_docx(session, corrected, tmp_path / "now.docx")
    first, now = docx.Document(tmp_path / "v1.docx"), docx.Document(tmp_path / "now.docx")
    assert _paragraphs(tmp_path / "v1.docx")[:2] == ["УТВЕРЖДЕНА", "приказом УО № 5 от 20.01.2021"]
    assert _paragraphs(tmp_path / "now.docx")[2] == "(в редакции: приказ УО № 112 от 14.03.2023)"
    page = first.sections[0]
    assert (round(page.page_width.cm, 1), round(page.page_height.cm, 1)) == (21.0, 29.7)
    assert round(now.sections[0].page_width.cm, 1) == 29.7
    table = first.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["№ п/п", "Мероприятие", "Сроки", "Ответственные",
                                                      "Планируемый результат"]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")
    section_row = table.rows[1]
    assert len({id(cell._tc) for cell in section_row.cells}) == 1
    assert section_row.cells[0].text == "1. Организационно-управленческие мероприятия"
    assert first.styles["Normal"].font.name == "Times New Roman" and first.styles["Normal"].font.size.pt == 12
    deadlines = {row.cells[0].text: row.cells[2].text for row in table.rows[1:]}
    assert deadlines["2.3"] == "Ежегодно, март-апрель"
    assert {row.cells[0].text: row.cells[2].text for row in now.tables[0].rows[1:]}["2.3"] == "Ежегодно, май"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_docx_to_pdf_without_errors(district_db, tmp_path, corrected):
    with district_db.session() as session:
        export_docx(session, corrected, tmp_path / "roadmap.docx")
    run = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to",
                          "pdf", "--outdir", str(tmp_path), str(tmp_path / "roadmap.docx")],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0 and "Error" not in run.stderr
    assert (tmp_path / "roadmap.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils are not installed")
def test_analysis_pdf_states_the_moved_deadline_with_its_order(district_db, tmp_path, corrected):
    with district_db.session() as session:
        export_analysis_pdf(session, corrected, tmp_path / "analysis.pdf", year=2023, today=date(2023, 6, 1))
    text = subprocess.run(["pdftotext", str(tmp_path / "analysis.pdf"), "-"], capture_output=True, text=True).stdout
    assert "срок перенесён приказом УО № 112 от 14.03.2023" in " ".join(text.split())
