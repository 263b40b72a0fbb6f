"""Roadmap speed. Targets: importing a 300-row roadmap ≤ 2 s (read, parse deadlines, save, plan occurrences);
statuses of every occurrence of 2,000 schools' roadmaps for a year ≤ 1 s.

Run: `python bench/bench_roadmaps.py` from the repository root.
"""

import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from app.db import open_database  # noqa: E402
from app.models import EventOccurrence, Roadmap, RoadmapEvent, School, new_id  # noqa: E402
from app.services.roadmaps.deadlines import windows_for_years  # noqa: E402
from app.services.roadmaps.importing import import_file  # noqa: E402
from app.services.roadmaps.plans import year_statuses  # noqa: E402
from app.services.setup import initialize  # noqa: E402
from tests.data.roadmaps.make_fixtures import make_large_roadmap  # noqa: E402

SCHOOLS = 2000
DEADLINES = ("Февраль", "Март - апрель", "Ежемесячно", "3-4 квартал", "В течение года", "Ежегодно, сентябрь",
             "2 раза в год (январь, июнь)", "до 01.09.2022", "По отдельному плану", "Декабрь 2022 г.")


def bench_import(folder: Path) -> None:
    database = open_database(str(folder / "import.db"))
    with database.session() as session:
        initialize(session, "district", "Район", program_year=2022)
    for suffix in (".docx", ".xlsx"):
        source = make_large_roadmap(folder / f"large{suffix}", rows=300)
        started = time.perf_counter()
        with database.session() as session:
            summary = import_file(session, source, 2022)
        print(f"import 300-row {suffix}: {time.perf_counter() - started:.2f} s "
              f"({summary['events']} events, {summary['sections']} sections)  target ≤ 2 s")
    database.close()


def build_school_roadmaps(database) -> int:
    """2,000 school roadmaps of 10 events each, with their occurrences, by bulk insert."""
    origin = "bench"
    schools, roadmaps, events, occurrences = [], [], [], []
    for number in range(SCHOOLS):
        school = new_id()
        roadmap = new_id()
        schools.append(dict(id=school, origin=origin, code=f"B{number:05d}", name=f"Школа {number}", kind="СОШ",
                            locality="rural"))
        roadmaps.append(dict(id=roadmap, origin=origin, title="Дорожная карта", level="school", school_id=school,
                             year_from=2022, year_to=2022))
        for position, deadline in enumerate(DEADLINES):
            event = new_id()
            events.append(dict(id=event, origin=origin, roadmap_id=roadmap, number=str(position + 1),
                               title="Мероприятие", deadline_text=deadline, status="planned", position=position))
            for index, window in enumerate(windows_for_years(deadline, [2022])):
                done = (number + position + index) % 3 == 0
                occurrences.append(dict(id=new_id(), origin=origin, event_id=event, school_id=school, year=2022,
                                        window_start=window.start, window_end=window.end,
                                        status="done" if done else "planned",
                                        completed_on=window.end if done else None))
    with database.engine.begin() as connection:
        for model, rows in ((School, schools), (Roadmap, roadmaps), (RoadmapEvent, events), (EventOccurrence, occurrences)):
            for start in range(0, len(rows), 5000):
                connection.execute(insert(model), rows[start:start + 5000])
    return len(occurrences)


def bench_statuses(folder: Path) -> None:
    database = open_database(str(folder / "statuses.db"))
    with database.session() as session:
        initialize(session, "district", "Район", program_year=2022)
    count = build_school_roadmaps(database)
    with database.session() as session:
        started = time.perf_counter()
        rows = year_statuses(session, 2022, today=date(2022, 10, 1))
        elapsed = time.perf_counter() - started
    counts = Counter(row.status for row in rows)
    print(f"statuses of {count} occurrences ({SCHOOLS} school roadmaps): {elapsed:.2f} s  target ≤ 1 s  {counts}")
    database.close()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        bench_import(Path(folder))
        bench_statuses(Path(folder))
