"""Where the data lives: the database URL (--db, KURATOR_DB, or the user data folder) and folders beside it."""

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "Kurator"
DB_FILE_NAME = "kurator.db"


def data_dir() -> Path:
    """The user data folder (KURATOR_DATA_DIR overrides it, e.g. for a portable install or tests)."""
    override = os.environ.get("KURATOR_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


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
