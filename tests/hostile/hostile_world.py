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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database, open_database
from app.models import Base, PacketLog
from hostile_files import MB

T = TypeVar("T")
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
    with opened(db_path) as database, database.engine.connect() as connection:
        return {t.name: sorted(map(repr, connection.execute(select(t)).all()))
                for t in Base.metadata.sorted_tables if t.name != "packet_log"}


def packet_log(db_path: Path) -> list[tuple[bool, str]]:
    return in_session(db_path, lambda session: [
        (line.accepted, line.reason) for line in session.scalars(select(PacketLog).order_by(PacketLog.logged_at))])


@contextmanager
def opened(db_path: Path | None = None) -> Iterator[Database]:
    """The database at `db_path` (the default one when None), closed afterwards."""
    database = open_database(str(db_path) if db_path else None)
    try:
        yield database
    finally:
        database.close()


def in_session(db_path: Path, work: Callable[[Session], T]) -> T:
    """`work(session)` in one session of the database at `db_path`, committed when it returns."""
    with opened(db_path) as database, database.session() as session:
        return work(session)
