"""The trigram index behind a list search (issue 19): it only narrows what the database reads — a search finds
exactly the rows a plain LIKE over the folded names finds, and the index follows every change to the names."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, text

from app.models import School, Teacher
from app.search_text import fold_case
from app.services.records import query_page

NAME_PARTS = ("Иванова", "ИВАНОВ", "Ёлкина", "Елкин", "Анна", "ан", "О'Нил", '"Кавычкин"', "100%", "А_Б", "Ли")
teachers = st.lists(st.tuples(st.sampled_from(NAME_PARTS), st.sampled_from(NAME_PARTS),
                              st.one_of(st.none(), st.sampled_from(NAME_PARTS))), max_size=20)
searches = st.lists(st.sampled_from(("иван", "ИВАНОВА", "ёлк", "елкин", "анна", "ан", "а", "нил", '"ка', "0%",
                                     "а_б", "ли", "ова ан", "нет такого")), min_size=1, max_size=3).map(" ".join)


def a_school(session) -> str:
    school = session.query(School).filter_by(code="0701001").one_or_none()
    if school is None:
        school = School(code="0701001", name="МКОУ СОШ № 1", kind="СОШ", locality="rural")
        session.add(school)
        session.flush()
    return school.id


def found(session, search: str) -> set[str]:
    return {row[0] for row in query_page(session, "teacher", search, limit=None)[0]}


def plain_like(session, search: str) -> set[str]:
    """The rows whose folded names hold every folded word of the search: LIKE over `search_text`, no index."""
    words = fold_case(search).split()
    where = " AND ".join(f"search_text LIKE :w{index} ESCAPE '\\'" for index in range(len(words)))
    escaped = {f"w{index}": "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
               for index, word in enumerate(words)}
    return set(session.scalars(text(f"SELECT id FROM teacher WHERE deleted_at IS NULL AND {where}"), escaped))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=teachers, search=searches)
def test_a_search_finds_exactly_the_rows_a_plain_like_finds(district_db, people, search):
    with district_db.session() as session:
        session.execute(delete(Teacher))
        school = a_school(session)
        session.add_all(Teacher(school_id=school, last_name=last, first_name=first, middle_name=middle)
                        for last, first, middle in people)
        session.flush()
        assert found(session, search) == plain_like(session, search)


def test_the_index_follows_new_renamed_and_removed_teachers(district_db):
    with district_db.session() as session:
        school = a_school(session)
        kept, renamed, removed = (Teacher(school_id=school, last_name=last, first_name="Анна")
                                  for last in ("Иванова", "Петрова", "Сидорова"))
        session.add_all([kept, renamed, removed])
        session.flush()
        renamed.last_name = "Кузнецова"
        session.delete(removed)
        session.flush()
        assert found(session, "иванова") == {kept.id}
        assert found(session, "кузнецова") == {renamed.id}
        assert found(session, "петрова") == found(session, "сидорова") == set()
        session.execute(text("INSERT INTO teacher_search(teacher_search, rank) VALUES ('integrity-check', 1)"))


def test_a_teacher_written_without_the_folded_copy_is_still_found(district_db):
    """A bulk insert that leaves `search_text` empty: the index knows nothing of the row, the search still finds it."""
    with district_db.session() as session:
        school = a_school(session)
        origin = session.get(School, school).origin
        session.execute(insert(Teacher).values(id="t-bulk", school_id=school, last_name="Ёлкина", first_name="Анна",
                                               origin=origin))
        assert found(session, "елкина анна") == {"t-bulk"}
