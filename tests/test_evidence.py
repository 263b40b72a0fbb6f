"""Evidence files and the roadmap page's services: filters, responsible list, sections, owner rule."""

import hashlib
from datetime import date

import pytest

from app.errors import KuratorError
from app.models import EventOccurrence, Evidence, Roadmap, RoadmapEvent
from app.services import file_store
from app.services.roadmaps import evidence as ev
from app.services.roadmaps import view as roadmap_view
from app.services.roadmaps.access import delete_roadmap, roadmap_editable
from app.services.roadmaps.plans import (
    PlannedEvent,
    PlannedSection,
    create_roadmap,
    record_progress,
)

TODAY = date(2022, 6, 15)


def planned(number, title, deadline, responsible, section="1"):
    return PlannedEvent(number=number, title=title, deadline_text=deadline, responsible=responsible,
                        planned_result="", section_number=section)


@pytest.fixture
def roadmap(district_db):
    with district_db.session() as session:
        created = create_roadmap(
            session, {"title": "Дорожная карта", "level": "municipal", "year_from": 2022, "year_to": 2022},
            [PlannedSection("1", "Общесистемные", None), PlannedSection("1.1", "Анализ", "1"),
             PlannedSection("2", "Мониторинг", None)],
            [planned("1", "Анализ школьных «Дорожных карт»", "Февраль", "ИМЦ УО Шидукова Л.П.", "1.1"),
             planned("2", "Семинар для заместителей", "Июнь", "Руководители ОО"),
             planned("3", "Итоговый мониторинг", "Декабрь 2022 г.", "Управление образования", "2"),
             planned("4", "Консилиумы", "По отдельному плану", "ёлкина а.п.", "2")],
        )
        return created.id


def event_id(db, number):
    with db.session() as session:
        return session.query(RoadmapEvent).filter_by(number=number).one().id


def occurrence_id(db, number):
    with db.session() as session:
        return (session.query(EventOccurrence).join(RoadmapEvent, RoadmapEvent.id == EventOccurrence.event_id)
                .filter(RoadmapEvent.number == number).one().id)


def numbers(rows):
    return [row["number"] for row in rows]


def test_evidence_is_copied_under_its_sha256_and_a_second_identical_file_is_stored_once(district_db, roadmap, tmp_path):
    files = tmp_path / "files"
    first, second = tmp_path / "Приказ № 5.PDF", tmp_path / "копия.pdf"
    first.write_bytes(b"%PDF-1.4 order")
    second.write_bytes(b"%PDF-1.4 order")
    digest = hashlib.sha256(b"%PDF-1.4 order").hexdigest()
    event, occurrence = event_id(district_db, "1"), occurrence_id(district_db, "1")
    with district_db.session() as session:
        stored = ev.attach_evidence(session, files, event, occurrence, first, "order", "Приказ")
        again = ev.attach_evidence(session, files, event, occurrence, second, "order", "Приказ")
        path = file_store.stored_path(files, stored)
        assert (stored.sha256, stored.size_bytes, stored.file_name) == (digest, 14, "Приказ № 5.PDF")
        assert again.id == stored.id
        assert path == files / "evidence" / digest[:2] / f"{digest}.pdf"
        assert path.read_bytes() == b"%PDF-1.4 order"
        assert len(ev.list_evidence(session, event)) == 1
    assert [p.name for p in (files / "evidence").rglob("*") if p.is_file()] == [f"{digest}.pdf"]


def test_same_file_for_another_event_is_a_new_record_sharing_the_stored_copy(district_db, roadmap, tmp_path):
    source = tmp_path / "protocol.docx"
    source.write_bytes(b"minutes")
    with district_db.session() as session:
        one = ev.attach_evidence(session, tmp_path, event_id(district_db, "1"), None, source, "minutes", None)
        two = ev.attach_evidence(session, tmp_path, event_id(district_db, "2"), None, source, "minutes", None)
        assert one.id != two.id and file_store.stored_path(tmp_path, one) == file_store.stored_path(tmp_path, two)


def test_missing_and_oversized_files_are_refused_and_nothing_is_recorded(district_db, roadmap, tmp_path, monkeypatch):
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 11)
    monkeypatch.setattr(file_store, "MAX_BYTES", 10)
    with district_db.session() as session:
        with pytest.raises(KuratorError, match="не найден"):
            ev.attach_evidence(session, tmp_path, event_id(district_db, "1"), None, tmp_path / "nope.pdf", "order", None)
        with pytest.raises(KuratorError, match="слишком большой"):
            ev.attach_evidence(session, tmp_path, event_id(district_db, "1"), None, big, "order", None)
        assert session.query(Evidence).count() == 0
    assert not (tmp_path / "evidence").exists() or not any((tmp_path / "evidence").rglob("*.pdf"))


def test_removed_evidence_leaves_the_list_but_keeps_a_tombstone(district_db, roadmap, tmp_path):
    source = tmp_path / "report.txt"
    source.write_text("справка", encoding="utf-8")
    event = event_id(district_db, "2")
    with district_db.session() as session:
        stored = ev.attach_evidence(session, tmp_path, event, None, source, "report", "Справка")
        ev.remove_evidence(session, stored.id)
        assert ev.list_evidence(session, event) == []
        assert session.get(Evidence, stored.id).deleted_at is not None


def test_overdue_filter_finds_events_whose_window_ended_without_completion(district_db, roadmap):
    with district_db.session() as session:
        assert numbers(roadmap_view.filter_events(session, roadmap, status="overdue", today=TODAY)) == ["1"]
        assert numbers(roadmap_view.filter_events(session, roadmap, due_this_month=True, today=TODAY)) == ["2"]


def test_responsible_filter_is_a_case_insensitive_substring_with_yo_as_ye(district_db, roadmap):
    with district_db.session() as session:
        assert numbers(roadmap_view.filter_events(session, roadmap, responsible="шидукова", today=TODAY)) == ["1"]
        assert numbers(roadmap_view.filter_events(session, roadmap, responsible="ЕЛКИНА", today=TODAY)) == ["4"]
        assert numbers(roadmap_view.filter_events(session, roadmap, search="мониторинг", today=TODAY)) == ["3"]
        assert roadmap_view.responsible_list(session, roadmap) == [
            "ёлкина а.п.", "ИМЦ УО Шидукова Л.П.", "Руководители ОО", "Управление образования"]


def test_section_filter_includes_subsections_and_tree_counts_progress(district_db, roadmap):
    with district_db.session() as session:
        record_progress(session, occurrence_id(district_db, "1"), "done", date(2022, 2, 20))
        rows = roadmap_view.event_rows(session, roadmap, today=TODAY)
        tree = {s["label"]: (s["events"], s["percent"]) for s in roadmap_view.section_tree(session, roadmap, rows)}
        top = next(s["id"] for s in roadmap_view.section_tree(session, roadmap, rows) if s["label"] == "1 Общесистемные")
        assert numbers(roadmap_view.filter_events(session, roadmap, section_id=top, today=TODAY)) == ["1", "2"]
    assert tree == {"1 Общесистемные": (2, 50), "1.1 Анализ": (1, 100), "2 Мониторинг": (2, 0)}


def test_school_filter_keeps_events_of_that_school_only(district_db, roadmap):
    with district_db.session() as session:
        assert roadmap_view.filter_events(session, roadmap, school_id="some-school", today=TODAY) == []


def test_event_card_lists_occurrences_with_evidence_counts(district_db, roadmap, tmp_path):
    source = tmp_path / "order.pdf"
    source.write_bytes(b"order")
    with district_db.session() as session:
        ev.attach_evidence(session, tmp_path, event_id(district_db, "1"), occurrence_id(district_db, "1"), source, "order", None)
        card = roadmap_view.event_card(session, event_id(district_db, "1"), TODAY)
    assert card["kind"].label == "период"
    assert [(o["window_end"], o["status"], o["evidence"]) for o in card["occurrences"]] == [
        (date(2022, 2, 28), "overdue", 1)]


def test_municipal_roadmap_is_read_only_in_a_school_installation(school_db):
    with school_db.session() as session:
        with pytest.raises(KuratorError, match="управление образования"):
            create_roadmap(session, {"title": "Муниципальная", "level": "municipal", "year_from": 2022,
                                     "year_to": 2022}, [], [planned("1", "Анализ", "Февраль", "ИМЦ", None)])
        created = Roadmap(title="Муниципальная", level="municipal", year_from=2022, year_to=2022, origin="district")
        session.add(created)
        session.flush()
        allowed, reason = roadmap_editable(session, created.id)
        assert not allowed and "управление образования" in reason
        with pytest.raises(KuratorError):
            delete_roadmap(session, created.id)


def test_deleted_roadmap_takes_its_events_with_it(district_db, roadmap):
    with district_db.session() as session:
        delete_roadmap(session, roadmap)
        assert all(e.deleted_at is not None for e in session.query(RoadmapEvent))


def test_evidence_store_path_ignores_odd_suffixes(tmp_path):
    assert file_store.suffix_of("a.tar.gz") == ".gz" and file_store.suffix_of("x.<script>") == ""
