"""Fixtures: a district or a school installation holding the small world of ui_world; a way to wait for operations.
Every feature is imported, as in the window, so every record card is registered."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from ui_world import World, build_world

import app.ui.pages  # noqa: F401 — registers the features' record cards
from app.ui import operations
from app.ui.garbage import UiThreadCollector

OPERATION_TIMEOUT_MS = 20_000


@pytest.fixture(autouse=True)
def collector_on_the_ui_thread(qapp):
    """As in the window: cycles are collected on the UI thread only (app/ui/garbage.py), and once more after each
    test, so a test's widgets are never destroyed later by a worker thread."""
    collector = UiThreadCollector(qapp)
    yield
    operations.finish_running(OPERATION_TIMEOUT_MS / 1000)
    collector.stop()
    collector.deleteLater()


@pytest.fixture(autouse=True)
def no_unexpected_message_box(monkeypatch):
    """A message box a test did not ask for (with `warnings` or its own patch) fails the test with its text, instead
    of waiting offscreen for a click that never comes."""

    def unexpected(kind: str):
        def box(_parent, _title, text, *args, **kwargs):
            raise AssertionError(f"неожиданное окно сообщения ({kind}): {text}")
        return box

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, unexpected(kind))


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


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """Warnings are collected instead of shown; questions are answered «yes»."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    return shown


@pytest.fixture(scope="session")
def demo_databases(tmp_path_factory) -> dict[str, str]:
    """{"district": path, "school": path}: the Терский demo district and its demo school Ново-Хамидие, made once
    (by the command line, as a user would) for the tests that look at every page of the window."""
    from demo_pair import CODE, DISTRICT, NAME, kurator

    folder = tmp_path_factory.mktemp("demo")
    paths = {"district": folder / "d.db", "school": folder / "s.db"}
    extra = {"district": ("--name", DISTRICT), "school": ("--school", CODE, "--name", NAME)}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KURATOR_DATA_DIR", str(folder / "data"))
        for mode, path in paths.items():
            assert kurator("--db", path, "init", "--mode", mode, *extra[mode]) == 0
            assert kurator("--db", path, "demo") == 0
    return {mode: str(path) for mode, path in paths.items()}


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    """Window geometry and column widths are kept in a settings file of the test's own, never the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
