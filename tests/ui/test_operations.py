"""The operations helper on real worker threads: a change is saved off the UI thread and only the views that show
what changed refresh; a refusal lands at its field or in a warning and saves nothing; «Отменить» is reported."""

import gc
import threading
import time
import weakref
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from sqlalchemy import func, select

from app.errors import KuratorError, ValidationError
from app.models import Course
from app.services.demo.generator import generate_region
from app.services.records import PAGE_SIZE, count_rows, create
from app.services.setup import initialize
from app.ui.operations import EVERYTHING, ChangeOp, Changes, Progress
from app.ui.widgets.field_errors import FieldErrors
from app.ui.widgets.table_page import TablePage
from app.ui.workspace import Workspace

COURSE = {"title": "Подготовка к ОГЭ", "kind": "kpk", "provider": "ИРО", "hours": 72, "format": "blended",
          "start_date": date(2024, 9, 1), "end_date": date(2024, 9, 20)}
REFUSAL = "Заполните поле «Название программы»."
CANCELLED = "Создание курса отменено; база не изменена."


@pytest.fixture
def boxes(monkeypatch) -> dict[str, list[str]]:
    """The texts of warnings and information boxes, collected instead of shown."""
    shown: dict[str, list[str]] = {"warning": [], "information": []}
    for kind, texts in shown.items():
        monkeypatch.setattr(QMessageBox, kind, lambda _parent, _title, text, *a, texts=texts, **k: texts.append(text))
    return shown


@pytest.fixture
def workspace(district_world) -> Workspace:
    return Workspace(district_world.database, 2024)


@pytest.fixture
def announced(workspace) -> list[Changes]:
    changes: list[Changes] = []
    workspace.data_changed.connect(changes.append)
    return changes


def shown_list(qtbot, finished, workspace, entity: str) -> TablePage:
    page = TablePage(workspace, entity)
    qtbot.addWidget(page)
    page.show()
    finished()
    return page


def add_course(session) -> Course:
    return create(session, "course", COURSE)


def refuse(_session) -> None:
    raise KuratorError("Нельзя.")


def courses(workspace) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count()).select_from(Course))


def test_a_change_is_saved_on_a_worker_thread_and_the_list_showing_it_refreshes(qtbot, workspace, finished, announced):
    page = shown_list(qtbot, finished, workspace, "course")
    assert page.count_label.text() == "Показано 1 из 1"
    threads: list[threading.Thread] = []

    def work(session) -> Course:
        threads.append(threading.current_thread())
        return add_course(session)

    assert finished(ChangeOp(page, workspace, work, Changes("course")).run())
    assert threads and threads[0] is not threading.main_thread()
    assert [change.kinds for change in announced] == [{"course"}]
    assert page.count_label.text() == "Показано 2 из 2"


def test_only_the_views_that_show_a_changed_kind_refresh(qtbot, workspace, finished, monkeypatch):
    pages = [shown_list(qtbot, finished, workspace, entity) for entity in ("course", "teacher")]
    refreshed: list[str] = []
    for page in pages:
        monkeypatch.setattr(page, "refresh", lambda page=page, refresh=page.refresh: refreshed.append(page.entity.name)
                            or refresh())
    finished(ChangeOp(pages[0], workspace, add_course, Changes("course")).run())
    assert refreshed == ["course"]
    finished(ChangeOp(pages[0], workspace, lambda _session: None, Changes("school")).run())
    assert refreshed == ["course", "teacher"]  # a teacher's row names the school; a course's does not
    finished(ChangeOp(pages[0], workspace, lambda _session: None, Changes(EVERYTHING)).run())
    assert sorted(refreshed[2:]) == ["course", "teacher"]


def test_a_hidden_list_refreshes_when_it_is_next_shown(qtbot, workspace, finished):
    page = shown_list(qtbot, finished, workspace, "course")
    page.hide()
    assert finished(ChangeOp(page, workspace, add_course, Changes("course")).run())
    assert page.dirty and page.count_label.text() == "Показано 1 из 1"
    page.show()
    finished()
    assert page.loaded and page.count_label.text() == "Показано 2 из 2"


def test_scrolling_a_long_list_reads_the_next_rows_off_the_ui_thread(qtbot, empty_db, finished):
    with empty_db.session() as session:
        initialize(session, "district", "Учебный район", program_year=2024)
        generate_region(session, schools=3, staff=PAGE_SIZE + 100)
    page = shown_list(qtbot, finished, Workspace(empty_db, 2024), "teacher")
    assert page.model.rowCount() == PAGE_SIZE and page.model.canFetchMore()
    page.model.fetchMore()
    assert not page.model.canFetchMore()  # one read at a time
    finished()
    assert page.model.rowCount() == PAGE_SIZE + 100 == page.model.total
    assert len({row[0] for row in page.model.rows}) == PAGE_SIZE + 100


def test_a_refusal_naming_a_field_lands_at_it_and_nothing_is_saved(qtbot, workspace, finished, boxes, announced):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    errors = FieldErrors(QFormLayout(dialog))
    title = errors.add_row("title", "Название программы", QLineEdit())
    dialog.show()

    def add_untitled(session) -> None:
        add_course(session)
        raise ValidationError({"title": REFUSAL})

    assert not finished(ChangeOp(dialog, workspace, add_untitled, Changes("course")).fields(errors).run())
    assert errors.text("title") == REFUSAL and dialog.focusWidget() is title
    assert boxes == {"warning": [], "information": []} and announced == []
    assert courses(workspace) == 1


def test_a_refusal_without_a_field_is_a_warning(qtbot, workspace, finished, boxes, announced):
    parent = QWidget()
    qtbot.addWidget(parent)
    assert not finished(ChangeOp(parent, workspace, refuse, Changes("course")).run())
    assert boxes["warning"] == ["Нельзя."] and announced == []


def test_a_cancelled_operation_is_reported_and_changes_nothing(qtbot, workspace, finished, boxes, announced):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    progress, started = Progress(), threading.Event()

    def long_work(session) -> None:
        add_course(session)
        started.set()
        while not progress.cancelled:
            time.sleep(0.01)
        raise KuratorError(CANCELLED)

    op = ChangeOp(parent, workspace, long_work, Changes("course")).with_progress("Создаётся курс…", progress).run()
    qtbot.waitUntil(started.is_set)
    parent.findChild(QProgressDialog).findChild(QPushButton).click()  # «Отменить»
    assert not finished(op)
    assert boxes == {"warning": [], "information": [CANCELLED]} and announced == []
    assert courses(workspace) == 1


def test_a_second_change_from_a_window_whose_change_is_running_is_ignored(qtbot, workspace, finished):
    parent = QWidget()
    qtbot.addWidget(parent)
    gate, calls = threading.Event(), []
    first = ChangeOp(parent, workspace, lambda _session: gate.wait(10), Changes("course")).run()
    second = ChangeOp(parent, workspace, lambda _session: calls.append("second"), Changes("course")).run()
    gate.set()
    assert finished(first) and not finished(second)
    assert calls == []


class Held:
    """Something an operation's work refers to, as a work refers to the page that started it."""


def test_what_an_operation_refers_to_is_freed_on_the_ui_thread(qtbot, workspace, finished):
    """A worker thread never drops the last reference to an operation or to what its work refers to (a widget freed
    there is deleted off the UI thread)."""
    freed_on: list[threading.Thread] = []
    held = Held()
    weakref.finalize(held, lambda: freed_on.append(threading.current_thread()))
    parent = QWidget()
    qtbot.addWidget(parent)
    op = ChangeOp(parent, workspace, lambda _session, held=held: repr(held), Changes("course")).run()
    del held
    assert finished(op)
    del op
    gc.collect()
    assert freed_on == [threading.main_thread()]


def test_changes_touch_the_views_that_show_their_kinds():
    assert Changes("school").touches({"teacher", "school"})
    assert not Changes("course").touches({"teacher", "school"})
    assert Changes(EVERYTHING).touches({"teacher"}) and Changes("course").touches({EVERYTHING})


def test_a_new_order_reads_the_list_again_from_its_first_row_and_scrolling_follows_it(qtbot, empty_db, finished):
    with empty_db.session() as session:
        initialize(session, "district", "Учебный район", program_year=2024)
        generate_region(session, schools=3, staff=PAGE_SIZE + 100)
    page = shown_list(qtbot, finished, Workspace(empty_db, 2024), "teacher")
    page.model.fetchMore()
    finished()
    experience = [column.key for column in page.entity.columns].index("experience_years")
    page.model.sort(experience, Qt.SortOrder.DescendingOrder)
    finished()
    assert page.model.rowCount() == PAGE_SIZE  # the first page of the new order, not the rows read before
    while page.model.canFetchMore():
        page.model.fetchMore()
        finished()
    years = [row[experience + 1] for row in page.model.rows]
    assert len({row[0] for row in page.model.rows}) == len(years) == PAGE_SIZE + 100
    assert years == sorted(years, key=lambda value: (value is None, -(value or 0)))


def test_a_filtered_list_scrolls_through_the_filtered_rows_only(qtbot, empty_db, finished):
    with empty_db.session() as session:
        initialize(session, "district", "Учебный район", program_year=2024)
        generate_region(session, schools=2, staff=2 * PAGE_SIZE + 50)
    page = shown_list(qtbot, finished, Workspace(empty_db, 2024), "teacher")
    page.school_filter.setCurrentIndex(1)
    finished()
    qtbot.waitUntil(lambda: page.model.total is not None)  # counted once the rows are shown
    school, shown = page.school_filter.currentText(), page.model.total
    while page.model.canFetchMore():
        page.model.fetchMore()
        finished()
    with empty_db.session() as session:
        expected = count_rows(session, "teacher", filters={"school": page.school_filter.currentData()})
    assert shown == expected == len({row[0] for row in page.model.rows}) > PAGE_SIZE
    assert {row[2] for row in page.model.rows} == {school}
