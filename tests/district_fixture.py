"""A small named district for the indicator and analytics tests (program year 2022, results 2020–2022).

Schools: Урожайное (ШНОР, low results rising), Хамидие (ШНСУ, low results falling), Гимназия (strong, no
status), Лицей (no passport), Нижний Курп (poorest passport, strong results: resilient), and a deleted school
that holds every kind of record and must never count.
"""

from dataclasses import dataclass
from datetime import date

import pytest

from app.models import (
    Course,
    Diagnostic,
    Enrollment,
    ExamResult,
    Graduation,
    MethodEvent,
    OlympiadResult,
    Participation,
    Partnership,
    School,
    SchoolStatus,
    SocialPassport,
    StaffingSlot,
    SupportAction,
    Teacher,
    VprResult,
    utcnow,
)

YEAR = 2022
EGE_SCORES = {  # school → {year: (Русский язык, Математика)}
    "urozh": {2020: (48, 38), 2021: (50, 40), 2022: (56, 45)},
    "hamid": {2020: (58, 44), 2021: (60, 45), 2022: (55, 40)},
    "gymn": {2020: (80, 70), 2021: (80, 70), 2022: (80, 70)},
    "lyceum": {2020: (70, 60), 2021: (70, 60), 2022: (70, 60)},
    "kurp": {2020: (75, 65), 2021: (75, 66), 2022: (76, 66)},
    "deleted": {2020: (20, 10), 2021: (20, 10), 2022: (99, 99)},
}
PASSPORTS = {  # school → (higher_ed, low_income, single, large, unemployed, non_native, total, at_risk, ovz, registered)
    "urozh": (20, 40, 30, 30, 20, 30, 200, 30, 10, 5),
    "hamid": (15, 35, 25, 25, 15, 20, 300, 30, 9, 3),
    "gymn": (60, 5, 10, 10, 2, 2, 800, 8, 8, 1),
    "kurp": (5, 60, 40, 40, 35, 50, 100, 30, 10, 8),
    "deleted": (0, 90, 90, 90, 90, 90, 50, 40, 20, 20),
}


@dataclass
class District:
    schools: dict[str, School]
    teachers: dict[str, Teacher]


def _school(session, key, name, status=None, deleted=False):
    school = School(code=key, name=name, kind="СОШ", locality="rural", pupils=100,
                    deleted_at=utcnow() if deleted else None)
    session.add(school)
    session.flush()
    if status:
        session.add(SchoolStatus(school_id=school.id, year=YEAR, status=status, decided_on=date(2022, 1, 10),
                                 basis="Приказ № 1"))
    return school


def _teacher(session, school, last_name, diagnosed_on=None, deleted=False, diagnostic_deleted=False):
    teacher = Teacher(school_id=school.id, last_name=last_name, first_name="Анна",
                      deleted_at=utcnow() if deleted else None)
    session.add(teacher)
    session.flush()
    if diagnosed_on:
        session.add(Diagnostic(teacher_id=teacher.id, taken_on=diagnosed_on, kind="subject",
                               deleted_at=utcnow() if diagnostic_deleted else None))
    return teacher


def _results(session, key, school):
    for year, (russian, maths) in EGE_SCORES[key].items():
        for subject, score, below in (("Русский язык", russian, 1), ("Математика", maths, 2)):
            session.add(ExamResult(school_id=school.id, year=year, exam="ЕГЭ", subject=subject, participants=8,
                                   mean_score=score, below_minimum=below, under_30=below))
    session.add(ExamResult(school_id=school.id, year=YEAR, exam="ОГЭ", subject="Русский язык", participants=20,
                           mean_score=3.5, below_minimum=5))


def _passport(session, key, school):
    he, low, single, large, unemp, nonnat, total, risk, ovz, reg = PASSPORTS[key]
    session.add(SocialPassport(
        school_id=school.id, year=YEAR, share_parents_higher_ed=he, share_low_income=low, share_single_parent=single,
        share_large_family=large, share_unemployed_parents=unemp, share_non_native_russian=nonnat,
        pupils_total=total, pupils_at_risk=risk, pupils_ovz=ovz, pupils_registered=reg))


def build_district(session) -> District:
    s = {
        "urozh": _school(session, "urozh", "МКОУ СОШ с.п. Урожайное", "shnor"),
        "hamid": _school(session, "hamid", "МКОУ СОШ с.п. Хамидие", "shnsu"),
        "gymn": _school(session, "gymn", "Гимназия № 1"),
        "lyceum": _school(session, "lyceum", "Лицей № 2"),
        "kurp": _school(session, "kurp", "МКОУ СОШ с.п. Нижний Курп"),
        "deleted": _school(session, "deleted", "Закрытая школа", "shnor", deleted=True),
    }
    t = {
        "a1": _teacher(session, s["urozh"], "Абаева", date(2022, 3, 1)),
        "a2": _teacher(session, s["urozh"], "Бекова", date(2021, 11, 5)),
        "a3": _teacher(session, s["urozh"], "Гетова"),
        "a4": _teacher(session, s["urozh"], "Дадова", date(2022, 3, 1), deleted=True),
        "b1": _teacher(session, s["hamid"], "Жилова", date(2022, 4, 1), diagnostic_deleted=True),
        "b2": _teacher(session, s["hamid"], "Зуева", date(2022, 4, 2)),
        "c1": _teacher(session, s["gymn"], "Иванова", date(2022, 2, 2)),
        "x1": _teacher(session, s["deleted"], "Кулова", date(2022, 2, 2)),
    }
    for key in EGE_SCORES:
        _results(session, key, s[key])
    session.add(ExamResult(school_id=s["hamid"].id, year=YEAR, exam="ЕГЭ", subject="Физика", participants=50,
                           mean_score=10, below_minimum=50, deleted_at=utcnow()))
    for key in PASSPORTS:
        _passport(session, key, s[key])
    course = Course(title="Восполнение дефицитов", provider="ЦНППМ", hours=36, format="distance", topic="subject_deficits")
    management = Course(title="Управление ОО", provider="ЦНППМ", hours=72, format="full_time", topic="management")
    session.add_all([course, management])
    session.flush()
    session.add_all([
        Enrollment(course_id=course.id, teacher_id=t["a1"].id, status="completed", completed_on=date(2022, 5, 1)),
        Enrollment(course_id=management.id, teacher_id=t["b2"].id, status="completed", completed_on=date(2022, 6, 1)),
        Enrollment(course_id=course.id, teacher_id=t["a3"].id, status="studying"),
        Partnership(school_id=s["urozh"].id, mentor_school_id=s["gymn"].id, year_from=2021),
        SupportAction(school_id=s["urozh"].id, held_on=date(2022, 3, 10), kind="visit", description="Выезд"),
        StaffingSlot(school_id=s["urozh"].id, year=YEAR, position="teacher", rates=10, filled_rates=8),
        StaffingSlot(school_id=s["gymn"].id, year=YEAR, position="teacher", rates=5, filled_rates=6),
        Graduation(school_id=s["urozh"].id, year=YEAR, grade=11, graduates=10, certificates=9, honours=1, took_3plus=4),
        Graduation(school_id=s["urozh"].id, year=YEAR, grade=9, graduates=20, certificates=18, honours=0),
        OlympiadResult(school_id=s["urozh"].id, year=YEAR, level="school", participants=30, winners=3),
        VprResult(school_id=s["urozh"].id, year=YEAR, grade=5, subject="Математика", participants=20, count_2=8),
        VprResult(school_id=s["gymn"].id, year=YEAR, grade=5, subject="Математика", participants=20, count_2=1),
    ])
    event = MethodEvent(title="РМО учителей математики", kind="rmo", held_on=date(2022, 10, 1))
    session.add(event)
    session.flush()
    session.add(Participation(event_id=event.id, school_id=s["hamid"].id))
    session.flush()
    return District(s, t)


@pytest.fixture
def district(district_db):
    """The district database (catalogue preloaded by init) with the named data; yields (database, District)."""
    with district_db.session() as session:
        data = build_district(session)
    return district_db, data
