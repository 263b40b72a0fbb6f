"""Speed of the demo load and of reading a large Excel file, each beside its reference measured in the same run.

- `kurator demo` (the Терский district, ~9,500 records) against writing the same number of bare rows with one Core
  insert per table: the floor of putting that many records into SQLite.
- reading 20,000 rows of the «ЕГЭ» template with `read_workbook` (checks, conversion, errors by cell) against
  openpyxl's own read-only iteration over the same file: the floor of getting the cells out.

Run: `.venv/bin/python bench/bench_files.py` from the repository root.
"""

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from app.db import open_database  # noqa: E402
from app.models import School, new_id  # noqa: E402
from app.services.demo import load_demo  # noqa: E402
from app.services.excel import read_workbook, write_template  # noqa: E402
from app.services.setup import initialize  # noqa: E402
from tests.test_excel_io import EGE  # noqa: E402 — the template the unit tests read

ROWS = 20_000


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def bench_demo(folder: Path) -> None:
    database = open_database(str(folder / "demo.db"))
    with database.session() as session:
        initialize(session, "district", "Терский муниципальный район", program_year=2022)
    with database.session() as session:
        elapsed, summary = timed(lambda: load_demo(session))
    database.close()
    floor = open_database(str(folder / "floor.db"))
    with floor.session() as session:
        initialize(session, "district", "Район", program_year=2022)
    rows = [{"id": new_id(), "origin": "bench", "code": f"B{i:05d}", "name": f"Школа № {i}", "kind": "СОШ",
             "locality": "rural"} for i in range(summary["total_created"])]
    with floor.engine.begin() as connection:
        reference, _ = timed(lambda: connection.execute(insert(School), rows))
    floor.close()
    print(f"demo load: {elapsed:.2f} s for {summary['total_created']} records; bare insert of as many rows "
          f"{reference:.2f} s; ratio {elapsed / reference:.1f}×")


def bench_excel(folder: Path) -> None:
    path = folder / "big.xlsx"
    row = {"school_code": "S1", "subject": "Физика", "participants": 10, "mean_score": 45.5, "below_min": 1,
           "exam_date": date(2024, 6, 1), "passed_share": 90, "has_medalists": True}
    write_template(path, EGE, {"ege": [row] * ROWS})
    elapsed, result = timed(lambda: read_workbook(path, EGE))
    assert result.ok and len(result.rows_by_sheet["ege"]) == ROWS

    def iterate() -> int:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        count = sum(1 for _ in workbook["ЕГЭ"].iter_rows(values_only=True))
        workbook.close()
        return count

    reference, _ = timed(iterate)
    print(f"read {ROWS} Excel rows: {elapsed:.2f} s; openpyxl read-only iteration {reference:.2f} s; "
          f"ratio {elapsed / reference:.1f}×")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        bench_demo(Path(folder))
        bench_excel(Path(folder))
