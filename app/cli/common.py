"""What most commands share: opening the database named by --db."""

import argparse

from app.db import Database, open_database


def database(args: argparse.Namespace) -> Database:
    """Open and migrate the database of --db / KURATOR_DB / the data folder."""
    return open_database(getattr(args, "db", None))
