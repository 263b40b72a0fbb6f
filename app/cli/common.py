"""What most commands share: opening the database named by --db, the signing passphrase."""

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from app.db import Database, open_database
from app.errors import KuratorError


def database(args: argparse.Namespace) -> Database:
    """Open and migrate the database of --db / KURATOR_DB / the data folder."""
    return open_database(getattr(args, "db", None))


@contextmanager
def session_for(args: argparse.Namespace) -> Iterator[Session]:
    """One session on the command's database, committed on success; the database is closed afterwards."""
    db = database(args)
    try:
        with db.session() as session:
            yield session
    finally:
        db.close()


PASSPHRASE_ENV = "KURATOR_PASSPHRASE"


def passphrase_from_env_or_prompt(prompt: str = "Парольная фраза подписывающего: ") -> str:
    """KURATOR_PASSPHRASE when set (scripts), else asked on the terminal; with neither, a clear refusal (exit 2)."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    raise KuratorError(f"Нужна парольная фраза подписывающего: запустите команду в терминале "
                       f"или задайте переменную окружения {PASSPHRASE_ENV}.")
