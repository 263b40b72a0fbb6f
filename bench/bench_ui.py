"""Open the Школы and Педагоги pages on a large region and time page opening and filter keystrokes.

    QT_QPA_PLATFORM=offscreen python bench/bench_ui.py [--db PATH] [--schools N] [--staff M]

Generates the database (kurator generate) unless it already holds schools. Targets: open ≤ 0.5 s,
a filter keystroke ≤ 100 ms with 40,000 staff."""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database  # noqa: E402
from app.services.demo.generator import generate_region  # noqa: E402
from app.services.records import count_rows  # noqa: E402
from app.ui.app import make_application  # noqa: E402
from app.ui.widgets.table_page import TablePage  # noqa: E402
from app.ui.workspace import Workspace  # noqa: E402

KEYSTROKES = {"teacher": "иванова анна", "school": "сош 12"}


def prepare(path: str, schools: int, staff: int):
    database = open_database(path)
    with database.session() as session:
        present = count_rows(session, "school")
    if not present:
        started = time.perf_counter()
        with database.session() as session:
            generate_region(session, schools, staff)
        print(f"generated {schools} schools, {staff} staff in {time.perf_counter() - started:.1f} s")
    return database


def bench_page(workspace: Workspace, entity: str) -> dict:
    started = time.perf_counter()
    page = TablePage(workspace, entity)
    page.resize(1200, 800)
    page.show()
    opened = time.perf_counter() - started
    typed, text = [], ""
    for char in KEYSTROKES[entity]:
        text += char
        started = time.perf_counter()
        page.search.setText(text)
        page.search.flush()  # what the debounce timer does 150 ms after the last key
        typed.append(time.perf_counter() - started)
    shown = page.count_label.text()
    page.close()
    return {"open": opened, "key_median": statistics.median(typed), "key_max": max(typed), "shown": shown}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", default="bench/out/region.db")
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("--staff", type=int, default=40000)
    args = parser.parse_args()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    app = make_application()
    database = prepare(args.db, args.schools, args.staff)
    workspace = Workspace(database, 2026)
    for entity in ("school", "teacher"):
        result = bench_page(workspace, entity)
        print(f"{entity:8} open {result['open'] * 1000:6.0f} ms   keystroke median {result['key_median'] * 1000:5.0f} ms"
              f"   max {result['key_max'] * 1000:5.0f} ms   ({result['shown']})")
    database.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
