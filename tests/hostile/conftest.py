"""The hostile suite's fixtures: real keys, and a district that trusts one school (see hostile_world)."""

import shutil
from pathlib import Path

import pytest

from app.services.exchange.peers import trust
from app.services.installation import require_installation
from app.services.setup import initialize
from hostile_files import Signer
from hostile_world import DISTRICT_NAME, SCHOOL, SCHOOL_NAME, in_session, opened


@pytest.fixture(scope="session")
def school_signer() -> Signer:
    return Signer.new()


@pytest.fixture(scope="session")
def stranger() -> Signer:
    return Signer.new()


@pytest.fixture(scope="session")
def district_template(tmp_path_factory, school_signer) -> Path:
    """A district database that trusts the school's key (made once, copied per test)."""
    path = tmp_path_factory.mktemp("templates") / "district.db"
    with opened(path) as database, database.session() as session:
        initialize(session, "district", DISTRICT_NAME, program_year=2022)
        trust(session, school_signer.public_pem, school_code=SCHOOL, name=SCHOOL_NAME)
    return path


@pytest.fixture
def district(tmp_path, district_template) -> Path:
    path = tmp_path / "district.db"
    shutil.copy(district_template, path)
    return path


@pytest.fixture
def installation_id(district) -> str:
    """The district installation's own id."""
    return in_session(district, lambda session: require_installation(session).id)
