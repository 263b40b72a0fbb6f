"""A search in a long list (issue 19): the rows first, the count of all matching rows after them; a read the user
has typed past is not run; the multi-valued columns of a page come in one query."""

import pytest
from sqlalchemy import event

from app.models import Teacher, TeacherSubject
from app.services.records import PAGE_SIZE, first_page, query, query_page
from app.ui.operations import QueryOp
from app.ui.widgets.table_page import TablePage
from app.ui.workspace import Workspace

MANY = PAGE_SIZE + 120  # Ивановы: more than a page


@pytest.fixture
def long_list(district_world):
    with district_world.database.session() as session:
        session.add_all(Teacher(school_id=district_world.own_school, last_name="Иванова", first_name=f"Анна {index}")
                        for index in range(MANY))
    return district_world


def test_the_first_page_tells_the_count_only_when_it_holds_every_matching_row(long_list):
    with long_list.database.session() as session:
        rows, total = first_page(session, "teacher", "иванова")
        assert (len(rows), total) == (PAGE_SIZE, None)
        assert query_page(session, "teacher", "иванова")[1] == MANY
        assert first_page(session, "teacher", "ёлкина")[1] == 1


def test_a_long_list_shows_its_rows_then_the_count_of_every_matching_row(qtbot, long_list):
    page = TablePage(Workspace(long_list.database, 2024), "teacher")
    qtbot.addWidget(page)
    page.show()
    page.search.setText("ИВАНОВА")
    page.search.flush()
    qtbot.waitUntil(lambda: page.loaded, timeout=8000)
    assert page.model.rowCount() == PAGE_SIZE
    assert page.count_label.text() == f"Показано более {PAGE_SIZE} из {MANY + 2}"  # and Ёлкина, Борисов unfiltered
    qtbot.waitUntil(lambda: page.count_label.text() == f"Показано {MANY} из {MANY + 2}", timeout=8000)
    assert page.model.canFetchMore()


def test_a_read_no_longer_wanted_is_not_run(qtbot, long_list, finished):
    page = TablePage(Workspace(long_list.database, 2024), "teacher")
    qtbot.addWidget(page)
    shown, ran = [], []
    op = QueryOp(page, page.workspace, lambda _session: ran.append(1), shown.append).while_wanted(lambda: False).run()
    finished(op)
    assert (ran, shown, op.done, op.succeeded) == ([], [], True, False)


def test_the_positions_and_subjects_of_a_page_are_read_in_one_query(long_list):
    with long_list.database.session() as session:
        session.add(TeacherSubject(teacher_id=long_list.teacher, subject="Математика"))
        session.flush()
        seen: list[str] = []
        listen = lambda _c, _cur, statement, *_rest: seen.append(statement)  # noqa: E731
        event.listen(long_list.database.engine, "before_cursor_execute", listen)
        rows, _total = query_page(session, "teacher", "ёлкина")
        event.remove(long_list.database.engine, "before_cursor_execute", listen)
    assert [row[3:5] for row in rows] == [(["teacher"], ["Математика"])]
    assert sum("FROM teacher_position" in s or "FROM teacher_subject" in s for s in seen) == 1


def test_a_read_of_more_rows_than_one_links_query_takes_still_gets_every_rows_positions(long_list, monkeypatch):
    monkeypatch.setattr(query, "LINKED_ROWS", 2)
    with long_list.database.session() as session:
        session.add(TeacherSubject(teacher_id=long_list.other_teacher, subject="Физика"))
        session.flush()
        rows = query_page(session, "teacher", "", {}, limit=None)[0]
    by_id = {row[0]: row[3:5] for row in rows}
    assert by_id[long_list.teacher] == (["teacher"], [])
    assert by_id[long_list.other_teacher] == ([], ["Физика"])
    assert len(rows) == MANY + 2
