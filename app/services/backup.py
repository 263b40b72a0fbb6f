"""Backups of the whole database with SQLite's online backup API (never a raw copy of a live WAL file)."""

import re
import sqlite3
from datetime import date
from pathlib import Path

from app.db import (
    SQLITE_HEADER,
    Database,
    copy_sqlite,
    failure,
    known_revisions,
    restore_sqlite_into,
    timestamped_backup_path,
)
from app.errors import KuratorError

PACKET_REASON = "before-packet"
PACKET_BACKUPS_KEPT = 3  # days: the copies before the first packet of each of the last three days with packets


def _require_sqlite(database: Database) -> Path:
    if not database.location.path:
        raise KuratorError("Резервная копия из программы делается только для файла SQLite; для PostgreSQL используйте pg_dump.")
    return database.location.path


def backup(database: Database, target: Path) -> Path:
    """Write a consistent copy of the open database to `target` (atomically)."""
    source = _require_sqlite(database)
    target = Path(target).expanduser().resolve()
    if target == source:
        raise KuratorError("Копию нельзя записать поверх самой базы данных.")
    try:
        copy_sqlite(source, target)
    except (OSError, sqlite3.Error) as error:
        raise failure(f"Не удалось записать копию в «{target}»", error, "Копия не сохранена.") from error
    return target


def inspect_backup(path: Path) -> str:
    """The schema revision of a backup file; refuses anything that is not a Kurator database we can read."""
    path = Path(path)
    if not path.is_file():
        raise KuratorError(f"Файл «{path}» не найден.")
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise KuratorError(f"Файл «{path}» не является резервной копией Куратора.")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"alembic_version", "installation"} <= tables:
                raise KuratorError(f"Файл «{path}» — база данных, но не Куратора.")
            (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone() or (None,)
            connection.execute("PRAGMA quick_check").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise KuratorError(f"Файл «{path}» повреждён: {error}.") from error
    return revision


def restore(database: Database, source: Path) -> Path:
    """Replace the open database's content by a backup; the current state is itself backed up first."""
    target = _require_sqlite(database)
    revision = inspect_backup(source)
    if revision not in known_revisions():
        raise KuratorError("Копия сделана более новой версией Куратора: обновите программу, чтобы восстановить её.")
    safety = backup(database, timestamped_backup_path(database.location, "before-restore"))
    database.close()
    try:
        restore_sqlite_into(Path(source), target)
    except sqlite3.Error as error:
        raise failure("Не удалось восстановить базу", error, f"Прежнее состояние сохранено в «{safety}».") from error
    return safety


def packet_backup(database: Database) -> Path | None:
    """The copy that packets are undone with: made before the first packet of a day, the last PACKET_BACKUPS_KEPT kept
    (older ones deleted). Later packets of the day copy nothing: each is applied in one transaction, so a refused one
    changes nothing, and an accepted one is undone by the day's copy. PostgreSQL: the server's own backups cover it."""
    if not database.location.path:
        return None
    today = f"{database.location.path.stem}-{date.today():%Y%m%d}-"
    if any(copy.name.startswith(today) for copy in _packet_backups(database)):
        return None
    made = backup(database, timestamped_backup_path(database.location, PACKET_REASON))
    for old in _packet_backups(database)[:-PACKET_BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return made


def _packet_backups(database: Database) -> list[Path]:
    """This database's copies before packets, oldest first (their names begin with the time they were made)."""
    folder, stem = database.location.backups_dir, database.location.path.stem
    if not folder.is_dir():
        return []
    name = re.compile(re.escape(stem) + r"-\d{8}-\d{6}-\d{6}-" + PACKET_REASON + r"\.db")
    return sorted(path for path in folder.glob(f"*-{PACKET_REASON}.db") if name.fullmatch(path.name))
