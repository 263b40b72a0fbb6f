"""The district's risk map: who is on it, levels and their change since last year, status filters, the programs
that address each risk, the chart data, the Excel and PDF reports and `kurator report risks`.

The district holds (as the schools' packets brought them): Школа А (ШНОР, «500+») with profiles for 2021 and 2022 and
an anti-risk program for its high «оснащение» in 2022 whose one measure is done; Школа Б (ШНСУ) with a 2022 profile
and a high «оснащение» but no program; Школа В («500+») without a profile; Школа Г (no status, no profile) and a
deleted school with a profile, neither on the map.
"""

import subprocess
from datetime import date

import openpyxl
import pytest

from app.cli import main
from app.models import (
    EventOccurrence,
    RiskLevel,
    RiskMeasure,
    RiskProfile,
    RiskProgram,
    Roadmap,
    RoadmapEvent,
    School,
    SchoolStatus,
    utcnow,
)
from app.services.reports.risk_excel import export_risks_xlsx
from app.services.risks.chart_data import risk_chart, risk_levels_chart, risk_map_chart
from app.services.risks.factors import factor_id
from app.services.risks.risk_map import cell_marks, cell_text, risk_map

YEAR = 2022


def _school(session, code, name, statuses=(), deleted=False) -> School:
    school = School(code=code, name=name, kind="СОШ", locality="rural", deleted_at=utcnow() if deleted else None)
    session.add(school)
    session.flush()
    session.add_all(SchoolStatus(school_id=school.id, year=YEAR, status=status) for status in statuses)
    return school


def _profile(session, school, year, levels: dict[str, str], priority=()) -> RiskProfile:
    profile = RiskProfile(school_id=school.id, year=year, filled_on=date(year, 3, 1), filled_by="Завуч")
    session.add(profile)
    session.flush()
    session.add_all(RiskLevel(profile_id=profile.id, factor_id=factor_id(code), level=level, priority=code in priority)
                    for code, level in levels.items())
    return profile


def _program_with_a_done_measure(session, school, profile) -> None:
    roadmap = Roadmap(title="ДК школы А", level="school", school_id=school.id, year_from=YEAR, year_to=YEAR)
    session.add(roadmap)
    session.flush()
    event = RoadmapEvent(roadmap_id=roadmap.id, number="1.1", title="Заявка на оснащение", deadline_text="Март",
                         position=1)
    program = RiskProgram(profile_id=profile.id, kind="anti_risk", factor_id=factor_id("equipment"),
                          goal="Обновить оснащение")
    session.add_all([event, program])
    session.flush()
    session.add_all([RiskMeasure(program_id=program.id, event_id=event.id),
                     EventOccurrence(event_id=event.id, school_id=school.id, year=YEAR, window_start=date(2022, 3, 1),
                                     window_end=date(2022, 3, 31), status="done", completed_on=date(2022, 3, 20))])


@pytest.fixture
def district(district_db):
    with district_db.session() as session:
        a = _school(session, "A", "Школа А", ("shnor", "500plus"))
        b = _school(session, "B", "Школа Б", ("shnsu",))
        _school(session, "C", "Школа В", ("500plus",))
        _school(session, "D", "Школа Г")
        gone = _school(session, "X", "Закрытая школа", ("500plus",), deleted=True)
        _profile(session, a, 2021, {"equipment": "medium", "academic_failure": "high"})
        this_year = _profile(session, a, 2022, {"equipment": "high", "academic_failure": "medium"}, ["equipment"])
        _program_with_a_done_measure(session, a, this_year)
        _profile(session, b, 2022, {"equipment": "high", "staff_shortage": "low"})
        _profile(session, gone, 2022, {"equipment": "high"})
    return district_db


def test_the_map_holds_the_schools_with_a_profile_or_500_plus_and_shows_who_has_none(district):
    with district.session() as session:
        found = risk_map(session, YEAR)
    assert [(row.name, row.has_profile) for row in found.rows] == [
        ("Школа А", True), ("Школа Б", True), ("Школа В", False)]
    assert found.profiles == 2 and len(found.factors) == 10


def test_each_cell_has_its_level_its_change_since_last_year_priority_and_program(district):
    with district.session() as session:
        a, b, c = risk_map(session, YEAR).rows
    equipment, failure = a.cells["equipment"], a.cells["academic_failure"]
    assert (equipment.level, equipment.previous, equipment.change, equipment.priority, equipment.program) == (
        "high", "medium", "worse", True, True)
    assert (failure.level, failure.previous, failure.change) == ("medium", "high", "better")
    assert (b.cells["equipment"].change, b.cells["equipment"].program) == (None, False)
    assert c.cells["equipment"].level is None
    assert cell_marks(equipment) == "В+ *П" and cell_marks(failure) == "С−" and cell_marks(c.cells["equipment"]) == ""
    assert cell_text(equipment) == "высокий (выше, чем год назад), приоритетный, есть программа"


def test_for_each_factor_the_schools_with_a_high_level_and_whether_a_program_addresses_it(district):
    with district.session() as session:
        equipment = next(f for f in risk_map(session, YEAR).factors if f.code == "equipment")
    assert equipment.counts == {"high": 2, "medium": 0, "low": 0, "none": 0}
    assert [(h.school, h.priority, h.has_program) for h in equipment.high] == [
        ("Школа А", True, True), ("Школа Б", False, False)]
    assert equipment.high_without_program == ["Школа Б"]


@pytest.mark.parametrize("statuses, schools", [
    (["shnsu"], ["Школа Б"]), (["500plus"], ["Школа А", "Школа В"]), (["shnor", "shnsu"], ["Школа А", "Школа Б"]),
])
def test_the_status_filter_keeps_the_schools_holding_any_chosen_status_that_year(district, statuses, schools):
    with district.session() as session:
        assert [row.name for row in risk_map(session, YEAR, statuses).rows] == schools


def test_the_programs_on_the_map_show_how_their_measures_go(district):
    with district.session() as session:
        [line] = risk_map(session, YEAR, today=date(2022, 6, 1)).programs
    assert (line.school, line.factor_code, line.goal, line.measures, line.done_percent, line.overdue) == (
        "Школа А", "equipment", "Обновить оснащение", 1, 100.0, 0)


def test_the_chart_draws_a_row_per_school_and_a_column_per_factor(district):
    with district.session() as session:
        chart = risk_map_chart(risk_map(session, YEAR))
    assert chart["schools"] == ["Школа А", "Школа Б", "Школа В"]
    assert chart["levels"][0][:2] == ["high", None] and chart["levels"][2] == [None] * 10
    assert len(chart["factors"]) == 10


def test_a_map_of_many_schools_is_charted_as_the_number_of_schools_at_each_level(district):
    with district.session() as session:
        found = risk_map(session, YEAR)
    assert risk_chart(found)[0] == "risk_map"
    found.rows = found.rows * 14  # 42 schools: a grid of them would not be read
    kind, data = risk_chart(found)
    assert kind == "risk_levels" and data == risk_levels_chart(found)
    assert data["factors"][0] == {"factor": "1. Низкий уровень оснащения школы", "high": 2, "medium": 0, "low": 0,
                                  "none": 0}


def test_the_excel_export_has_the_map_the_high_risks_the_programs_and_the_factors(district, tmp_path):
    with district.session() as session:
        path = export_risks_xlsx(session, YEAR, tmp_path / "risks.xlsx")
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Карта рисков 2022", "Высокий уровень", "Антирисковые программы", "Факторы риска"]
    rows = list(book["Карта рисков 2022"].values)
    assert rows[1][:5] == ("Школа А", "A", "ШНОР, «500+»", "да",
                           "высокий (выше, чем год назад), приоритетный, есть программа")
    assert list(book["Высокий уровень"].values)[1:] == [
        ("Низкий уровень оснащения школы", "Школа А", "A", "да", "да"),
        ("Низкий уровень оснащения школы", "Школа Б", "B", "нет", "нет")]


def test_kurator_report_risks_writes_pdf_or_word_naming_the_schools_or_refuses_another_format(district, db_path,
                                                                                              tmp_path):
    out = tmp_path / "risks.pdf"
    assert main(["--db", str(db_path), "report", "risks", "--year", "2022", "--out", str(out)]) == 0
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert "Профили рисков за 2022 год заполнили школ: 2 из 3; не заполнили: Школа В." in text
    assert "антирисковой программы по нему нет у школ: 1" in text
    assert main(["--db", str(db_path), "report", "risks", "--year", "2022", "--out", str(tmp_path / "r.docx")]) == 0
    assert (tmp_path / "r.docx").read_bytes().startswith(b"PK")  # the same report in Word
    assert main(["--db", str(db_path), "report", "risks", "--year", "2022", "--out", str(tmp_path / "r.odt")]) == 2
    assert not (tmp_path / "r.odt").exists()
