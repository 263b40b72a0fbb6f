"""Loading a region's staff from Excel: 40,000 teachers of 2,000 schools with `kurator import staff`, the first time
(every teacher created) and again (every one unchanged), each with its time and peak memory beside openpyxl's
read-only iteration over the same file measured in the same run. Budget (issue 13): ≤ 20 s and ≤ 500 MB.

Each measurement runs in a fresh Python process, so its peak resident memory (ru_maxrss) is its own.

Run: `.venv/bin/python bench/bench_imports.py` from the repository root.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHOOLS, STAFF = 2_000, 40_000
POSITIONS = ("Учитель", "Учитель начальных классов", "Заместитель директора по УВР, учитель", "Педагог-психолог")
SUBJECTS = ("Математика", "Русский язык, литература", "История; обществознание", "Физика", "Начальные классы")
CATEGORIES = ("высшая", "первая", "СЗД", "без категории")

MEASURE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
{body}
print(json.dumps({{"seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, **result}}))
"""
OPENPYXL = """
import openpyxl
workbook = openpyxl.load_workbook({path!r}, read_only=True, data_only=True)
rows = sum(1 for _ in workbook.active.iter_rows(values_only=True))
workbook.close()
result = {{"rows": rows}}
"""
IMPORT = """
from app.db import open_database
from app.services.imports.running import import_file
database = open_database({db!r})
with database.session() as session:
    summary = import_file(session, "staff", {path!r})
database.close()
result = {{"created": summary.created, "updated": summary.updated, "unchanged": summary.unchanged}}
"""


def measure(body: str) -> dict:
    script = MEASURE.format(root=str(ROOT), body=body)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare(folder: Path) -> tuple[Path, Path]:
    sys.path.insert(0, str(ROOT))
    from openpyxl import Workbook

    from sqlalchemy import insert

    from app.db import open_database
    from app.models import School
    from app.services.ids import school_id
    from app.services.setup import initialize

    db = folder / "region.db"
    database = open_database(str(db))
    codes = [f"{1000000 + number:07d}" for number in range(SCHOOLS)]
    with database.session() as session:
        initialize(session, "district", "Учебный регион", program_year=2024)
        session.execute(insert(School), [{"id": school_id(code), "origin": "bench", "code": code,
                                          "name": f"МКОУ СОШ № {code}", "kind": "СОШ", "locality": "rural"}
                                         for code in codes])
    database.close()
    path = folder / "staff.xlsx"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Педагоги")
    sheet.append(["Сведения о педагогических работниках на 01.09.2024"])
    sheet.append(["Код ОО", "Ф.И.О.", "Дата рождения", "Должность", "Предмет(ы)", "Ставка", "Стаж", "Категория"])
    for number in range(STAFF):
        sheet.append([codes[number % len(codes)], f"Педагогова{number} Анна Ивановна", f"0{1 + number % 9}.03.19{70 + number % 30}",
                      POSITIONS[number % 4], SUBJECTS[number % 5], "1" if number % 4 != 2 else "0,5; 1",
                      number % 40, CATEGORIES[number % 4]])
    workbook.save(path)
    return db, path


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, path = prepare(folder)
        reference = measure(OPENPYXL.format(path=str(path)))
        first = measure(IMPORT.format(db=str(db), path=str(path)))
        again = measure(IMPORT.format(db=str(db), path=str(path)))
    print(f"openpyxl read-only iteration of {reference['rows']} rows: {reference['seconds']:.1f} s, "
          f"{reference['peak_mb']:.0f} MB")
    for label, run in (("first import", first), ("same file again", again)):
        print(f"kurator import staff, {label}: {run['seconds']:.1f} s, {run['peak_mb']:.0f} MB "
              f"(created {run['created']}, updated {run['updated']}, unchanged {run['unchanged']}); "
              f"{run['seconds'] / reference['seconds']:.1f}× the reference time")


if __name__ == "__main__":
    main()
