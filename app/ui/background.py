"""One way to run a long action: `run_in_background(parent, work, on_done)` — a worker thread, a progress
dialog with Cancel, errors shown as a Russian warning. Services stay free of Qt; `work(progress)` reports."""

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app.errors import KuratorError

log = logging.getLogger(__name__)
_running: set["_Worker"] = set()


class Progress(QObject):
    """What `work` receives: `set(done, total, text)` to report, `cancelled` to check."""

    changed = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.cancelled = False

    def set(self, done: int, total: int, text: str = "") -> None:
        self.changed.emit(int(done), int(total), text)


class _Worker(QThread):
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, work: Callable[[Progress], Any], progress: Progress):
        super().__init__()
        self.work, self.progress = work, progress

    def run(self) -> None:
        try:
            self.succeeded.emit(self.work(self.progress))
        except KuratorError as error:
            self.failed.emit(error.message)
        except Exception as error:  # noqa: BLE001 — shown to the user, logged for the developer
            log.exception("background action failed")
            self.failed.emit(f"Непредвиденная ошибка: {error}")


def _show_progress(dialog: QProgressDialog, done: int, total: int, text: str) -> None:
    dialog.setMaximum(max(total, 1))
    dialog.setValue(min(done, max(total, 1)))
    if text:
        dialog.setLabelText(text)


def run_in_background(parent: QWidget | None, work: Callable[[Progress], Any], on_done: Callable[[Any], None],
                      label: str = "Подождите…", cancellable: bool = True) -> _Worker:
    """Run `work(progress)` on a worker thread with a progress dialog; then `on_done(result)` on the UI thread."""
    progress = Progress()
    dialog = QProgressDialog(label, "Отменить" if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle("Куратор")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    worker = _Worker(work, progress)
    progress.changed.connect(lambda done, total, text: _show_progress(dialog, done, total, text))
    dialog.canceled.connect(lambda: setattr(progress, "cancelled", True))

    def finish() -> None:
        dialog.close()

    def failed(message: str) -> None:
        finish()
        QMessageBox.warning(parent, "Куратор", message)

    def succeeded(result: Any) -> None:
        finish()
        on_done(result)

    worker.succeeded.connect(succeeded)
    worker.failed.connect(failed)
    worker.finished.connect(lambda: _running.discard(worker))
    _running.add(worker)
    worker.start()
    return worker
