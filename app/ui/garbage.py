"""Python's garbage collector runs on the UI thread only.

Python collects reference cycles in whichever thread happens to allocate when a generation fills up. A cycle that
holds a Qt object (a widget and a lambda connected to it, say) collected on a worker thread destroys that object on the
wrong thread: Qt then deadlocks (the destructor waits for the interpreter lock that the UI thread holds while it waits
for Qt's lock) or crashes later, at random. So the window turns automatic collection off and collects on the UI
thread, from a timer, by the same thresholds Python would use (a common practice in Python Qt programs).

A full collection walks every object the collector tracks: in a window at region scale, 135,000 objects and 85 ms,
felt as a stalled keystroke. So, as Python itself does, a full collection waits until the objects that reached the
oldest generation since the last one are more than a quarter of those that survived it; and what the start-up made
(modules, classes, the window) is collected once after the first paint and then frozen (`gc.freeze`): it lives as long
as the program, and later full collections walk only what came after.
"""

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class UiThreadCollector(QObject):
    """While it lives, cycles are collected on the thread that owns it (the UI thread), never on a worker."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.long_lived = len(gc.get_objects(2))
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(interval_ms)

    def collect_due(self) -> None:
        """When the youngest generation is full, collect the oldest one that is as full as Python's own thresholds
        say (the younger with it), as Python would."""
        counts = gc.get_count()
        if counts[0] <= self.thresholds[0]:
            return
        if counts[2] > self.thresholds[2] and self.old_generation_grew():
            self.collect_all()
        else:
            gc.collect(1 if counts[1] > self.thresholds[1] else 0)

    def old_generation_grew(self) -> bool:
        """Python's own condition for a full collection: the oldest generation grew by more than a quarter of what
        survived the last one (otherwise a long session's full collections add up to quadratic time)."""
        return len(gc.get_objects(2)) - self.long_lived > self.long_lived // 4

    def collect_all(self) -> None:
        gc.collect()
        self.long_lived = len(gc.get_objects(2))

    def settle(self) -> None:
        """Collect what the start-up left and freeze the rest out of the collector's sight (call once, when the
        window is up)."""
        self.collect_all()
        gc.freeze()
        self.long_lived = 0

    def stop(self) -> None:
        """Collect what is left on this thread and give collection back to Python."""
        self.timer.stop()
        gc.unfreeze()
        gc.collect()
        gc.enable()
