"""Shared fixtures: every test gets its own data folder and database; Qt runs offscreen."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app.db import open_database  # noqa: E402
from app.services.exchange import keys  # noqa: E402
from app.services.setup import initialize  # noqa: E402

# 600,000 PBKDF2 rounds cost 0.3 s per key wrapped or unlocked, and the tests make hundreds: they use few rounds
# (set once for the whole run, module-scoped fixtures included; a test of the cost itself raises it again).
keys.KDF_ITERATIONS = 1_000


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KURATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KURATOR_DB", raising=False)
    return tmp_path / "data"


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "kurator.db"


@pytest.fixture
def empty_db(db_path):
    database = open_database(str(db_path))
    yield database
    database.close()


@pytest.fixture
def district_db(empty_db):
    with empty_db.session() as session:
        initialize(session, "district", "Терский муниципальный район", program_year=2022)
    return empty_db


@pytest.fixture
def school_db(empty_db):
    with empty_db.session() as session:
        initialize(session, "school", "МКОУ СОШ с.п. Урожайное", "0701001", program_year=2022)
    return empty_db
