"""A risk profile from an Excel sheet of factor/level rows and the `kurator risks` commands: the template lists the
year's factors, a good sheet replaces the profile, a bad one is refused at its cells (exit 2) and saves nothing."""

import json

import openpyxl
import pytest
from risk_world import SCHOOL, SCHOOL_ID, YEAR
from sqlalchemy import func, select

from app.cli import main
from app.models import Peer, RiskProfile, School
from app.services.ids import school_id
from app.services.risks.importing import RiskImportError, import_profile, write_risk_template
from app.services.risks.profiles import profile_detail

LEVELS = ["высокий", "средний", "низкий", "не выявлен", "средний", "высокий", "низкий", "высокий", "средний",
          "низкий"]


@pytest.fixture
def template(school_db, tmp_path):
    path = tmp_path / "profile.xlsx"
    with school_db.session() as session:
        write_risk_template(session, path, SCHOOL_ID, YEAR)
    return path


def fill(path, levels=LEVELS, priority=(2, 7, 9), extra_rows=()):
    """Levels in column B of rows 2–11, «да» in column C of the given rows, then extra (factor, level, priority) rows."""
    book = openpyxl.load_workbook(path)
    sheet = book["Профиль рисков"]
    for row, level in enumerate(levels, start=2):
        sheet.cell(row=row, column=2).value = level
        sheet.cell(row=row, column=3).value = "да" if row in priority else None
    for offset, values in enumerate(extra_rows):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=12 + offset, column=column).value = value
    book.save(path)
    return path


def profiles(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(RiskProfile))


def test_the_template_lists_the_factors_of_the_year_one_a_row(template):
    rows = list(openpyxl.load_workbook(template)["Профиль рисков"].values)
    assert rows[0] == ("Фактор риска", "Уровень", "Приоритетный риск")
    assert rows[1][0] == "Низкий уровень оснащения школы" and len(rows) == 11


def test_a_filled_sheet_becomes_the_school_profile_of_the_year(school_db, template):
    with school_db.session() as session:
        saved = import_profile(session, SCHOOL_ID, YEAR, fill(template), "Абаева А.П.")
    assert (saved.school, saved.levels, saved.priority) == (SCHOOL, 10, ["equipment", "language_barriers",
                                                                         "academic_failure"])
    with school_db.session() as session:
        detail = profile_detail(session, SCHOOL_ID, YEAR)
    assert [f.level for f in detail.factors][:4] == ["high", "medium", "low", "none"]
    assert (detail.source, detail.source_file, detail.filled_by) == ("excel", "profile.xlsx", "Абаева А.П.")


@pytest.mark.parametrize("filled, expected", [
    ({"levels": ["очень высокий"] + LEVELS[1:]}, (2, "B", "Уровень", "ожидается одно из значений")),
    ({"priority": (2, 3, 6, 8)}, (8, "C", "Приоритетный риск", "не больше 3 (выбрано 4)")),
    ({"priority": (5,)}, (5, "C", "Приоритетный риск", "только выявленный риск")),
    ({"extra_rows": [("Низкий уровень оснащения школы", "низкий", None)]},
     (12, "A", "Фактор риска", "фактор уже указан в строке 2")),
    ({"extra_rows": [("Плохая погода", "высокий", None)]}, (12, "A", "Фактор риска", "ожидается")),
    ({"extra_rows": [("Низкая учебная мотивация обучающихся", None, None)]}, (12, "B", "Уровень", "")),
])
def test_a_bad_row_is_refused_at_its_cell_and_nothing_is_saved(school_db, template, filled, expected):
    with school_db.session() as session, pytest.raises(RiskImportError) as refused:
        import_profile(session, SCHOOL_ID, YEAR, fill(template, **filled))
    row, letter, title, message = expected
    assert any((e.sheet, e.row, e.column_letter, e.column_title) == ("Профиль рисков", row, letter, title)
               and message in e.message for e in refused.value.errors), refused.value.errors
    assert profiles(school_db) == 0


def run(capsys, *argv) -> tuple[int, object, str]:
    """The exit code, the JSON printed (None when nothing was) and the messages on stderr."""
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


def test_cli_import_prints_the_saved_profile_or_the_errors_with_exit_2(school_db, db_path, template, capsys):
    code, report, _ = run(capsys, "--db", db_path, "risks", "import", fill(template, priority=(2, 3, 4, 5)),
                       "--school", SCHOOL, "--year", YEAR, "--json")
    assert code == 2 and report["saved"] is False and profiles(school_db) == 0
    assert {"sheet": "Профиль рисков", "row": 5, "column": "C"}.items() <= report["errors"][0].items()
    code, report, _ = run(capsys, "--db", db_path, "risks", "import", fill(template), "--school", SCHOOL, "--year", YEAR,
                       "--json")
    assert code == 0 and report == {"school": SCHOOL, "year": YEAR, "saved": True, "levels": 10,
                                     "priority": ["equipment", "language_barriers", "academic_failure"], "errors": []}


def test_cli_lists_the_profiles_in_the_shape_of_the_issue(school_db, db_path, template, capsys):
    assert run(capsys, "--db", db_path, "risks", "import", fill(template), "--school", SCHOOL, "--year", YEAR)[0] == 0
    code, [profile], _ = run(capsys, "--db", db_path, "risks", "--year", YEAR, "--school", SCHOOL, "--json")
    assert code == 0 and set(profile) == {"school", "year", "factors", "priority", "programs"}
    assert profile["factors"][0] == {"code": "equipment", "title": "Низкий уровень оснащения школы", "level": "high"}
    assert (profile["school"], profile["priority"], profile["programs"]) == (
        SCHOOL, ["equipment", "language_barriers", "academic_failure"], [])
    assert run(capsys, "--db", db_path, "risks", "--year", 2021, "--json")[:2] == (0, [])
    assert run(capsys, "--db", db_path, "risks", "--year", YEAR, "--school", "9999999", "--json")[0] == 2


def test_cli_lists_the_factors(school_db, db_path, capsys):
    code, listed, _ = run(capsys, "--db", db_path, "risks", "factors", "--json")
    assert code == 0 and len(listed) == 10
    assert listed[1] == {"code": "staff_shortage", "title": "Дефицит педагогических кадров", "evidence": "staffing",
                         "year_from": None, "year_to": None}


def test_the_district_may_not_import_the_profile_of_a_school_it_does_not_keep(district_db, db_path, tmp_path, capsys):
    with district_db.session() as session:  # the school registered its key: it keeps its own data (issue 13)
        session.add(School(id=school_id(SCHOOL), code=SCHOOL, name="Урожайное", kind="СОШ", locality="rural"))
        session.add(Peer(kind="school", school_code=SCHOOL, name="Урожайное", public_key_pem="-", fingerprint="-"))
    with district_db.session() as session:
        path = write_risk_template(session, tmp_path / "p.xlsx", SCHOOL_ID, YEAR)
    code, _, err = run(capsys, "--db", db_path, "risks", "import", fill(path), "--school", SCHOOL, "--year", YEAR)
    assert code == 2 and "Эту запись ведёт школа" in err
    assert profiles(district_db) == 0
