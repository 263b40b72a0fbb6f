"""What most commands share: opening the database named by --db."""

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from app.db import Database, open_database


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
