"""The district's analytics at region scale: the ЕГЭ/ОГЭ indicator table, ИСБ, the result index, the dynamics and the
ШНОР candidates (three years of result indices) of one year, each computed afresh (own session, nothing shared), on
a generated region of 2,000 schools (~36,000 ЕГЭ/ОГЭ rows a year).

With --reference SRC --reference-python PY (a checkout of the code before, e.g. `git archive main | tar -x -C
/tmp/before`, and a Python with that code's libraries, pandas included), the same functions run in that code in
the same run, alternating with this code's runs, and each median is printed beside its reference with the ratio.

Run: `python bench/bench_analytics.py [--db REGION.db] [--year 2026] [--runs 5] [--reference DIR
--reference-python PY]` from the repository root.
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


def region(schools: int) -> Path:
    path = Path(tempfile.mkdtemp(prefix="kurator-bench-")) / f"region-{schools}.db"
    subprocess.run([sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))",
                    "--db", str(path), "generate", "--schools", str(schools), "--staff", str(schools * 20)],
                   cwd=ROOT, check=True, capture_output=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="a generated region (made here if not given)")
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reference", type=Path)
    parser.add_argument("--reference-python", default=sys.executable)
    args = parser.parse_args()
    database = args.db or region(2000)
    now, before = [], []
    for _ in range(args.runs):
        now.append(run(sys.executable, ROOT, database, args.year))
        if args.reference:
            before.append(run(args.reference_python, args.reference, database, args.year))
    for name in CALLS:
        median = statistics.median(r[name] for r in now)
        text = f"{name:22} {1000 * median:7.0f} ms"
        if before:
            reference = statistics.median(r[name] for r in before)
            text += f"   before {1000 * reference:7.0f} ms   ×{median / reference:.2f}"
        print(text, flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
