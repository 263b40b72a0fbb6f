"""Time `indicator_table` for one year on a district of 2,000 schools and 40,000 teachers (bulk Core inserts).

Run: python bench/bench_indicators.py [--db PATH]
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from app.db import open_database  # noqa: E402
from app.models import (  # noqa: E402
    Diagnostic,
    ExamResult,
    School,
    SchoolStatus,
    SocialPassport,
    StaffingSlot,
    SupportAction,
    Teacher,
    new_id,
)
from app.services.indicators.catalogue import indicator_table  # noqa: E402
from app.services.setup import initialize  # noqa: E402

SCHOOLS, TEACHERS_PER_SCHOOL, YEAR = 2000, 20, 2022


def rows_for(origin: str, rng: random.Random) -> dict:
    base = {"origin": origin}
    schools = [base | {"id": new_id(), "code": f"S{i:05d}", "name": f"Школа № {i}", "kind": "СОШ", "locality": "rural"}
               for i in range(SCHOOLS)]
    ids = [s["id"] for s in schools]
    teachers = [base | {"id": new_id(), "school_id": sid, "last_name": f"Педагог{j}", "first_name": "Анна"}
                for sid in ids for j in range(TEACHERS_PER_SCHOOL)]
    return {
        School: schools,
        SchoolStatus: [base | {"id": new_id(), "school_id": sid, "year": YEAR, "status": rng.choice(["shnor", "shnsu"])}
                       for sid in ids[: SCHOOLS // 5]],
        Teacher: teachers,
        Diagnostic: [base | {"id": new_id(), "teacher_id": t["id"], "taken_on": date(YEAR, 3, 1), "kind": "subject"}
                     for t in teachers if rng.random() < 0.4],
        SocialPassport: [base | {"id": new_id(), "school_id": sid, "year": YEAR, "pupils_total": 300} for sid in ids],
        SupportAction: [base | {"id": new_id(), "school_id": sid, "held_on": date(YEAR, 5, 5), "kind": "visit",
                                "description": "Выезд"} for sid in ids[::3]],
        StaffingSlot: [base | {"id": new_id(), "school_id": sid, "year": YEAR, "position": "teacher", "rates": 20,
                               "filled_rates": rng.randint(15, 20)} for sid in ids],
        ExamResult: [base | {"id": new_id(), "school_id": sid, "year": y, "exam": exam, "subject": subject,
                             "participants": 10, "mean_score": rng.uniform(40, 80), "below_minimum": rng.randint(0, 2)}
                     for sid in ids for y in (YEAR - 1, YEAR) for exam in ("ЕГЭ", "ОГЭ")
                     for subject in ("Русский язык", "Математика")],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(Path(tempfile.mkdtemp()) / "bench.db"))
    args = parser.parse_args()
    db = open_database(args.db)
    with db.session() as session:
        origin = initialize(session, "district", "Район для замера", program_year=YEAR).id
    started = time.perf_counter()
    with db.engine.begin() as connection:
        for model, rows in rows_for(origin, random.Random(1)).items():
            connection.execute(insert(model), rows)
    print(f"данные: {time.perf_counter() - started:.1f} с", file=sys.stderr)
    timings = []
    for _ in range(3):
        with db.session() as session:
            started = time.perf_counter()
            table = indicator_table(session, YEAR)
            timings.append(time.perf_counter() - started)
    print(f"indicator_table({YEAR}): {len(table)} показателей, лучшее {min(timings):.3f} с, "
          f"худшее {max(timings):.3f} с ({SCHOOLS} школ, {SCHOOLS * TEACHERS_PER_SCHOOL} педагогов)")
    db.close()


if __name__ == "__main__":
    main()
