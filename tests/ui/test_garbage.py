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


def collections_by(collector: UiThreadCollector) -> list[int]:
    """The generations collected when the youngest generation is full and the oldest is due by its count."""
    collected: list[int] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            collected.append(info["generation"])

    for _ in range(gc.get_threshold()[2] + 1):
        gc.collect(1)  # each counts one towards the oldest generation
    kept = [[] for _ in range(gc.get_threshold()[0] + 1)]
    gc.callbacks.append(record)
    try:
        collector.collect_due()
    finally:
        gc.callbacks.remove(record)
    assert kept
    return collected


def test_a_full_collection_waits_until_the_old_generation_grew_by_a_quarter(qapp):
    """As Python does: with the oldest generation due by its count alone, only the youngest is collected."""
    collector = UiThreadCollector(qapp)
    try:
        collector.collect_all()
        assert collections_by(collector) == [0]
    finally:
        collector.stop()
        collector.deleteLater()


def test_after_the_start_up_is_frozen_full_collections_walk_only_what_came_after(qapp):
    collector = UiThreadCollector(qapp)
    try:
        collector.settle()
        assert gc.get_freeze_count() > 0
        assert len(gc.get_objects(2)) < gc.get_freeze_count() / 10  # what the start-up made is out of sight
        assert collections_by(collector) == [2]  # what came after grew from nothing: collected in full
    finally:
        collector.stop()
        collector.deleteLater()
    assert gc.get_freeze_count() == 0  # stop gives everything back to Python's collector
