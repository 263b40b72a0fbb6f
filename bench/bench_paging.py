"""Педагоги at region scale: scrolling to the end of the list and typing in its search box, each beside its reference
measured in the same run.

    QT_QPA_PLATFORM=offscreen python bench/bench_paging.py [--staff 4000 20000 40000] [--postgres] [--repeat 3]

Each figure is the median of --repeat runs, each run timing the figure and its reference one after the other (the
machine may be shared: the ratio compares like with like). Scrolling: every page the window reads as the user scrolls
down (the first page, then the rows after the last one shown), summed; the reference is one ordered SELECT of all the
rows with their positions and subjects; OFFSET paging (how it was read before) is shown beside them; at the largest
staff also the window itself (a list page scrolled to its bottom until every row is in). Typing: from a keystroke (the search box's debounce flushed) to the list showing the filtered rows;
the reference is a bare QSortFilterProxyModel filtering the same names held in memory; then a fast typist (a key
every 60 ms, the debounce left to work): how many list queries the word costs and the last key's wait. Databases (generated regions
with 20 staff per school) are made under bench/out/ when missing; with --postgres the same in a throwaway cluster,
analysed after the load as autovacuum does within a minute (a region in use has its statistics)."""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy import event  # noqa: E402

from app.db import open_database  # noqa: E402
from app.services.demo.generator import generate_region  # noqa: E402
from app.services.records import count_rows, query_page, rows_after  # noqa: E402
from app.services.setup import initialize  # noqa: E402
from app.ui.app import make_application  # noqa: E402
from app.ui.garbage import UiThreadCollector  # noqa: E402
from app.ui.widgets.table_model import GROWTH  # noqa: E402
from app.ui.widgets.search_box import DEBOUNCE_MS  # noqa: E402
from app.ui.widgets.table_page import TablePage  # noqa: E402
from app.ui.workspace import Workspace  # noqa: E402
from tests.pg_cluster import analyse, second_database, throwaway_cluster  # noqa: E402

TYPED = "иванова анна"
KEY_GAP_MS = 60  # a fast typist
STAFF_PER_SCHOOL = 20


def region(location: str, staff: int):
    database = open_database(location)
    with database.session() as session:
        if count_rows(session, "school"):
            return database
        initialize(session, "district", "Учебный регион", program_year=2026)
        generate_region(session, staff // STAFF_PER_SCHOOL, staff)
    analyse(database.engine)
    return database


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def scroll_seek(session) -> int:
    """As the list model does: each read after the first asks for GROWTH times the rows shown already."""
    rows, _total = query_page(session, "teacher")
    read = len(rows)
    while rows:
        rows = rows_after(session, "teacher", rows[-1][0], limit=GROWTH * read)
        read += len(rows)
    return read


def scroll_offset(session) -> int:
    read, rows = 0, [None]
    while rows:
        rows = query_page(session, "teacher", offset=read)[0]
        read += len(rows)
    return read


def scroll_row(database, column: str, staff: int, offset: bool, repeat: int) -> None:
    seeks, wholes = [], []
    with database.session() as session:
        for _run in range(repeat):
            seek, read = timed(lambda: scroll_seek(session))
            whole, rows = timed(lambda: query_page(session, "teacher", limit=None)[0])
            assert read == len(rows) == staff, (read, len(rows))
            seeks.append(seek)
            wholes.append(whole)
        before = f"   OFFSET paging {timed(lambda: scroll_offset(session))[0]:6.2f} s" if offset else ""
    seek, whole = statistics.median(seeks), statistics.median(wholes)
    print(f"Педагоги scrolled to the end, {staff:6,} staff ({column:10}) {seek:6.2f} s   one ordered SELECT of all "
          f"{whole:5.2f} s   ×{seek / whole:4.1f}{before}   target ≤ 0.5 s at 40,000, linear", flush=True)


def window_scroll_row(app: QApplication, database, column: str, staff: int, repeat: int) -> None:
    """The list page itself scrolled to its bottom until every row is in (reads on the worker thread, rows appended
    to the model, the view updated), beside the service's reads alone in the same run."""
    windows, reads = [], []
    for _run in range(repeat):
        windows.append(timed(lambda: window_scroll(app, database))[0])
        with database.session() as session:
            reads.append(timed(lambda: scroll_seek(session))[0])
    window, read = statistics.median(windows), statistics.median(reads)
    print(f"    in the window: scrolled to the end {window:.2f} s   the same reads without the window {read:.2f} s   "
          f"×{window / read:4.1f}", flush=True)


def window_scroll(app: QApplication, database) -> None:
    page = TablePage(Workspace(database, 2026), "teacher")
    page.resize(1200, 800)
    page.show()
    wait(app, page)
    while page.model.total is None or len(page.model.rows) < page.model.total:
        page.table.scrollToBottom()
        app.processEvents()
        while page.model.fetching:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    page.close()


def wait(app: QApplication, page: TablePage) -> None:
    """As the window's event loop waits: asleep until an event comes (a busy loop here would take the worker
    thread's turns at the interpreter and slow the query it waits for)."""
    while not page.loaded:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def typing(app: QApplication, database) -> list[float]:
    """Per keystroke: seconds until the list shows the rows matching what has been typed so far."""
    page = TablePage(Workspace(database, 2026), "teacher")
    page.resize(1200, 800)
    page.show()
    wait(app, page)
    spent, text = [], ""
    for char in TYPED:
        text += char
        started = time.perf_counter()
        page.search.setText(text)
        page.search.flush()
        wait(app, page)
        spent.append(time.perf_counter() - started)
    page.close()
    return spent


def fast_typing(app: QApplication, database) -> tuple[float, int]:
    """A fast typist (a key every KEY_GAP_MS, the box's debounce left to work): seconds from the last key to the list
    showing its rows, and how many list queries the whole word cost."""
    page = TablePage(Workspace(database, 2026), "teacher")
    page.resize(1200, 800)
    page.show()
    wait(app, page)
    reads: list[str] = []

    def record(_conn, _cursor, statement, *_rest):
        if statement.lstrip().startswith("SELECT teacher.id") and "LIMIT" in statement:
            reads.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    for index in range(len(TYPED) - 1):
        page.search.setText(TYPED[:index + 1])
        QTest.qWait(KEY_GAP_MS)
    started = time.perf_counter()
    page.search.setText(TYPED)
    while page.search_text != TYPED or not page.loaded:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    spent = time.perf_counter() - started
    event.remove(database.engine, "before_cursor_execute", record)
    page.close()
    return spent, len(reads)


def bare_typing(app: QApplication, names: list[str]) -> list[float]:
    model = QStandardItemModel()
    for name in names:
        model.appendRow(QStandardItem(name))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    spent, text = [], ""
    for char in TYPED:
        text += char
        started = time.perf_counter()
        proxy.setFilterFixedString(text)
        proxy.rowCount()
        app.processEvents()
        spent.append(time.perf_counter() - started)
    return spent


def typing_row(app: QApplication, database, column: str, staff: int, repeat: int) -> None:
    with database.session() as session:
        names = [row[1] for row in query_page(session, "teacher", limit=None)[0]]
    ours, bare = [], []
    for _run in range(repeat):
        ours.append(typing(app, database))
        bare.append(bare_typing(app, names))
    every, every_bare = [spent for run in ours for spent in run], [spent for run in bare for spent in run]
    slowest = max(ours, key=max)
    at = TYPED[:slowest.index(max(slowest)) + 1]
    print(f"Педагоги keystroke → filtered view, {staff:6,} staff ({column:10}) median "
          f"{statistics.median(every) * 1000:4.0f} ms, max {max(every) * 1000:4.0f} ms (at «{at}»)   bare proxy median "
          f"{statistics.median(every_bare) * 1000:4.0f} ms, max {max(every_bare) * 1000:4.0f} ms   "
          f"×{statistics.median(every) / statistics.median(every_bare):4.1f} (median)   target ≤ 100 ms "
          f"({repeat} × {len(TYPED)} keys)", flush=True)
    for run in ours:
        print("    each keystroke, ms: " + " ".join(f"{char}{spent * 1000:.0f}" for char, spent in zip(TYPED, run)))
    spent, reads = fast_typing(app, database)
    print(f"    a key every {KEY_GAP_MS} ms: {len(TYPED)} keys cost {reads} list queries; the last key → rows "
          f"{spent * 1000:.0f} ms (of it the search box's {DEBOUNCE_MS} ms pause)", flush=True)


def measure(app, column: str, locations: dict[int, str], offset: bool, repeat: int) -> None:
    for staff, location in locations.items():
        database = region(location, staff)
        scroll_row(database, column, staff, offset and staff <= 20000, repeat)
        if staff == max(locations):
            window_scroll_row(app, database, column, staff, repeat)
            typing_row(app, database, column, staff, repeat)
        database.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--staff", type=int, nargs="+", default=[4000, 20000, 40000])
    parser.add_argument("--offset", action="store_true", help="also time OFFSET paging (up to 20,000 staff)")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL cluster")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the medians are printed")
    args = parser.parse_args()
    app = make_application()
    app.findChild(UiThreadCollector).settle()  # as the window does after its first paint (app.ui.app.run)
    Path("bench/out").mkdir(parents=True, exist_ok=True)
    measure(app, "SQLite", {staff: f"bench/out/region-{staff}.db" for staff in args.staff}, args.offset, args.repeat)
    if args.postgres:
        import psycopg  # noqa: PLC0415 — only with --postgres

        print(f"PostgreSQL through psycopg's {psycopg.pq.__impl__} implementation (PSYCOPG_IMPL=python measures the "
              "pure-Python one the Linux bundle runs over the system's libpq)", flush=True)
        with throwaway_cluster() as first:
            locations = {staff: second_database(first, f"region{staff}") for staff in args.staff}
            measure(app, "PostgreSQL", locations, args.offset, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
