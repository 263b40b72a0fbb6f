"""Alembic environment: runs on a connection the application hands over, or on KURATOR_DB for developers."""

from alembic import context
from sqlalchemy import create_engine

from app.config import locate_database
from app.models import Base
from app.search_text import modelled

config = context.config
target_metadata = Base.metadata


def run_on(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=modelled,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    engine = create_engine(locate_database().url)
    with engine.begin() as own_connection:
        run_on(own_connection)


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported: run against a database.")
run()
