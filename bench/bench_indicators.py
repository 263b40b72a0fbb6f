"""Program indicators at region scale: 2,000 schools, 40,000 teachers, results 2017–2022 (bulk Core inserts).

Measures, in the same run and on the same database:
- `indicator_table` for one year (the district's values);
- `school_values`: every per-school indicator × every school × 5 years (2018–2022) — target ≤ 1 s in process;
- a hand-written SQL computing the same numerators and denominators per school and year (the default choices of
  the catalogue), checked to agree with the service, and the service's time as a multiple of it.

With --postgres the same region is also bulk-inserted into a throwaway PostgreSQL cluster (tests/pg_cluster.py),
analysed as autovacuum would within a minute, and measured the same way; the hand-written SQL is one text for both
engines. Each engine's lines print as measured, then a table of both columns. Times are the best of 3 runs; the CPU
time is this process's own (on PostgreSQL the server's work is not in it).

Run: python bench/bench_indicators.py [--db PATH] [--postgres]
"""

import argparse
import math
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text  # noqa: E402

from app.db import open_database  # noqa: E402
from app.models import (  # noqa: E402
    Course,
    Diagnostic,
    Enrollment,
    ExamResult,
    Graduation,
    MethodEvent,
    Participation,
    Partnership,
    School,
    SchoolStatus,
    SocialPassport,
    StaffingSlot,
    SupportAction,
    Teacher,
    VprResult,
    new_id,
)
from app.services.indicators.catalogue import indicator_table  # noqa: E402
from app.services.indicators.per_school import school_values  # noqa: E402
from app.services.setup import initialize  # noqa: E402
from tests.pg_cluster import analyse, throwaway_cluster  # noqa: E402

SCHOOLS, TEACHERS_PER_SCHOOL = 2000, 20
YEARS = list(range(2018, 2023))
RESULT_YEARS = [YEARS[0] - 1, *YEARS]  # dynamics compares with the year before


def day_in(year: int, rng: random.Random) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _people(base: dict, ids: list[str], rng: random.Random) -> dict:
    teachers = [base | {"id": new_id(), "school_id": sid, "last_name": f"Педагог{j}", "first_name": "Анна",
                        "hired_on": date(rng.choice([2010, 2015, 2019]), 9, 1),
                        "left_on": date(2021, 6, 30) if rng.random() < 0.05 else None}
                for sid in ids for j in range(TEACHERS_PER_SCHOOL)]
    courses = [base | {"id": new_id(), "title": f"Курс {n}", "provider": "ЦНППМ", "hours": 36, "format": "distance",
                       "end_date": date(year, 11, 30)} for n, year in enumerate(YEARS)]
    return {
        Teacher: teachers,
        Diagnostic: [base | {"id": new_id(), "teacher_id": t["id"], "taken_on": day_in(rng.choice(YEARS), rng),
                             "kind": "subject"} for t in teachers if rng.random() < 0.6],
        Course: courses,
        Enrollment: [base | {"id": new_id(), "course_id": c["id"], "teacher_id": t["id"], "status": "completed",
                             "completed_on": c["end_date"] if rng.random() < 0.5 else None}
                     for t in teachers for c in courses if rng.random() < 0.08],
    }


def _yearly(base: dict, ids: list[str], rng: random.Random) -> dict:
    return {
        SchoolStatus: [base | {"id": new_id(), "school_id": sid, "year": y, "status": status}
                       for y in YEARS for sid in ids[: SCHOOLS // 5]
                       for status in (["shnor", "shnsu"] if sid in ids[:40] else [rng.choice(["shnor", "shnsu"])])],
        SocialPassport: [base | {"id": new_id(), "school_id": sid, "year": y, "pupils_total": 300}
                         for y in YEARS for sid in ids if rng.random() < 0.97],
        StaffingSlot: [base | {"id": new_id(), "school_id": sid, "year": y, "position": "teacher", "rates": 20,
                               "filled_rates": rng.randint(15, 22)} for y in YEARS for sid in ids],
        ExamResult: [base | {"id": new_id(), "school_id": sid, "year": y, "exam": exam, "subject": subject,
                             "participants": rng.randint(5, 30), "mean_score": rng.uniform(3, 5) if exam == "ОГЭ"
                             else rng.uniform(40, 80), "below_minimum": rng.randint(0, 2)}
                     for sid in ids for y in RESULT_YEARS for exam in ("ЕГЭ", "ОГЭ")
                     for subject in ("Русский язык", "Математика") if rng.random() < 0.95],
        VprResult: [base | {"id": new_id(), "school_id": sid, "year": y, "grade": 5, "subject": "Математика",
                            "participants": 25, "count_2": rng.randint(0, 6)} for y in YEARS for sid in ids[::2]],
        Graduation: [base | {"id": new_id(), "school_id": sid, "year": y, "grade": grade, "graduates": 20,
                             "certificates": rng.randint(16, 20), "honours": 0}
                     for y in YEARS for sid in ids for grade in (9, 11)],
        SupportAction: [base | {"id": new_id(), "school_id": sid, "held_on": day_in(y, rng), "kind": "visit",
                                "description": "Выезд"}
                        for y in YEARS for sid in ids[: SCHOOLS // 5] if rng.random() < 0.8],
        Partnership: [base | {"id": new_id(), "school_id": sid, "mentor_school_id": ids[-1], "year_from": 2019,
                              "year_to": rng.choice([2020, None])} for sid in ids[: SCHOOLS // 6]],
    }


def _events(base: dict, ids: list[str], rng: random.Random) -> dict:
    events = [base | {"id": new_id(), "title": f"РМО {y}-{n}", "kind": "rmo", "held_on": day_in(y, rng)}
              for y in YEARS for n in range(10)]
    return {MethodEvent: events,
            Participation: [base | {"id": new_id(), "event_id": e["id"], "school_id": sid}
                            for e in events for sid in rng.sample(ids[: SCHOOLS // 4], 60)]}


def rows_for(origin: str, rng: random.Random) -> dict:
    base = {"origin": origin}
    schools = [base | {"id": new_id(), "code": f"S{i:05d}", "name": f"Школа № {i:04d}", "kind": "СОШ",
                       "locality": "rural"} for i in range(SCHOOLS)]
    ids = [s["id"] for s in schools]
    return {School: schools} | _people(base, ids, rng) | _yearly(base, ids, rng) | _events(base, ids, rng)


GROUP = "(SELECT school_id FROM school_status WHERE year = :y AND deleted_at IS NULL AND status IN ({statuses}))"
LIVE_SCHOOL = "school_id IN (SELECT id FROM school WHERE deleted_at IS NULL)"
SHNOR_SHNSU = GROUP.format(statuses="'shnor','shnsu'")
STAFF = f"""SELECT t.school_id, SUM(CASE WHEN {{has}} THEN 1 ELSE 0 END), COUNT(*) FROM teacher t
 WHERE t.deleted_at IS NULL AND t.{LIVE_SCHOOL} AND (t.hired_on IS NULL OR t.hired_on <= :end)
   AND (t.left_on IS NULL OR t.left_on >= :start) AND t.school_id IN {SHNOR_SHNSU}
 GROUP BY t.school_id"""
SCHOOLS_WITH = """SELECT s.id, {has}, 1 FROM school s WHERE s.deleted_at IS NULL AND s.id IN {group}"""
DYNAMICS = f"""WITH r AS (
  SELECT e.school_id, e.year, e.exam, e.subject, e.participants AS w, e.mean_score AS x FROM exam_result e
  WHERE e.year IN (:y - 1, :y) AND e.deleted_at IS NULL AND e.{LIVE_SCHOOL}
    AND e.mean_score IS NOT NULL AND e.participants > 0),
pairs AS (SELECT * FROM r WHERE (school_id, exam, subject) IN
  (SELECT school_id, exam, subject FROM r GROUP BY 1, 2, 3 HAVING COUNT(DISTINCT year) = 2)),
mean AS (SELECT exam, subject, SUM(w * x) / SUM(w) AS m FROM pairs GROUP BY 1, 2),
sd AS (SELECT b.exam, b.subject, mean.m, sqrt(SUM(b.w * (b.x - mean.m) * (b.x - mean.m)) / SUM(b.w)) AS s
  FROM pairs b JOIN mean USING (exam, subject) GROUP BY 1, 2, 3),
z AS (SELECT b.school_id, b.year, b.w, CASE WHEN sd.s > 0 THEN (b.x - sd.m) / sd.s ELSE 0 END AS z
  FROM pairs b JOIN sd USING (exam, subject)),
idx AS (SELECT school_id, year, SUM(w * z) / SUM(w) AS i FROM z GROUP BY 1, 2)
SELECT s.id, CASE WHEN c.i > p.i THEN 1 ELSE 0 END, 1 FROM school s
  LEFT JOIN idx c ON c.school_id = s.id AND c.year = :y LEFT JOIN idx p ON p.school_id = s.id AND p.year = :y - 1
WHERE s.deleted_at IS NULL AND s.id IN {SHNOR_SHNSU}"""  # joins, not a correlated EXISTS: PostgreSQL cannot index a CTE
HAND_SQL = {  # code → per school: numerator, denominator (default choices of the catalogue)
    "2.1.1": SCHOOLS_WITH.format(group="(SELECT id FROM school)", has="""EXISTS (SELECT 1 FROM social_passport p
        WHERE p.school_id = s.id AND p.year = :y AND p.deleted_at IS NULL) AND (EXISTS (SELECT 1 FROM exam_result e
        WHERE e.school_id = s.id AND e.year = :y AND e.deleted_at IS NULL) OR EXISTS (SELECT 1 FROM vpr_result v
        WHERE v.school_id = s.id AND v.year = :y AND v.deleted_at IS NULL))"""),
    "2.1.2": DYNAMICS,
    "2.2": STAFF.format(has="""EXISTS (SELECT 1 FROM diagnostic d WHERE d.teacher_id = t.id AND d.deleted_at IS NULL
        AND d.taken_on BETWEEN :start AND :end)"""),
    "2.3.1": SCHOOLS_WITH.format(group=SHNOR_SHNSU, has="""EXISTS (SELECT 1 FROM participation p JOIN method_event m
        ON m.id = p.event_id WHERE p.school_id = s.id AND p.deleted_at IS NULL AND m.deleted_at IS NULL
        AND m.held_on BETWEEN :start AND :end)"""),
    "2.3.2": SCHOOLS_WITH.format(group=SHNOR_SHNSU, has="""EXISTS (SELECT 1 FROM partnership p WHERE p.school_id = s.id
        AND p.deleted_at IS NULL AND p.year_from <= :y AND (p.year_to IS NULL OR p.year_to >= :y))"""),
    "2.3.3": SCHOOLS_WITH.format(group=GROUP.format(statuses="'shnor'"), has="""EXISTS (SELECT 1 FROM support_action a
        WHERE a.school_id = s.id AND a.deleted_at IS NULL AND a.held_on BETWEEN :start AND :end)"""),
    "МП.2": STAFF.format(has="""EXISTS (SELECT 1 FROM enrollment e JOIN course c ON c.id = e.course_id
        WHERE e.teacher_id = t.id AND e.deleted_at IS NULL AND c.deleted_at IS NULL AND e.status = 'completed'
        AND COALESCE(e.completed_on, c.end_date) BETWEEN :start AND :end)"""),
    "МП.3": f"""SELECT school_id, SUM(certificates), SUM(graduates) FROM graduation WHERE year = :y
        AND deleted_at IS NULL AND {LIVE_SCHOOL} AND school_id IN {GROUP.format(statuses="'shnsu'")} GROUP BY 1""",
    "МП.4": DYNAMICS,
    "МП.5": f"""SELECT school_id, SUM(CASE WHEN filled_rates > rates THEN rates ELSE filled_rates END), SUM(rates) FROM staffing_slot WHERE year = :y
        AND deleted_at IS NULL AND {LIVE_SCHOOL} GROUP BY 1""",
}


def hand_sql(db) -> dict[tuple[str, str, int], tuple[float, float]]:
    """The per-school numerators and denominators by hand-written SQL: (school id, code, year) → (num, den)."""
    found = {}
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "sqlite":  # PostgreSQL has sqrt built in
            connection.connection.create_function("sqrt", 1, math.sqrt)
        for year in YEARS:
            bounds = {"y": year, "start": date(year, 1, 1).isoformat(), "end": date(year, 12, 31).isoformat()}
            for code, sql in HAND_SQL.items():
                for school_id, numerator, denominator in connection.execute(text(sql), bounds):
                    found[(school_id, code, year)] = (float(numerator or 0), float(denominator))
    return found


def timed(action, runs: int = 3):
    """The best of `runs`: wall-clock seconds and this process's CPU seconds (on a shared machine the CPU time is
    what the work itself costs), and the result."""
    best, cpu, result = math.inf, math.inf, None
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = action()
        best, cpu = min(best, time.perf_counter() - started), min(cpu, time.process_time() - started_cpu)
    return (best, cpu), result


def fill(db) -> None:
    """The region's rows, bulk-inserted; on PostgreSQL then analysed, as autovacuum does within a minute."""
    with db.session() as session:
        origin = initialize(session, "district", "Район для замера", program_year=YEARS[-1]).id
    started = time.perf_counter()
    with db.engine.begin() as connection:
        for model, rows in rows_for(origin, random.Random(1)).items():
            connection.execute(insert(model), rows)
    analyse(db.engine)
    print(f"данные ({db.engine.dialect.name}): {time.perf_counter() - started:.1f} с", file=sys.stderr)


def measure(db, engine: str) -> dict:
    """Each figure on one database, printed as soon as measured; returned for the table of both engines."""
    with db.session() as session:
        (table_seconds, table_cpu), table = timed(lambda: indicator_table(session, YEARS[-1]))
        print(f"[{engine}] indicator_table({YEARS[-1]}): {len(table)} показателей за {table_seconds:.3f} с "
              f"({SCHOOLS} школ, {SCHOOLS * TEACHERS_PER_SCHOOL} педагогов)", flush=True)
        ids = {code: sid for sid, code in session.execute(text("SELECT id, code FROM school"))}
        (service_seconds, service_cpu), values = timed(lambda: school_values(session, YEARS))
    (sql_seconds, sql_cpu), reference = timed(lambda: hand_sql(db))
    service = {(ids[v["school"]], v["code"], v["year"]): (v["numerator"], v["denominator"])
               for v in values if v["denominator"]}
    differ = [key for key in set(service) | set(reference) if service.get(key) != reference.get(key)]
    codes = len({v["code"] for v in values})
    print(f"[{engine}] school_values: {codes} показателей × {SCHOOLS} школ × {len(YEARS)} лет = {len(values)} "
          f"значений за {service_seconds:.3f} с, процессорного времени {service_cpu:.3f} с (цель ≤ 1 с)")
    by_cpu = (f"по процессорному времени {service_cpu / sql_cpu:.2f}" if db.engine.dialect.name == "sqlite"
              else "процессорное время не сравнить: работа сервера PostgreSQL в него не входит")
    print(f"[{engine}] тот же расчёт рукописным SQL: {sql_seconds:.3f} с, процессорного {sql_cpu:.3f} с; "
          f"сервис / SQL = {service_seconds / sql_seconds:.2f} ({by_cpu}); числителей и знаменателей сверено: "
          f"{len(reference)}, расхождений: {len(differ)}", flush=True)
    return {"indicator_table, с": f"{table_seconds:.3f}",
            "school_values, с": f"{service_seconds:.3f}",
            "рукописный SQL, с": f"{sql_seconds:.3f}",
            "сервис / SQL": f"×{service_seconds / sql_seconds:.2f}",
            "school_values, процессор клиента, с": f"{service_cpu:.3f}",
            "рукописный SQL, процессор клиента, с": f"{sql_cpu:.3f}",
            "сверено / расхождений": f"{len(reference)} / {len(differ)}"}


def print_columns(columns: dict[str, dict]) -> None:
    """The figures of each engine side by side."""
    print(f"\n{'':38}" + "".join(f"{engine:>14}" for engine in columns))
    for row in next(iter(columns.values())):
        print(f"{row:38}" + "".join(f"{figures[row]:>14}" for figures in columns.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(Path(tempfile.mkdtemp()) / "bench.db"))
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL cluster")
    args = parser.parse_args()
    db = open_database(args.db)
    fill(db)
    columns = {"SQLite": measure(db, "SQLite")}
    db.close()
    if args.postgres:
        with throwaway_cluster() as url:
            db = open_database(url)
            fill(db)
            columns["PostgreSQL"] = measure(db, "PostgreSQL")
            db.close()
    print_columns(columns)


if __name__ == "__main__":
    main()
