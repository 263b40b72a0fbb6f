"""Editing a roadmap (seeds/000's table): add, edit, move, delete events and sections; corrections as versions."""

from datetime import date
from pathlib import Path

import pytest

from app.errors import KuratorError, ValidationError
from app.models import EventOccurrence, RoadmapEvent
from app.services.roadmaps import corrections, editing, sections
from app.services.roadmaps.importing import import_file
from app.services.roadmaps.plans import effective_status, roadmap_detail

DATA = Path(__file__).parent / "data" / "roadmaps"


@pytest.fixture
def seed000(district_db):
    with district_db.session() as session:
        return import_file(session, DATA / "seed000.docx", 2021, 2023)["roadmap_id"]


def numbers(db, roadmap_id, section="2"):
    with db.session() as session:
        detail = roadmap_detail(session, roadmap_id)
    return [(e["number"], e["title"][:20]) for e in detail["events"] if e["section"].startswith(section + " ")]


def by_number(session, roadmap_id, number):
    return next(e for e in roadmap_detail(session, roadmap_id)["events"] if e["number"] == number)


def test_added_event_is_numbered_after_the_last_of_its_section(district_db, seed000):
    with district_db.session() as session:
        event = editing.add_event(session, seed000, "3", {"title": "Единый методический день", "deadline_text": "Март"})
        assert event.number == "3.4"
    with district_db.session() as session:
        detail = by_number(session, seed000, "3.4")
    assert detail["title"] == "Единый методический день" and detail["section"].startswith("3 ")
    assert [w["start"] for w in detail["windows"]] == ["2021-03-01"]


def test_event_inserted_before_another_renumbers_the_rest(district_db, seed000):
    with district_db.session() as session:
        second = by_number(session, seed000, "3.2")["id"]
        editing.add_event(session, seed000, "3", {"title": "Вставлено", "deadline_text": "Май"}, before_event_id=second)
    assert [n for n, _ in numbers(district_db, seed000, "3")] == ["3.1", "3.2", "3.3", "3.4"]
    assert numbers(district_db, seed000, "3")[1] == ("3.2", "Вставлено")


def test_moving_an_event_to_another_section_renumbers_both(district_db, seed000):
    with district_db.session() as session:
        moved = by_number(session, seed000, "3.1")
        editing.edit_event(session, moved["id"], {"section": "4"})
    assert [n for n, _ in numbers(district_db, seed000, "3")] == ["3.1", "3.2"]
    assert numbers(district_db, seed000, "4")[-1] == ("4.5", moved["title"][:20])


def test_deleting_an_event_is_soft_and_closes_the_gap(district_db, seed000):
    with district_db.session() as session:
        gone = by_number(session, seed000, "2.1")["id"]
        editing.delete_event(session, gone)
    with district_db.session() as session:
        assert session.get(RoadmapEvent, gone).deleted_at is not None
        assert session.query(EventOccurrence).filter_by(event_id=gone, deleted_at=None).count() == 0
    assert [n for n, _ in numbers(district_db, seed000)][:2] == ["2.1", "2.2"]
    assert len(numbers(district_db, seed000)) == 10


@pytest.mark.parametrize(("values", "field"), [
    ({"title": "  ", "deadline_text": "Март"}, "title"),
    ({"title": "Семинар", "deadline_text": "когда получится"}, "deadline_text"),
    ({"title": "Семинар", "deadline_text": ""}, "deadline_text"),
])
def test_bad_event_is_refused_at_its_field_and_nothing_changes(district_db, seed000, values, field):
    with district_db.session() as session, pytest.raises(ValidationError) as refused:
        editing.add_event(session, seed000, "2", values)
    assert field in refused.value.errors
    assert len(numbers(district_db, seed000)) == 11


def test_unrecognised_deadline_is_saved_as_written_when_the_user_confirms(district_db, seed000):
    with district_db.session() as session:
        event = editing.add_event(session, seed000, "2", {"title": "Семинар", "deadline_text": "когда получится",
                                                          "accept_unrecognized": True})
        assert by_number(session, seed000, event.number)["kind"] == "unrecognized"


def test_unknown_section_is_named_in_the_message(district_db, seed000):
    with district_db.session() as session, pytest.raises(ValidationError, match="Раздела «7» нет.*1, 2, 3, 4"):
        editing.add_event(session, seed000, "7", {"title": "Семинар", "deadline_text": "Март"})


def test_school_cannot_edit_the_municipal_roadmap(school_db):
    from app.models import Roadmap
    with school_db.session() as session:
        roadmap = Roadmap(title="Муниципальная", level="municipal", year_from=2022, year_to=2022, origin="district")
        session.add(roadmap)
        session.flush()
        with pytest.raises(KuratorError, match="ведёт управление образования"):
            editing.add_event(session, roadmap.id, None, {"title": "Семинар", "deadline_text": "Март"})


def test_section_added_after_the_last_and_deleted_only_when_empty(district_db, seed000):
    with district_db.session() as session:
        fifth = sections.add_section(session, seed000, {"title": "Информационное сопровождение"})
        assert fifth.number == "5"
        editing.add_event(session, seed000, "5", {"title": "Публикации на сайте", "deadline_text": "Ежемесячно"})
        with pytest.raises(KuratorError, match="есть мероприятия"):
            sections.delete_section(session, fifth.id)


def approve(db, roadmap_id, on=date(2021, 1, 20)):
    with db.session() as session:
        corrections.approve_roadmap(session, roadmap_id, "приказ УО № 5 от 20.01.2021", on)


def test_approved_roadmap_is_edited_only_within_a_correction(district_db, seed000):
    approve(district_db, seed000)
    with district_db.session() as session, pytest.raises(KuratorError, match="вносятся корректировкой"):
        editing.add_event(session, seed000, "2", {"title": "Семинар", "deadline_text": "Март"})
    with district_db.session() as session, pytest.raises(ValidationError, match="основание"):
        corrections.open_correction(session, seed000, "  ")


def test_correction_keeps_versions_and_lists_what_changed(district_db, seed000):
    approve(district_db, seed000)
    with district_db.session() as session:
        corrections.open_correction(session, seed000, "приказ УО № 112 от 14.03.2023", date(2023, 3, 14), "Иванова")
        editing.edit_event(session, by_number(session, seed000, "2.3")["id"], {"deadline_text": "Май"})
        editing.delete_event(session, by_number(session, seed000, "2.1")["id"])
        editing.add_event(session, seed000, "4", {"title": "Форум школ", "deadline_text": "Октябрь"})
        history = corrections.roadmap_history(session, seed000)
        first = corrections.version_snapshot(session, seed000, 1)
        second = corrections.version_snapshot(session, seed000, 2)
    assert history["current_version"] == 2
    assert [v["basis"] for v in history["versions"]] == ["приказ УО № 5 от 20.01.2021", "приказ УО № 112 от 14.03.2023"]
    kinds = [(c["kind"], c["label"][:4]) for c in history["versions"][1]["changes"] if c["kind"] != "renumbered"]
    assert kinds == [("deadline", "2.3 "), ("removed", "2.1 "), ("added", "4.5 ")]
    assert len([c for c in history["versions"][1]["changes"] if c["kind"] == "renumbered"]) == 10  # 2.2…2.11 → 2.1…2.10
    assert len(first["events"]) == 26 and len(second["events"]) == 26
    assert [e["deadline_text"] for e in first["events"] if e["number"] == "2.3"] == ["Ежегодно, март-апрель"]
    assert [e["deadline_text"] for e in second["events"] if e["number"] == "2.2"] == ["Май"]
    assert [e["title"] for e in second["events"] if e["number"] == "4.5"] == ["Форум школ"]


def test_moved_deadline_judges_earlier_occurrences_by_the_old_one(district_db, seed000):
    """«Ежегодно, март-апрель» moved to «Ежегодно, май» on 14.03.2023: 2021 and 2022 stay March–April
    (already due); 2023 becomes May."""
    approve(district_db, seed000)
    with district_db.session() as session:
        event_id = by_number(session, seed000, "2.3")["id"]
        corrections.open_correction(session, seed000, "приказ УО № 112 от 14.03.2023", date(2023, 3, 14))
        editing.edit_event(session, event_id, {"deadline_text": "Ежегодно, май"})
        windows = [(o.window_start, o.window_end) for o in session.query(EventOccurrence)
                   .filter_by(event_id=event_id, deleted_at=None).order_by(EventOccurrence.window_start)]
        moved = corrections.moved_deadlines(session, seed000)
    assert windows == [(date(2021, 3, 1), date(2021, 4, 30)), (date(2022, 3, 1), date(2022, 4, 30)),
                       (date(2023, 5, 1), date(2023, 5, 31))]
    assert effective_status("planned", date(2023, 5, 31), None, date(2023, 5, 10)) == "planned"
    assert moved == [{"event_id": event_id, "label": moved[0]["label"], "before": "Ежегодно, март-апрель",
                      "after": "Ежегодно, май", "basis": "приказ УО № 112 от 14.03.2023", "date": "2023-03-14"}]


def test_roadmap_numbered_through_the_document_is_renumbered_through(district_db):
    """seeds/004 numbers events 1…18 across its sections: one inserted before «5» (section 2) pushes 5…18 to 6…19."""
    with district_db.session() as session:
        roadmap_id = import_file(session, DATA / "seed004.docx", 2022)["roadmap_id"]
        fifth = by_number(session, roadmap_id, "5")
        editing.add_event(session, roadmap_id, "2", {"title": "Анализ ВПР", "deadline_text": "Май"},
                          before_event_id=fifth["id"])
        detail = roadmap_detail(session, roadmap_id)
    assert [e["number"] for e in detail["events"]] == [str(n) for n in range(1, 20)]
    assert [e["title"] for e in detail["events"]][4] == "Анализ ВПР"


def test_section_moved_up_takes_the_number_of_the_one_above_and_its_events_follow(district_db, seed000):
    with district_db.session() as session:
        third = next(s for s in roadmap_detail(session, seed000)["sections"] if s["label"].startswith("3 "))
        sections.shift_section(session, third["id"], -1)
        detail = roadmap_detail(session, seed000)
    assert [s["label"][:2] for s in detail["sections"]] == ["1 ", "2 ", "3 ", "4 "]
    assert detail["sections"][1]["label"].startswith("2 Мероприятия по выравниванию")
    assert [e["number"] for e in detail["events"] if e["section_id"] == third["id"]] == ["2.1", "2.2", "2.3"]
    assert [e["number"] for e in detail["events"] if e["section"].startswith("3 ")][:2] == ["3.1", "3.2"]


def test_sections_of_a_roadmap_numbered_through_keep_their_events_numbers_when_moved(district_db):
    with district_db.session() as session:
        roadmap_id = import_file(session, DATA / "seed004.docx", 2022)["roadmap_id"]
        second = roadmap_detail(session, roadmap_id)["sections"][1]
        sections.shift_section(session, second["id"], -1)
        detail = roadmap_detail(session, roadmap_id)
    assert detail["sections"][0]["id"] == second["id"] and detail["sections"][0]["label"].startswith("1")
    assert [e["number"] for e in detail["events"]] == [str(n) for n in range(1, 19)]
