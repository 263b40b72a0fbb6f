"""How the window reads and changes data: Anki's operations (qt/aqt/operations) for Kurator. One pattern, used by
every page and dialog, instead of each inventing its threads and its «something changed» calls.

A change to data runs off the UI thread and then tells the pages what it changed:

    ChangeOp(dialog, workspace, lambda session: create(session, "school", values), Changes("school"))
        .fields(dialog.errors)                        # a ValidationError goes back to the dialog's fields
        .success(lambda school: dialog.accept())
        .run()

`work(session)` runs on a worker thread in a session of its own: one transaction, committed when it returns. A
progress dialog appears when it takes a while. A KuratorError is shown as a Russian warning — or at the dialog's
fields, or to `failure(error)`. On success `success(result)` runs on the UI thread, then the workspace announces the
`changes`: only the views that show those kinds of data refresh (app/ui/widgets/refresh.py).

A heavy read runs off the UI thread too, and the page fills its widgets with the result on the UI thread:

    QueryOp(page, workspace, lambda session: overview(session, year), page.show_figures).run()

Long work reports progress and honours «Отменить» through the Progress it is given; services stay free of Qt:

    progress = Progress()
    ChangeOp(page, workspace, lambda session: generate_region(session, 2000, 40_000, progress=progress),
             Changes(EVERYTHING)).with_progress("Создаётся учебная база региона…", progress).run()
"""

import logging
import itertools
import queue
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, Self

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid
from sqlalchemy.orm import Session

from app.errors import KuratorError

from .widgets.field_errors import FieldErrors
from .workspace import Workspace

log = logging.getLogger(__name__)
EVERYTHING = "everything"
TITLE = "Куратор"
SAVING = "Изменения сохраняются…"
PROGRESS_AFTER_MS = 300
WORKERS = 4

_running: dict[int, "_Op"] = {}  # by token; only the UI thread adds and removes
_jobs: "queue.SimpleQueue[_Op]" = queue.SimpleQueue()
_workers: list[threading.Thread] = []
_tokens = itertools.count()


class Changes:
    """What an operation changed: kinds of data, named as the records are ("school", "teacher", "roadmap",
    "indicator", "packet_log", …), or EVERYTHING (a restored backup, an applied packet)."""

    def __init__(self, *kinds: str):
        self.kinds = frozenset(kinds)

    def touches(self, shown: Iterable[str]) -> bool:
        """Whether a view that shows the kinds `shown` (EVERYTHING: any kind) must refresh."""
        shown = frozenset(shown)
        return EVERYTHING in self.kinds or EVERYTHING in shown or not self.kinds.isdisjoint(shown)

    def __repr__(self) -> str:
        return f"Changes({', '.join(sorted(self.kinds))})"


class Progress(QObject):
    """What long work is given: `set(done, total, text)` to report, `cancelled` to check (set by «Отменить»)."""

    changed = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = False

    def set(self, done: int, total: int, text: str = "") -> None:
        self.changed.emit(int(done), int(total), text)


def show_error(parent: QWidget | None, error: KuratorError) -> None:
    """How a refusal reaches the user unless the operation says otherwise: a warning with its Russian message."""
    QMessageBox.warning(parent, TITLE, error.message)


def busy() -> bool:
    """Whether an operation has not finished yet (its outcome not yet shown, its changes not yet announced)."""
    return bool(_running)


def finish_running(timeout: float) -> bool:
    """Keep the window responsive until every operation has finished; False if some still runs after `timeout` s."""
    deadline = time.monotonic() + timeout
    while _running and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.01)
    return not _running


class _Dispatcher(QObject):
    """Tells the UI thread which operation has finished. One object for every operation: an operation is plain
    Python, so it may be freed right after its outcome is shown (a QObject freed inside its own queued slot call is a
    use-after-free that crashes Qt later, at random)."""

    finished = Signal(object)  # the operation's token in `_running`

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object)
    def _deliver(self, token: int) -> None:
        _running.pop(token)._finish()


_dispatcher: _Dispatcher | None = None


def _start_workers() -> None:
    """The dispatcher and the worker threads, made on the UI thread by the first operation (the dispatcher's slot
    then runs there)."""
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    while len(_workers) < WORKERS:
        worker = threading.Thread(target=_work_loop, name=f"kurator-op-{len(_workers)}", daemon=True)
        worker.start()
        _workers.append(worker)


def _work_loop() -> None:
    """A worker thread: it runs operations' work, one at a time, and lets go of each operation before telling the UI
    thread that it has finished. An operation, its work's result and the widgets its work refers to are therefore
    freed on the UI thread, never here (a widget whose last reference a worker thread drops is deleted on that
    thread while Qt may be deleting it too: a double delete that crashed Qt at random)."""
    while True:
        op = _jobs.get()
        op._perform()
        token = op.token
        del op
        assert _dispatcher is not None
        _dispatcher.finished.emit(token)


class _Op:
    """What both kinds of operation share: the work on a worker thread, the progress dialog, the outcome."""

    def __init__(self, parent: QWidget, workspace: Workspace, work: Callable[[Session], Any]):
        self.widget, self.workspace, self.work = parent, workspace, work
        self.done = self.succeeded = False
        self._on_success: Callable[[Any], object] | None = None
        self._on_failure: Callable[[KuratorError], object] | None = None
        self._label: str | None = None
        self._progress: Progress | None = None
        self._dialog: QProgressDialog | None = None
        self.token = next(_tokens)
        self._outcome: tuple[Any, BaseException | None] = (None, None)
        self._wanted: Callable[[], bool] | None = None
        self.skipped = False

    def success(self, on_success: Callable[[Any], object]) -> Self:
        """Call `on_success(result)` on the UI thread when the work has returned."""
        self._on_success = on_success
        return self

    def failure(self, on_failure: Callable[[KuratorError], object]) -> Self:
        """Give a refusal to `on_failure(error)` instead of showing it as a warning."""
        self._on_failure = on_failure
        return self

    def with_progress(self, label: str, progress: Progress | None = None) -> Self:
        """Show `label` in a progress dialog while the work runs; the work reports to `progress` (if given) and
        «Отменить» sets its `cancelled`."""
        self._label, self._progress = label, progress
        return self

    def run(self) -> Self:
        """Start the work on a worker thread; the outcome arrives on the UI thread."""
        _start_workers()
        _running[self.token] = self
        if self._label is not None:
            self._dialog = self._progress_dialog()
        _jobs.put(self)
        return self

    def _perform(self) -> None:
        """The work, on a worker thread; its outcome is kept for `_finish` on the UI thread."""
        if self._wanted is not None and not self._wanted():
            self.skipped = True
            return
        try:
            with self.workspace.session() as session:
                self._outcome = (self.work(session), None)
        except BaseException as error:  # shown on the UI thread, as a refusal or an unexpected error
            self._outcome = (None, error)

    def _progress_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self._label, "Отменить", 0, 0, self.widget)
        dialog.setWindowTitle(TITLE)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if self._progress is None:
            dialog.setCancelButton(None)
        else:
            self._progress.changed.connect(self._report)
            dialog.canceled.connect(self._cancel)
        return dialog

    def _report(self, done: int, total: int, text: str) -> None:
        """What the work reports through its Progress, shown in the dialog while it is open."""
        if self._dialog is None:
            return
        self._dialog.setMaximum(max(total, 1))
        self._dialog.setValue(min(done, max(total, 1)))
        if text:
            self._dialog.setLabelText(text)

    def _cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancelled = True

    def _close_progress(self) -> None:
        """Close the progress dialog and free it now, on the UI thread: without a parent its wrapper is its only
        owner (a deleteLater on it raced the deletion of its parent at a test's end and crashed Qt at random)."""
        dialog, self._dialog = self._dialog, None
        if dialog is None:
            return
        if self._progress is not None:
            self._progress.changed.disconnect(self._report)
        dialog.close()
        dialog.setParent(None)

    def _finish(self) -> None:
        result, error = self._outcome
        self._outcome = (None, None)
        try:
            self._close_progress()
            if self.skipped:
                return
            if error is None:
                self.succeeded = True
                self._succeeded(result)
            else:
                self._failed(error)
        finally:
            self.done = True

    def _alive(self) -> bool:
        """Whether the widget that started the work is still there to hear of its outcome."""
        return isValid(self.widget)

    def _succeeded(self, result: Any) -> None:
        if self._on_success is not None and self._alive():
            self._on_success(result)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, KuratorError):
            log.error("operation failed", exc_info=error)
            error = KuratorError(f"Непредвиденная ошибка: {error}")
        if self._alive():
            self._refused(error)

    def _refused(self, error: KuratorError) -> None:
        if self._on_failure is not None:
            self._on_failure(error)
        elif self._progress is not None and self._progress.cancelled:
            QMessageBox.information(self.widget, TITLE, error.message)
        else:
            show_error(self.widget, error)


class ChangeOp(_Op):
    """Change data on a worker thread, then announce `changes` through the workspace (see the module's docstring).
    While a change from a window is being saved, another change from the same window (a second click) is ignored."""

    def __init__(self, parent: QWidget, workspace: Workspace, work: Callable[[Session], Any], changes: Changes):
        super().__init__(parent, workspace, work)
        self.changes = changes
        self._label = SAVING
        self._errors: FieldErrors | None = None
        self._default_field: str | None = None

    def fields(self, errors: FieldErrors, default_field: str | None = None) -> Self:
        """Show a refusal that names its fields (or belongs at `default_field`) at the dialog's fields."""
        self._errors, self._default_field = errors, default_field
        return self

    def run(self) -> Self:
        window = self.widget.window()
        if any(isinstance(op, ChangeOp) and op._alive() and op.widget.window() is window for op in _running.values()):
            self.done = True
            return self
        return super().run()

    def _succeeded(self, result: Any) -> None:
        super()._succeeded(result)
        self.workspace.data_changed.emit(self.changes)

    def _refused(self, error: KuratorError) -> None:
        if self._errors is None or not self._errors.show_refusal(error, self._default_field):
            super()._refused(error)


class QueryOp(_Op):
    """Read on a worker thread; `on_result(result)` fills the widgets on the UI thread (see the module's docstring)."""

    def __init__(self, parent: QWidget, workspace: Workspace, work: Callable[[Session], Any],
                 on_result: Callable[[Any], object]):
        super().__init__(parent, workspace, work)
        self._on_success = on_result

    def while_wanted(self, wanted: Callable[[], bool]) -> Self:
        """Skip the read if `wanted()` (asked on the worker thread when its turn comes) says its answer is no longer
        needed — a list's query for a keystroke the user has typed past: a fast typist queues no stale reads."""
        self._wanted = wanted
        return self
