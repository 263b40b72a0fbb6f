"""Exchange speed: one school's full packet (100 staff, five years of results) exported and imported; 50 school
packets into one district. Targets: ≤ 1 s each for the single packet, ≤ 20 s for the 50.

Run: `python bench/bench_exchange.py` from the repository root.
"""

import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.db import open_database  # noqa: E402
from app.models import Diagnostic, Teacher, TeacherPosition, TeacherSubject  # noqa: E402
from app.services.demo import load_demo  # noqa: E402
from app.services.exchange import import_packet, plan_export, write_export  # noqa: E402
from app.services.exchange.peers import trust  # noqa: E402
from app.services.exchange.signing import ensure_keys, public_key  # noqa: E402
from app.services.ids import school_id, stable_id  # noqa: E402
from app.services.setup import initialize  # noqa: E402

PASS = "bench-passphrase"
STAFF = 100
SCHOOLS = 50


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def add_staff(session, code: str, count: int) -> None:
    """Top the demo staff up to `count` teachers, each with a position, a subject and a diagnostic."""
    have = session.query(Teacher).filter(Teacher.school_id == school_id(code)).count()
    ids = [stable_id("bench", code, n) for n in range(have, count)]
    session.add_all(Teacher(id=i, school_id=school_id(code), last_name=f"Учитель{n}", first_name="Анна")
                    for n, i in enumerate(ids))
    session.flush()
    for teacher_id in ids:
        session.add(TeacherPosition(teacher_id=teacher_id, position="teacher", rate=1.0))
        session.add(TeacherSubject(teacher_id=teacher_id, subject="Математика"))
        session.add(Diagnostic(teacher_id=teacher_id, taken_on=date(2023, 3, 1), kind="subject", score_percent=61.0))


def make_school(blank: Path, folder: Path, code: str) -> tuple[Path, Path]:
    """A school database with demo data and 100 staff; returns its path and its public key file."""
    path = folder / f"s{code}.db"
    shutil.copy(blank, path)
    db = open_database(str(path))
    with db.session() as session:
        initialize(session, "school", f"Школа {code}", code, program_year=2023)
        ensure_keys(session, PASS)
    with db.session() as session:
        load_demo(session)
        add_staff(session, code, STAFF)
    with db.session() as session:
        pem = folder / f"s{code}.pem"
        pem.write_bytes(public_key(session))
    db.close()
    return path, pem


def export(path: Path, folder: Path) -> tuple[Path, int]:
    db = open_database(str(path))
    with db.session() as session:
        plan = plan_export(session, full=True)
        packet = write_export(session, plan, folder, "Иванова А.А.", "Заместитель директора по УВР", PASS)
    db.close()
    return packet, plan.total


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="kurator-bench-"))
    blank = folder / "blank.db"
    open_database(str(blank)).close()
    district_path = folder / "d.db"
    shutil.copy(blank, district_path)
    district = open_database(str(district_path))
    with district.session() as session:
        initialize(session, "district", "Терский муниципальный район", program_year=2023)

    codes = [f"07{n:05d}" for n in range(1, SCHOOLS + 1)]
    packets = []
    for index, code in enumerate(codes):
        school, pem = make_school(blank, folder, code)
        (packet, rows), seconds = timed(lambda: export(school, folder))
        packets.append(packet)
        with district.session() as session:
            trust(session, pem.read_bytes(), school_code=code)
        if index == 0:
            print(f"export, one school ({rows} records, {STAFF} staff, 5 years of results): {seconds:.2f} s")
            result, seconds = timed(lambda: import_packet(district, packet))
            print(f"import, one school into an empty district (created {result.created}): {seconds:.2f} s")
    _, seconds = timed(lambda: [import_packet(district, packet) for packet in packets[1:]])
    print(f"import, {SCHOOLS - 1} more school packets into the district: {seconds:.2f} s "
          f"({seconds / (SCHOOLS - 1):.2f} s each, backup before each included)")
    district.close()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
