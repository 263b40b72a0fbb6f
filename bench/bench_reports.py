"""Reports at region scale: the district's analytic report (PDF) at 26 / 200 / 1,000 / 2,000 generated schools with
its time and peak memory, and school profiles made one by one vs all of a district at once (district frames shared).
Target at 2,000 schools: ≤ 5 s and ≤ 500 MB for the district report, PDF and Word; profiles linear in the number
of schools.

Each report runs in a process of its own (its peak RSS is its own). With --reference SRC (a checkout of the code
before, e.g. `git archive main | tar -x -C /tmp/before`), the same reports are made by that code in the same run and
each figure is printed beside its reference with the ratio; `--reference-python PY` runs the reference with another
Python (a venv with the libraries it needs), each code on a region it generated itself.

Run: `python bench/bench_reports.py [--sizes 26,200,1000,2000] [--reference DIR]` from the repository root.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2025
STAFF_PER_SCHOOL = 20


def child(source: str, database: str, what: str, count: int) -> None:
    """In the child process: make the report(s) with the code in `source`, print seconds and peak RSS as JSON."""
    sys.meta_path[:] = [f for f in sys.meta_path if not type(f).__module__.startswith("__editable__")]
    sys.path.insert(0, source)  # this code, or the reference's: not the editable install's
    from sqlalchemy import select

    from app.db import open_database
    from app.models import School
    from app.services.reports import documents

    db = open_database(database)
    out = Path(tempfile.mkdtemp(prefix="kurator-report-"))
    with db.session() as session:
        codes = session.scalars(select(School.code).order_by(School.code).limit(count)).all()
        started = time.perf_counter()
        if what.startswith("district"):
            documents.district_report(session, YEAR, out / f"district.{what.split('.')[1]}")
        elif what == "profiles_alone":
            for code in codes:
                documents.school_report(session, code, YEAR, out / f"{code}.pdf")
        else:
            _profiles_together(session, documents, codes, out)
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _profiles_together(session, documents, codes, out) -> None:
    from app.services.frames import shared_frames

    with shared_frames(session):
        for code in codes:
            documents.school_report(session, code, YEAR, out / f"{code}.pdf")


@dataclass(frozen=True)
class Code:
    """A source tree and the Python that runs it (the reference may need libraries this checkout no longer has)."""

    source: Path
    python: str = sys.executable


def run(code: Code, database: Path, what: str, count: int = 0) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([code.python, __file__, "--child", str(code.source), str(database), what, str(count)],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def region(code: Code, folder: Path, schools: int) -> Path:
    """A generated region made by `code` itself: each code opens a database of its own schema."""
    path = folder / f"region-{schools}-{abs(hash(code.source))}.db"
    if not path.exists():
        subprocess.run([code.python, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))",
                        "--db", str(path), "generate", "--schools", str(schools),
                        "--staff", str(schools * STAFF_PER_SCHOOL)], cwd=code.source, check=True, capture_output=True)
    return path


def line(label: str, now: dict, before: dict | None) -> str:
    text = f"{label}: {now['seconds']:6.2f} s, {now['rss_mb']:5.0f} MB"
    if before:
        text += (f"   before {before['seconds']:6.2f} s, {before['rss_mb']:5.0f} MB"
                 f"   ×{now['seconds'] / before['seconds']:.2f} time, ×{now['rss_mb'] / before['rss_mb']:.2f} memory")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="26,200,1000,2000")
    parser.add_argument("--profiles", type=int, default=10, help="school profiles timed per size (0: none)")
    parser.add_argument("--reference", type=Path, help="source tree of the code to compare with")
    parser.add_argument("--reference-python", default=sys.executable,
                        help="the Python with the reference's libraries (e.g. a venv that still has pandas)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kurator-bench-"))
    now, reference = Code(ROOT), Code(args.reference, args.reference_python) if args.reference else None
    for schools in map(int, args.sizes.split(",")):
        database = region(now, folder, schools)
        before_database = region(reference, folder, schools) if reference else None
        count = min(args.profiles, schools)
        for what, label in (("district.pdf", f"district report PDF,  {schools:5} schools"),
                            ("district.docx", f"district report Word, {schools:5} schools"),
                            ("profiles_alone", f"{count} profiles one by one, {schools:5} schools"),
                            ("profiles_together", f"{count} profiles together,  {schools:5} schools")):
            if what.startswith("profiles") and not count:
                continue
            if what == "profiles_together" and args.reference:
                before = None  # the code before had no shared frames: its reference is the one-by-one line
            else:
                before = run(reference, before_database, what, count) if reference else None
            print(line(label, run(now, database, what, count), before), flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        main()
