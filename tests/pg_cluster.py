"""A throwaway PostgreSQL cluster on loopback, for the PostgreSQL tests and the benchmarks' PostgreSQL column."""

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")

# root runs the server as «postgres»; runuser is in sbin, which a plain user's PATH (/usr/bin:/bin) leaves out
RUNUSER = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin") or "runuser"


def _as_postgres(*command: str) -> None:
    runner = [] if os.geteuid() != 0 else [RUNUSER, "-u", "postgres", "--"]
    subprocess.run([*runner, *command], check=True, capture_output=True, timeout=120)


def postgres_installed() -> bool:
    return (PG_BIN / "initdb").exists() and shutil.which("psql") is not None


@contextmanager
def throwaway_cluster(port: int | None = None) -> Iterator[str]:
    """Start a cluster with one empty database «kurator» (on a free loopback port unless given: tests and benchmarks
    may run side by side); yields its SQLAlchemy URL; stops and removes it after."""
    port = port or _free_port()
    folder = Path(tempfile.mkdtemp(prefix="kurator-pg-"))  # pytest's own tmp is closed to the postgres user
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8")
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
                 f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start")
    try:
        _as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "kurator")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/kurator"
    finally:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def second_database(url: str, name: str) -> str:
    """Create another empty database in the cluster of `url`; its URL."""
    port = url.rsplit(":", 1)[1].split("/")[0]
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-c", f'CREATE DATABASE "{name}"'],
                   check=True, capture_output=True, timeout=120)
    return f"{url.rsplit('/', 1)[0]}/{name}"


def analyse(engine) -> None:
    """VACUUM ANALYZE a freshly loaded PostgreSQL database, as autovacuum does within a minute (a region in use has
    its statistics); nothing on SQLite."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
