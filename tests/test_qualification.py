"""Staff qualification monitoring (seeds/001 1.1.7): no course in three years, a subject without matching education or
retraining, a young specialist without a mentor, vacant rates — per school and for the district, in the district
report and in the Excel export for next year's course plan."""

from datetime import date

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.models import (
    Assignment,
    Course,
    Enrollment,
    School,
    SchoolStatus,
    StaffingSlot,
    Teacher,
    TeacherPosition,
    TeacherSubject,
)
from app.services.qualification.checks import CHECKS
from app.services.qualification.monitoring import as_of, qualification_report


def teacher(session, school, last, subjects=(), education=None, position="teacher", young=False, **fields):
    person = Teacher(school_id=school.id, last_name=last, first_name="Анна", education=education,
                     young_specialist=young, **fields)
    session.add(person)
    session.flush()
    session.add(TeacherPosition(teacher_id=person.id, position=position))
    session.add_all([TeacherSubject(teacher_id=person.id, subject=subject) for subject in subjects])
    return person


def completed(session, person, title, on, kind="kpk", subject=None):
    course = Course(title=title, provider="ЦНППМ", hours=72, format="distance", kind=kind, subject=subject)
    session.add(course)
    session.flush()
    session.add(Enrollment(course_id=course.id, teacher_id=person.id, status="completed", completed_on=on))


@pytest.fixture
def district(district_db):
    """Урожайное (ШНОР 2024): six staff members, each showing one thing; the gymnasium: one well-trained teacher."""
    with district_db.session() as session:
        uro = School(code="0701001", name="МКОУ СОШ с.п. Урожайное", kind="СОШ", locality="rural")
        gym = School(code="0701002", name="Гимназия № 2", kind="гимназия", locality="urban")
        session.add_all([uro, gym])
        session.flush()
        session.add(SchoolStatus(school_id=uro.id, year=2024, status="shnor"))
        ivanova = teacher(session, uro, "Иванова", ["Математика"], "Высшее, КБГУ, учитель математики")
        completed(session, ivanova, "Функциональная грамотность", date(2021, 6, 1))  # more than 3 years before
        petrova = teacher(session, uro, "Петрова", ["Химия"], "Высшее, учитель биологии")
        completed(session, petrova, "Современный урок", date(2023, 4, 1))
        sidorova = teacher(session, uro, "Сидорова", ["Химия"], "Высшее, учитель биологии")
        completed(session, sidorova, "Учитель химии", date(2023, 5, 1), kind="retraining", subject="Химия")
        young = teacher(session, uro, "Молодая", ["Русский язык", "Литература"], "Высшее, филология", young=True)
        completed(session, young, "Наставничество", date(2024, 3, 1))
        mentored = teacher(session, uro, "Опекаемая", ["Начальные классы"], "Среднее профессиональное, "
                           "преподавание в начальных классах", position="primary_teacher", young=True)
        completed(session, mentored, "Начальная школа", date(2024, 3, 1))
        session.add(Assignment(kind="mentor", person_name="Иванова А.", school_id=uro.id, teacher_id=mentored.id))
        general = teacher(session, uro, "Общая", ["История"], "Высшее педагогическое")
        completed(session, general, "История России", date(2024, 2, 1))
        teacher(session, uro, "Уволенная", ["Физика"], left_on=date(2023, 8, 31))
        session.add(StaffingSlot(school_id=uro.id, year=2024, position="teacher", subject="Физика", rates=2,
                                 filled_rates=0.5))
        good = teacher(session, gym, "Лучшая", ["Физика"], "Высшее, учитель физики и математики")
        completed(session, good, "Подготовка к ЕГЭ по физике", date(2024, 1, 20))
    return district_db


def test_each_check_finds_exactly_the_staff_it_is_about(district):
    with district.session() as session:
        report = qualification_report(session, 2024, today=date(2025, 3, 1))
    found = {(report.staff[f.teacher_id].name.split()[0], f.check, f.subject) for f in report.findings}
    assert found == {("Иванова", "no_course", None), ("Петрова", "mismatch", "Химия"),
                     ("Молодая", "no_mentor", None), ("Общая", "no_education", None)}
    uro, gym = report.schools[1], report.schools[0]
    assert (uro.name, uro.staff, uro.counts, uro.vacant_rates) == (
        "МКОУ СОШ с.п. Урожайное", 6, {"no_course": 1, "mismatch": 1, "no_education": 1, "no_mentor": 1}, 1.5)
    assert (gym.staff, gym.counts) == (1, dict.fromkeys(CHECKS, 0))
    assert report.vacancies[0].subject == "Физика" and report.vacancies[0].vacant_rates == 1.5


def test_the_three_years_run_back_from_the_years_end_or_today(district):
    assert as_of(2024, today=date(2025, 3, 1)) == date(2024, 12, 31)
    assert as_of(2024, today=date(2024, 5, 10)) == date(2024, 5, 10)
    with district.session() as session:
        later = qualification_report(session, 2026, today=date(2027, 1, 10))
    late = {report_name for report_name in (later.staff[f.teacher_id].name.split()[0] for f in later.findings
                                            if f.check == "no_course")}
    assert late == {"Иванова", "Петрова", "Сидорова"}  # their courses of 2021–2023 are over three years old


def test_filters_by_school_status_of_the_year(district):
    with district.session() as session:
        shnor = qualification_report(session, 2024, statuses=("shnor",), today=date(2025, 1, 1))
    assert [s.code for s in shnor.schools] == ["0701001"]
    assert shnor.staff_total == 6


def test_the_district_report_has_the_section_and_the_excel_feeds_the_course_plan(district, db_path, tmp_path):
    pdf, xlsx = tmp_path / "report.pdf", tmp_path / "q.xlsx"
    assert main(["--db", str(db_path), "report", "district", "--year", "2024", "--out", str(pdf)]) == 0
    assert main(["--db", str(db_path), "report", "excel", "qualification", "--year", "2024", "--out", str(xlsx)]) == 0
    workbook = load_workbook(xlsx)
    assert workbook.sheetnames == ["Нужны курсы", "Переподготовка", "Специальность не указана", "Без наставника",
                                   "Вакансии", "Свод по школам"]
    need = [[c.value for c in row] for row in workbook["Нужны курсы"].iter_rows(min_row=2)]
    assert [row[:4] for row in need] == [["МКОУ СОШ с.п. Урожайное", "Иванова Анна", "Учитель", "Математика"]]
    assert [[c.value for c in row] for row in workbook["Вакансии"].iter_rows(min_row=2)] == [
        ["МКОУ СОШ с.п. Урожайное", "Учитель", "Физика", 1.5]]


def test_without_staff_the_section_says_no_data_not_zero(district_db, tmp_path):
    from app.services.reports.documents import district_report

    with district_db.session() as session:
        report = qualification_report(session, 2024)
        assert report.staff_total == 0
        district_report(session, 2024, tmp_path / "empty.pdf")
    import subprocess
    text = subprocess.run(["pdftotext", str(tmp_path / "empty.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Нет данных: в базе нет работников школ на 31.12.2024" in " ".join(text.split())
