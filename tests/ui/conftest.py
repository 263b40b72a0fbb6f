"""Fixtures: a district or a school installation holding the small world of ui_world; a way to wait for operations.
Every feature is imported, as in the window, so every record card is registered."""

import pytest
from ui_world import World, build_world

import app.ui.pages  # noqa: F401 — registers the features' record cards
from app.ui import operations

OPERATION_TIMEOUT_MS = 20_000


@pytest.fixture
def district_world(empty_db) -> World:
    return build_world(empty_db, "district")


@pytest.fixture
def school_world(empty_db) -> World:
    return build_world(empty_db, "school")


@pytest.fixture
def finished(qtbot):
    """`finished(op)`: wait until `op` and whatever it started (the refreshes its announcement caused) have finished,
    on their worker threads, and say whether `op` succeeded; `finished()` waits for every operation."""

    def wait(op: "operations.ChangeOp | operations.QueryOp | None" = None) -> bool:
        qtbot.waitUntil(lambda: not operations.busy() and (op is None or op.done), timeout=OPERATION_TIMEOUT_MS)
        return op is not None and op.succeeded

    return wait


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """Operations a test left running finish before its fixtures close the database."""
    yield
    operations.finish_running(OPERATION_TIMEOUT_MS / 1000)
