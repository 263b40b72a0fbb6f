"""«500+» risk factors and a school's risk profile: the methodology's list, levels and priority risks checked at their
fields with nothing saved, the owner rule, and the Kurator data beside each factor counted by hand (risk_world)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from risk_world import PRIORITY, PROFILE, SCHOOL_ID, YEAR, build_school, entry
from sqlalchemy import func, select

from app.errors import KuratorError, ValidationError
from app.models import Peer, RiskLevel, RiskProfile, School, Setting
from app.services import records
from app.services.ids import school_id
from app.services.risks import factors
from app.services.risks.evidence import SCALES, Scale, evidence
from app.services.risks.profiles import LEVEL_SEVERITY, profile_detail, save_profile

ISSUE_FACTORS = [
    "Низкий уровень оснащения школы", "Дефицит педагогических кадров",
    "Недостаточная предметная и методическая компетентность педагогических работников",
    "Риски низкой адаптивности учебного процесса",
    "Несформированность внутришкольной системы повышения квалификации",
    "Низкое качество преодоления языковых и культурных барьеров",
    "Пониженный уровень качества школьной образовательной и воспитательной среды",
    "Высокая доля обучающихся с рисками учебной неуспешности", "Низкий уровень вовлечённости родителей",
    "Низкая учебная мотивация обучающихся",
]


@pytest.fixture
def school(school_db):
    with school_db.session() as session:
        build_school(session)
    return school_db


def profiles_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(RiskProfile))


@pytest.mark.parametrize("seat", ["district_db", "school_db"])
def test_the_ten_factors_of_the_methodology_are_there_verbatim_in_order_in_both_seats(request, seat):
    with request.getfixturevalue(seat).session() as session:
        assert [f.title for f in factors.factors_for_year(session, YEAR)] == ISSUE_FACTORS
        assert factors.seed_factors(session) == 0


def test_a_factor_the_district_retires_after_2021_is_not_assessed_in_2022(district_db):
    with district_db.session() as session:
        equipment = session.get(records.get_entity("risk_factor").model, factors.factor_id("equipment"))
        values = records.get_values(session, "risk_factor", equipment.id) | {"year_to": 2021}
        records.update(session, "risk_factor", equipment.id, values)
        assert len(factors.factors_for_year(session, 2021)) == 10
        assert "equipment" not in [f.code for f in factors.factors_for_year(session, 2022)]


def test_the_school_may_not_change_the_factor_list(school_db):
    with school_db.session() as session, pytest.raises(KuratorError, match="ведёт управление образования"):
        records.create(session, "risk_factor", {"code": "new", "title": "Новый фактор", "position": 11})


def test_a_profile_keeps_each_level_the_priority_risks_its_source_date_and_who(school):
    with school.session() as session:
        save_profile(session, SCHOOL_ID, YEAR, entry(PROFILE, PRIORITY))
    with school.session() as session:
        detail = profile_detail(session, SCHOOL_ID, YEAR)
    assert {f.code: f.level for f in detail.factors if f.level} == PROFILE
    assert detail.priority == PRIORITY
    assert (detail.source, detail.filled_on, detail.filled_by) == (
        "manual", date(2022, 3, 15), "Абаева А.П., заместитель директора по УВР")
    assert [f.level for f in detail.factors].count(None) == 4  # four factors not assessed


def test_saving_again_replaces_the_whole_profile(school):
    with school.session() as session:
        save_profile(session, SCHOOL_ID, YEAR, entry(PROFILE, PRIORITY))
    with school.session() as session:
        save_profile(session, SCHOOL_ID, YEAR, entry({"equipment": "low"}))
    with school.session() as session:
        detail = profile_detail(session, SCHOOL_ID, YEAR)
        assert {f.code: f.level for f in detail.factors if f.level} == {"equipment": "low"} and detail.priority == []
        assert session.scalar(select(func.count()).select_from(RiskLevel).where(RiskLevel.deleted_at.is_(None))) == 1
    assert profiles_count(school) == 1


@pytest.mark.parametrize("changes, field, message", [
    ({"levels": PROFILE | {"equipment": "очень высокий"}}, "level:equipment", "не из перечня"),
    ({"levels": PROFILE | {"weather": "high"}}, "level:weather", "нет в перечне"),
    ({"priority": PRIORITY + ["staff_shortage"]}, "priority", "не больше 3 (выбрано 4)"),
    ({"priority": ["low_motivation"]}, "priority", "только выявленный риск"),
    ({"priority": ["school_climate"]}, "priority", "только выявленный риск"),
    ({"filled_by": "  "}, "filled_by", "кто заполнил"),
    ({"filled_on": date(2099, 1, 1)}, "filled_on", "в будущем"),
    ({"levels": {}, "priority": []}, "levels", "хотя бы одного"),
])
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(school, changes, field, message):
    with school.session() as session, pytest.raises(ValidationError) as refused:
        save_profile(session, SCHOOL_ID, YEAR, entry(**({"levels": PROFILE, "priority": PRIORITY} | changes)))
    assert message in refused.value.errors[field]
    assert profiles_count(school) == 0


def test_the_configured_number_of_priority_risks_is_the_limit(school):
    with school.session() as session:
        session.add(Setting(key=factors.PRIORITY_LIMIT_SETTING, value=2))
    with school.session() as session, pytest.raises(ValidationError, match="не больше 2"):
        save_profile(session, SCHOOL_ID, YEAR, entry(PROFILE, PRIORITY))


def test_the_district_configures_the_limit_between_1_and_10(district_db):
    with district_db.session() as session:
        assert factors.priority_limit(session) == 3
        factors.set_priority_limit(session, 2)
    with district_db.session() as session:
        assert factors.priority_limit(session) == 2
        with pytest.raises(ValidationError):
            factors.set_priority_limit(session, 11)


def test_the_school_may_not_configure_the_limit(school_db):
    with school_db.session() as session, pytest.raises(KuratorError, match="управление образования"):
        factors.set_priority_limit(session, 2)


def test_the_district_may_not_enter_the_profile_of_a_school_it_does_not_keep(district_db):
    with district_db.session() as session:
        session.add(School(id=school_id("0701001"), code="0701001", name="Урожайное", kind="СОШ", locality="rural"))
        session.add(Peer(kind="school", school_code="0701001", name="Урожайное", public_key_pem="-", fingerprint="-"))
    with district_db.session() as session, pytest.raises(KuratorError, match="ведёт школа"):
        save_profile(session, school_id("0701001"), YEAR, entry(PROFILE, PRIORITY))
    assert profiles_count(district_db) == 0


# --- the Kurator data beside the factors -------------------------------------------------------------------

@pytest.mark.parametrize("kind, value, suggested, text", [
    ("staffing", 81.8, "high", "81,8 % (занято ставок: 9 из 11)"),  # (8 + 1) ÷ (10 + 1)
    ("at_risk_pupils", 15.0, "high", "15 % (в «группе риска»: 30, обучающихся: 200)"),
    ("diagnostics", 50.0, "medium", "средний результат 50 %; прошли диагностику: 3, выявлены дефициты: 2; "
                                    "чаще всего: формирующее оценивание (2), дифференцированное обучение (1)"),
    ("courses", 25.0, "high", "25 % (завершили курсы: 1, работали в году: 4)"),
    ("non_native", 30.0, "medium", "30 % обучающихся"),
])
def test_each_number_beside_a_factor_is_counted_as_its_definition_says(school, kind, value, suggested, text):
    with school.session() as session:
        found = evidence(session, SCHOOL_ID, YEAR, kind)
    assert (found.value, found.suggested, found.text) == (value, suggested, text)
    assert "2022" in found.definition and found.guide.startswith("ориентир Куратора")


@pytest.mark.parametrize("kind, reason", [
    ("staffing", "нет данных: штатное расписание школы на 2020 год не внесено"),
    ("at_risk_pupils", "нет данных: социальный паспорт школы за 2020 год не представлен"),
    ("diagnostics", "нет данных: диагностика педагогов школы в 2020 году не проводилась (не внесена)"),
])
def test_a_missing_number_says_no_data_and_why_never_zero(school, kind, reason):
    with school.session() as session:
        found = evidence(session, SCHOOL_ID, 2020, kind)
    assert (found.value, found.suggested, found.text) == (None, None, reason)


def test_course_coverage_of_2021_counts_the_teacher_who_left_that_year(school):
    with school.session() as session:
        found = evidence(session, SCHOOL_ID, 2021, "courses")
    assert found.text == "20 % (завершили курсы: 1, работали в году: 5)"  # Бекова of all five


def test_the_guide_reads_as_ranges():
    assert SCALES["staffing"].text() == ("ориентир Куратора: ниже 90 % — высокий, 90–95 % — средний, "
                                         "95–100 % — низкий, от 100 % — не выявлен")
    assert [SCALES["staffing"].level(v) for v in (89.9, 90, 95, 99.9, 100)] == ["high", "medium", "low", "low", "none"]
    assert [SCALES["at_risk_pupils"].level(v) for v in (2.9, 3, 7, 10)] == ["none", "low", "medium", "high"]


@given(st.sampled_from(sorted(SCALES)), st.floats(0, 100), st.floats(0, 100))
def test_a_better_number_never_suggests_a_worse_level(kind, first, second):
    scale: Scale = SCALES[kind]
    better, worse = (max(first, second), min(first, second)) if scale.better == "higher" else \
        (min(first, second), max(first, second))
    assert LEVEL_SEVERITY[scale.level(better)] <= LEVEL_SEVERITY[scale.level(worse)]
