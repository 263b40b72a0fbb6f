"""Definitions in the open: each choice the seeds leave open changes the value as a hand count says; a value that
cannot be given says why («нет данных», never 0); people are counted once; a school's own database never computes
a district-relative figure over its one school."""

from datetime import date

import pytest

from app.errors import ValidationError
from app.models import Enrollment, School, SocialPassport, Teacher, TeacherPosition
from app.services.analytics import chart_data
from app.services.analytics.overview import overview
from app.services.indicators import catalogue as ind
from app.services.indicators.choices import definition
from app.services.indicators.per_school import school_result
from app.services.indicators.training import trained_people
from app.services.installation import DISTRICT_DATA_MISSING
from app.services.reports.facts import trained_sentence
from tests.district_fixture import YEAR, district  # noqa: F401


def value(db, code, year=YEAR, half=0, **choices):
    """The indicator's value with the given choices (stored as the methodologist would in the editor)."""
    with db.session() as session:
        if choices:
            indicator = ind.get_indicator(session, code)
            ind.update_indicator(session, code, {"choices": (indicator.choices or {}) | choices})
        return ind.compute(session, ind.get_indicator(session, code), year, half)


def test_analysis_needs_results_and_passport_by_default_and_a_passport_alone_when_chosen(district):
    db, _ = district
    with db.session() as session:
        new = School(code="new", name="Новая школа", kind="СОШ", locality="rural")
        session.add(new)
        session.flush()
        session.add(SocialPassport(school_id=new.id, year=YEAR, pupils_total=50))
    # 6 live schools; passports: Урожайное, Хамидие, Гимназия, Нижний Курп, Новая; results: all but Новая (and Лицей)
    assert value(db, "2.1.1").value == round(100 * 4 / 6, 2)
    assert value(db, "2.1.1", analysis="passport").value == round(100 * 5 / 6, 2)


def test_diagnostics_within_the_year_cumulative_or_in_the_school_year(district):
    db, _ = district
    # ШНОР/ШНСУ staff: Абаева (2022-03-01), Бекова (2021-11-05), Гетова, Жилова (deleted diagnostic), Зуева (2022-04-02)
    assert value(db, "2.2").value == 100 * 2 / 5
    assert value(db, "2.2", window="cumulative").value == 100 * 3 / 5
    assert value(db, "2.2", window="period", year_kind="school_year").value == 100 * 3 / 5  # 1.09.2021–31.08.2022


def test_leaders_leave_both_parts_of_the_staff_share_when_chosen(district):
    db, data = district
    with db.session() as session:
        session.add(TeacherPosition(teacher_id=data.teachers["a1"].id, position="director", rate=1.0))
    assert value(db, "2.2").value == 100 * 2 / 5
    result = value(db, "2.2", staff="without_leaders")  # Абаева, the director, leaves: Зуева of 4
    assert (result.numerator, result.denominator, result.value) == (1, 4, 25.0)


def test_gia_counts_graduates_with_certificates_or_exam_papers(district):
    db, _ = district
    certificates = value(db, "МП.3")
    assert certificates.value is None and "выпускники" in certificates.reason  # Хамидие (ШНСУ) has no graduation row
    papers = value(db, "МП.3", gia="papers")  # Хамидие: ЕГЭ 8 + 8 and ОГЭ 20 papers, 1 + 2 + 5 below the minimum
    assert (papers.numerator, papers.denominator, papers.value) == (36 - 8, 36, round(100 * 28 / 36, 2))


def test_half_year_values_follow_the_half_and_an_empty_half_says_why(district):
    db, _ = district
    assert value(db, "2.2", half=1).value == 100 * 2 / 5  # January–June: Абаева and Зуева
    second = value(db, "2.2", half=2)
    assert second.value is None
    assert second.reason == "за II полугодие 2022 года в районе нет ни одной записи: диагностика компетенций"
    yearly = value(db, "МП.5", half=1)
    assert yearly.value is None and yearly.reason == ind.YEARLY_ONLY


def test_manual_value_of_a_half_year_is_kept_apart_from_the_year(district):
    db, _ = district
    with db.session() as session:
        ind.update_indicator(session, "МП.1", {"choices": {"frequency": "half_year"}})
        ind.set_manual_value(session, "МП.1", YEAR, 70.0, half=1)
        indicator = ind.get_indicator(session, "МП.1")
        assert ind.compute(session, indicator, YEAR, 1).value == 70.0
        assert ind.compute(session, indicator, YEAR).reason == "значение за 2022 год не введено"


def test_unknown_choice_is_refused_in_russian(district):
    db, _ = district
    with db.session() as session:
        with pytest.raises(ValidationError) as refused:
            ind.update_indicator(session, "2.2", {"choices": {"window": "forever"}})
        assert "недопустимый вариант" in refused.value.errors["choices"]
        assert ind.get_indicator(session, "2.2").choices["window"] == "period"


def test_definition_states_what_is_counted_and_the_choices_made(district):
    db, _ = district
    with db.session() as session:
        text = definition(ind.get_indicator(session, "2.2"))
    assert text.startswith("Доля педагогических работников школ со статусом ШНОР или ШНСУ")
    assert "Записи с датой учитываются: только с датой в отчётном периоде" in text
    assert "Периодичность анализа: раз в полугодие" in text


def test_an_empty_year_is_no_data_with_its_reason_not_a_failure(district):
    db, _ = district
    with db.session() as session:
        rows = {row["code"]: row for row in ind.indicator_table(session, 2024)}
    assert (rows["2.1.1"]["actual"], rows["2.1.1"]["status"]) == (None, "no_data")
    assert rows["2.1.1"]["reason"] == ("за 2024 год в районе нет ни одной записи: социальный паспорт за год, "
                                       "результаты ГИА или ВПР за год")
    assert rows["2.2"]["reason"] == "нет статусов ШНОР, ШНСУ на 2024 год"  # its denominator counts ШНОР/ШНСУ staff
    assert all(row["status"] == "no_data" and row["reason"] for row in rows.values())


def test_people_who_completed_courses_are_counted_once(district):
    db, data = district
    with db.session() as session:
        second = Enrollment(course_id=session.query(Enrollment).first().course_id, teacher_id=data.teachers["b2"].id,
                            status="completed", completed_on=date(2022, 9, 1))
        session.add_all([second, TeacherPosition(teacher_id=data.teachers["b2"].id, position="deputy_uvr", rate=1.0)])
        session.flush()
        trained = trained_people(session, YEAR)
        figures = {figure.key: figure.value for figure in overview(session, YEAR)}
        sentence = trained_sentence(session, YEAR)
    # completions: Абаева (1), Зуева (2: management course and the second one); Зуева is a deputy director
    assert (trained.leaders, trained.teachers, trained.completions) == (1, 1, 1 + 2)
    assert figures["trained"] == 2
    assert "завершили 1 руководитель и 1 педагог" in sentence and "всего завершённых курсов — 3" in sentence


def test_a_school_database_says_no_district_data_instead_of_counting_one_school(school_db):
    with school_db.session() as session:
        ind.load_catalogue(session)
        own = session.query(School).one()
        session.add(Teacher(school_id=own.id, last_name="Абаева", first_name="Анна"))
        session.flush()
        rows = {row["code"]: row for row in ind.indicator_table(session, YEAR)}
        dynamics = school_result(session, ind.get_indicator(session, "2.1.2"), YEAR, own.id)
        own_staff = school_result(session, ind.get_indicator(session, "МП.5"), YEAR, own.id)
        quadrants = chart_data.quadrant_points(session, YEAR)
    assert rows["2.2"]["actual"] is None and rows["2.2"]["reason"] == DISTRICT_DATA_MISSING
    assert dynamics.value is None and dynamics.reason == DISTRICT_DATA_MISSING
    assert own_staff.reason != DISTRICT_DATA_MISSING  # the school's own staffing is its own figure
    assert quadrants["points"] == [] and not quadrants["district"]
