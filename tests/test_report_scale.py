"""The district's справка at region scale: a table with a row per school names the program schools (ШНОР, ШНСУ,
«500+», резильентные) and summarises the rest with their count and where the full list is; a district the size of
the demo's keeps its tables whole (tests/test_report_sections.py reads those)."""

import docx
import pytest
from sqlalchemy import select

from app.db import open_database
from app.models import School, SchoolStatus
from app.services.demo.generator import generate_region
from app.services.qualification.monitoring import qualification_report
from app.services.reports.documents import district_report
from app.services.reports.school_tables import FULL_TABLE_ROWS, TOP_ROWS, school_rows, shown_sentence
from app.services.setup import initialize

YEAR = 2024
SCHOOLS = 60
PROGRAM = ("shnor", "shnsu", "500plus", "resilient")


def test_a_table_of_up_to_forty_schools_is_whole():
    rows = list(range(FULL_TABLE_ROWS))
    found = school_rows(rows, lambda row: row == 3, lambda row: row)
    assert found.shown == rows and found.rest == [] and not found.summarised
    assert shown_sentence(found) == ""


def test_a_larger_table_keeps_the_program_and_the_top_others_in_order():
    rows = list(range(45))  # schools 0…44; the program's are 2, 30 and 44; the measure is the number itself
    found = school_rows(rows, lambda row: row in (2, 30, 44), lambda row: row)
    top = list(range(33, 44))[1:]  # the ten largest outside the program: 34…43
    assert found.shown == [2, 30, *top, 44]
    assert found.rest == [row for row in rows if row not in found.shown] and len(found.rest) == 45 - 3 - TOP_ROWS
    assert shown_sentence(found, "с наибольшим числом") == (
        "В таблице — школы программы (3) и 10 школ вне программы с наибольшим числом; школ, не вошедших в таблицу, — "
        "32.")


def test_without_a_measure_only_the_program_is_shown():
    found = school_rows(list(range(50)), lambda row: row % 10 == 0)
    assert found.shown == [0, 10, 20, 30, 40] and len(found.rest) == 45 and found.top == 0


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    folder = tmp_path_factory.mktemp("region")
    database = open_database(str(folder / "region.db"))
    with database.session() as session:
        initialize(session, "district", "Учебный район", program_year=YEAR)
        generate_region(session, schools=SCHOOLS, staff=SCHOOLS * 10)
        session.commit()
        program = set(session.scalars(select(School.name).join(SchoolStatus, SchoolStatus.school_id == School.id)
                                      .where(SchoolStatus.year == YEAR, SchoolStatus.status.in_(PROGRAM))))
        ids = set(session.scalars(select(SchoolStatus.school_id).where(SchoolStatus.year == YEAR,
                                                                      SchoolStatus.status.in_(PROGRAM))))
        monitoring = qualification_report(session, YEAR)
        noted = {s.name: s.school_id in ids for s in monitoring.schools if any(s.counts.values()) or s.vacant_rates}
        path = district_report(session, YEAR, folder / "справка.docx")
    database.close()
    return docx.Document(path), program, noted


def _table_after(document, heading_start: str):
    body = list(document.element.body.iterchildren())
    start = next(i for i, e in enumerate(body) if e.tag.endswith("}p") and "".join(e.itertext()).startswith(heading_start))
    element = next(e for e in body[start:] if e.tag.endswith("}tbl"))
    table = next(t for t in document.tables if t._tbl is element)
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def _text(document) -> str:
    return " ".join(p.text for p in document.paragraphs)


def test_the_exam_table_names_every_program_school_and_gives_the_rest_as_a_median(region):
    document, program, _noted = region
    assert 0 < len(program) < SCHOOLS - FULL_TABLE_ROWS  # the generated region has both kinds
    rows = _table_after(document, "9. Показатели ГИА")
    assert {row[0] for row in rows[:-1]} == program
    rest = SCHOOLS - len(program)
    assert rows[-1][0] == f"Медиана по остальным школам ({rest})"
    assert f"В таблице — школы программы ({len(program)}); школ, не вошедших в таблицу, — {rest}." in _text(document)
    assert "«Таблица показателей ЕГЭ/ОГЭ (Excel)»" in _text(document)


def test_the_qualification_table_names_the_program_and_counts_the_rest(region):
    document, _program, noted = region  # school → whether it is in the program, for the schools with findings
    shown = [row[0] for row in _table_after(document, "5.1. Соответствие кадров")]
    assert set(shown) >= {name for name, in_program in noted.items() if in_program}
    assert len([name for name in shown if not noted[name]]) == TOP_ROWS
    text = _text(document)
    assert f"не вошедших в таблицу, — {len(noted) - len(shown)}. У них: без КПК" in text and "kurator report excel qualification" in text


def test_the_schools_section_lists_every_program_school(region):
    document, program, _noted = region
    assert {row[1] for row in _table_after(document, "1. Школы, участвующие")} == program
