"""The records registry through its services: validation, owner rule, soft delete, lists with search and filters."""

from datetime import date

import pytest
from sqlalchemy import func, select, update
from ui_world import OWN_CODE, sample

from app.db import open_database
from app.errors import KuratorError, ValidationError
from app.models import Peer, SocialPassport, Teacher, TeacherSubject, new_id
from app.services import records
from app.services.analytics.overview import overview
from app.services.demo.generator import generate_region
from app.services.records.participation import enroll_teachers, record_participation


def names(rows):
    return [row[1] for row in rows]


def test_search_finds_cyrillic_names_whatever_the_case_and_yo(school_world):
    with school_world.database.session() as session:
        for query in ("ёлкина", "ЕЛКИНА", "елк анна", "Анна Петровна"):
            rows, total = records.query_page(session, "teacher", search=query)
            assert names(rows) == ["Ёлкина Анна Петровна"], query
        assert records.query_page(session, "teacher", search="петрова мария")[1] == 0


def test_school_installation_lists_only_its_own_school(school_world):
    with school_world.database.session() as session:
        assert names(records.query_page(session, "teacher")[0]) == ["Ёлкина Анна Петровна"]
        assert records.count_rows(session, "school") == 1


def test_district_lists_every_school_and_filters_by_school(district_world):
    w = district_world
    with w.database.session() as session:
        assert records.count_rows(session, "teacher") == 2
        rows, total = records.query_page(session, "teacher", filters={"school": w.other_school})
        assert (names(rows), total) == (["Борисов Олег"], 1)


def test_year_and_status_filters_pick_the_right_rows(district_world):
    w = district_world
    with w.database.session() as session:
        records.create(session, "school_status", {"school_id": w.own_school, "year": 2024, "status": "shnor"})
        records.create(session, "school_status", {"school_id": w.other_school, "year": 2023, "status": "shnor"})
        shnor_2024 = records.query_page(session, "school", filters={"status": "shnor", "year": 2024})[0]
        assert [row[0] for row in shnor_2024] == [w.own_school]
        no_passport = records.query_page(session, "school", filters={"status": "no_passport", "year": 2024})[1]
        assert no_passport == 2
        assert records.query_page(session, "method_event", filters={"year": 2023})[1] == 0
        assert records.query_page(session, "method_event", filters={"year": 2024})[1] == 1


def test_a_list_reads_its_own_records_the_joined_ones_and_what_its_status_filter_looks_at():
    assert records.list_sources("course") == {"course"}
    assert records.list_sources("teacher") == {"teacher", "school"}
    assert records.list_sources("enrollment") == {"enrollment", "course", "teacher", "school"}
    assert records.list_sources("partnership") == {"partnership", "school"}  # the mentor school is a school too
    # «без паспорта за год»; «Данные ведёт» follows the registered school keys
    assert records.list_sources("school") == {"school", "school_status", "social_passport", "peer"}


def test_invalid_values_are_refused_field_by_field_and_nothing_is_saved(school_world):
    w = school_world
    with w.database.session() as session:
        before = session.scalar(select(func.count()).select_from(SocialPassport))
        with pytest.raises(ValidationError) as refused:
            records.create(session, "social_passport", {"school_id": w.own_school, "year": 2024, "pupils_total": 100,
                                                        "pupils_at_risk": 150, "share_low_income": 140.0})
        assert refused.value.errors == {"share_low_income": "Допустимо от 0 до 100.",
                                        "pupils_at_risk": "Не может быть больше, чем обучающихся всего."}
        assert session.scalar(select(func.count()).select_from(SocialPassport)) == before


def test_one_social_passport_per_school_and_year(school_world):
    w = school_world
    values, _field, _value = sample("social_passport", w)
    with w.database.session() as session:
        records.create(session, "social_passport", values)
        errors = records.validate("social_passport", values, session)
        assert errors == {"year": "Социальный паспорт этой школы за этот год уже есть."}


def test_district_records_are_read_only_in_a_school_installation(school_world):
    w = school_world
    with w.database.session() as session:
        allowed, reason = records.editable(session, "course", w.course)
        assert not allowed and "управление образования" in reason
        with pytest.raises(KuratorError, match="управление образования"):
            records.update(session, "course", w.course, records.get_values(session, "course", w.course))
        with pytest.raises(KuratorError, match="управление образования"):
            records.soft_delete(session, "course", w.course)


def test_records_of_a_school_that_registered_its_key_are_read_only_at_the_district(district_world):
    w = district_world
    with w.database.session() as session:
        session.add(Peer(kind="school", school_code=OWN_CODE, name="СОШ № 1", public_key_pem="-", fingerprint="-"))
        session.get(Teacher, w.teacher).origin = new_id()  # as a packet from the school brings it
        session.flush()
        allowed, reason = records.editable(session, "teacher", w.teacher)
        assert not allowed and reason == "Эту запись ведёт школа; изменения приходят в пакете от школы."
        assert records.editable(session, "teacher", w.other_teacher) == (
            True, "Данные школы ведёт район: школа ещё не зарегистрировала ключ.")


def test_a_school_cannot_write_records_of_another_school(school_world):
    w = school_world
    with w.database.session() as session:
        with pytest.raises(KuratorError, match="другая школа"):
            records.create(session, "diagnostic", {"teacher_id": w.other_teacher, "taken_on": date(2024, 2, 1),
                                                   "kind": "subject"})


def test_soft_delete_hides_the_record_and_recreating_revives_it(school_world):
    w = school_world
    values, _field, _value = sample("teacher", w)
    with w.database.session() as session:
        teacher = records.create(session, "teacher", values)
        records.soft_delete(session, "teacher", teacher.id)
        assert session.get(Teacher, teacher.id).deleted_at is not None
        assert session.scalar(select(func.count()).select_from(TeacherSubject).where(
            TeacherSubject.teacher_id == teacher.id, TeacherSubject.deleted_at.is_(None))) == 0
        assert "Петрова Мария" not in names(records.query_page(session, "teacher")[0])
        passport = records.create(session, "social_passport", sample("social_passport", w)[0])
        records.soft_delete(session, "social_passport", passport.id)
        again = records.create(session, "social_passport", sample("social_passport", w)[0])
        assert again.id == passport.id and again.deleted_at is None


def test_a_record_others_refer_to_cannot_be_deleted(school_world):
    w = school_world
    with w.database.session() as session:
        with pytest.raises(KuratorError, match="Диагностики: 1"):
            records.soft_delete(session, "teacher", w.teacher)


def test_multi_select_fields_store_and_replace_child_rows(school_world):
    w = school_world
    values, _field, _value = sample("teacher", w)
    with w.database.session() as session:
        teacher = records.create(session, "teacher", values)
        records.update(session, "teacher", teacher.id, {**values, "subjects": ["Физика", "Химия"]})
        assert records.get_values(session, "teacher", teacher.id)["subjects"] == ["Физика", "Химия"]


def test_completed_enrolment_needs_its_date(school_world):
    w = school_world
    errors = records.validate("enrollment", {"course_id": w.course, "teacher_id": w.teacher, "status": "completed"})
    assert errors == {"completed_on": "Укажите дату завершения обучения."}


def test_enrolling_many_teachers_skips_those_already_enrolled(school_world):
    w = school_world
    with w.database.session() as session:
        assert enroll_teachers(session, w.course, [w.teacher]) == 1
        assert enroll_teachers(session, w.course, [w.teacher]) == 0


def test_participation_records_schools_and_their_teachers(district_world):
    w = district_world
    with w.database.session() as session:
        added = record_participation(session, w.event, [w.own_school, w.other_school], [w.teacher])
        rows = records.query_page(session, "participation", filters={"event_id": w.event})[0]
    assert added == 2 and sorted(row[4] or "" for row in rows) == ["", "Ёлкина Анна Петровна"]


def test_overview_counts_schools_by_status_and_missing_passports(district_world):
    w = district_world
    with w.database.session() as session:
        records.create(session, "school_status", {"school_id": w.other_school, "year": 2024, "status": "shnsu"})
        figures = {figure.key: figure.value for figure in overview(session, 2024)}
    assert figures == {"shnor": 0, "shnsu": 1, "overdue": 0, "trained": 0, "no_passport": 2}


def test_generated_region_is_the_same_for_the_same_seed(tmp_path):
    lists = []
    for name in ("a.db", "b.db"):
        database = open_database(str(tmp_path / name))
        with database.session() as session:
            counts = generate_region(session, schools=5, staff=40, seed=7)
            lists.append(records.query_page(session, "teacher", limit=None)[0])
        database.close()
    assert counts["school"] == 5 and counts["teacher"] == 40
    assert lists[0] == lists[1] and len(lists[0]) == 40


def test_renamed_teacher_is_found_by_the_new_name_and_rows_without_a_stored_copy_still_match(school_world):
    w = school_world
    with w.database.session() as session:
        values = records.get_values(session, "teacher", w.teacher)
        records.update(session, "teacher", w.teacher, {**values, "last_name": "Щукина"})
        assert names(records.query_page(session, "teacher", search="щукина")[0]) == ["Щукина Анна Петровна"]
        session.execute(update(Teacher).values(search_text=None))
        assert names(records.query_page(session, "teacher", search="ЩУК анна")[0]) == ["Щукина Анна Петровна"]


def test_a_year_filter_shows_every_record_whose_period_overlaps_the_year(district_world):
    """A curator assigned for 2021–2022 is a curator of 2022; one who left in 2020 is not; one without an end runs on.
    A course is in the years from its start to its end."""
    w = district_world
    periods = {"Ушла в 2020": (date(2019, 9, 1), date(2020, 5, 31)),
               "На 2021–2022": (date(2021, 9, 1), date(2022, 5, 31)),
               "С 2021 без конца": (date(2021, 1, 15), None), "С 2023": (date(2023, 1, 9), date(2023, 12, 1))}
    courses = {"Курс 2021/22": (date(2021, 11, 1), date(2022, 2, 1)), "Курс без окончания": (date(2022, 3, 1), None),
               "Курс 2021": (date(2021, 3, 1), None)}
    with w.database.session() as session:
        for name, (start, end) in periods.items():
            records.create(session, "assignment", {"kind": "curator", "person_name": name,
                                                   "school_id": w.own_school, "start_date": start, "end_date": end})
        for title, (start, end) in courses.items():
            records.create(session, "course", {"title": title, "kind": "kpk", "provider": "ИРО", "hours": 36, "format": "distance",
                                               "start_date": start, "end_date": end})
        session.commit()

        def people(year: int) -> list[str]:
            rows = records.query_page(session, "assignment", filters={"year": year})[0]
            return sorted(row[2] for row in rows)  # ФИО

        assert people(2022) == ["На 2021–2022", "С 2021 без конца"]
        assert people(2020) == ["Ушла в 2020"]
        titles = {row[1] for row in records.query_page(session, "course", filters={"year": 2022})[0]}
        assert {"Курс 2021/22", "Курс без окончания"} <= titles and "Курс 2021" not in titles
