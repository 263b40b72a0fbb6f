"""Where the data lives: the database URL (--db, KURATOR_DB, or the user data folder) and folders beside it."""

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Kurator"
DB_FILE_NAME = "kurator.db"
# The data, its backups and the encrypted signing key are this user's alone. On Windows the data folder lies in the
# user's own %LOCALAPPDATA%, which other users cannot read; POSIX modes are set below.
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir() -> Path:
    """The user data folder (KURATOR_DATA_DIR overrides it, e.g. for a portable install or tests)."""
    override = os.environ.get("KURATOR_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def make_private_folder(path: Path, *, tighten: bool = False) -> Path:
    """Create the folder `path` for this user alone (its missing parents as usual); `tighten` also takes group and
    other access away from an existing one (only for folders that are Kurator's own)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)
    elif not (tighten and _open_to_others_and_ours(path)):
        return path
    if os.name == "posix":
        os.chmod(path, PRIVATE_FOLDER_MODE)
    return path


def _open_to_others_and_ours(path: Path) -> bool:
    status = path.stat()
    return os.name == "posix" and bool(status.st_mode & 0o077) and status.st_uid == os.geteuid()


def create_private_file(path: Path) -> None:
    """Create `path` empty, readable and writable by this user alone; an existing file is an error."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))


@dataclass(frozen=True)
class DatabaseLocation:
    """A database URL and, for a SQLite file, its path; the folders for backups and attached files. `read_only`: the
    file may only be read, so it is opened that way and every change is refused."""

    url: str
    path: Path | None
    read_only: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def home(self) -> Path:
        return self.path.parent if self.path else data_dir()

    @property
    def backups_dir(self) -> Path:
        return self.home / "backups"

    @property
    def files_dir(self) -> Path:
        stem = self.path.stem if self.path else "kurator"
        return self.home / f"{stem}-files"

    @property
    def display(self) -> str:
        return str(self.path) if self.path else self.url.split("@")[-1]


def locate_database(db: str | None = None) -> DatabaseLocation:
    """--db PATH or URL, else KURATOR_DB, else kurator.db in the user data folder."""
    value = db or os.environ.get("KURATOR_DB") or str(data_dir() / DB_FILE_NAME)
    if "://" in value:
        path = Path(value.split(":///", 1)[1]) if value.startswith("sqlite:///") else None
        return DatabaseLocation(url=value, path=path)
    path = Path(value).expanduser().resolve()
    return DatabaseLocation(url=f"sqlite:///{path}", path=path)
