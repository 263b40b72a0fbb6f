"""The same models, migrations and services on PostgreSQL (a regional office outgrows one laptop).

A throwaway cluster is started on loopback for this module. Skipped where PostgreSQL is not installed,
unless KURATOR_REQUIRE_POSTGRES is set (CI installs it and sets it, so there the tests always run).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from app.db import open_database
from app.models import Base, SocialPassport
from app.services.ids import school_id

pytestmark = pytest.mark.postgres

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PORT = 55432


# root runs the server as «postgres»; runuser is in sbin, which a plain user's PATH (/usr/bin:/bin) leaves out
RUNUSER = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin") or "runuser"


def _as_postgres(*command: str) -> None:
    runner = [] if os.geteuid() != 0 else [RUNUSER, "-u", "postgres", "--"]
    subprocess.run([*runner, *command], check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def postgres_url():
    if not (PG_BIN / "initdb").exists() or shutil.which("psql") is None:
        if os.environ.get("KURATOR_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is required here but not installed")
        pytest.skip("PostgreSQL is not installed")
    pytest.importorskip("psycopg")
    folder = Path(tempfile.mkdtemp(prefix="kurator-pg-"))  # pytest's own tmp is closed to the postgres user
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8")
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"), "-o",
                 f"-p {PORT} -k {folder} -c listen_addresses=127.0.0.1", "start")
    try:
        _as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(PORT), "-U", "postgres", "kurator")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{PORT}/kurator"
    finally:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def pg_district(postgres_url):
    from app.services.demo import load_demo
    from app.services.setup import initialize

    database = open_database(postgres_url)
    with database.session() as session:
        initialize(session, "district", "Терский муниципальный район", program_year=2022)
        load_demo(session)
    yield database
    database.close()


def test_migrations_run_on_postgresql_without_drift(pg_district):
    with pg_district.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_postgresql_refuses_a_share_of_120_percent(pg_district):
    with pytest.raises(IntegrityError):
        with pg_district.session() as session:
            session.add(SocialPassport(school_id=school_id("0701001"), year=2030, share_low_income=120))


def test_indicators_and_roadmaps_compute_on_postgresql(pg_district):
    from app.services.indicators.catalogue import indicator_table
    from app.services.roadmaps import plans as roadmaps

    with pg_district.session() as session:
        table = {row["code"]: row for row in indicator_table(session, 2022)}
        assert table["2.1.1"]["actual"] is not None
        municipal = next(r for r in roadmaps.list_roadmaps(session) if r.level == "municipal")
        assert len(roadmaps.roadmap_detail(session, municipal.id)["events"]) == 18


def test_cyrillic_search_works_on_postgresql(pg_district):
    from app.services.records import get_entity, query_page

    with pg_district.session() as session:
        rows, total = query_page(session, get_entity("school"), "урожайное", {}, None, False)
    assert total == 1
