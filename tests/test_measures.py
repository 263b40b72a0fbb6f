"""Measures: counts equal hand counts, deleted rows never count, records are exactly the rows counted."""

import pytest

from app.services.indicators.measures import (
    MEASURES,
    catalogue,
    describe,
    validate_filters,
)
from tests.district_fixture import YEAR, district  # noqa: F401

SHNOR_SHNSU = {"status": ["shnor", "shnsu"]}


def count(db, name, filters=None, year=YEAR):
    with db.session() as session:
        return MEASURES[name].count(session, year, filters)


def records(db, name, filters=None):
    with db.session() as session:
        return MEASURES[name].records(session, YEAR, filters)


def test_teachers_of_shnor_and_shnsu_exclude_deleted_teachers_and_schools(district):
    db, _ = district
    assert count(db, "teachers", SHNOR_SHNSU) == 5  # Абаева, Бекова, Гетова, Жилова, Зуева
    assert count(db, "teachers") == 6  # plus Иванова; the deleted school's teacher never counts


def test_diagnostic_in_year_ignores_earlier_and_deleted_diagnostics(district):
    db, _ = district
    assert count(db, "teachers", SHNOR_SHNSU | {"has": "diagnostic"}) == 2
    assert count(db, "teachers", SHNOR_SHNSU | {"has": ["diagnostic"], "period": "cumulative"}) == 3


def test_completed_course_filtered_by_topic(district):
    db, _ = district
    assert count(db, "teachers", SHNOR_SHNSU | {"has": ["completed_course"]}) == 2
    assert count(db, "teachers", SHNOR_SHNSU | {"course_topic": ["subject_deficits"]}) == 1


@pytest.mark.parametrize("has, expected", [
    ("social_passport", 2), ("partnership", 1), ("support_action", 1), ("method_participation", 1),
    ("positive_dynamics", 1), ("recommendation", 0),
])
def test_schools_with_status_having(district, has, expected):
    db, _ = district
    assert count(db, "schools", SHNOR_SHNSU | {"has": [has]}) == expected


def test_exam_passed_is_participants_minus_below_minimum_without_deleted_rows(district):
    db, _ = district
    shnsu = {"status": ["shnsu"]}
    assert count(db, "exam_participants", shnsu) == 36  # 8 + 8 ЕГЭ + 20 ОГЭ; the deleted Физика excluded
    assert count(db, "exam_passed", shnsu) == 28
    assert count(db, "exam_participants", shnsu | {"exam": ["ОГЭ"]}) == 20


def test_staffing_filled_never_exceeds_the_rates(district):
    db, _ = district
    assert (count(db, "staffing_rates"), count(db, "staffing_filled")) == (15, 13)


def test_graduation_vpr_olympiad_and_pupils_measures(district):
    db, _ = district
    assert count(db, "graduates", {"grade": [11]}) == 10
    assert count(db, "certificates", {"grade": [9]}) == 18
    assert count(db, "vpr_low") == 9 and count(db, "vpr_participants") == 40
    assert count(db, "olympiad_winners") == 3
    assert count(db, "pupils", SHNOR_SHNSU) == 500


def test_records_are_exactly_the_rows_counted(district):
    db, _ = district
    filters = SHNOR_SHNSU | {"has": ["diagnostic"]}
    rows = records(db, "teachers", filters)
    assert [r["Фамилия"] for r in rows] == ["Абаева", "Зуева"]
    exam_rows = records(db, "exam_passed", {"status": ["shnsu"]})
    assert sum(r["Сдали"] for r in exam_rows) == count(db, "exam_passed", {"status": ["shnsu"]})


def test_filter_validation_names_the_problem_in_russian():
    assert validate_filters("teachers", {"position": ["teacher"], "has": "diagnostic"}) is None
    assert "не принимает" in validate_filters("schools", {"position": ["teacher"]})
    assert "недопустимое значение" in validate_filters("schools", {"status": ["nonsense"]})
    assert "Неизвестная мера" in validate_filters("nothing", {})


def test_catalogue_offers_russian_labels_and_value_lists():
    entry = next(m for m in catalogue() if m["name"] == "teachers")
    position = next(f for f in entry["filters"] if f["name"] == "position")
    assert position["values"]["teacher"] == "Учитель"
    assert describe({"measure": "schools", "filters": {"status": ["shnor"]}}) == "Школы (статус школы в году: ШНОР)"
