"""Monitoring a roadmap: occurrences over its years, effective statuses, progress overview."""

from datetime import date

import pytest

from app.errors import ValidationError
from app.models import EventOccurrence, RoadmapEvent, School, Teacher
from app.services.roadmaps import editing
from app.services.roadmaps import plans as roadmaps
from app.services.roadmaps.plans import PlannedEvent, PlannedSection, effective_status

TODAY = date(2022, 6, 15)


def event(number, title, deadline, responsible="ИМЦ УО", section="1."):
    return PlannedEvent(number=number, title=title, deadline_text=deadline, responsible=responsible,
                        planned_result="", section_number=section)


@pytest.fixture
def roadmap(district_db):
    with district_db.session() as session:
        school = School(code="0701001", name="МКОУ СОШ с.п.Урожайное", kind="СОШ", locality="rural")
        session.add(school)
        session.flush()
        session.add(Teacher(school_id=school.id, last_name="Шидукова", first_name="Людмила", middle_name="Петровна"))
        session.flush()
        created = roadmaps.create_roadmap(
            session,
            {"title": "Дорожная карта на 2022 год", "level": "municipal", "year_from": 2022, "year_to": 2022},
            [PlannedSection("1.", "Общесистемные", None), PlannedSection("5.", "Мониторинг и консультативная поддержка", None)],
            [
                event("1.", "Проведение анализа школьных «Дорожных карт»", "Февраль", "ИМЦ УО Шидукова Л.П."),
                event("9.", "Проведение психолого-педагогических консилиумов", "По отдельному плану"),
                event("17.", "Мониторинг реализации мероприятий", "Декабрь 2022 г.", "Управление образования", "5."),
                event("18.", "Час контроля с директорами и заместителями директоров", "Ежемесячно", section="5."),
            ],
        )
        return created.id


def occurrences_of(db, number):
    with db.session() as session:
        return (session.query(EventOccurrence).join(RoadmapEvent, RoadmapEvent.id == EventOccurrence.event_id)
                .filter(RoadmapEvent.number == number).order_by(EventOccurrence.window_start).all())


def test_monthly_event_has_twelve_occurrences_and_by_plan_event_none(district_db, roadmap):
    assert len(occurrences_of(district_db, "18.")) == 12
    assert occurrences_of(district_db, "9.") == []
    assert [o.window_end for o in occurrences_of(district_db, "1.")] == [date(2022, 2, 28)]


def test_planning_twice_adds_nothing(district_db, roadmap):
    with district_db.session() as session:
        assert roadmaps.plan_occurrences(session, roadmaps.get_roadmap(session, roadmap)) == 0


def test_responsible_person_is_linked_to_staff_when_the_name_matches(district_db, roadmap):
    with district_db.session() as session:
        linked = session.query(RoadmapEvent).filter_by(number="1.").one()
        other = session.query(RoadmapEvent).filter_by(number="17.").one()
        assert session.get(Teacher, linked.responsible_teacher_id).last_name == "Шидукова"
        assert other.responsible_teacher_id is None


@pytest.mark.parametrize("stored, completed, expected", [
    ("planned", None, "overdue"),
    ("in_progress", None, "overdue"),
    ("done", date(2022, 2, 20), "done"),
    ("done", date(2022, 3, 2), "done_late"),
    ("cancelled", None, "cancelled"),
])
def test_effective_status_after_the_window_ends(stored, completed, expected):
    assert effective_status(stored, date(2022, 2, 28), completed, TODAY) == expected


def test_open_occurrence_before_its_window_ends_keeps_its_status():
    assert effective_status("in_progress", date(2022, 12, 31), None, TODAY) == "in_progress"


def test_done_after_the_window_is_recorded_as_late(district_db, roadmap):
    february = occurrences_of(district_db, "1.")[0]
    with district_db.session() as session:
        recorded = roadmaps.record_progress(session, february.id, "done", date(2022, 3, 3), "Справка от 03.03.2022")
        assert recorded.status == "done_late"


def test_done_without_a_date_is_refused_and_nothing_changes(district_db, roadmap):
    february = occurrences_of(district_db, "1.")[0]
    with pytest.raises(ValidationError) as refused:
        with district_db.session() as session:
            roadmaps.record_progress(session, february.id, "done", None)
    assert "completed_on" in refused.value.errors
    assert occurrences_of(district_db, "1.")[0].status == "planned"


def test_overview_counts_on_time_late_and_overdue_by_section(district_db, roadmap):
    monthly = occurrences_of(district_db, "18.")
    with district_db.session() as session:
        roadmaps.record_progress(session, monthly[0].id, "done", date(2022, 1, 20))
        roadmaps.record_progress(session, monthly[1].id, "done", date(2022, 3, 1))
        overview = roadmaps.roadmap_overview(session, roadmap, today=TODAY)
    section = overview["by_section"]["5. Мониторинг и консультативная поддержка"]
    # January on time, February late; March–May overdue; June onward and December's monitoring still ahead.
    assert (section["done"], section["done_late"], section["overdue"]) == (1, 1, 3)
    assert overview["total"]["overdue"] == 4  # plus the February analysis of event 1
    assert overview["total"]["on_time_percent"] == round(100 / 6, 1)
    assert {row["number"] for row in overview["overdue"]} == {"1.", "18."}


def test_detail_gives_the_contract_fields_with_windows_and_status(district_db, roadmap):
    with district_db.session() as session:
        detail = roadmaps.roadmap_detail(session, roadmap, today=TODAY)
    by_number = {e["number"]: e for e in detail["events"]}
    assert by_number["17."]["windows"] == [{"start": "2022-12-01", "end": "2022-12-31"}]
    assert by_number["17."]["kind"] == "period" and by_number["17."]["status"] == "planned"
    assert by_number["1."]["status"] == "overdue"
    assert by_number["9."]["kind"] == "by_plan"
    assert set(by_number["1."]) >= {"number", "title", "deadline_text", "kind", "windows", "responsible",
                                    "planned_result", "status", "section"}


def test_unparsed_deadline_can_be_corrected_and_then_gets_occurrences(district_db, roadmap):
    with district_db.session() as session:
        nine = session.query(RoadmapEvent).filter_by(number="9.").one()
        with pytest.raises(ValidationError):
            editing.correct_deadline(session, nine.id, "когда-нибудь")
        editing.correct_deadline(session, nine.id, "Сентябрь")
    assert [o.window_start for o in occurrences_of(district_db, "9.")] == [date(2022, 9, 1)]


def test_excel_export_has_the_roadmap_columns_plus_status(district_db, roadmap, tmp_path):
    from openpyxl import load_workbook

    from app.services.roadmaps.export import export_excel

    with district_db.session() as session:
        path = export_excel(session, roadmap, tmp_path / "карта.xlsx", today=TODAY)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[2][:6] == ("№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный",
                           "Планируемый результат", "Статус")
    events = [row for row in rows[3:] if row[2]]
    assert [row[0] for row in events] == ["1.", "9.", "17.", "18."]
    assert events[0][5] == "просрочено"


def test_analysis_pdf_reads_in_russian(district_db, roadmap, tmp_path):
    import subprocess

    from app.services.roadmaps.export import export_analysis_pdf

    with district_db.session() as session:
        path = export_analysis_pdf(session, roadmap, tmp_path / "анализ.pdf", year=2022, today=TODAY)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Анализ реализации дорожной карты" in text
    assert "Просрочено" in text and "Час контроля с директорами" in text


def test_a_school_cannot_record_progress_on_the_municipal_roadmap(school_db):
    from app.errors import KuratorError
    from app.models import Roadmap

    with school_db.session() as session:
        roadmap = Roadmap(title="Муниципальная дорожная карта", level="municipal", year_from=2022, year_to=2022,
                          origin="district")
        session.add(roadmap)
        session.flush()
        event = RoadmapEvent(roadmap_id=roadmap.id, number="1", title="Анализ", deadline_text="Февраль", position=0,
                             origin="district")
        session.add(event)
        session.flush()
        roadmaps.plan_occurrences(session, roadmap)
        occurrence = session.query(EventOccurrence).one()
        with pytest.raises(KuratorError, match="управление образования"):
            roadmaps.record_progress(session, occurrence.id, "done", date(2022, 2, 10))


def test_year_statuses_agree_with_the_status_of_each_occurrence(district_db, roadmap):
    monthly = occurrences_of(district_db, "18.")
    with district_db.session() as session:
        roadmaps.record_progress(session, monthly[0].id, "done", date(2022, 1, 20))
        roadmaps.record_progress(session, monthly[1].id, "done", date(2022, 3, 1))
        roadmaps.record_progress(session, monthly[2].id, "cancelled")
        rows = roadmaps.year_statuses(session, 2022, TODAY)
        expected = {o.id: effective_status(o.status, o.window_end, o.completed_on, TODAY)
                    for o in session.query(EventOccurrence)}
    assert {row.occurrence_id: row.status for row in rows} == expected
    assert set(expected.values()) >= {"done", "done_late", "cancelled", "overdue", "planned"}
