"""A packet's import cost at region scale: one school's packet (100 staff, five years of results) into an empty
district and into a generated 2,000-school / 40,000-staff district, in the same run. Target: ≤ 2× the empty district.

The first packet of a day is preceded by the day's copy of the database (app.services.backup.packet_backup); later
packets of the day copy nothing. Both are timed, and beside them the full copy each import made before (reference).

Run: `python bench/bench_packet_scale.py [--schools 2000] [--staff 40000]` from the repository root.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_exchange import export, make_school, timed  # noqa: E402

from app.db import open_database, timestamped_backup_path  # noqa: E402
from app.services.backup import backup  # noqa: E402
from app.services.demo.generator import generate_region  # noqa: E402
from app.services.exchange import import_packet  # noqa: E402
from app.services.exchange.peers import trust  # noqa: E402
from app.services.setup import initialize  # noqa: E402

CODE = "0799001"


def district(blank: Path, path: Path, pem: Path, schools: int, staff: int):
    shutil.copy(blank, path)
    database = open_database(str(path))
    with database.session() as session:
        initialize(session, "district", "Учебный регион", program_year=2023)
    if schools:
        with database.session() as session:
            generate_region(session, schools, staff)
    with database.session() as session:
        trust(session, pem.read_bytes(), school_code=CODE)
    return database


def imports(database, packets: list[Path]) -> list[float]:
    return [timed(lambda: import_packet(database, packet))[1] for packet in packets]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("--staff", type=int, default=40000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kurator-bench-"))
    blank = folder / "blank.db"
    open_database(str(blank)).close()
    school, pem = make_school(blank, folder, CODE)
    packets = [export(school, folder)[0] for _ in range(3)]
    empty = district(blank, folder / "empty.db", pem, 0, 0)
    large = district(blank, folder / "large.db", pem, args.schools, args.staff)
    small_first, *small_next = imports(empty, packets)
    large_first, *large_next = imports(large, packets)
    _, copy = timed(lambda: backup(large, timestamped_backup_path(large.location, "bench")))
    size = (folder / "large.db").stat().st_size / 2**20
    print(f"district of {args.schools} schools / {args.staff} staff: {size:.0f} MB")
    print(f"first packet of the day (with the day's copy): {large_first * 1000:.0f} ms "
          f"vs empty district {small_first * 1000:.0f} ms — ×{large_first / small_first:.1f}")
    for number, (big, small) in enumerate(zip(large_next, small_next), start=2):
        print(f"packet {number} of the day: {big * 1000:.0f} ms vs empty district {small * 1000:.0f} ms "
              f"— ×{big / small:.2f} (target ≤ ×2)")
    print(f"reference: the full copy every packet made before: {copy * 1000:.0f} ms and {size:.0f} MB each, never pruned")
    print(f"packet copies kept: {len(list((folder / 'backups').glob('large-*-before-packet.db')))}")
    empty.close()
    large.close()
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
