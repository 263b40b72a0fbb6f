"""Cycles holding Qt objects are collected on the UI thread only (a Qt object destroyed on a worker thread deadlocks
or crashes Qt at random)."""

import gc
import threading

from PySide6.QtWidgets import QWidget

from app.ui.garbage import UiThreadCollector


def test_a_worker_that_allocates_a_lot_never_runs_the_collector(qapp):
    collector = UiThreadCollector(qapp)
    collecting: list[threading.Thread] = []

    def record(phase: str, _info: dict) -> None:
        if phase == "start":
            collecting.append(threading.current_thread())

    gc.callbacks.append(record)
    try:
        widget = QWidget()
        widget.cycle = widget  # only the cycle collector can free it
        del widget
        worker = threading.Thread(target=lambda: [[index] for index in range(200_000)])  # fills every generation
        worker.start()
        worker.join()
        assert collecting == []
        kept = [[] for _ in range(gc.get_threshold()[0] + 1)]  # the youngest generation is full
        collector.collect_due()
        assert kept and collecting and set(collecting) == {threading.main_thread()}
    finally:
        gc.callbacks.remove(record)
        collector.stop()
        collector.deleteLater()
