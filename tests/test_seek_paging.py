"""Reading a long list page by page: each page starts after the last row shown (a seek on the sort key), and the
pages together hold every row exactly once, in the list's order, whatever the column, the direction, the ties on the
sort key and the empty values."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, text

from app.models import School, Teacher
from app.services.records import get_entity, query_page, rows_after
from app.services.records import query as records_query
from app.services.records.seek import after_clause, key_of, order_by_clauses, sort_keys

LAST_NAMES = ("Абаев", "Ёлкина", "Иванова", "Иванова ")  # few names: many ties
QUALIFICATIONS = (None, "first", "highest")

teachers = st.lists(st.tuples(st.sampled_from(LAST_NAMES), st.sampled_from(("Анна", "Олег")),
                              st.sampled_from((None, "Петровна")), st.sampled_from(QUALIFICATIONS),
                              st.one_of(st.none(), st.integers(0, 3)), st.booleans()), max_size=25)


def pages(session, size: int, **query) -> list[tuple]:
    """The whole list read as the window reads it: the first page, then the rows after the last one, to the end."""
    rows, _total = query_page(session, "teacher", limit=size, **query)
    read = list(rows)
    while rows:
        rows = rows_after(session, "teacher", read[-1][0], limit=size, **query)
        read.extend(rows)
    return read


def fill(session, people) -> tuple[str, str]:
    session.execute(delete(Teacher))
    schools = session.query(School).order_by(School.code).all()
    if not schools:
        schools = [School(code=code, name=name, kind="СОШ", locality="rural")
                   for code, name in (("0701001", "МКОУ СОШ № 1"), ("0701002", "МКОУ СОШ № 2"))]
        session.add_all(schools)
        session.flush()
    session.add_all(Teacher(school_id=schools[second].id, last_name=last, first_name=first, middle_name=middle,
                            qualification=category, experience_years=years)
                    for last, first, middle, category, years, second in people)
    session.flush()
    return schools[0].id, schools[1].id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=teachers, column=st.sampled_from(("name", "school", "qualification", "experience_years")),
       descending=st.booleans(), size=st.integers(1, 6), filtered=st.booleans())
def test_the_pages_hold_every_row_once_in_the_order_of_one_select(district_db, people, column, descending, size,
                                                                   filtered):
    with district_db.session() as session:
        first_school, _second = fill(session, people)
        query = {"order_by": column, "descending": descending,
                 "filters": {"school": first_school} if filtered else {}}
        read = pages(session, size, **query)
        everything = query_page(session, "teacher", limit=None, **query)[0]
        assert [row[0] for row in read] == [row[0] for row in everything]
        expected = sum(1 for person in people if not (filtered and person[5]))
        assert len({row[0] for row in read}) == len(read) == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=teachers, descending=st.booleans(), size=st.integers(1, 4))
def test_empty_values_come_last_in_either_direction_and_ties_go_by_the_next_key(district_db, people, descending,
                                                                              size):
    with district_db.session() as session:
        fill(session, people)
        read = pages(session, size, order_by="experience_years", descending=descending)
        years = [row[-1] for row in read]  # the last column is the experience
        known = [value for value in years if value is not None]
        assert years == known + [None] * (len(years) - len(known))
        assert known == sorted(known, reverse=descending)


def test_the_page_after_a_row_removed_for_good_is_empty(district_db):
    with district_db.session() as session:
        fill(session, [("Абаев", "Олег", None, None, 1, False)] * 3)
        rows, _total = query_page(session, "teacher", limit=1)
        session.execute(delete(Teacher).where(Teacher.id == rows[0][0]))
        assert rows_after(session, "teacher", rows[0][0]) == []


def test_the_page_after_a_row_is_read_from_that_row_in_the_index_of_the_lists_order(district_db):
    entity = get_entity("teacher")
    with district_db.session() as session:
        fill(session, [("Абаев", "Олег", None, None, 1, False), ("Бекова", "Анна", None, None, 2, True)])
        keys = sort_keys(entity, None, False)
        first = query_page(session, entity, limit=1)[0][0][0]
        stmt = (records_query._base(session, entity, [Teacher.id]).where(after_clause(keys, key_of(
            session, entity, keys, first))).order_by(*order_by_clauses(keys)).limit(500))
        compiled = stmt.compile(district_db.engine, compile_kwargs={"literal_binds": True})
        plan = " ".join(str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "USING INDEX ix_teacher_list_order (last_name>?)" in plan
