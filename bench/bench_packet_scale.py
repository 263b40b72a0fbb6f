"""A packet's import cost at region scale: one school's packet (100 staff, five years of results) into an empty
district and into a generated 2,000-school / 40,000-staff district, in the same run. Target: ≤ 2× the empty district.

The first packet of a day is preceded by the day's copy of the database (app.services.backup.packet_backup); later
packets of the day copy nothing. Both are timed, and beside them the full copy each import made before (reference).

With --postgres the same packets go into an empty and into a generated district database of a throwaway PostgreSQL
cluster (tests/pg_cluster.py); no copy is made there (the server's own backups cover PostgreSQL), which the output says.
Later packets are timed one by one, as their median and as their fastest (--packets in a row, 5 unless given): one
import in two or three carries a full collection of Python's garbage collector (~100 ms on this machine, in the empty
district as in the large one), which is most of the spread between packets.

Run: `python bench/bench_packet_scale.py [--schools 2000] [--staff 40000] [--packets 5] [--postgres]` from the
repository root.
"""

import argparse
import shutil
import statistics
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
from tests.pg_cluster import analyse, second_database, throwaway_cluster  # noqa: E402

CODE = "0799001"


def district(location: str, pem: Path, schools: int, staff: int):
    """A district database at `location` (a copy of the blank file, or an empty PostgreSQL database), `schools`
    generated schools in it (analysed on PostgreSQL, as autovacuum does within a minute), the school's key trusted."""
    database = open_database(location)
    with database.session() as session:
        initialize(session, "district", "Учебный регион", program_year=2023)
    if schools:
        with database.session() as session:
            generate_region(session, schools, staff)
        analyse(database.engine)
    with database.session() as session:
        trust(session, pem.read_bytes(), school_code=CODE)
    return database


def imports(empty, large, packets: list[Path]) -> tuple[list[float], list[float]]:
    """Seconds of each packet's import into each district, interleaved (each packet into the empty district, then
    into the large one: a shared machine's load falls on both alike)."""
    into_empty, into_large = [], []
    for packet in packets:
        into_empty.append(timed(lambda: import_packet(empty, packet))[1])
        into_large.append(timed(lambda: import_packet(large, packet))[1])
    return into_empty, into_large


def compare(engine: str, empty, large, packets: list[Path], scale: str) -> None:
    """The packets into both districts; the first of the day apart (on SQLite it includes the day's copy), the later
    ones one by one and as their median."""
    (small_first, *small_next), (large_first, *large_next) = imports(empty, large, packets)
    copy = ("with the day's copy" if large.location.path
            else "no copy: app.services.backup.packet_backup makes none on PostgreSQL, the server's backups cover it")
    print(f"[{engine}] district of {scale}")
    print(f"[{engine}] first packet of the day ({copy}): {large_first * 1000:.0f} ms "
          f"vs empty district {small_first * 1000:.0f} ms — ×{large_first / small_first:.1f}")
    for number, (big, small) in enumerate(zip(large_next, small_next), start=2):
        print(f"[{engine}] packet {number} of the day: {big * 1000:.0f} ms vs empty district {small * 1000:.0f} ms "
              f"— ×{big / small:.2f}")
    big, small = statistics.median(large_next), statistics.median(small_next)
    print(f"[{engine}] packets 2–{len(packets)} of the day, median: {big * 1000:.0f} ms vs empty district "
          f"{small * 1000:.0f} ms — ×{big / small:.2f} (target ≤ ×2)")
    big, small = min(large_next), min(small_next)
    print(f"[{engine}] packets 2–{len(packets)} of the day, fastest (the floor on a shared machine): {big * 1000:.0f} ms "
          f"vs empty district {small * 1000:.0f} ms — ×{big / small:.2f}", flush=True)


def on_sqlite(folder: Path, blank: Path, pem: Path, packets: list[Path], schools: int, staff: int) -> None:
    for name in ("empty", "large"):
        shutil.copy(blank, folder / f"{name}.db")
    empty = district(str(folder / "empty.db"), pem, 0, 0)
    large = district(str(folder / "large.db"), pem, schools, staff)
    size = (folder / "large.db").stat().st_size / 2**20
    compare("SQLite", empty, large, packets, f"{schools} schools / {staff} staff: {size:.0f} MB")
    _, copy = timed(lambda: backup(large, timestamped_backup_path(large.location, "bench")))
    print(f"[SQLite] reference: the full copy every packet made before: {copy * 1000:.0f} ms and {size:.0f} MB each, "
          "never pruned")
    print(f"[SQLite] packet copies kept: {len(list((folder / 'backups').glob('large-*-before-packet.db')))}")
    empty.close()
    large.close()


def on_postgres(pem: Path, packets: list[Path], schools: int, staff: int) -> None:
    with throwaway_cluster() as first:
        empty = district(second_database(first, "empty"), pem, 0, 0)
        large = district(second_database(first, "large"), pem, schools, staff)
        with large.engine.connect() as connection:
            size = connection.exec_driver_sql("SELECT pg_size_pretty(pg_database_size(current_database()))").scalar()
        compare("PostgreSQL", empty, large, packets, f"{schools} schools / {staff} staff: {size}")
        empty.close()
        large.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schools", type=int, default=2000)
    parser.add_argument("--staff", type=int, default=40000)
    parser.add_argument("--packets", type=int, default=5, help="packets imported in a row (the later ones' median)")
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL cluster")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kurator-bench-"))
    blank = folder / "blank.db"
    open_database(str(blank)).close()
    school, pem = make_school(blank, folder, CODE)
    packets = [export(school, folder)[0] for _ in range(max(args.packets, 2))]
    on_sqlite(folder, blank, pem, packets, args.schools, args.staff)
    if args.postgres:
        on_postgres(pem, packets, args.schools, args.staff)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
