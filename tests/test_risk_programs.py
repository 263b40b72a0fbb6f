"""A school's concept and programs: one anti-risk program per priority risk, its measures are events of the school's
roadmap (created, re-planned, given up), their progress is the roadmap's monitoring, bad input changes nothing."""

from datetime import date

import pytest
from risk_world import PRIORITY, PROFILE, SCHOOL_ID, YEAR, build_school, entry
from sqlalchemy import func, select

from app.errors import KuratorError, ValidationError
from app.models import (
    EventOccurrence,
    RiskIndicator,
    RiskMeasure,
    RiskProgram,
    Roadmap,
    RoadmapEvent,
    RoadmapSection,
)
from app.services.risks.profiles import save_profile
from app.services.risks.programs import (
    IndicatorEntry,
    MeasureEntry,
    ProgramEntry,
    delete_program,
    save_program,
)
from app.services.risks.progress import programs_of
from app.services.roadmaps.plans import PlannedEvent, PlannedSection, create_roadmap, record_progress

MONTHLY = MeasureEntry("Дополнительные занятия с обучающимися «группы риска»", "Ежемесячно", "Абаева А.П.",
                       "Ликвидация пробелов в знаниях")
SPRING = MeasureEntry("Психолого-педагогический консилиум", "Март - апрель", "Педагог-психолог")
SECTION = "Антирисковая программа «Высокая доля обучающихся с рисками учебной неуспешности»"


def program(**changes) -> ProgramEntry:
    values = dict(kind="anti_risk", factor_code="academic_failure",
                  goal="Снизить долю обучающихся с рисками учебной неуспешности",
                  tasks=["Выявить обучающихся «группы риска»", "Организовать адресную поддержку"],
                  measures=[MONTHLY, SPRING], indicators=[IndicatorEntry("Доля обучающихся «группы риска»", 10, "%")])
    values.update(changes)
    return ProgramEntry(**values)


@pytest.fixture
def school(school_db):
    with school_db.session() as session:
        build_school(session)
        save_profile(session, SCHOOL_ID, YEAR, entry(PROFILE, PRIORITY))
    return school_db


def saved(db, entry_: ProgramEntry | None = None, program_id: str | None = None) -> str:
    with db.session() as session:
        return save_program(session, SCHOOL_ID, YEAR, entry_ or program(), program_id).id


def live(session, model, *where) -> list:
    return list(session.scalars(select(model).where(model.deleted_at.is_(None), *where)))


def measures_of(session, program_id: str) -> list[RoadmapEvent]:
    return [session.get(RoadmapEvent, m.event_id)
            for m in sorted(live(session, RiskMeasure, RiskMeasure.program_id == program_id), key=lambda m: m.position)]


def occurrences(session, event: RoadmapEvent) -> list[EventOccurrence]:
    return sorted(live(session, EventOccurrence, EventOccurrence.event_id == event.id), key=lambda o: o.window_start)


def test_a_school_without_a_roadmap_gets_one_for_the_year_holding_the_measures_as_events(school):
    program_id = saved(school)
    with school.session() as session:
        [roadmap] = live(session, Roadmap)
        assert (roadmap.level, roadmap.school_id, roadmap.year_from, roadmap.year_to) == ("school", SCHOOL_ID, 2022, 2022)
        assert roadmap.title == "Дорожная карта МКОУ СОШ с.п. Урожайное на 2022 год"
        [section] = live(session, RoadmapSection)
        assert (section.number, section.title) == ("1", SECTION)
        monthly, spring = measures_of(session, program_id)
        assert [(e.number, e.title, e.deadline_text, e.responsible) for e in (monthly, spring)] == [
            ("1.1", MONTHLY.title, "Ежемесячно", "Абаева А.П."),
            ("1.2", SPRING.title, "Март - апрель", "Педагог-психолог")]
        assert monthly.planned_result == "Ликвидация пробелов в знаниях"
        assert monthly.responsible_teacher_id is not None and spring.responsible_teacher_id is None
        assert (len(occurrences(session, monthly)), len(occurrences(session, spring))) == (12, 1)


def test_a_roadmap_the_school_has_for_the_year_takes_the_measures_in_a_section_after_its_own(school):
    with school.session() as session:
        create_roadmap(session, {"title": "Дорожная карта перехода в эффективный режим", "level": "school",
                                 "school_id": SCHOOL_ID, "year_from": 2022, "year_to": 2023},
                       [PlannedSection("1", "Анализ", None), PlannedSection("2", "Работа с педагогами", None)],
                       [PlannedEvent("1.1", "Анализ ГИА", "Январь", "Директор", "", "1")])
    program_id = saved(school)
    with school.session() as session:
        assert len(live(session, Roadmap)) == 1
        assert [e.number for e in measures_of(session, program_id)] == ["3.1", "3.2"]
        monthly = measures_of(session, program_id)[0]
        assert len(occurrences(session, monthly)) == 24  # twelve months in each of the roadmap's two years


@pytest.mark.parametrize("changes, field, message", [
    ({"measures": [MONTHLY, MeasureEntry("Консилиум", "", "Педагог-психолог")]}, "measures.1.deadline_text",
     "Укажите срок"),
    ({"measures": [MeasureEntry("Консилиум", "Март - апрель", " ")]}, "measures.0.responsible", "ответственного"),
    ({"measures": [MeasureEntry("Консилиум", "когда получится", "Директор")]}, "measures.0.deadline_text",
     "не распознан"),
    ({"measures": [MeasureEntry("", "Март", "Директор")]}, "measures.0.title", "Укажите мероприятие"),
    ({"measures": []}, "measures", "хотя бы одно"),
    ({"goal": ""}, "goal", "Укажите цель"),
    ({"factor_code": "parent_engagement"}, "factor", "не выбран приоритетным"),
    ({"indicators": [IndicatorEntry("Доля", None)]}, "indicators.0.target", "Укажите значение"),
])
def test_bad_input_is_refused_at_its_field_and_nothing_is_saved(school, changes, field, message):
    with school.session() as session, pytest.raises(ValidationError) as refused:
        save_program(session, SCHOOL_ID, YEAR, program(**changes))
    assert message in refused.value.errors[field]
    with school.session() as session:
        assert live(session, RiskProgram) == [] and live(session, Roadmap) == [] and live(session, RoadmapEvent) == []


def test_one_anti_risk_program_per_priority_risk_and_one_concept(school):
    saved(school)
    saved(school, ProgramEntry("concept", "Переход в эффективный режим работы"))
    with school.session() as session, pytest.raises(ValidationError) as twice:
        save_program(session, SCHOOL_ID, YEAR, program())
    assert "уже есть" in twice.value.errors["factor"]
    with school.session() as session, pytest.raises(ValidationError) as concept:
        save_program(session, SCHOOL_ID, YEAR, ProgramEntry("concept", "Ещё одна концепция"))
    assert "уже есть" in concept.value.errors["kind"]


def test_a_program_needs_the_profile_of_its_year(school):
    with school.session() as session, pytest.raises(KuratorError, match="профиль рисков школы за 2023 год"):
        save_program(session, SCHOOL_ID, 2023, program())


def test_a_new_deadline_replans_the_event_and_keeps_the_window_with_recorded_progress(school):
    program_id = saved(school)
    with school.session() as session:
        january = occurrences(session, measures_of(session, program_id)[0])[0]
        record_progress(session, january.id, "done", date(2022, 1, 20))
        ids = [m.id for m in live(session, RiskMeasure)]
    changed = MeasureEntry(MONTHLY.title, "Март - апрель", MONTHLY.responsible, measure_id=ids[0])
    saved(school, program(measures=[changed, SPRING]), program_id)
    with school.session() as session:
        windows = [(o.window_start, o.status) for o in occurrences(session, measures_of(session, program_id)[0])]
    assert windows == [(date(2022, 1, 1), "done"), (date(2022, 3, 1), "planned")]


def test_a_measure_taken_out_leaves_the_roadmap_unless_progress_was_recorded_on_it(school):
    program_id = saved(school)
    with school.session() as session:
        monthly, spring = measures_of(session, program_id)
        record_progress(session, occurrences(session, monthly)[0].id, "done", date(2022, 1, 20))
    saved(school, program(measures=[MeasureEntry("Новое мероприятие", "Май", "Директор")]), program_id)
    with school.session() as session:
        assert session.get(RoadmapEvent, monthly.id).deleted_at is None  # its January was done: history stays
        assert session.get(RoadmapEvent, spring.id).deleted_at is not None
        assert [e.title for e in measures_of(session, program_id)] == ["Новое мероприятие"]


def test_the_program_shows_its_measures_progress_as_the_roadmap_monitors_it(school):
    program_id = saved(school)
    with school.session() as session:
        monthly, spring = measures_of(session, program_id)
        record_progress(session, occurrences(session, spring)[0].id, "done", date(2022, 5, 4))
        for occurrence in occurrences(session, monthly)[:5]:
            record_progress(session, occurrence.id, "done", occurrence.window_end)
        [view] = programs_of(session, SCHOOL_ID, YEAR, today=date(2022, 6, 15))
    assert [(m.number, m.status) for m in view.measures] == [("1.1", "in_progress"), ("1.2", "done_late")]
    assert view.measures[0].next_due == date(2022, 6, 30)
    assert view.done_percent == 50.0
    assert view.progress_text() == "мероприятий 2: в работе 1, выполнено с нарушением срока 1"
    assert view.heading == "Антирисковая программа «Высокая доля обучающихся с рисками учебной неуспешности»"
    assert view.tasks == ["Выявить обучающихся «группы риска»", "Организовать адресную поддержку"]


def test_an_event_of_the_school_roadmap_can_be_made_a_measure_but_not_a_municipal_one(school):
    with school.session() as session:
        roadmap = create_roadmap(session, {"title": "ДК школы", "level": "school", "school_id": SCHOOL_ID,
                                           "year_from": 2022, "year_to": 2022}, [],
                                 [PlannedEvent("5", "Консилиум", "Март - апрель", "Педагог-психолог", "", None)])
        event_id = roadmap.events[0].id
        municipal = Roadmap(title="Муниципальная дорожная карта", level="municipal", year_from=2022, year_to=2022)
        session.add(municipal)  # as the district's packet brings it
        session.flush()
        district_event = RoadmapEvent(roadmap_id=municipal.id, title="Семинар для ШНОР", position=1)
        session.add(district_event)
        session.flush()
        district_event_id = district_event.id
    linked = MeasureEntry("Консилиум по обучающимся «группы риска»", "Март - апрель", "Педагог-психолог",
                          event_id=event_id)
    program_id = saved(school, program(measures=[linked]))
    with school.session() as session:
        [event] = measures_of(session, program_id)
        assert (event.id, event.title, event.number) == (event_id, linked.title, "5")
    foreign = MeasureEntry("Семинар", "Май", "Директор", event_id=district_event_id)
    with school.session() as session, pytest.raises(ValidationError) as refused:
        save_program(session, SCHOOL_ID, YEAR, program(measures=[foreign]), program_id)
    assert "только мероприятие дорожной карты этой школы" in refused.value.errors["measures.0.event_id"]


def test_a_priority_risk_that_has_a_program_cannot_be_dropped_from_the_profile(school):
    saved(school)
    with school.session() as session, pytest.raises(ValidationError) as refused:
        save_profile(session, SCHOOL_ID, YEAR, entry(PROFILE, ["equipment"]))
    assert "есть антирисковая программа" in refused.value.errors["priority"]


def test_indicators_are_kept_changed_and_removed_by_identity(school):
    program_id = saved(school)
    with school.session() as session:
        [indicator] = live(session, RiskIndicator)
    with school.session() as session:
        measure_ids = [m.id for m in sorted(live(session, RiskMeasure), key=lambda m: m.position)]
    again = program(measures=[MeasureEntry(MONTHLY.title, MONTHLY.deadline_text, MONTHLY.responsible,
                                           measure_id=measure_ids[0])],
                    indicators=[IndicatorEntry("Доля обучающихся «группы риска»", 8, "%", 9.5, indicator.id),
                                IndicatorEntry("Аттестаты 9 класса", 98, "%")])
    saved(school, again, program_id)
    with school.session() as session:
        rows = sorted(live(session, RiskIndicator), key=lambda i: i.position)
        assert [(i.id == indicator.id, i.name, i.target, i.actual) for i in rows] == [
            (True, "Доля обучающихся «группы риска»", 8.0, 9.5), (False, "Аттестаты 9 класса", 98.0, None)]


def test_deleting_a_program_takes_out_its_untouched_events_and_indicators(school):
    program_id = saved(school)
    with school.session() as session:
        delete_program(session, program_id)
    with school.session() as session:
        assert live(session, RiskProgram) == [] and live(session, RiskMeasure) == []
        assert live(session, RiskIndicator) == [] and live(session, RoadmapEvent) == []
        assert session.scalar(select(func.count()).select_from(EventOccurrence)
                              .where(EventOccurrence.deleted_at.is_(None))) == 0
