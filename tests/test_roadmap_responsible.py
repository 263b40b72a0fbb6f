"""Linking a roadmap's «Ответственный» to staff: only the people the texts name are read (through the last-name
index), spellings with ё and lower case still match, and a name two people share is reported, not guessed."""

import pytest
from sqlalchemy import select, text

from app.models import RoadmapEvent, School, Teacher
from app.services.ids import school_id
from app.services.roadmaps import plans
from app.services.roadmaps.plans import PlannedEvent, PlannedSection
from app.services.roadmaps.responsible import match_responsible, responsible_ties, staff_by_short_name

STAFF = (  # last, first, middle
    ("Шидукова", "Людмила", "Петровна"),
    ("Семёнова", "Ольга", "Ивановна"),
    ("Иванова", "Анна", "Александровна"),
    ("Иванова", "Алла", "Андреевна"),
    ("Петров", "Пётр", None),
)


@pytest.fixture
def staff(district_db):
    school = school_id("0701001")
    with district_db.session() as session:
        session.add_all([School(id=school, code="0701001", name="МКОУ СОШ с.п.Урожайное", kind="СОШ", locality="rural"),
                         *(Teacher(school_id=school, last_name=last, first_name=first, middle_name=middle)
                           for last, first, middle in STAFF)])
    return district_db


def found(session, responsible):
    names = staff_by_short_name(session, None, [responsible])
    teacher_id = match_responsible(responsible, names)
    return session.get(Teacher, teacher_id).full_name if teacher_id else None, responsible_ties(responsible, names)


def test_short_name_links_to_the_one_person_who_bears_it(staff):
    with staff.session() as session:
        assert found(session, "ИМЦ УО Шидукова Л.П.") == ("Шидукова Людмила Петровна", [])


def test_spelling_with_e_for_yo_and_in_lower_case_still_links(staff):
    with staff.session() as session:
        assert found(session, "семенова о.и., методист")[0] == "Семёнова Ольга Ивановна"


def test_a_name_two_people_share_is_left_unlinked_and_reported(staff):
    with staff.session() as session:
        assert found(session, "Иванова А.А.") == (None, ["«Иванова А.А.» — сотрудников с таким именем: 2"])
        assert found(session, "Иванова Алла Андреевна") == ("Иванова Алла Андреевна", [])


def test_only_the_people_the_texts_name_are_read(staff):
    with staff.session() as session:
        names = staff_by_short_name(session, None, ["Шидукова Л.П.", "Управление образования", None])
    assert {name.split()[0] for name in names.ids} == {"шидукова"}


def test_the_lookup_goes_through_the_last_name_index(staff):
    with staff.session() as session:
        query = select(Teacher.id).where(Teacher.last_name.in_(["Шидукова", "Петров"]))
        compiled = query.compile(compile_kwargs={"literal_binds": True})
        plan = " ".join(str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "USING COVERING INDEX ix_teacher_list_order (last_name=?)" in plan  # the index of Педагоги's order


def test_roadmap_import_reports_the_tie_and_links_the_rest(staff):
    def event(number, responsible):
        return PlannedEvent(number=number, title="Совещание", deadline_text="Март", responsible=responsible,
                            planned_result="", section_number="1.")

    ties: list[str] = []
    with staff.session() as session:
        roadmap = plans.create_roadmap(
            session, {"title": "Дорожная карта", "level": "municipal", "year_from": 2022, "year_to": 2022},
            [PlannedSection("1.", "Общесистемные", None)],
            [event("1.", "Шидукова Л.П."), event("2.", "Иванова А.А."), event("3.", "Петров П.")], ties)
        linked = {e.number: e.responsible_teacher_id is not None
                  for e in session.scalars(select(RoadmapEvent).where(RoadmapEvent.roadmap_id == roadmap.id))}
    assert linked == {"1.": True, "2.": False, "3.": True}
    assert ties == ["№ 2. — ответственный «Иванова А.А.» — сотрудников с таким именем: 2; выберите сотрудника вручную."]
