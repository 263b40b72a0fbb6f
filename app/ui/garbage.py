"""Python's garbage collector runs on the UI thread only.

Python collects reference cycles in whichever thread happens to allocate when a generation fills up. A cycle that
holds a Qt object (a widget and a lambda connected to it, say) collected on a worker thread destroys that object on the
wrong thread: Qt then deadlocks (the destructor waits for the interpreter lock that the UI thread holds while it waits
for Qt's lock) or crashes later, at random. So the window turns automatic collection off and collects on the UI
thread, from a timer, by the same thresholds Python would use (a common practice in Python Qt programs).
"""

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class UiThreadCollector(QObject):
    """While it lives, cycles are collected on the thread that owns it (the UI thread), never on a worker."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(interval_ms)

    def collect_due(self) -> None:
        """Collect the generations that are as full as Python's own thresholds say."""
        for generation in (0, 1, 2):
            if gc.get_count()[generation] > self.thresholds[generation]:
                gc.collect(generation)

    def stop(self) -> None:
        """Collect what is left on this thread and give collection back to Python."""
        self.timer.stop()
        gc.collect()
        gc.enable()
