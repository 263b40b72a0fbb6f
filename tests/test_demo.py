"""`kurator demo`: the seed's facts kept exactly, synthetic data marked, a second run a no-op."""

import shutil
from datetime import date

import pytest
from sqlalchemy import func, select, text

from app.cli import main
from app.db import open_database
from app.errors import KuratorError
from app.models import (
    SYNCED_MODELS,
    Course,
    Enrollment,
    Indicator,
    IndicatorTarget,
    RiskFactor,
    RiskLevel,
    RiskMeasure,
    RiskProfile,
    RiskProgram,
    Roadmap,
    RoadmapEvent,
    RoadmapSection,
    School,
    SchoolStatus,
    Teacher,
    TeacherPosition,
)
from app.models.reference import LEADER_POSITIONS
from app.services.demo import ALREADY_LOADED, load_demo
from app.services.ids import school_id
from app.services.reports.vpr import COMPARED, MEASURES, References, totals
from app.services.setup import initialize

SHNOR = [
    "МКОУ СОШ с.п.Урожайное", "МКОУ СОШ с.п.Хамидие", "МКОУ СОШ с.п. Ново-Хамидие", "МКОУ СОШ с.п. Новая Балкария",
    "МКОУ СОШ с.п.Красноармейское", "МКОУ СОШ с.п.Верхний Курп", "МКОУ СОШ с.п. Нижний Курп",
]
SEED_003_TARGETS = {
    "2.1.1": (100, [100, 100, 100, 100]), "2.1.2": (50, [50, 100, 100, 100]), "2.2": (17, [30, 40, 50, 50]),
    "2.3.1": (100, [100, 100, 100, 100]), "2.3.2": (0, [100, 100, 100, 100]), "2.3.3": (100, [100, 100, 100, 100]),
}


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    """A migrated, empty database file: each test copies it instead of migrating its own (a second each)."""
    path = tmp_path_factory.mktemp("blank") / "blank.db"
    open_database(str(path)).close()
    return path


def _copy(blank, folder) -> str:
    target = folder / "d.db"
    shutil.copy(blank, target)
    return str(target)


def _loaded(path: str, mode: str, name: str, code: str | None = None):
    db = open_database(path)
    with db.session() as session:
        initialize(session, mode, name, code)
    with db.session() as session:
        summary = load_demo(session)
    return db, summary


@pytest.fixture(scope="module")
def district(blank, tmp_path_factory):
    db, summary = _loaded(_copy(blank, tmp_path_factory.mktemp("district")), "district", "Терский муниципальный район")
    yield db, summary
    db.close()


@pytest.fixture(scope="module")
def school(blank, tmp_path_factory):
    path = _copy(blank, tmp_path_factory.mktemp("school"))
    db, summary = _loaded(path, "school", "МКОУ СОШ с.п. Урожайное", "0701001")
    yield db, summary
    db.close()


@pytest.fixture
def session(district):
    with district[0].session() as session:
        yield session


def _row_counts(session) -> dict[str, int]:
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) for model in SYNCED_MODELS}


def _shnor_ids(session, year: int) -> set[str]:
    query = select(SchoolStatus.school_id).where(SchoolStatus.status == "shnor", SchoolStatus.year == year)
    return set(session.scalars(query))


def test_the_seven_shnor_schools_exist_by_exact_name_with_their_2022_status(session):
    shnor = session.scalars(select(School).where(School.id.in_(_shnor_ids(session, 2022))).order_by(School.code)).all()
    assert [s.name for s in shnor] == SHNOR
    assert shnor[0].code == "0701001"


def test_three_shnor_are_in_500_plus_and_growth_points_open_as_the_seed_says(session):
    plus = session.scalars(select(School.name).join(SchoolStatus).where(SchoolStatus.status == "500plus",
                                                                        SchoolStatus.year == 2022)).all()
    assert sorted(plus) == sorted(SHNOR[:3])
    opened = dict(session.execute(select(School.name, School.growth_point_opened)).all())
    assert all(opened[name] < date(2022, 1, 1) for name in (SHNOR[0], SHNOR[3], SHNOR[6]))
    assert opened[SHNOR[1]] == opened[SHNOR[5]] == date(2022, 9, 1)


def test_municipal_roadmap_has_the_seed_s_18_events_in_5_sections_as_written(session):
    roadmap = session.scalars(select(Roadmap).where(Roadmap.level == "municipal")).one()
    assert roadmap.title.startswith("План мероприятий («Дорожная карта»)") and roadmap.year_from == 2022
    sections = session.scalars(select(RoadmapSection).where(RoadmapSection.roadmap_id == roadmap.id)
                               .order_by(RoadmapSection.position)).all()
    events = {e.number: e for e in session.scalars(select(RoadmapEvent).where(RoadmapEvent.roadmap_id == roadmap.id))}
    assert [(s.number, s.title) for s in sections][:2] == [("1", "Общесистемные"), ("2", "Общее образование")]
    assert len(sections) == 5 and len(events) == 18
    assert events["17"].deadline_text == "Декабрь 2022 г."
    assert events["10"].title == ("Организация системной работы с неуспевающими обучающимися ШНОР и оказание им "
                                  "адресной помощи в преодолении образовательных трудностей")
    assert events["1"].responsible == "ИМЦ УО Шидукова Л.П."
    assert {e.status for e in events.values()} >= {"done", "overdue"}


def _completed_2022(session, topic: str):
    return (select(func.count(func.distinct(Enrollment.teacher_id))).join(Course).join(Teacher)
            .where(Course.topic == topic, Enrollment.status == "completed",
                   Enrollment.completed_on.between(date(2022, 1, 1), date(2022, 12, 31))))


def test_exactly_five_leaders_completed_the_management_course_in_2022(session):
    query = _completed_2022(session, "management").join(TeacherPosition, TeacherPosition.teacher_id == Teacher.id)
    assert session.scalar(query.where(TeacherPosition.position.in_(LEADER_POSITIONS))) == 5
    assert session.scalar(_completed_2022(session, "management")) == 5


def test_exactly_28_shnor_teachers_completed_subject_deficit_courses_in_2022(session):
    in_shnor = _completed_2022(session, "subject_deficits").where(Teacher.school_id.in_(_shnor_ids(session, 2022)))
    assert session.scalar(in_shnor) == 28
    assert session.scalar(_completed_2022(session, "subject_deficits")) == 28


def test_seed_003_indicator_targets_are_exact(session):
    for code, (baseline, targets) in SEED_003_TARGETS.items():
        indicator = session.scalars(select(Indicator).where(Indicator.code == code)).one()
        years = dict(session.execute(select(IndicatorTarget.year, IndicatorTarget.value)
                                     .where(IndicatorTarget.indicator_id == indicator.id)).all())
        assert indicator.baseline == baseline and indicator.unit == "%"
        assert [years[y] for y in (2021, 2022, 2023, 2024)] == targets


def test_every_demo_record_is_marked_and_has_an_origin(session):
    catalogue = {Indicator, IndicatorTarget, RiskFactor}  # the indicator catalogue, the «500+» factors: loaded at init
    for model in set(SYNCED_MODELS) - catalogue:
        unmarked = select(func.count()).select_from(model).where((model.is_demo.is_(False)) | (model.origin == ""))
        assert session.scalar(unmarked) == 0, model.__tablename__


def test_the_database_still_passes_its_integrity_and_foreign_key_checks(session):
    assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_staff_names_agree_in_gender_and_every_school_has_one_director(session):
    for last, first, middle in session.execute(select(Teacher.last_name, Teacher.first_name, Teacher.middle_name)):
        assert last.endswith("а") == middle.endswith("на"), (last, first, middle)
    per_school = session.execute(select(Teacher.school_id, func.count()).group_by(Teacher.school_id)).all()
    assert all(12 <= count <= 45 for _, count in per_school) and len(per_school) >= 25
    directors = session.scalar(select(func.count()).select_from(TeacherPosition)
                               .where(TeacherPosition.position == "director"))
    assert directors == len(per_school)


def test_second_run_creates_nothing(district):
    db, first = district
    assert first["total_created"] > 5000  # its speed: bench/bench_files.py
    with db.session() as session:
        before = _row_counts(session)
        again = load_demo(session)
        assert _row_counts(session) == before
    assert again["total_created"] == 0 and again["message"].startswith(ALREADY_LOADED)


def test_school_mode_fills_its_own_school_only_with_the_same_people_as_the_district(school, session):
    db, summary = school
    with db.session() as own:
        assert own.scalars(select(School.id)).all() == [school_id("0701001")]
        assert own.get(School, school_id("0701001")).name == "МКОУ СОШ с.п. Урожайное"
        teachers = set(own.execute(select(Teacher.id, Teacher.last_name, Teacher.first_name, Teacher.birth_year)))
        # its ШНОР roadmap for 2022 and the one its 2021 anti-risk measures made (a «500+» school)
        assert own.scalar(select(func.count()).select_from(Roadmap).where(Roadmap.level == "school")) == 2
        assert own.scalar(select(func.count()).select_from(Indicator)) == 0
    at_district = set(session.execute(select(Teacher.id, Teacher.last_name, Teacher.first_name, Teacher.birth_year)
                                      .where(Teacher.school_id == school_id("0701001"))))
    assert teachers == at_district and summary["teachers"] == len(teachers)  # deterministic, same ids and people


def test_school_mode_with_an_unknown_code_makes_a_school_of_that_code(blank, tmp_path):
    db, summary = _loaded(_copy(blank, tmp_path), "school", "МБОУ СОШ №5", "9900001")
    with db.session() as session:
        schools = session.scalars(select(School)).all()
        assert [(s.code, s.name) for s in schools] == [("9900001", "МБОУ СОШ №5")]
        assert summary["teachers"] >= 12 and schools[0].director
    db.close()


def test_demo_refuses_a_database_with_real_schools(blank, tmp_path):
    db = open_database(_copy(blank, tmp_path))
    with db.session() as session:
        initialize(session, "district", "Терский муниципальный район")
        session.add(School(code="0701001", name="Настоящая школа", kind="СОШ", locality="rural"))
    with db.session() as session, pytest.raises(KuratorError, match="пустую базу"):
        load_demo(session)
    db.close()


def test_cli_demo_in_a_school_installation_exits_0_twice(blank, tmp_path):
    school_db = _copy(blank, tmp_path)
    assert main(["--db", school_db, "init", "--mode", "school", "--school", "0701001",
                 "--name", "МКОУ СОШ с.п. Урожайное"]) == 0
    assert main(["--db", school_db, "demo"]) == 0
    assert main(["--db", school_db, "demo", "--json"]) == 0


def test_demo_before_init_asks_to_set_the_database_up_first(blank, tmp_path):
    db = open_database(_copy(blank, tmp_path))
    with db.session() as session, pytest.raises(KuratorError, match="kurator init"):
        load_demo(session)
    db.close()


def test_demo_sets_the_program_year_to_the_seed_roadmap_year(session):
    from app.services.installation import require_installation

    assert require_installation(session).program_year == 2022


def test_the_three_500_plus_schools_have_risk_profiles_for_2021_and_2022_and_no_other_school_has(session):
    profiles = session.execute(select(School.name, RiskProfile.year).join(RiskProfile)).all()
    assert sorted(profiles) == sorted((name, year) for name in SHNOR[:3] for year in (2021, 2022))


def test_a_factor_with_kurator_data_takes_the_level_the_data_suggest(session):
    """Урожайное 2022: 29 of 31 staffing rates filled (93,5 %) is «средний» on the 90/95/100 scale."""
    level = session.scalar(select(RiskLevel.level).join(RiskProfile).join(RiskFactor).where(
        RiskProfile.school_id == school_id("0701001"), RiskProfile.year == 2022, RiskFactor.code == "staff_shortage"))
    assert level == "medium"


def test_every_priority_risk_has_an_anti_risk_program_whose_measures_are_events_of_the_school_roadmap(session):
    priority = session.execute(select(RiskProfile.id, RiskLevel.factor_id).join(RiskLevel).where(RiskLevel.priority)).all()
    programs = session.execute(select(RiskProgram.profile_id, RiskProgram.factor_id).where(
        RiskProgram.kind == "anti_risk")).all()
    assert sorted(priority) == sorted(programs) and len(priority) == 3 * 2 * 3
    measures = session.execute(select(RiskProfile.school_id, Roadmap.school_id, Roadmap.level, Roadmap.year_from)
                               .join(RiskProgram, RiskProgram.profile_id == RiskProfile.id)
                               .join(RiskMeasure, RiskMeasure.program_id == RiskProgram.id)
                               .join(RoadmapEvent, RoadmapEvent.id == RiskMeasure.event_id)
                               .join(Roadmap, Roadmap.id == RoadmapEvent.roadmap_id)).all()
    assert len(measures) == 3 * 2 * 3 * 3
    assert all(owner == school and level == "school" for owner, school, level, _year in measures)
    assert {year for *_rest, year in measures} == {2021, 2022}


def test_the_demo_vpr_compares_with_the_region_and_russia_and_with_the_term_marks_from_2021(session, school):
    lines, references = totals(session, 2022), References(session, 2022)
    assert len(lines) == 10  # grades 4–8, Russian and mathematics
    assert all(diff.value is not None for line in lines for m in COMPARED for _ref, diff in references.compare(line, m))
    assert all(line.figure(m).value is not None for line in lines for m in MEASURES)
    before = totals(session, 2020)
    assert all(line.figure(MEASURES[4]).reason for line in before)  # not compared before the program started
    with school[0].session() as own:
        assert References(own, 2022)  # a school has the district's figures, as a packet would bring them
