"""The district's analytics at region scale: the ЕГЭ/ОГЭ indicator table, ИСБ, the result index, the dynamics and the
ШНОР candidates (three years of result indices) of one year, each computed afresh (own session, nothing shared), on
a generated region of 2,000 schools (~36,000 ЕГЭ/ОГЭ rows a year).

With --reference SRC --reference-python PY (a checkout of the code before, e.g. `git archive main | tar -x -C
/tmp/before`, and a Python with that code's libraries, pandas included), the same functions run in that code in
the same run, alternating with this code's runs, and each median is printed beside its reference with the ratio.

With --postgres the same region is also generated into a throwaway PostgreSQL cluster (tests/pg_cluster.py),
analysed as autovacuum would within a minute, and the same functions (and the reference, when given) run on it.

Run: `python bench/bench_analytics.py [--db REGION.db] [--year 2026] [--runs 5] [--reference DIR
--reference-python PY] [--postgres]` from the repository root.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.pg_cluster import analyse, second_database, throwaway_cluster  # noqa: E402
CALLS = {
    "exam_indicator_table": "analytics.exam_indicator_table(session, year)",
    "isb": "analytics.isb(session, year)",
    "result_index": "analytics.result_index(session, year)",
    "dynamics_frame": "dynamics.dynamics_frame(session, year)",
    "shnor_candidates": "analytics.shnor_candidates(session, year)",
}


def child(source: str, database: str, year: int) -> None:
    """In the child process: each function once with the code in `source`; seconds as JSON."""
    sys.meta_path[:] = [f for f in sys.meta_path if not type(f).__module__.startswith("__editable__")]
    sys.path.insert(0, source)
    from app.db import open_database
    from app.services.analytics import selection as analytics  # noqa: F401 — used by CALLS
    from app.services.indicators import dynamics  # noqa: F401

    db = open_database(database)
    seconds = {}
    for name, call in CALLS.items():
        with db.session() as session:
            started = time.perf_counter()
            eval(call, {"analytics": analytics, "dynamics": dynamics, "session": session, "year": year})
            seconds[name] = time.perf_counter() - started
    print(json.dumps(seconds))


def run(python: str, source: Path, database: Path, year: int) -> dict:
    done = subprocess.run([python, __file__, "--child", str(source), str(database), str(year)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def generate(database: str, schools: int) -> None:
    subprocess.run([sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))",
                    "--db", database, "generate", "--schools", str(schools), "--staff", str(schools * 20)],
                   cwd=ROOT, check=True, capture_output=True)


def region(schools: int) -> str:
    path = Path(tempfile.mkdtemp(prefix="kurator-bench-")) / f"region-{schools}.db"
    generate(str(path), schools)
    return str(path)


def measure(args, engine: str, database: str) -> None:
    """Each function's median over --runs, beside the reference code's (when given) in the same run."""
    now, before = [], []
    for _ in range(args.runs):
        now.append(run(sys.executable, ROOT, database, args.year))
        if args.reference:
            before.append(run(args.reference_python, args.reference, database, args.year))
    for name in CALLS:
        median = statistics.median(r[name] for r in now)
        text = f"[{engine:10}] {name:22} {1000 * median:7.0f} ms"
        if before:
            reference = statistics.median(r[name] for r in before)
            text += f"   before {1000 * reference:7.0f} ms   ×{median / reference:.2f}"
        print(text, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", help="a generated region (made here if not given)")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reference", type=Path)
    parser.add_argument("--reference-python", default=sys.executable)
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL cluster")
    args = parser.parse_args()
    from app.db import open_database  # noqa: PLC0415 — the children import the code they measure themselves

    measure(args, "SQLite", args.db or region(2000))
    if args.postgres:
        with throwaway_cluster() as first:
            database = second_database(first, "region")
            generate(database, 2000)
            db = open_database(database)
            analyse(db.engine)
            db.close()
            measure(args, "PostgreSQL", database)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
