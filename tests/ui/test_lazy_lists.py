"""Lists read the database when they are first shown, not when the window is built; the school filter's 2,000
choices are read once for every list of the window, and again only after schools change."""

import re

import pytest
from sqlalchemy import event

from app.services.records import create
from app.ui.main_window import MainWindow
from app.ui.operations import ChangeOp, Changes


@pytest.fixture
def statements(district_world):
    """Every statement the window runs, as SQL text."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _many):
        seen.append(statement)

    event.listen(district_world.database.engine, "before_cursor_execute", record)
    yield seen
    event.remove(district_world.database.engine, "before_cursor_execute", record)


def list_reads(statements: list[str], table: str) -> list[str]:
    """Pages of a list of `table` (a list reads its rows in order, a page at a time)."""
    return [s for s in statements if re.search(rf"FROM {table}\b", s) and "ORDER BY" in s and "LIMIT" in s]


def school_choice_reads(statements: list[str]) -> list[str]:
    return [s for s in statements if s.startswith("SELECT school.id, coalesce(school.short_name, school.name)")
            and "LIMIT" not in s]


def test_building_the_window_reads_no_list_of_a_page_not_shown(qtbot, district_world, statements, finished):
    window = MainWindow(district_world.database)
    qtbot.addWidget(window)
    window.show()
    finished()
    assert list_reads(statements, "teacher") == []
    assert list_reads(statements, "course") == []
    window.show_page("staff")
    finished()
    assert len(list_reads(statements, "teacher")) == 1


def test_the_school_choices_are_read_once_for_all_lists_and_again_after_a_school_is_added(
        qtbot, district_world, statements, finished):
    window = MainWindow(district_world.database)
    qtbot.addWidget(window)
    window.show()
    staff = window.show_page("staff").current_table()
    finished()
    results = window.show_page("results").current_table()
    finished()
    assert len(school_choice_reads(statements)) == 1
    assert staff.school_filter.count() == results.school_filter.count() == 1 + 2  # «Все школы» and the two schools
    school = {"code": "0799001", "name": "МКОУ СОШ № 99", "kind": "СОШ", "locality": "rural"}
    finished(ChangeOp(window, window.workspace, lambda session: create(session, "school", school),
                      Changes("school")).run())
    window.show_page("staff")
    finished()
    assert len(school_choice_reads(statements)) == 2
    assert staff.school_filter.findText("МКОУ СОШ № 99") > 0
