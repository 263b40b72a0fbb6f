"""Excel imports of a real year: files as offices keep them (title rows, headers over two rows, columns in any order,
synonyms, dates as cells or text) become records by their natural keys, all or nothing, and again changes nothing."""

import json
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.cli import main
from app.errors import KuratorError
from app.models import (
    Course,
    Enrollment,
    Installation,
    Peer,
    School,
    SchoolStatus,
    SocialPassport,
    Teacher,
    TeacherPosition,
    TeacherSubject,
    alive,
)
from app.services.documents import office_zip
from app.services.ids import school_id
from app.services.imports.running import ImportRefused, import_file
from app.services.imports.templates import write_kind_template

URO, GYM = "0701001", "0701002"
REGISTER = [
    ["Реестр общеобразовательных организаций Терского муниципального района"],
    [],
    ["Код ОО", "Наименование образовательной организации", "Населённый пункт", "Количество обучающихся",
     "ФИО директора", "Точка роста"],
    [URO, "МКОУ СОШ с.п. Урожайное", "с.п. Урожайное", 310, "Шогенова Л.А.", "01.09.2021"],
    [GYM, "МБОУ «Гимназия № 2» г. Терек", "г. Терек", 820, "Петров П.П.", None],
]


def workbook(path, rows: list[list], merges: tuple[str, ...] = (), title: str = "Лист1"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


def run(database, kind, path, **options):
    with database.session() as session:
        return import_file(session, kind, path, **options)


def refused(database, kind, path, **options) -> list[tuple]:
    with pytest.raises(ImportRefused) as caught:
        run(database, kind, path, **options)
    return [(e.row, e.column_letter, e.message) for e in caught.value.errors]


def snapshot(database, *models) -> list:
    with database.session() as session:
        return [sorted(tuple(sorted((k, str(v)) for k, v in vars(row).items() if not k.startswith("_")))
                       for row in session.scalars(select(model))) for model in models]


@pytest.fixture
def district(district_db, tmp_path):
    """The district with two schools loaded from its register file."""
    run(district_db, "schools", workbook(tmp_path / "register.xlsx", REGISTER))
    return district_db


STAFF = [
    ["Сведения о педагогических работниках"],
    ["по состоянию на 01.09.2022"],
    ["№", "Ф.И.О.", "Дата рождения", "Код ОО", "Занимаемая должность", "Предмет(ы)", "Ставка", "Педагогический стаж",
     "Квалификационная категория"],
    [1, "Иванова Анна Петровна", date(1980, 3, 12), URO, "Учитель", "Математика, физика", "1,5", 20, "высшая"],
    [2, "Петров Олег Ильич", "01.09.1990", URO, "зам. директора по УВР, учитель истории", None, "1; 0,5", "12",
     "первая"],
    [3, "Сидорова Мария Ивановна", None, 701002, "Учитель начальных классов", "Начальные классы", 1, 3, "СЗД"],
]


def test_register_file_with_a_title_row_gives_schools_with_stable_ids_type_and_locality(district):
    with district.session() as session:
        schools = {s.code: s for s in session.scalars(select(School))}
    uro, gym = schools[URO], schools[GYM]
    assert (uro.id, uro.name, uro.kind, uro.locality, uro.pupils, uro.growth_point_opened) == (
        school_id(URO), "МКОУ СОШ с.п. Урожайное", "СОШ", "rural", 310, date(2021, 9, 1))
    assert (gym.id, gym.kind, gym.locality, gym.director, gym.growth_point_opened) == (
        school_id(GYM), "гимназия", "urban", "Петров П.П.", None)


def test_office_staff_list_is_read_by_meaning_and_loaded_again_changes_nothing(district, tmp_path):
    path = workbook(tmp_path / "staff.xlsx", STAFF)
    summary = run(district, "staff", path)
    assert (summary.created, summary.updated, summary.unchanged) == (3, 0, 0)
    with district.session() as session:
        people = {t.last_name: t for t in session.scalars(select(Teacher))}
        positions = {(people_name, p.position): (p.rate, p.is_main)
                     for people_name, t in people.items() for p in session.scalars(
                         select(TeacherPosition).where(TeacherPosition.teacher_id == t.id))}
        subjects = {(name, s.subject) for name, t in people.items() for s in session.scalars(
            select(TeacherSubject).where(TeacherSubject.teacher_id == t.id))}
        district_id = session.scalars(select(Installation.id)).one()
    ivanova, petrov, sidorova = people["Иванова"], people["Петров"], people["Сидорова"]
    assert (ivanova.first_name, ivanova.middle_name, ivanova.birth_year, ivanova.experience_years,
            ivanova.qualification, ivanova.school_id, ivanova.origin) == (
        "Анна", "Петровна", 1980, 20, "highest", school_id(URO), district_id)
    assert (petrov.birth_year, petrov.qualification, sidorova.school_id, sidorova.qualification) == (
        1990, "first", school_id(GYM), "conformity")
    assert positions == {("Иванова", "teacher"): (1.5, True), ("Петров", "deputy_uvr"): (1.0, True),
                         ("Петров", "teacher"): (0.5, False), ("Сидорова", "primary_teacher"): (1.0, True)}
    assert subjects == {("Иванова", "Математика"), ("Иванова", "Физика"), ("Петров", "История"),
                        ("Сидорова", "Начальные классы")}
    before = snapshot(district, Teacher, TeacherPosition, TeacherSubject)
    again = run(district, "staff", path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert snapshot(district, Teacher, TeacherPosition, TeacherSubject) == before


def test_a_header_over_two_rows_with_merged_cells_and_columns_in_any_order(district, tmp_path):
    rows = [["Кадры МКОУ СОШ с.п. Урожайное"],
            ["Школа", "Работник", None, None, "Должность", "Стаж, лет"],
            [None, "Фамилия", "Имя", "Отчество", None, None],
            ["МКОУ СОШ с.п. Урожайное", "Кумыкова", "Залина", "Руслановна", "Педагог-психолог", 7]]
    path = workbook(tmp_path / "merged.xlsx", rows, merges=("A2:A3", "B2:D2", "E2:E3", "F2:F3"))
    assert run(district, "staff", path).created == 1
    with district.session() as session:
        teacher = session.scalars(select(Teacher)).one()
        position = session.scalars(select(TeacherPosition.position)).one()
    assert (teacher.school_id, teacher.full_name, teacher.experience_years, position) == (
        school_id(URO), "Кумыкова Залина Руслановна", 7, "psychologist")


def test_a_changed_cell_updates_the_teacher_and_an_empty_one_keeps_what_is_stored(district, tmp_path):
    run(district, "staff", workbook(tmp_path / "staff.xlsx", STAFF))
    changed = [STAFF[2], ["1", "Иванова Анна Петровна", date(1980, 3, 12), URO, None, None, None, 21, None]]
    summary = run(district, "staff", workbook(tmp_path / "changed.xlsx", changed))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 0)
    with district.session() as session:
        ivanova = session.scalars(select(Teacher).where(Teacher.last_name == "Иванова")).one()
        subjects = set(session.scalars(select(TeacherSubject.subject).where(
            TeacherSubject.teacher_id == ivanova.id, alive(TeacherSubject))))
    assert (ivanova.experience_years, ivanova.qualification, subjects) == (21, "highest", {"Математика", "Физика"})


def test_namesakes_are_told_apart_by_birth_year(district, tmp_path):
    rows = [["Код ОО", "ФИО", "Год рождения", "Должность"],
            [URO, "Иванова Анна Петровна", 1980, "Учитель"], [URO, "Иванова Анна Петровна", 1995, "Учитель"]]
    assert run(district, "staff", workbook(tmp_path / "two.xlsx", rows)).created == 2
    ambiguous = [["Код ОО", "ФИО", "Должность"], [URO, "Иванова Анна Петровна", "Тьютор"]]
    assert refused(district, "staff", workbook(tmp_path / "which.xlsx", ambiguous)) == [
        (2, "B", "в школе несколько педагогов с такими фамилией, именем и отчеством; укажите дату или год рождения")]


def test_a_school_is_found_by_its_name_when_the_file_has_no_code(district, tmp_path):
    rows = [["Наименование ОО", "ФИО", "Должность"], ["МКОУ «СОШ» с.п.Урожайное", "Кумыкова Залина", "Учитель"],
            ["СОШ № 9", "Бесланеева Алла", "Учитель"]]
    assert refused(district, "staff", workbook(tmp_path / "names.xlsx", rows)) == [
        (3, "A", "школа «СОШ № 9» не найдена в реестре; укажите её код или сначала загрузите реестр школ")]
    assert run(district, "staff", workbook(tmp_path / "names.xlsx", rows[:2])).created == 1


def _encrypted(path):
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return path


@pytest.mark.parametrize(("make", "expected"), [
    (lambda tmp: tmp.joinpath("staff.csv").write_text("ФИО;Должность\n") and tmp / "staff.csv",
     r"не книга Excel \(\.xlsx\)"),
    (lambda tmp: _encrypted(tmp / "locked.xlsx"), "повреждён или защищён паролем"),
])
def test_a_file_that_is_not_a_readable_workbook_is_refused_plainly(district, tmp_path, make, expected):
    before = snapshot(district, Teacher)
    with pytest.raises(KuratorError, match=expected):
        run(district, "staff", make(tmp_path))
    assert snapshot(district, Teacher) == before


def test_a_sheet_without_a_header_names_the_columns_looked_for(district, tmp_path):
    path = workbook(tmp_path / "other.xlsx", [["Что-то", "Другое"], [1, 2]])
    [(row, letter, message)] = refused(district, "staff", path)
    assert (row, letter) == (0, "")
    assert message.startswith("не найдена строка заголовков; ожидаются столбцы «Код школы», «Наименование школы», «ФИО»")
    assert "«Должность», «Предмет(ы)», «Ставка», «Категория», «Стаж»" in message


def test_unknown_codes_duplicates_and_unreadable_words_are_all_listed_and_nothing_is_saved(district, tmp_path):
    rows = [["Код ОО", "ФИО", "Должность", "Предмет(ы)"],
            ["0709999", "Иванова Анна Петровна", "Учитель", "Математика"],
            [URO, "Кузнецова Ирина Олеговна", "Уборщица", None],
            [URO, "Петров Олег Ильич", "Учитель", "Астрология"],
            [URO, "Бесланеева Алла Муратовна", "Учитель", None],
            [URO, "Бесланеева Алла Муратовна", "Учитель", None],
            [URO, "Кузнецова И.О.", "Учитель", None]]
    before = snapshot(district, Teacher, TeacherPosition)
    errors = refused(district, "staff", workbook(tmp_path / "bad.xlsx", rows))
    assert [e[:2] for e in errors] == [(2, "A"), (3, "C"), (4, "D"), (6, "B"), (7, "B")]
    assert errors[0][2] == "школы с кодом «0709999» нет в реестре"
    assert errors[3][2] == "такая же запись (школа, фамилия, имя, отчество) уже есть в строке 5 этого листа"
    assert errors[4][2] == "укажите имя и отчество полностью, а не инициалами"
    assert snapshot(district, Teacher, TeacherPosition) == before


def test_a_sheet_over_the_row_limit_is_refused_and_not_cut_short(district, tmp_path, monkeypatch):
    monkeypatch.setattr(office_zip, "DATA_WORKBOOK", office_zip.DocumentLimits(rows=2, part_bytes=10**9))
    with pytest.raises(KuratorError, match="на листе «Лист1» больше 2 строк — столько программа не загружает"):
        run(district, "staff", workbook(tmp_path / "staff.xlsx", STAFF))
    assert snapshot(district, Teacher) == [[]]


def test_a_dry_run_counts_what_would_be_saved_and_saves_nothing(district, tmp_path):
    summary = run(district, "staff", workbook(tmp_path / "staff.xlsx", STAFF), dry_run=True)
    assert (summary.dry_run, summary.created) == (True, 3)
    assert snapshot(district, Teacher) == [[]]


COURSES = [["Программа", "Организатор", "Сроки обучения", "Кол-во часов", "Форма обучения", "Вид"],
           ["Функциональная грамотность", "ЦНППМ", "с 01.09.2022 по 30.09.2022", 36, "дистанционная", "КПК"],
           ["Учитель-дефектолог", "ИРО КБР", "10.01.2022 – 30.05.2022", 300, "очно-заочная", "переподготовка"]]


def test_course_catalogue_reads_a_period_written_as_text_and_loads_once(district, tmp_path):
    path = workbook(tmp_path / "courses.xlsx", COURSES)
    assert run(district, "courses", path).created == 2
    with district.session() as session:
        courses = {c.title: c for c in session.scalars(select(Course))}
    literacy, retraining = courses["Функциональная грамотность"], courses["Учитель-дефектолог"]
    assert (literacy.start_date, literacy.end_date, literacy.hours, literacy.format, literacy.kind) == (
        date(2022, 9, 1), date(2022, 9, 30), 36, "distance", "kpk")
    assert (retraining.format, retraining.kind, retraining.hours) == ("blended", "retraining", 300)
    again = run(district, "courses", path)
    assert (again.created, again.unchanged) == (0, 2)


def test_enrolments_find_teacher_and_course_and_add_a_course_the_catalogue_lacks(district, tmp_path):
    run(district, "staff", workbook(tmp_path / "staff.xlsx", STAFF))
    run(district, "courses", workbook(tmp_path / "courses.xlsx", COURSES))
    rows = [["Код ОО", "ФИО", "Наименование курсов", "Место прохождения", "Сроки прохождения", "Часы", "Форма",
             "№ удостоверения"],
            [URO, "Иванова Анна Петровна", "Функциональная грамотность", "ЦНППМ", "01.09.2022 - 30.09.2022", None,
             None, "УД-0012"],
            [URO, "Петров Олег Ильич", "Подготовка к ОГЭ по истории", "ИРО КБР", "01.03.2022 - 15.03.2022", 24,
             "очно", None]]
    summary = run(district, "enrolments", workbook(tmp_path / "enrol.xlsx", rows))
    assert summary.by_sheet == {"Каталог курсов (добавлено из обучения)": {"created": 1, "updated": 0, "unchanged": 0},
                                "Обучение": {"created": 2, "updated": 0, "unchanged": 0}}
    with district.session() as session:
        got = {(t.last_name, c.title): (e.status, e.completed_on, e.certificate_number) for e, t, c in session.execute(
            select(Enrollment, Teacher, Course).join(Teacher, Teacher.id == Enrollment.teacher_id)
            .join(Course, Course.id == Enrollment.course_id))}
    assert got == {("Иванова", "Функциональная грамотность"): ("completed", date(2022, 9, 30), "УД-0012"),
                   ("Петров", "Подготовка к ОГЭ по истории"): ("enrolled", None, None)}
    again = run(district, "enrolments", workbook(tmp_path / "enrol.xlsx", rows))
    assert (again.created, again.unchanged) == (0, 2)


def test_an_enrolment_of_someone_not_on_the_staff_is_refused(district, tmp_path):
    run(district, "courses", workbook(tmp_path / "courses.xlsx", COURSES))
    rows = [["Код ОО", "ФИО", "Программа", "Организатор"], [URO, "Неизвестная Ольга Ивановна",
                                                         "Функциональная грамотность", "ЦНППМ"]]
    assert refused(district, "enrolments", workbook(tmp_path / "enrol.xlsx", rows)) == [
        (2, "B", "такого педагога нет среди кадров школы; сначала загрузите кадры (вид «staff»)")]


def test_statuses_by_label_or_alias_take_the_year_chosen_for_the_import(district, tmp_path):
    rows = [["Код ОО", "Статус", "Основание"], [URO, "ШНОР", "Приказ УО № 45 от 12.01.2024"],
            [URO, "500+", "Перечень ФИОКО"], [GYM, "школа-наставник", None]]
    assert run(district, "statuses", workbook(tmp_path / "statuses.xlsx", rows), year=2024).created == 3
    with district.session() as session:
        got = set(session.execute(select(SchoolStatus.school_id, SchoolStatus.year, SchoolStatus.status)))
    assert got == {(school_id(URO), 2024, "shnor"), (school_id(URO), 2024, "500plus"), (school_id(GYM), 2024, "mentor")}
    assert refused(district, "statuses", workbook(tmp_path / "no_year.xlsx", rows[:2])) == [
        (2, "", "укажите год: в столбце «Год» или при загрузке файла")]


def test_passports_kind_takes_the_social_passport_sheet_alone(district, tmp_path):
    rows = [["Код школы", "Год", "Обучающихся всего", "Малообеспеченные семьи, %", "В «группе риска»"],
            [URO, 2024, 300, "35,5 %", 12]]
    assert run(district, "passports", workbook(tmp_path / "passport.xlsx", rows)).created == 1
    with district.session() as session:
        passport = session.scalars(select(SocialPassport)).one()
    assert (passport.school_id, passport.year, passport.share_low_income, passport.pupils_at_risk) == (
        school_id(URO), 2024, 35.5, 12)


def test_after_a_school_registers_its_key_the_district_no_longer_loads_its_staff(district, tmp_path):
    with district.session() as session:
        session.add(Peer(kind="school", school_code=GYM, name="Гимназия № 2", public_key_pem="-", fingerprint="-"))
    errors = refused(district, "staff", workbook(tmp_path / "staff.xlsx", STAFF))
    assert errors == [(6, "D", "эту запись ведёт школа; изменения приходят в пакете от школы")]


def test_a_school_loads_its_own_staff_but_not_another_schools(school_db, tmp_path):
    with school_db.session() as session:
        session.add(School(id=school_id(GYM), code=GYM, name="Гимназия № 2", kind="гимназия", locality="urban"))
    errors = refused(school_db, "staff", workbook(tmp_path / "staff.xlsx", STAFF))
    assert errors == [(6, "D", "эту запись ведёт другая школа; изменения приходят в пакете от неё")]
    assert run(school_db, "staff", workbook(tmp_path / "own.xlsx", STAFF[:4])).created == 1


def test_a_school_may_not_load_the_register(school_db, tmp_path):
    assert refused(school_db, "schools", workbook(tmp_path / "register.xlsx", REGISTER)) == [
        (0, "", "эту запись ведёт управление образования; изменения приходят в пакете от района")]


def test_cli_imports_as_json_and_refuses_with_every_error_and_exit_2(district, db_path, tmp_path, capsys):
    path = workbook(tmp_path / "staff.xlsx", STAFF)
    assert main(["--db", str(db_path), "import", "staff", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {key: report[key] for key in ("kind", "created", "updated", "unchanged", "errors")} == {
        "kind": "staff", "created": 3, "updated": 0, "unchanged": 0, "errors": []}
    bad = workbook(tmp_path / "bad.xlsx", [STAFF[2], [9, "Ким Ольга", None, "0709999", "Учитель"]])
    assert main(["--db", str(db_path), "import", "staff", str(bad), "--json"]) == 2
    failed = json.loads(capsys.readouterr().out)
    assert failed["created"] == 0 and failed["saved"] is False
    assert [{key: e[key] for key in ("sheet", "row", "column", "message")} for e in failed["errors"]] == [
        {"sheet": "Лист1", "row": 2, "column": "D", "message": "школы с кодом «0709999» нет в реестре"}]


def test_cli_writes_each_kinds_template_which_reads_back_empty(district, db_path, tmp_path):
    for kind in ("schools", "staff", "courses", "enrolments", "statuses", "passports", "results"):
        path = tmp_path / f"{kind}.xlsx"
        assert main(["--db", str(db_path), "import", "template", kind, "--out", str(path)]) == 0
        sheets = load_workbook(path).sheetnames
        assert sheets[0] == "Инструкция" and ("Школы" in sheets) == (kind != "courses")
        assert run(district, kind, path).by_sheet == {}


def test_a_template_lists_a_school_installation_only_its_own_school(school_db, tmp_path):
    path = tmp_path / "staff.xlsx"
    with school_db.session() as session:
        write_kind_template(session, "staff", path)
    rows = [[c.value for c in row] for row in load_workbook(path)["Школы"].iter_rows(min_row=2)]
    assert rows == [[URO, "МКОУ СОШ с.п. Урожайное"]]
