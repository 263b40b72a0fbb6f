"""List columns by meaning: the identifying column takes the spare width, numbers and dates fit their content and
header, a header tells its full text; a width the user drags is remembered for the next window, and the header's
menu brings the defaults back."""

from PySide6.QtCore import Qt

from app.services.records import get_entity
from app.services.records.spec import CONTENT, STRETCH, TEXT, column_sizing
from app.ui.widgets.table_page import TablePage
from app.ui.workspace import Workspace


def course_list(qtbot, world, finished) -> TablePage:
    page = TablePage(Workspace(world.database, 2024), "course")
    qtbot.addWidget(page)
    page.resize(1200, 500)
    page.show()
    finished(page.refresh())
    qtbot.wait(10)  # the widths follow the rows on the next turn of the event loop
    return page


def width(page: TablePage, key: str) -> int:
    return page.table.columnWidth([c.key for c in page.entity.columns].index(key))


def test_the_title_names_a_course_and_stretches_numbers_and_dates_fit_the_rest_keep_their_width():
    columns = get_entity("course").columns
    sizing = dict(zip([c.key for c in columns], column_sizing(columns, (True,) * len(columns)), strict=True))
    assert sizing == {"title": (STRETCH, 320), "kind": (CONTENT, 150), "provider": (TEXT, 160), "hours": (CONTENT, 60),
                      "format": (CONTENT, 110), "start_date": (CONTENT, 100), "end_date": (CONTENT, 100)}


def test_a_hidden_identifying_column_leaves_the_stretch_to_the_next_text():
    columns = get_entity("school_status").columns  # Школа, Год, Статус, Дата решения, Основание
    shown = tuple(column.key != "school" for column in columns)
    assert [how for how, _width in column_sizing(columns, shown)] == [TEXT, CONTENT, CONTENT, CONTENT, STRETCH]


def test_the_course_list_gives_the_spare_width_to_the_title_and_never_clips_a_header(qtbot, district_world, finished):
    page = course_list(qtbot, district_world, finished)
    header = page.table.horizontalHeader()
    others = sum(width(page, c.key) for c in page.entity.columns if c.key != "title")
    assert width(page, "title") == page.table.viewport().width() - others
    for index, column in enumerate(page.entity.columns):
        assert header.sectionSize(index) >= header.sectionSizeHint(index), column.label
        assert page.model.headerData(index, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == column.label
    assert width(page, "end_date") < 150  # «20.03.2024» and its header, not the old spare width


def test_a_dragged_width_is_remembered_and_the_default_comes_back(qtbot, district_world, finished):
    page = course_list(qtbot, district_world, finished)
    default = width(page, "provider")
    page.table.horizontalHeader().resizeSection([c.key for c in page.entity.columns].index("provider"), 333)
    again = course_list(qtbot, district_world, finished)
    assert width(again, "provider") == 333
    again.widths.reset()
    assert width(again, "provider") == default
    assert width(course_list(qtbot, district_world, finished), "provider") == default
