"""Start-up measured from outside: from spawning a process to its first line on stderr that says it is done (the
version printed, the window painted), each beside its reference measured in the same run, interleaved."""

import os
import statistics
import subprocess
import sys
import time

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
window, table = QMainWindow(), QTableView()
table.setModel(QStandardItemModel(50, 6))
window.setCentralWidget(table)
window.resize(1280, 820)
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("window painted", file=sys.stderr, flush=True)
            QTimer.singleShot(0, app.quit)
        return False
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""
BARE_IMPORTS = "import PySide6.QtWidgets, sqlalchemy"


def until(command: list[str], marker: str | None, env: dict | None = None) -> float:
    """Seconds from spawning `command` to the stderr line holding `marker` (None: to its exit); a run that ends
    without saying it is an error, not a time."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    if marker is None:
        if process.wait(timeout=300) != 0:
            raise RuntimeError(f"{command} failed: {process.stderr.read()}")
        return time.perf_counter() - started
    seen = []
    for line in process.stderr:
        seen.append(line)
        if marker in line:
            elapsed = time.perf_counter() - started
            process.wait(timeout=300)
            return elapsed
    process.wait(timeout=300)
    raise RuntimeError(f"{command} ended without «{marker}»: {''.join(seen)[-2000:]}")


def kurator(*args: str) -> list[str]:
    return [sys.executable, "-m", "app", *args]


def version_pair() -> tuple[float, float]:
    return until(kurator("--version"), None), until([sys.executable, "-c", BARE_IMPORTS], None)


def window_pair(database: str) -> tuple[float, float]:
    smoke = {"KURATOR_SMOKE_EXIT_MS": "0"}
    return (until(kurator("--db", database, "gui"), "window painted in", smoke),
            until([sys.executable, "-c", BARE_WINDOW], "window painted"))


def medians(pair, runs: int, *args) -> tuple[float, float]:
    """Medians of `runs` interleaved measurements (ours, then the reference, in turn), after one warm-up pair."""
    pair(*args)
    measured = [pair(*args) for _ in range(runs)]
    return statistics.median(m[0] for m in measured), statistics.median(m[1] for m in measured)


def row(what: str, ours: float, reference: float, reference_name: str, target: str) -> str:
    return (f"{what:38} {ours:6.2f} s   {reference_name:44} {reference:5.2f} s   ×{ours / reference:4.1f}   "
            f"target {target}")
