"""District figures come from the district: the demo district and the demo school 0701003 exchange packets; the
school's profile then shows the ИСБ and group the district's profile shows, on the school's letterhead and signed by
its director, and its overview says «по данным района на ДАТА» — before the district's packet, «нет данных района»."""

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.db import open_database
from app.services.analytics.district_summary import district_figures, figures_problem, read_figures
from app.services.ids import school_id
from demo_pair import CODE, DISTRICT_SIGNER, NAME, PASS, demo_pair, kurator


def pdf_text(path: Path, layout: bool = True) -> str:
    """The PDF's text: laid out as printed (a table row on one line), or in reading order (a cell's text whole)."""
    command = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def words(text: str) -> str:
    """The text with every run of spaces and line breaks as one space (a table cell may wrap)."""
    return " ".join(text.split())


def line_with(text: str, start: str) -> str:
    return next(" ".join(line.split()) for line in text.splitlines() if line.strip().startswith(start))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Both demo databases with each other's keys; the school's profile printed before the district's packet."""
    folder = tmp_path_factory.mktemp("summary")
    patch = pytest.MonkeyPatch()
    patch.setenv("KURATOR_PASSPHRASE", PASS)
    patch.setenv("KURATOR_DATA_DIR", str(folder / "data"))
    s, d = demo_pair(folder)
    assert kurator("--db", s, "report", "school", "--year", 2022, "--out", folder / "before.pdf") == 0
    assert kurator("--db", d, "packet", "export", "--school", CODE, "--period", 2022, "--out", folder / "d2s.kpkt",
                   *DISTRICT_SIGNER) == 0
    assert kurator("--db", s, "packet", "import", folder / "d2s.kpkt") == 0
    for db, name in ((s, "school.pdf"), (d, "district.pdf")):
        assert kurator("--db", db, "report", "school", *([] if db == s else [CODE]), "--year", 2022,
                       "--out", folder / name) == 0
    yield folder
    patch.undo()


def test_before_the_districts_packet_the_school_says_no_district_data(world):
    text = words(pdf_text(world / "before.pdf", layout=False))
    assert "нет данных района (считаются по всем школам района)" in text
    assert "ИСБ (0–100" not in text


def test_the_profile_at_the_school_shows_the_districts_isb_and_group(world):
    school, district = pdf_text(world / "school.pdf"), pdf_text(world / "district.pdf")
    for start in ("ИСБ (0–100", "Группа по результатам"):
        assert line_with(school, start) == line_with(district, start)
    assert line_with(school, "ИСБ (0–100") == "ИСБ (0–100, выше — 10,9"  # over the district's 26 schools, not 50
    assert "ШНОР/ШНСУ" in line_with(school, "Группа по результатам")
    assert f"по данным района на {date.today():%d.%m.%Y}" in words(pdf_text(world / "school.pdf", layout=False))


def test_the_school_prints_its_own_letterhead_and_its_director_signs(world):
    school, district = pdf_text(world / "school.pdf"), pdf_text(world / "district.pdf")
    assert school.lstrip().startswith(NAME.upper())
    assert "Жилоков Хасан" in school.split("Приложение")[0][-400:] and "Шидукова" not in school
    assert "Шидукова" in district


def test_school_summary_shows_the_districts_figures_and_their_date(world, capsys):
    capsys.readouterr()
    assert kurator("--db", world / "s.db", "school-summary", "--year", 2022, "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["isb"], summary["group"], summary["district_as_of"]) == (10.9, "ШНОР/ШНСУ", date.today().isoformat())
    by_code = {item["code"]: item for item in summary["indicators"]}
    assert by_code["2.1.2"]["district"] == 87.5  # the district's value, counted over its 8 ШНОР/ШНСУ (7 of 8)
    assert by_code["МП.4"]["value"] is not None  # positive dynamics: counted by the district for this school


def test_the_school_keeps_the_summary_the_district_sent_and_reads_it_back_unchanged(world):
    school, district = open_database(str(world / "s.db")), open_database(str(world / "d.db"))
    try:
        with school.session() as s_session, district.session() as d_session:
            kept = district_figures(s_session, school_id(CODE), 2022)
            computed = district_figures(d_session, school_id(CODE), 2022)
            assert kept.figures == computed.figures and kept.as_of == date.today()
            assert district_figures(s_session, school_id(CODE), 2021) is None  # only 2022 was sent
    finally:
        school.close()
        district.close()


@pytest.mark.parametrize("change", [
    lambda f: f.pop("isb"), lambda f: f.update(isb="одиннадцать"), lambda f: f.update(group="лучшие"),
    lambda f: f.update(indicators=[{"code": "2.2", "district": float("nan"), "school": None}]),
    lambda f: f.update(schools_compared=True), lambda f: f.update(surprise=1),
])
def test_a_summary_of_the_wrong_shape_is_not_read(world, change):
    database = open_database(str(world / "d.db"))
    try:
        with database.session() as session:
            figures = json.loads(json.dumps(district_figures(session, school_id(CODE), 2022).figures))
    finally:
        database.close()
    assert figures_problem(figures) is None
    change(figures)
    assert figures_problem(figures) is not None and read_figures(figures) is None
