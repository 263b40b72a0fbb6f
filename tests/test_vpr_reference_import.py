"""`kurator import vpr-reference`: the region's and Russia's ВПР figures read from tables as ФИС ОКО and offices give
them (title rows, a header over two rows with merged cells, columns in any order, «5 класс», «РФ», numbers as text);
a hostile file is refused in Russian with nothing changed; a school does not load them; the command's exit codes."""

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from test_imports import workbook

from app.cli import main
from app.models import VprReference, VprResult
from app.services.imports.running import ImportRefused, import_file

YEAR = 2024
MESSY = [
    ["Всероссийские проверочные работы 2024"],
    ["Статистика по отметкам", None, None, None, None, None, None, None],
    ["Дата выгрузки:", date(2024, 6, 3)],
    ["Предмет", "Группы участников", "Класс", "Кол-во участников", "Распределение групп баллов в %", None, None, None],
    [None, None, None, None, "2", "3", "4", "5"],
    ["Математика", "Вся выборка", "5 класс", 1456211, "11,2", 35.5, "38,3 %", 15],
    ["Математика", "Кабардино-Балкарская Республика", "5 класс", 12010, 9.84, 33.1, 40.06, 17],
    ["русский язык", "РФ", "5-е классы", 1400000, 13, 37, 36, 14],
    ["Русский язык", "Регион", 5, 11800, 12.5, 36, 37.5, 14],
]


def stored(database) -> list[tuple]:
    with database.session() as session:
        return sorted(session.execute(select(VprReference.level, VprReference.grade, VprReference.subject,
                                             VprReference.share_2, VprReference.share_4_5, VprReference.year)).all())


def load(database, path, **options):
    with database.session() as session:
        return import_file(session, "vpr-reference", path, **options)


def refused(database, path) -> list[tuple]:
    with pytest.raises(ImportRefused) as caught:
        load(database, path, year=YEAR)
    return [(e.row, e.column_letter, e.message) for e in caught.value.errors]


def test_a_fis_oko_table_is_read_by_meaning_and_loaded_again_changes_nothing(district_db, tmp_path):
    path = workbook(tmp_path / "fis_oko.xlsx", MESSY, merges=("E4:H4", "A4:A5", "B4:B5", "C4:C5", "D4:D5"))
    summary = load(district_db, path, year=YEAR)
    assert (summary.created, summary.updated, summary.unchanged) == (4, 0, 0)
    # «4–5» = «4» + «5»: 38.3 + 15, 40.06 + 17, 36 + 14, 37.5 + 14
    assert stored(district_db) == [
        ("country", 5, "Математика", 11.2, 53.3, YEAR), ("country", 5, "Русский язык", 13.0, 50.0, YEAR),
        ("region", 5, "Математика", 9.84, 57.06, YEAR), ("region", 5, "Русский язык", 12.5, 51.5, YEAR)]
    again = load(district_db, path, year=YEAR)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_the_apps_own_template_reads_back_with_one_share_of_4_and_5(district_db, db_path, tmp_path):
    path = tmp_path / "template.xlsx"
    assert main(["--db", str(db_path), "import", "template", "vpr-reference", "--out", str(path)]) == 0
    wb = load_workbook(path)
    ws = wb["Средние ВПР"]
    header = [cell.value for cell in ws[1]]
    values = {"Год": 2023, "Уровень": "Россия", "Класс": 4, "Предмет": "Окружающий мир", "Доля «2», %": 2.5,
              "Доля «4» и «5», %": 71.4, "Средняя отметка": 3.9}
    ws.append([values.get(title) for title in header])
    wb.save(path)
    load(district_db, path)
    with district_db.session() as session:
        row = session.scalars(select(VprReference)).one()
    assert (row.year, row.level, row.grade, row.subject, row.share_2, row.share_4_5, row.mean_mark) == (
        2023, "country", 4, "Окружающий мир", 2.5, 71.4, 3.9)


def test_a_hostile_file_is_refused_cell_by_cell_in_russian_and_changes_nothing(district_db, tmp_path):
    load(district_db, workbook(tmp_path / "first.xlsx", MESSY[3:7], merges=("E4:H4",)), year=YEAR)
    before = stored(district_db)
    rows = [
        ["Уровень", "Класс", "Предмет", "Доля «2», %", "Доля «4» и «5», %"],
        ["Терский муниципальный район", 5, "Математика", 10, 50],
        ["Регион", "=1/0", "Математика", 10, 50],
        ["Марс", 5, "Астрология", 10, 50],
        ["Регион", 14, "Математика", 12, 50],
        ["Регион", 6, "Математика", 60, 50],
        ["Россия", 6, "Математика", None, None],
        ["Россия", 7, "Математика", 120, "много"],
    ]
    path = workbook(tmp_path / "hostile.xlsx", rows)
    errors = refused(district_db, path)
    assert (2, "A", "это строка муниципалитета: её значения программа считает сама по результатам школ — оставьте "
                    "только строки региона и России") in errors
    assert (3, "B", "формула без сохранённого значения: откройте файл в Excel или LibreOffice, пересчитайте и "
                    "сохраните") in errors
    assert (4, "A", "не понятно, чьи это значения; пишите «Регион» (или название региона) либо «Россия» («РФ», "
                    "«Вся выборка»)") in errors
    assert (4, "C", "предмет «Астрология» не распознан; пишите, например, «Русский язык», «Математика»") in errors
    assert (5, "B", "класс не распознан; пишите номер параллели от 4 до 11, например «5» или «5 класс»") in errors
    assert (8, "D", "ожидается процент (число) от 0 до 100, получено «120»") in errors
    assert (8, "E", "ожидается процент (число) от 0 до 100, получено «много»") in errors
    assert (6, "E", "доля «2» и доля «4–5» вместе больше 100 %") in errors
    assert (7, "D", "в строке нет ни доли «2», ни доли «4» и «5»") in errors
    assert stored(district_db) == before


def test_a_row_with_only_the_share_of_4_is_refused_not_guessed(district_db, tmp_path):
    rows = [["Уровень", "Класс", "Предмет", "2", "4"], ["Регион", 7, "Математика", 8, 40]]
    assert refused(district_db, workbook(tmp_path / "half.xlsx", rows)) == [
        (2, "E", "укажите и долю «4», и долю «5» (или их сумму в столбце «Доля «4» и «5»»)")]
    assert stored(district_db) == []


def test_a_school_does_not_load_the_districts_figures(school_db, tmp_path):
    errors = refused(school_db, workbook(tmp_path / "fis_oko.xlsx", MESSY[3:7], merges=("E4:H4",)))
    assert len(errors) == 1 and "район" in errors[0][2].lower()
    assert stored(school_db) == []


def run(capsys, *argv) -> tuple[int, dict | None, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, json.loads(captured.out) if captured.out.strip() else None, captured.err


def test_cli_loads_with_the_year_given_and_refuses_with_exit_2(district_db, db_path, tmp_path, capsys):
    good = workbook(tmp_path / "fis_oko.xlsx", MESSY, merges=("E4:H4",))
    code, report, _err = run(capsys, "--db", db_path, "import", "vpr-reference", good, "--year", YEAR, "--json")
    assert code == 0 and (report["kind"], report["created"], report["saved"]) == ("vpr-reference", 4, True)
    bad = workbook(tmp_path / "bad.xlsx", [["Уровень", "Класс", "Предмет", "Доля «2», %"], ["Регион", 5, "Химия", 7]])
    code, report, err = run(capsys, "--db", db_path, "import", "vpr-reference", bad, "--json")
    assert code == 2 and report["saved"] is False
    assert report["errors"][0]["message"] == "укажите год: в столбце «Год» или при загрузке файла"
    assert "ничего не сохранено" in err
    code, _report, err = run(capsys, "--db", db_path, "import", "vpr-reference", tmp_path / "нет.xlsx", "--year", YEAR)
    assert code == 2 and len(stored(district_db)) == 4


def test_results_template_carries_the_term_mark_comparison(district_db, tmp_path):
    """A school's ВПР sheet: «Понизили», «Подтвердили», «Повысили» are read as counts, empty as not compared."""
    load_register = workbook(tmp_path / "register.xlsx", [["Код ОО", "Наименование ОО"], ["0701001", "Школа А"]])
    with district_db.session() as session:
        import_file(session, "schools", load_register)
    rows = [["Код школы", "Класс", "Предмет", "Участников", "«2»", "«3»", "«4»", "«5»",
             "Понизили (Отм. < Отм. по журналу)", "Подтвердили (Отм. = Отм. по журналу)", "Повысили"],
            ["0701001", 5, "Математика", 20, 4, 8, 6, 2, 5, 14, 1],
            ["0701001", 6, "Математика", 18, 2, 8, 6, 2, None, None, None]]
    with district_db.session() as session:
        import_file(session, "results", workbook(tmp_path / "vpr.xlsx", rows, title="ВПР"), year=YEAR)
        stored_rows = session.execute(select(VprResult.grade, VprResult.term_lowered, VprResult.term_confirmed,
                                             VprResult.term_raised).order_by(VprResult.grade)).all()
    assert stored_rows == [(5, 5, 14, 1), (6, None, None, None)]
