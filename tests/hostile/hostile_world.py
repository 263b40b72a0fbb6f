"""The hostile suite's helpers: the command line run in a child process under a memory limit, and the two ways a
refusal is shown to have changed nothing.

«Changed nothing» means: for a command that logs nothing (`packet verify`, a document import) the database file is
byte-identical (hashed after every connection is closed, so the WAL is checkpointed); for `packet import`, which must
log its refusal, every table except the packet log dumps identically and the log gained one refused line.
"""

import hashlib
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.db import open_database
from app.models import Base, PacketLog
from hostile_files import MB

ROOT = Path(__file__).resolve().parents[2]
SCHOOL = "0701001"
SCHOOL_NAME = "МКОУ СОШ с.п. Урожайное"
DISTRICT_NAME = "Терский муниципальный район"
MEMORY_CEILING_MB = 300  # peak RSS of a whole `kurator` process, whatever the file
ADDRESS_SPACE_MB = 1024  # the child's RLIMIT_AS: the command line needs ~430 MB of address space to start


@dataclass(frozen=True)
class Run:
    """A finished `kurator` child process."""

    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def kurator_process(*argv, limit_mb: int = ADDRESS_SPACE_MB, preexec: Callable[[], None] | None = None) -> Run:
    """Run `python -m app ARGV` in a child under an address-space limit (and whatever `preexec` sets up in the child);
    its own peak RSS from wait4."""
    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * MB, limit_mb * MB))
        if preexec is not None:
            preexec()

    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "app", *map(str, argv)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit_memory)
    stdout, stderr = child.stdout.read(), child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    return Run(os.waitstatus_to_exitcode(status), stdout.decode(), stderr.decode(), seconds, usage.ru_maxrss / 1024)


def file_digest(db_path: Path) -> str:
    """SHA-256 of the database file; the caller has closed every connection (no WAL left beside it)."""
    assert not Path(f"{db_path}-wal").exists() or Path(f"{db_path}-wal").stat().st_size == 0
    return hashlib.sha256(Path(db_path).read_bytes()).hexdigest()


def dump(db_path: Path) -> dict[str, list]:
    """Every table's rows, sorted, except the packet log."""
    database = open_database(str(db_path))
    try:
        with database.engine.connect() as connection:
            return {t.name: sorted(map(repr, connection.execute(select(t)).all()))
                    for t in Base.metadata.sorted_tables if t.name != "packet_log"}
    finally:
        database.close()


def packet_log(db_path: Path) -> list[tuple[bool, str]]:
    database = open_database(str(db_path))
    try:
        with database.session() as session:
            lines = session.scalars(select(PacketLog).order_by(PacketLog.logged_at))
            return [(line.accepted, line.reason) for line in lines]
    finally:
        database.close()
