"""The database: open it (SQLite by default, PostgreSQL by URL), migrate it on start after a backup.

Nothing here decides about the domain; it only makes a safe, current database available to the services.
"""

import ast
import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from app import audit, search_text
from app.config import DatabaseLocation, create_private_file, data_dir, locate_database, make_private_folder
from app.errors import KuratorError, StorageError
from app.paths import MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 15  # how long a change waits for another writer (a second window, `keys trust`) to finish
# What the user reads for a storage failure, by words of SQLite's or the system's message; the first match wins.
_STORAGE_REASONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("database is locked", "database table is locked"),
     "она занята другой программой или другим окном Куратора, и {seconds} с ожидания не хватило: дождитесь конца их "
     "работы или закройте их и повторите"),
    (("disk is full", "No space left"), "нет места на диске: освободите место и повторите"),
    (("readonly database", "read-only", "Read-only"), "файл или папка доступны только для чтения"),
    (("disk I/O error",), "ошибка чтения или записи диска"),
)
_STORAGE_ERRNOS = {errno.ENOSPC: "No space left", errno.EDQUOT: "No space left", errno.EROFS: "Read-only"}
search_text.install(audit.KuratorSession)


@dataclass
class Database:
    location: DatabaseLocation
    engine: Engine
    sessions: sessionmaker = field(init=False)
    backup_made: Path | None = None
    created: bool = False  # the file did not exist before it was opened

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, class_=audit.KuratorSession, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any error."""
        with self.sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        self.engine.dispose()

    def discard(self) -> None:
        """Close and remove a database this run created (a set-up that failed leaves nothing behind)."""
        self.close()
        if self.created:
            _remove_files(self.location)


def alembic_config(connection=None):
    from alembic.config import Config  # alembic (and mako, pygments) only when the schema is to change

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _script_directory():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _stated(script: Path) -> dict[str, object]:
    """The plain values a migration script assigns at its top level (revision, down_revision, …)."""
    stated: dict[str, object] = {}
    for node in ast.parse(script.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            targets = node.targets
        else:
            targets = [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name) and node.value is not None:
                try:
                    stated[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    stated[target.id] = None
    return stated


def _revision_graph() -> dict[str, tuple[str, ...]] | None:
    """revision → the revisions it follows, read from the scripts' text without loading alembic (opening a current
    database must not cost alembic's import); None when a script does not state them plainly (alembic reads them)."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        stated = _stated(script)
        revision, down = stated.get("revision"), stated.get("down_revision")
        if not isinstance(revision, str) or not (down is None or isinstance(down, (str, tuple))):
            return None
        graph[revision] = (down,) if isinstance(down, str) else tuple(down or ())
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph or ()) - {down for downs in (graph or {}).values() for down in downs}
    if graph and len(heads) == 1:
        return heads.pop()
    return _script_directory().get_current_head()  # and its refusal of several heads


def _contains_words(text: str | None, words: str) -> bool:
    folded = search_text.fold_case(text) or ""
    return all(word in folded for word in words.split())


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    # SQLite's own lower() folds ASCII only; searches in Russian need Unicode-aware functions (services.records).
    dbapi_connection.create_function("kurator_lower", 1, search_text.fold_case, deterministic=True)
    dbapi_connection.create_function("kurator_contains_words", 2, _contains_words, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    if not cursor.execute("PRAGMA query_only").fetchone()[0]:  # a read-only file keeps the journal it has
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_engine(location: DatabaseLocation) -> Engine:
    if not location.is_sqlite:
        return create_engine(location.url, pool_pre_ping=True)
    if location.read_only:
        uri = f"file:{quote(str(location.path))}?mode=ro"
        engine = create_engine(location.url, creator=lambda: _read_only_connection(uri))
    else:
        engine = create_engine(location.url)
    event.listen(engine, "connect", _set_sqlite_pragmas)
    event.listen(engine, "handle_error", lambda context: _raise_storage_error(context, location))
    return engine


def _read_only_connection(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    connection.execute("PRAGMA query_only=ON")
    return connection


def _raise_storage_error(context, location: DatabaseLocation) -> None:
    """Every statement's storage failure (busy past the wait, full disk, read-only file) as a StorageError."""
    problem = storage_error(context.original_exception, location)
    if problem is not None:
        raise problem from context.original_exception


def storage_error(error: BaseException, location: DatabaseLocation) -> KuratorError | None:
    """A failure of the disk or of the database file, in Russian and naming the file; None for anything else."""
    if _storage_reason(error) is None:
        return None
    return failure(f"Не удалось изменить базу данных «{location.display}»", error, "Ничего не изменено.")


def failure(what: str, error: BaseException, then: str = "") -> KuratorError:
    """«{what}: {the reason}. {then}» — a StorageError (exit 1) when the disk or the file is at fault (busy, full,
    read-only), else a KuratorError (exit 2)."""
    cause = error.__cause__ if isinstance(error, StorageError) and error.__cause__ else error
    reason = _storage_reason(cause)
    text = str(getattr(cause, "orig", cause))
    if reason is None and ("not a database" in text or "malformed" in text):
        text = "файл повреждён или не является базой данных"
    return (StorageError if reason else KuratorError)(f"{what}: {reason or text}." + (f" {then}" if then else ""))


def _storage_reason(error: BaseException) -> str | None:
    text = _STORAGE_ERRNOS.get(getattr(error, "errno", None)) or str(getattr(error, "orig", error))
    reason = next((reason for words, reason in _STORAGE_REASONS if any(word in text for word in words)), None)
    return reason.format(seconds=BUSY_TIMEOUT_SECONDS) if reason else None


def check_sqlite_file(path: Path) -> bool:
    """Refuse, before touching anything, a path that is not a usable SQLite database location; False for an existing
    file this user may only read (it is opened read-only: looking works, changing is refused naming the file)."""
    if path.exists():
        if not path.is_file():
            raise KuratorError(f"«{path}» — это не файл базы данных.")
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise KuratorError(f"Файл «{path}» не является базой данных Куратора (это не SQLite).")
        if not os.access(path, os.W_OK):
            return False
        folder_ok = os.access(path.parent, os.W_OK)
    else:
        if not path.parent.exists():
            try:
                make_private_folder(path.parent)
            except OSError as error:
                raise KuratorError(f"Не удалось создать папку «{path.parent}»: {error.strerror}.") from error
        folder_ok = os.access(path.parent, os.W_OK)
    if not folder_ok:
        raise KuratorError(f"Папка «{path.parent}» недоступна для записи: выберите другую папку или проверьте права.")
    return True


def restore_sqlite_into(source: Path, target: Path) -> None:
    """Overwrite a (possibly live, WAL-mode) database's content page by page with the online backup API."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy a live SQLite database with the online backup API (consistent even with a WAL), atomically and for this
    user alone: a copy that fails (a full disk) leaves nothing behind, not even its partial file."""
    make_private_folder(target.parent)
    partial = target.with_name(target.name + ".part")
    leftovers = (partial, partial.with_name(partial.name + "-journal"))
    try:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        create_private_file(partial)
        _backup_into(source, partial)
        os.replace(partial, target)
    except BaseException:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        raise


def _backup_into(source: Path, target: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def timestamped_backup_path(location: DatabaseLocation, reason: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    stem = location.path.stem if location.path else "kurator"
    return location.backups_dir / f"{stem}-{stamp}-{reason}.db"


def known_revisions() -> set[str]:
    graph = _revision_graph()
    if graph is not None:
        return set(graph)
    return {script.revision for script in _script_directory().walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (alembic's version table), None for a database without one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _refuse_unknown_schema(location: DatabaseLocation, revision: str | None, has_tables: bool) -> None:
    if revision is not None and revision not in known_revisions():
        raise KuratorError(
            f"База данных «{location.display}» создана более новой версией Куратора (схема {revision}). "
            "Обновите программу; файл не изменён."
        )
    if revision is None and has_tables:
        raise KuratorError(f"Файл «{location.display}» — база данных другой программы, а не Куратора; файл не изменён.")


def _check_revision(engine: Engine, location: DatabaseLocation) -> str | None:
    revision = current_revision(engine)
    _refuse_unknown_schema(location, revision, bool(inspect(engine).get_table_names()))
    return revision


def _preflight_sqlite(location: DatabaseLocation) -> None:
    """Look at an existing file read-only, so that a file we refuse is not touched (not even switched to WAL)."""
    path = location.path
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise failure(f"Не удалось открыть базу данных «{location.display}»", error) from error
    _refuse_unknown_schema(location, revision, bool(tables - {"alembic_version"}))


def migrate(database: Database) -> None:
    """Bring the schema to head; an existing SQLite file is first backed up, and restored if anything fails."""
    location = database.location
    revision = _check_revision(database.engine, location)
    if revision == head_revision():
        return
    if location.read_only:
        raise StorageError(f"Файл базы данных «{location.display}» доступен только для чтения, а его нужно обновить "
                           "для этой версии Куратора: разрешите запись в файл и откройте его снова. Файл не изменён.")
    existed = revision is not None
    if existed and location.path:
        database.backup_made = timestamped_backup_path(location, f"before-migrate-{revision}")
        copy_sqlite(location.path, database.backup_made)
    try:
        _upgrade(database.engine)
    except (DBAPIError, OSError, StorageError, MigrationBroke) as error:
        database.close()
        _undo_failed_migration(location, database.backup_made if existed else None)
        raise failure("Не удалось подготовить базу данных", error, "Файл не изменён.") from error


class MigrationBroke(KuratorError):
    """A migration left a record referring to a record that is not there."""


def _upgrade(engine) -> None:
    """Run the migrations to head in one transaction. On SQLite foreign keys are off while they run (a batch
    migration re-creates a table: dropping the old copy of a table that others refer to fails, or empties them) and
    every reference is checked before the transaction commits."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # outside a transaction, or SQLite ignores it
            connection.commit()
        try:
            with connection.begin():
                from alembic import command

                command.upgrade(alembic_config(connection), "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() if sqlite else []
                if broken:
                    tables = ", ".join(sorted({row[0] for row in broken}))
                    raise MigrationBroke(f"после обновления схемы записи таблиц {tables} ссылаются на отсутствующие "
                                         "записи")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def _undo_failed_migration(location: DatabaseLocation, backup: Path | None) -> None:
    if not location.path:
        return
    if backup is not None:
        restore_sqlite_into(backup, location.path)
        return
    _remove_files(location)


def _remove_files(location: DatabaseLocation) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{location.path}{suffix}").unlink(missing_ok=True)


def _create_private(path: Path) -> bool:
    """Make a new database file for this user alone (SQLite gives its -wal and -shm the same mode); True when made.
    Kurator's own data folder is also closed to others when an older version left it open."""
    if path.parent == data_dir():
        make_private_folder(path.parent, tighten=True)
    if path.exists():
        return False
    create_private_file(path)
    return True


def open_database(db: str | None = None, *, migrate_schema: bool = True) -> Database:
    """Open (creating and migrating if needed) the database named by --db, KURATOR_DB or the data folder."""
    location = locate_database(db)
    created = False
    if location.path:
        location = replace(location, read_only=not check_sqlite_file(location.path))
        _preflight_sqlite(location)
        created = not location.read_only and _create_private(location.path)
    database = Database(location, make_engine(location), created=created)
    try:
        if migrate_schema:
            migrate(database)
        else:
            _check_revision(database.engine, location)
    except StorageError:
        database.close()
        raise
    except DBAPIError as error:
        database.close()
        raise failure(f"Не удалось открыть базу данных «{location.display}»", error) from error
    return database
