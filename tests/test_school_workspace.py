"""A school's own workspace: answers to the district's recommendations, courses outside the catalogue, the sign-off
checklist, the overview's summary (`kurator school-summary --json`) and the school's roadmap from the template."""

import json
from datetime import date

import pytest

from app.cli import main
from app.errors import KuratorError, ValidationError
from app.models import (
    AnswerFile,
    Course,
    Diagnostic,
    ExternalCourse,
    Indicator,
    IndicatorTarget,
    Recommendation,
    RecommendationAnswer,
    Roadmap,
    RoadmapEvent,
    School,
    SchoolStatus,
    SocialPassport,
    StaffingSlot,
    Teacher,
    TeacherPosition,
    VprResult,
)
from app.services.ids import school_id
from app.services.indicators.measures import get_measure
from app.services.roadmaps import plans
from app.services.roadmaps.plans import PlannedEvent, PlannedSection, create_roadmap
from app.services.school import answers, external_courses
from app.services.school.checklist import sign_off_checklist
from app.services.school.roadmap import create_own_roadmap
from app.services.indicators.per_school import NOT_IN_GROUP
from app.services.school.summary import school_overview

OWN = school_id("0701001")
TODAY = date(2022, 12, 20)
DISTRICT = "00000000-0000-0000-0000-00000000d157"  # the origin of records that came from the district


def as_from_district(session, *records):
    """Put the district's records into a school's database, as its packet would."""
    for record in records:
        record.origin = DISTRICT
    session.add_all(records)
    session.flush()
    return records


def recommendation(session, text="Организовать работу ШМО", year=2022, status="open"):
    return as_from_district(session, Recommendation(school_id=OWN, year=year, issued_on=date(2022, 6, 30),
                                                    due_date=date(2022, 12, 31), text=text, status=status))[0]


def initialize_school_register(session):
    """The district's register holds the school (a district database)."""
    session.add(School(id=OWN, code="0701001", name="МКОУ СОШ с.п. Урожайное", kind="СОШ", locality="rural"))
    session.flush()


@pytest.fixture
def teacher(school_db):
    with school_db.session() as session:
        person = Teacher(school_id=OWN, last_name="Ёлкина", first_name="Анна", middle_name="Петровна")
        session.add(person)
        session.flush()
        session.add(TeacherPosition(teacher_id=person.id, position="teacher"))
        return person.id


# --- answers ---------------------------------------------------------------------------------------------------

def test_an_answer_is_the_schools_record_with_an_id_that_follows_from_the_recommendation(school_db, tmp_path):
    with school_db.session() as session:
        given = recommendation(session)
        saved = answers.save_answer(session, tmp_path, given.id, "  ШМО создано, план утверждён  ", "done",
                                    date(2022, 9, 1), today=TODAY)
        assert saved.id == answers.answer_id(given.id)
        again = answers.save_answer(session, tmp_path, given.id, "ШМО работает", "in_progress", date(2022, 10, 1),
                                    today=TODAY)
        assert again.id == saved.id and session.query(RecommendationAnswer).count() == 1
        assert (again.text, again.state, again.answered_on) == ("ШМО работает", "in_progress", date(2022, 10, 1))


def test_an_answer_too_long_or_dated_outside_the_period_gets_messages_at_its_fields(school_db, tmp_path):
    with school_db.session() as session:
        given = recommendation(session)
        with pytest.raises(ValidationError) as refused:
            answers.save_answer(session, tmp_path, given.id, "я" * (answers.MAX_TEXT + 1), None, date(2022, 6, 1),
                                today=TODAY)
        assert set(refused.value.errors) == {"text", "state", "answered_on"}
        assert refused.value.errors["text"] == f"Ответ не длиннее {answers.MAX_TEXT} символов (сейчас 4001)."
        assert "не раньше выдачи рекомендации (30.06.2022)" in refused.value.errors["answered_on"]
        with pytest.raises(ValidationError) as future:
            answers.save_answer(session, tmp_path, given.id, "Сделано", "done", date(2022, 12, 21), today=TODAY)
        assert list(future.value.errors) == ["answered_on"]
        assert session.query(RecommendationAnswer).count() == 0


def test_answer_files_are_stored_by_content_once_and_listed_with_the_answer(school_db, tmp_path):
    order = tmp_path / "Приказ № 12.pdf"
    order.write_bytes(b"%PDF order 12")
    copy = tmp_path / "копия.pdf"
    copy.write_bytes(b"%PDF order 12")
    files = tmp_path / "files"
    with school_db.session() as session:
        given = recommendation(session)
        answers.save_answer(session, files, given.id, "Приказ издан", "done", date(2022, 9, 1),
                            [(order, "order"), (copy, "order")], today=TODAY)
        listed = answers.answer_detail(session, files, given.id)["files"]
        assert [(f["title"], f["kind"], f["present"]) for f in listed] == [("Приказ № 12", "Приказ", True)]
        answers.remove_answer_file(session, listed[0]["id"])
        assert answers.answer_detail(session, files, given.id)["files"] == []
        assert session.query(AnswerFile).one().deleted_at is not None


def test_the_district_reads_answers_but_does_not_write_them(district_db, tmp_path):
    with district_db.session() as session:
        initialize_school_register(session)
        given = Recommendation(school_id=OWN, year=2022, issued_on=date(2022, 6, 30), text="Провести педсовет")
        session.add(given)
        session.flush()
        detail = answers.answer_detail(session, tmp_path, given.id)
        assert (detail["editable"], detail["state"], detail["text"]) == (False, None, "")
        with pytest.raises(KuratorError, match="пишет школа"):
            answers.save_answer(session, tmp_path, given.id, "Проведён", "done", date(2022, 8, 1), today=TODAY)


def test_recommendations_waiting_for_an_answer_leave_out_answered_and_withdrawn_ones(school_db, tmp_path):
    with school_db.session() as session:
        answered, waiting = recommendation(session, "Первая"), recommendation(session, "Вторая")
        recommendation(session, "Снятая", status="cancelled")
        recommendation(session, "Прошлогодняя", year=2021)
        answers.save_answer(session, tmp_path, answered.id, "Сделано", "done", date(2022, 7, 1), today=TODAY)
        items = answers.recommendations_to(session, OWN, 2022)
        assert [(i["text"], i["answer_state"]) for i in items] == [("Вторая", None), ("Первая", "done"),
                                                                     ("Снятая", None)]
        assert [i["id"] for i in answers.waiting_for_answer(items)] == [waiting.id]


# --- courses outside the catalogue ---------------------------------------------------------------------------

def test_a_course_outside_the_catalogue_counts_as_completed_for_the_teacher(school_db, teacher):
    with school_db.session() as session:
        measure = get_measure("teachers")
        assert measure.count(session, 2022, {"has": ["completed_course"]}) == 0
        session.add(ExternalCourse(teacher_id=teacher, title="Смысловое чтение", kind="kpk", provider="Первое сентября",
                                   hours=72, format="distance", topic="functional_literacy",
                                   completed_on=date(2022, 4, 22), origin="school"))
        session.flush()
        assert measure.count(session, 2022, {"has": ["completed_course"]}) == 1
        assert measure.count(session, 2022, {"course_topic": ["management"]}) == 0
        assert measure.count(session, 2021, {"has": ["completed_course"]}) == 0


def test_the_district_accepts_a_schools_course_into_its_catalogue_once(district_db):
    with district_db.session() as session:
        initialize_school_register(session)
        person = Teacher(school_id=OWN, last_name="Ёлкина", first_name="Анна")
        session.add(person)
        session.flush()
        proposal = ExternalCourse(teacher_id=person.id, title="Смысловое чтение", kind="kpk", provider="Первое сентября",
                                  hours=72, format="distance", completed_on=date(2022, 4, 22), origin="school")
        session.add(proposal)
        session.flush()
        course = external_courses.accept_into_catalogue(session, proposal.id)
        assert (course.title, course.provider, course.hours, course.format, course.accepted_from) == (
            "Смысловое чтение", "Первое сентября", 72, "distance", proposal.id)
        with pytest.raises(KuratorError, match="уже в каталоге"):
            external_courses.accept_into_catalogue(session, proposal.id)
        assert session.query(Course).count() == 1


def test_a_school_cannot_accept_a_course_into_the_district_catalogue(school_db, teacher):
    with school_db.session() as session:
        proposal = ExternalCourse(teacher_id=teacher, title="Курс", kind="kpk", provider="ИРО", hours=36,
                                  format="distance", completed_on=date(2022, 4, 22), origin="school")
        session.add(proposal)
        session.flush()
        with pytest.raises(KuratorError, match="Каталог курсов ведёт управление"):
            external_courses.accept_into_catalogue(session, proposal.id)


# --- the sign-off checklist ---------------------------------------------------------------------------------

def test_the_checklist_lists_per_section_what_is_filled_and_what_is_missing(school_db, teacher, tmp_path):
    with school_db.session() as session:
        session.add(SocialPassport(school_id=OWN, year=2022, pupils_total=200, pupils_at_risk=10, origin="s"))
        session.add(VprResult(school_id=OWN, year=2022, grade=5, subject="Математика", participants=20, origin="s"))
        answered = recommendation(session, "Первая")
        recommendation(session, "Вторая")
        answers.save_answer(session, tmp_path, answered.id, "Сделано", "done", date(2022, 7, 1), today=TODAY)
        checklist = sign_off_checklist(session, OWN, 2022, today=TODAY)
    sections = {s.key: s for s in checklist.sections}
    assert [s.title for s in checklist.sections] == ["Кадры", "Социальный паспорт", "Результаты",
                                                     "Дорожная карта", "Ответы на рекомендации"]
    assert sections["staff"].filled == ("работников в 2022 году: 1",)
    assert sections["staff"].missing == ("штатное расписание на 2022 год",)
    assert len(sections["passport"].missing) == 9  # 11 fields, 2 filled
    assert sections["results"].missing == ("олимпиады за 2022 год", "ОГЭ за 2022 год", "выпуск 9 класса за 2022 год",
                                           "ЕГЭ за 2022 год", "выпуск 11 класса за 2022 год")
    assert (sections["results"].page, sections["results"].filters) == ("results", {"entity": "olympiad_result"})
    assert sections["roadmap"].missing == ("дорожная карта школы на 2022 год",)
    assert sections["answers"].filled == ("рекомендаций 2022 года: 2, с ответом школы: 1",)
    assert sections["answers"].missing == ("нет ответа: «Вторая»",)
    assert [d["section"] for d in checklist.declared()] == ["staff", "passport", "results", "roadmap", "answers"]


def test_a_basic_school_is_not_asked_for_ege_and_a_complete_section_has_nothing_missing(school_db, teacher):
    with school_db.session() as session:
        session.get(School, OWN).kind = "ООШ"
        session.add(StaffingSlot(school_id=OWN, year=2022, position="teacher", rates=1, filled_rates=1, origin="s"))
        checklist = sign_off_checklist(session, OWN, 2022, today=TODAY)
    sections = {s.key: s for s in checklist.sections}
    assert sections["staff"].complete
    assert sections["results"].missing == ("ВПР за 2022 год", "олимпиады за 2022 год", "ОГЭ за 2022 год",
                                           "выпуск 9 класса за 2022 год")
    assert "staff" not in [d["section"] for d in checklist.declared()]


# --- the school's roadmap from the municipal one -------------------------------------------------------------

def municipal(session, year=2022):
    """The district's roadmap in a school's database, as its packet would bring it."""
    with pytest.MonkeyPatch.context() as as_if_from_a_packet:
        as_if_from_a_packet.setattr(plans, "may_keep", lambda *_: (True, ""))
        return create_roadmap(session, {"title": "Муниципальная дорожная карта", "level": "municipal",
                                        "year_from": year, "year_to": year},
                              [PlannedSection("1", "Общесистемные", None), PlannedSection("1.1", "Анализ", "1")],
                              [PlannedEvent("1", "Анализ результатов ГИА", "Январь", "Заместитель", "", "1.1"),
                               PlannedEvent("2", "Пробные экзамены", "2 раза в год (январь, июнь)", "", "", "1"),
                               PlannedEvent("3", "Отчёт в управление", "Декабрь", "Директор", "", None)])


def test_a_school_makes_its_roadmap_from_the_municipal_one_with_its_sections_and_deadlines(school_db):
    with school_db.session() as session:
        municipal(session)
        own = create_own_roadmap(session, 2022)
        events = session.query(RoadmapEvent).filter_by(roadmap_id=own.id).order_by(RoadmapEvent.position).all()
        assert (own.level, own.school_id, own.year_from, own.year_to) == ("school", OWN, 2022, 2022)
        assert [(e.number, e.deadline_text) for e in events] == [
            ("1", "Январь"), ("2", "2 раза в год (январь, июнь)"), ("3", "Декабрь")]
        assert [s.title for s in own.sections] == ["Общесистемные", "Анализ"]
        assert own.sections[1].parent_id == own.sections[0].id and events[0].section_id == own.sections[1].id
        with pytest.raises(KuratorError, match="уже есть дорожная карта"):
            create_own_roadmap(session, 2022)


def test_a_two_level_municipal_roadmap_gives_the_school_its_measures_linked_to_the_template(school_db):
    with school_db.session() as session:
        template = municipal(session)
        measure = session.query(RoadmapEvent).filter_by(roadmap_id=template.id, number="2").one()
        measure.level = "school"
        own = create_own_roadmap(session, 2022)
        events = session.query(RoadmapEvent).filter_by(roadmap_id=own.id).all()
        assert own.template_id == template.id and (own.level, own.school_id) == ("school", OWN)
        assert [(e.title, e.linked_event_id) for e in events] == [("Пробные экзамены", measure.id)]


def test_without_a_municipal_roadmap_the_school_is_told_where_it_comes_from(school_db):
    with school_db.session() as session:
        with pytest.raises(KuratorError, match="приходит в пакете от района"):
            create_own_roadmap(session, 2022)
        assert session.query(Roadmap).count() == 0


# --- the overview's summary ----------------------------------------------------------------------------------

def indicator(session, code, numerator, denominator, method="computed", target=None):
    row = as_from_district(session, Indicator(code=code, name=f"Показатель {code}", unit="%", method=method,
                                              numerator=numerator, denominator=denominator, position=len(code)))[0]
    if target is not None:
        as_from_district(session, IndicatorTarget(indicator_id=row.id, year=2022, value=target))
    return row


def test_the_school_counts_its_own_indicator_values_but_never_one_relative_to_other_schools(school_db, teacher):
    with school_db.session() as session:
        session.add_all([Teacher(school_id=OWN, last_name="Борисов", first_name="Олег", origin="s"),
                         Diagnostic(teacher_id=teacher, taken_on=date(2022, 3, 1), kind="subject", origin="s")])
        as_from_district(session, SchoolStatus(school_id=OWN, year=2022, status="shnor", basis="Приказ № 5"))
        indicator(session, "2.2", {"measure": "teachers", "filters": {"status": ["shnor"], "has": ["diagnostic"]}},
                  {"measure": "teachers", "filters": {"status": ["shnor"]}}, target=30)
        indicator(session, "МП.4", {"measure": "schools", "filters": {"status": ["shnor"], "has": ["positive_dynamics"]}},
                  {"measure": "schools", "filters": {"status": ["shnor"]}}, target=50)
        indicator(session, "2.3.3", {"measure": "schools", "filters": {"status": ["shnsu"], "has": ["support_action"]}},
                  {"measure": "schools", "filters": {"status": ["shnsu"]}})
        indicator(session, "МП.1", None, None, method="manual", target=90)
        overview = school_overview(session, 2022, today=TODAY)
    lines = {line.code: line for line in overview.indicators}
    assert (lines["2.2"].value, lines["2.2"].target, lines["2.2"].standing) == (50.0, 30, "target_met")  # 1 of 2
    assert (lines["МП.4"].value, lines["МП.4"].reason) == (None, "нет данных района")
    assert lines["2.3.3"].value is None and lines["2.3.3"].reason.startswith(NOT_IN_GROUP)
    assert (lines["МП.1"].value, lines["МП.1"].standing) == (None, "no_data")
    assert all(line.district is None for line in lines.values())  # no summary from the district yet


def test_school_summary_json_has_the_issue_s_shape(school_db, teacher, capsys, monkeypatch):
    with school_db.session() as session:
        as_from_district(session, SchoolStatus(school_id=OWN, year=2021, status="shnor", basis="Приказ № 1"),
                         SchoolStatus(school_id=OWN, year=2022, status="500plus", basis="Приказ № 7"))
        indicator(session, "2.2", {"measure": "teachers", "filters": {"has": ["diagnostic"]}},
                  {"measure": "teachers", "filters": {}}, target=30)
        municipal(session)
        create_own_roadmap(session, 2022)
    school_db.close()
    assert main(["--db", str(school_db.location.path), "school-summary", "--year", "2022", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert list(summary) == ["school", "year", "statuses", "isb", "group", "district_as_of", "indicators", "roadmap",
                             "missing"]
    assert (summary["school"], summary["year"], summary["isb"], summary["group"], summary["district_as_of"]) == (
        "0701001", 2022, None, None, None)
    assert summary["statuses"] == [{"year": 2022, "status": "500plus", "label": "«500+»", "basis": "Приказ № 7"},
                                   {"year": 2021, "status": "shnor", "label": "ШНОР", "basis": "Приказ № 1"}]
    assert summary["indicators"] == [{"code": "2.2", "value": None, "district": None, "target": 30}]  # no diagnostics
    assert set(summary["roadmap"]) == {"overdue", "due_this_month", "done"}
    assert summary["roadmap"]["done"] == 0
    assert summary["missing"] == ["Кадры", "Социальный паспорт", "Результаты", "Дорожная карта"]


def test_school_summary_is_refused_at_a_district(district_db, capsys):
    district_db.close()
    assert main(["--db", str(district_db.location.path), "school-summary", "--year", "2022", "--json"]) == 2
    assert "в базе школы" in capsys.readouterr().err
