"""The «Результаты» workbook: a school fills the app's template, imports it all or nothing, twice harmlessly."""

import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import main
from app.models import (
    ExamResult,
    Graduation,
    Installation,
    OlympiadResult,
    Peer,
    School,
    SocialPassport,
    VprResult,
)
from app.services.ids import school_id
from app.services.imports.running import ImportRefused, import_file
from app.services.imports.templates import write_kind_template

OWN, OTHER = "0701001", "0701002"
MODELS = (ExamResult, VprResult, Graduation, OlympiadResult, SocialPassport)

FILLED = {
    "ЕГЭ": [{"Код школы": OWN, "Год": 2024, "Предмет": "Математика", "Участников": 20, "Средний балл": "52,5",
             "Не преодолели минимальный порог": 2, "Менее 30 баллов": 3}],
    "ОГЭ": [{"Код школы": OWN, "Год": 2024, "Предмет": "Русский язык", "Участников": 30, "Средняя отметка": 3.8,
             "Получили «2»": 1}],
    "ВПР": [{"Код школы": OWN, "Год": 2024, "Класс": 5, "Предмет": "Математика", "Участников": 25,
             "Отметка «2»": 3, "Отметка «3»": 10, "Отметка «4»": 8, "Отметка «5»": 4}],
    "Выпуск": [{"Код школы": OWN, "Год": 2024, "Класс": 11, "Выпускников": 18, "Получили аттестат": 17,
                "Аттестат с отличием": 2}],
    "Олимпиады": [{"Код школы": OWN, "Год": 2024, "Этап": "Муниципальный", "Участников": 14,
                   "Победителей и призёров": 3}],
    "Социальный паспорт": [{"Код школы": OWN, "Год": 2024, "Обучающихся всего": 300, "Малообеспеченные семьи, %": "35,5 %",
                            "В «группе риска»": 12}],
}


@pytest.fixture
def school(school_db):
    """A school installation (its own school 0701001) that also knows a second school of the district."""
    with school_db.session() as session:
        session.add(School(code=OTHER, name="МБОУ «Гимназия № 2»", kind="гимназия", locality="urban"))
    return school_db


def fill(path, sheets: dict[str, list[dict]]) -> None:
    """Type rows under the headers, as a user would, and save."""
    wb = load_workbook(path)
    for title, rows in sheets.items():
        ws = wb[title]
        columns = {cell.value: cell.column for cell in ws[1]}
        for row in rows:
            number = ws.max_row + 1
            for header, value in row.items():
                ws.cell(row=number, column=columns[header], value=value)
    wb.save(path)


def template(database, tmp_path, sheets=FILLED, name="results.xlsx"):
    path = tmp_path / name
    with database.session() as session:
        write_results_template(session, path)
    fill(path, sheets)
    return path


def snapshot(database) -> dict:
    """Every results row's values, per table: what «the database is unchanged» compares."""
    with database.session() as session:
        return {model.__tablename__: sorted(
            tuple(sorted((k, str(v)) for k, v in vars(row).items() if not k.startswith("_") and k != "updated_at"))
            for row in session.scalars(select(model))) for model in MODELS}


def import_results(session, path):
    return import_file(session, "results", path)


def write_results_template(session, path, year=None, prefill=False):
    return write_kind_template(session, "results", path, year=year, prefill=prefill)


def import_errors(database, path) -> list:
    with pytest.raises(ImportRefused) as caught, database.session() as session:
        import_results(session, path)
    return [(e.sheet, e.row, e.column_letter, e.message) for e in caught.value.errors]


def test_filled_template_imports_exact_rows_and_a_second_import_changes_nothing(school, tmp_path):
    path = template(school, tmp_path)
    with school.session() as session:
        summary = import_results(session, path)
    assert (summary.created, summary.updated) == (6, 0)
    assert summary.by_sheet["ЕГЭ"] == {"created": 1, "updated": 0, "unchanged": 0}
    with school.session() as session:
        ege = session.scalars(select(ExamResult).where(ExamResult.exam == "ЕГЭ")).one()
        assert (ege.school_id, ege.year, ege.subject, ege.participants, ege.mean_score, ege.below_minimum, ege.under_30) \
            == (school_id(OWN), 2024, "Математика", 20, 52.5, 2, 3)
        oge = session.scalars(select(ExamResult).where(ExamResult.exam == "ОГЭ")).one()
        assert (oge.subject, oge.mean_score, oge.below_minimum, oge.under_30) == ("Русский язык", 3.8, 1, None)
        vpr = session.scalars(select(VprResult)).one()
        assert (vpr.grade, vpr.count_2, vpr.count_3, vpr.count_4, vpr.count_5) == (5, 3, 10, 8, 4)
        graduation = session.scalars(select(Graduation)).one()
        assert (graduation.grade, graduation.graduates, graduation.certificates, graduation.honours) == (11, 18, 17, 2)
        olympiad = session.scalars(select(OlympiadResult)).one()
        assert (olympiad.level, olympiad.participants, olympiad.winners) == ("municipal", 14, 3)
        passport = session.scalars(select(SocialPassport)).one()
        assert (passport.pupils_total, passport.share_low_income, passport.pupils_at_risk) == (300, 35.5, 12)
    before = snapshot(school)
    with school.session() as session:
        again = import_results(session, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert snapshot(school) == before


def test_a_changed_value_updates_the_stored_row_in_place(school, tmp_path):
    with school.session() as session:
        import_results(session, template(school, tmp_path))
    changed = {"ЕГЭ": [dict(FILLED["ЕГЭ"][0], **{"Средний балл": 60})]}
    with school.session() as session:
        summary = import_results(session, template(school, tmp_path, changed, "second.xlsx"))
        assert (summary.created, summary.updated) == (0, 1)
        assert session.scalars(select(ExamResult.mean_score).where(ExamResult.exam == "ЕГЭ")).all() == [60.0]


def test_prefilled_template_carries_stored_rows_and_imports_back_unchanged(school, tmp_path):
    with school.session() as session:
        import_results(session, template(school, tmp_path))
    path = tmp_path / "prefilled.xlsx"
    with school.session() as session:
        assert write_results_template(session, path, year=2024, prefill=True) == 6
        summary = import_results(session, path)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 6)
    assert load_workbook(path)["Олимпиады"]["D2"].value == "Муниципальный"


def test_school_template_offers_only_its_own_school_and_lists_it(school, tmp_path):
    path = tmp_path / "t.xlsx"
    with school.session() as session:
        write_results_template(session, path)
    wb = load_workbook(path)
    assert [ws.title for ws in wb.worksheets] == [
        "Инструкция", "ЕГЭ", "ОГЭ", "ВПР", "Выпуск", "Олимпиады", "Социальный паспорт", "Списки", "Школы"]
    assert [[c.value for c in row] for row in wb["Школы"].iter_rows(min_row=2)] == [[OWN, "МКОУ СОШ с.п. Урожайное"]]
    assert any(v.type == "list" for v in wb["ЕГЭ"].data_validations.dataValidation)


def _with(sheet: str, **changes) -> dict:
    return {sheet: [dict(FILLED[sheet][0], **changes)]}


@pytest.mark.parametrize(("sheets", "expected"), [
    (_with("ЕГЭ", **{"Не преодолели минимальный порог": 25}),
     ("ЕГЭ", 2, "G", "не может быть больше числа участников")),
    (_with("ЕГЭ", **{"Код школы": "0709999"}), ("ЕГЭ", 2, "A", None)),
    (_with("ОГЭ", **{"Код школы": OTHER}),
     ("ОГЭ", 2, "A", "эту запись ведёт другая школа; изменения приходят в пакете от неё")),
    (_with("Выпуск", Класс=10), ("Выпуск", 2, "D", "выпуск бывает из 9 или 11 класса")),
    (_with("ВПР", Класс=3), ("ВПР", 2, "D", None)),
    (_with("ВПР", **{"Отметка «5»": 10}), ("ВПР", 2, "J", "отметок «2»–«5» вместе больше, чем участников")),
    ({"Олимпиады": FILLED["Олимпиады"] * 2}, ("Олимпиады", 3, "D", "такая же запись (школа, год, этап) уже есть в строке 2 этого листа")),
])
def test_each_domain_error_names_sheet_row_and_column_and_saves_nothing(school, tmp_path, sheets, expected):
    path = template(school, tmp_path, {**FILLED, **sheets})
    before = snapshot(school)
    errors = import_errors(school, path)
    sheet, row, letter, message = expected
    assert [e[:3] for e in errors] == [(sheet, row, letter)]
    if message:
        assert errors[0][3] == message
    assert snapshot(school) == before
    assert all(not rows for rows in before.values())


def test_a_bad_row_keeps_the_good_rows_of_other_sheets_out_too(school, tmp_path):
    with school.session() as session:
        import_results(session, template(school, tmp_path))
    before = snapshot(school)
    bad = {**{k: [dict(v[0], **{"Год": 2025})] for k, v in FILLED.items()}, **_with("Олимпиады", **{"Победителей и призёров": 99})}
    assert len(import_errors(school, template(school, tmp_path, bad, "bad.xlsx"))) == 1
    assert snapshot(school) == before


def test_district_imports_results_of_a_school_it_keeps_but_not_of_one_with_a_registered_key(district_db, tmp_path):
    with district_db.session() as session:
        session.add_all([School(id=school_id(OWN), code=OWN, name="СОШ № 1", kind="СОШ", locality="rural"),
                         School(id=school_id(OTHER), code=OTHER, name="Гимназия № 2", kind="гимназия",
                                locality="urban"),
                         Peer(kind="school", school_code=OTHER, name="Гимназия № 2", public_key_pem="-",
                              fingerprint="-")])
    kept = template(district_db, tmp_path, {"ЕГЭ": FILLED["ЕГЭ"]})
    with district_db.session() as session:
        assert import_results(session, kept).created == 1
        ege = session.scalars(select(ExamResult)).one()
        installation_id = session.scalars(select(Installation.id)).one()
        assert (ege.school_id, ege.origin) == (school_id(OWN), installation_id)  # entered by the district
    registered = template(district_db, tmp_path, _with("ЕГЭ", **{"Код школы": OTHER}), "other.xlsx")
    assert import_errors(district_db, registered) == [
        ("ЕГЭ", 2, "A", "эту запись ведёт школа; изменения приходят в пакете от школы")]


def test_a_workbook_without_any_results_sheet_is_refused_plainly(school, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    Workbook().save(path)
    with pytest.raises(Exception, match="нет ни одного листа шаблона «Результаты»"), school.session() as session:
        import_results(session, path)


def test_cli_writes_the_template_and_imports_it_as_json(school, db_path, tmp_path, capsys):
    path = tmp_path / "cli.xlsx"
    assert main(["--db", str(db_path), "results", "template", str(path), "--year", "2024"]) == 0
    fill(path, FILLED)
    capsys.readouterr()
    assert main(["--db", str(db_path), "results", "import", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"kind": "results", "saved": True, "dry_run": False, "created": 6, "updated": 0, "unchanged": 0,
                      "errors": [], "by_sheet": {title: {"created": 1, "updated": 0, "unchanged": 0} for title in FILLED}}
    fill(path, _with("ЕГЭ", Год=1990))
    assert main(["--db", str(db_path), "results", "import", str(path), "--json"]) == 2
    failed = json.loads(capsys.readouterr().out)
    assert failed["saved"] is False and failed["created"] == 0
    assert [(e["sheet"], e["row"], e["column"]) for e in failed["errors"]] == [("ЕГЭ", 3, "C")]
    assert set(failed["errors"][0]) == {"sheet", "row", "column", "column_title", "message", "text"}


def test_common_header_variants_are_recognised_in_any_column_order(school, tmp_path):
    path = tmp_path / "own.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "ВПР"
    ws.append(["Класс", "Код ОО", "Год", "Учебный предмет", "Количество участников", "«2»", "получили 3", "на «4»", "Отметка 5"])
    ws.append([6, OWN, 2024, "русский язык", 20, 1, 9, 7, 3])
    wb.save(path)
    with school.session() as session:
        summary = import_results(session, path)
        assert summary.by_sheet == {"ВПР": {"created": 1, "updated": 0, "unchanged": 0}}
        vpr = session.scalars(select(VprResult)).one()
    assert (vpr.grade, vpr.subject, vpr.count_2, vpr.count_3, vpr.count_4, vpr.count_5) == (6, "Русский язык", 1, 9, 7, 3)
