"""Start-up: `kurator --version` and the window up and painted (from process start to its first paint), each beside
its reference in the same run: a bare `import PySide6.QtWidgets, sqlalchemy`, a bare QMainWindow + QTableView
painted in a fresh process.

    QT_QPA_PLATFORM=offscreen python bench/bench_startup.py [--runs 5] [--region bench/out/region.db] [--postgres]

The demo district (26 schools) and the generated region (2,000 schools, 40,000 staff) are made when missing; with
--postgres both are also loaded into a throwaway PostgreSQL cluster and the window is measured there too."""

import argparse
import compileall
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.startup import medians, row, version_pair, window_pair  # noqa: E402
from tests.pg_cluster import second_database, throwaway_cluster  # noqa: E402

DISTRICT = ("init", "--mode", "district", "--name", "Терский муниципальный район")


def make(database: str, *fill: str) -> None:
    """Set up a district database and fill it (`demo` or `generate …`) unless its file is there already."""
    if "://" not in database and Path(database).exists():
        return
    for command in (DISTRICT, fill):
        subprocess.run([sys.executable, "-m", "app", "--db", database, *command], check=True, capture_output=True,
                       env={**os.environ, "KURATOR_PASSPHRASE": "bench-passphrase"})


@contextmanager
def postgres_pair() -> Iterator[tuple[str, str]]:
    """The demo district and the 2,000-school region, each in its own database of a throwaway cluster."""
    with throwaway_cluster() as demo:
        region = second_database(demo, "region")
        make(demo, "demo")
        make(region, "generate", "--schools", "2000", "--staff", "40000")
        yield demo, region


def measure_windows(column: str, demo: str, region: str, runs: int) -> None:
    for name, database, target in (("demo district", demo, "≤ 1.0 s"), ("2,000 schools", region, "≤ 1.5 s")):
        ours, bare = medians(window_pair, runs, database)
        print(row(f"window painted, {name} ({column})", ours, bare, "bare QMainWindow + QTableView painted",
                  target), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--demo", default="bench/out/demo.db")
    parser.add_argument("--region", default="bench/out/region.db")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL cluster")
    args = parser.parse_args()
    Path(args.demo).parent.mkdir(parents=True, exist_ok=True)
    make(args.demo, "demo")
    make(args.region, "generate", "--schools", "2000", "--staff", "40000")
    # as installed: the program's modules compiled once (PYTHONDONTWRITEBYTECODE would have every run compile them)
    compileall.compile_dir(ROOT / "app", quiet=1)
    ours, bare = medians(version_pair, args.runs)
    print(row("kurator --version", ours, bare, "python -c 'import PySide6.QtWidgets, sqlalchemy'", "≤ 1.5×"),
          flush=True)
    measure_windows("SQLite", args.demo, args.region, args.runs)
    if args.postgres:
        with postgres_pair() as (demo, region):
            measure_windows("PostgreSQL", demo, region, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
