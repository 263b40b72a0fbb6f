"""Linking a roadmap's «Ответственный» to staff with a large register: the municipal roadmap of seeds/004 (18 events)
imported into a district of 400,000 teachers. Reference in the same run: reading the whole register into memory, as
the import did before (every live teacher as an object, by short and full name). Target: cost of the roadmap, not of
the register.

Run: `python bench/bench_roadmap_staff.py [--staff 400000]` from the repository root.
"""

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select  # noqa: E402

from app.db import open_database  # noqa: E402
from app.models import School, Teacher, alive, new_id  # noqa: E402
from app.services.demo.generator import FIRST_NAMES, LAST_NAMES  # noqa: E402
from app.services.roadmaps.importing import import_file  # noqa: E402
from app.services.setup import initialize  # noqa: E402

ROADMAP = Path(__file__).resolve().parent.parent / "tests" / "data" / "roadmaps" / "seed004.docx"
SCHOOLS = 2000


def fill(database, staff: int) -> None:
    schools = [dict(id=new_id(), origin="bench", code=f"B{n:05d}", name=f"Школа {n}", kind="СОШ", locality="rural")
               for n in range(SCHOOLS)]
    with database.engine.begin() as connection:
        connection.execute(insert(School), schools)
        for start in range(0, staff, 20000):
            connection.execute(insert(Teacher), [
                dict(id=new_id(), origin="bench", school_id=schools[n % SCHOOLS]["id"],
                     last_name=LAST_NAMES[n % len(LAST_NAMES)] + ("а" if n % 2 else ""),
                     first_name=FIRST_NAMES["f" if n % 2 else "m"][n % 10], middle_name="Петровна" if n % 2 else "Петрович")
                for n in range(start, min(start + 20000, staff))])


def whole_register(session) -> int:
    """What the import did before: every live teacher as an object, by short and full name."""
    names = {}
    for teacher in session.scalars(select(Teacher).where(alive(Teacher))):
        for variant in (teacher.short_name, teacher.full_name):
            names[variant.lower()] = teacher.id
    return len(names)


def measured(action) -> tuple[float, float]:
    """Seconds (untraced) and peak Python memory in MB (traced, a second run)."""
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--staff", type=int, default=400_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(str(Path(folder) / "staff.db"))
        with database.session() as session:
            initialize(session, "district", "Район", program_year=2022)
        fill(database, args.staff)

        def import_roadmap():
            with database.session() as session:
                import_file(session, ROADMAP, 2022)

        def reference():
            with database.session() as session:
                whole_register(session)

        seconds, peak = measured(import_roadmap)
        before_seconds, before_peak = measured(reference)
        print(f"roadmap import (18 events) with {args.staff} teachers: {seconds:.2f} s, peak {peak:.0f} MB")
        print(f"reference, the whole register read as before (the lookup alone): {before_seconds:.2f} s, "
              f"peak {before_peak:.0f} MB — import ×{seconds / before_seconds:.2f} time, ×{peak / before_peak:.2f} memory")
        database.close()


if __name__ == "__main__":
    main()
