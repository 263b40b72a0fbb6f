"""A list's multi-valued columns (a teacher's positions and subjects): read for the rows a page holds, by their ids
passed to the database as one parameter."""

from datetime import datetime

from sqlalchemy import select

from app.models import Teacher, TeacherPosition, TeacherSubject
from app.services.records import query, query_page

from tests.test_seek_paging import fill


def test_each_row_shows_all_its_live_positions_and_subjects_and_no_deleted_one(district_db, monkeypatch):
    monkeypatch.setattr(query, "LINKED_ROWS", 2)  # five teachers: their links read in three parts
    with district_db.session() as session:
        fill(session, [(name, "Анна", None, None, None, False) for name in ("Абаев", "Бекова", "Вадова", "Гаев", "Дзе")])
        teachers = {teacher.last_name: teacher.id for teacher in session.query(Teacher)}
        session.add_all([TeacherPosition(teacher_id=teachers["Абаев"], position="teacher"),
                         TeacherPosition(teacher_id=teachers["Абаев"], position="tutor"),
                         TeacherPosition(teacher_id=teachers["Гаев"], position="director"),
                         TeacherSubject(teacher_id=teachers["Абаев"], subject="Математика"),
                         TeacherSubject(teacher_id=teachers["Дзе"], subject="Физика"),
                         TeacherSubject(teacher_id=teachers["Дзе"], subject="Химия", deleted_at=datetime(2026, 1, 1))])
        session.flush()
        rows, total = query_page(session, "teacher", limit=None)
    shown = {row[1].split()[0]: (sorted(row[3]), row[4]) for row in rows}
    assert total == 5
    assert shown == {"Абаев": (["teacher", "tutor"], ["Математика"]), "Бекова": ([], []), "Вадова": ([], []),
                     "Гаев": (["director"], []), "Дзе": ([], ["Физика"])}  # a deleted subject is not shown


def test_ids_with_quotes_backslashes_and_cyrillic_are_matched_exactly(district_db):
    with district_db.session() as session:
        fill(session, [("Абаев", "Олег", None, None, None, False)])
        odd = ['a"b', "c'd", "е\\ё", "[1]", ""]
        for teacher_id in odd:
            session.add(Teacher(id=teacher_id, school_id=session.scalar(select(Teacher.school_id)),
                                last_name="Бекова", first_name="Анна"))
        session.flush()
        found = session.scalars(select(Teacher.id).where(query.among(session, Teacher.id, [*odd[:3], "нет"])))
        assert sorted(found) == sorted(odd[:3])
