"""Permissions and the key (issue 14, item 9): the database, its WAL, backups, attachments and the data folder are
this user's alone; the signing key is wrapped with 600,000 PBKDF2 rounds and older keys are re-wrapped when next
unlocked; a failed `init` leaves nothing behind."""

import importlib.util
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from app.cli import main
from app.errors import KuratorError
from app.models import Installation, RoadmapEvent
from app.services.exchange import keys, pkcs8, signing
from app.services.file_store import stored_path
from app.services.roadmaps.evidence import attach_evidence
from app.services.setup import initialize
from hostile_files import roadmap_docx
from hostile_world import opened

PASS = "пароль-подписи-1"
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The usual umask 022, under which files are made readable by everyone unless asked otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_data_folder_database_wal_backups_and_attachments_are_the_users_alone(isolated_data_dir, tmp_path,
                                                                                   open_umask, monkeypatch):
    monkeypatch.setenv("KURATOR_PASSPHRASE", PASS)
    assert kurator("init", "--mode", "school", "--school", "0701001", "--name", "Школа") == 0
    with opened() as database, database.session() as session:  # a write: the WAL and its index exist while we look
        session.get(Installation, session.query(Installation.id).scalar()).program_year = 2023
        db_file = database.location.path
        wal, shm = Path(f"{db_file}-wal"), Path(f"{db_file}-shm")
        assert (mode(isolated_data_dir), mode(db_file), mode(wal), mode(shm)) == (0o700, 0o600, 0o600, 0o600)
    assert kurator("backup", "--out", isolated_data_dir / "backups" / "copy.db") == 0
    assert mode(isolated_data_dir / "backups") == 0o700 and mode(isolated_data_dir / "backups" / "copy.db") == 0o600
    assert kurator("backup", "--out", tmp_path / "stick" / "copy.db") == 0
    assert mode(tmp_path / "stick" / "copy.db") == 0o600


def test_an_older_data_folder_open_to_everyone_is_closed_when_opened(isolated_data_dir, open_umask):
    isolated_data_dir.mkdir(mode=0o755)
    os.chmod(isolated_data_dir, 0o755)
    with opened():
        pass
    assert mode(isolated_data_dir) == 0o700


def test_attachments_are_kept_in_a_folder_of_the_users_own(district, tmp_path, open_umask):
    assert kurator("--db", district, "roadmap", "import", roadmap_docx(tmp_path / "r.docx", 1), "--year", "2022") == 0
    order = tmp_path / "приказ.pdf"
    order.write_bytes(b"%PDF-1.4 the order")
    with opened(district) as database, database.session() as session:
        files = database.location.files_dir
        evidence = attach_evidence(session, files, session.scalars(select(RoadmapEvent.id)).one(), None, order)
        stored = stored_path(files, evidence)
    assert mode(files) == 0o700 and mode(stored) == 0o600


def test_a_new_key_is_wrapped_with_at_least_600000_pbkdf2_rounds():
    spec = importlib.util.find_spec(keys.__name__)
    shipped = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shipped)  # the module as the program ships it (tests/conftest.py lowers the cost)
    assert shipped.KDF_ITERATIONS >= 600_000
    pair = shipped.generate_keypair(PASS)
    assert pkcs8.pbkdf2_iterations(pair.private_pem) == shipped.KDF_ITERATIONS
    assert pair.private_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")  # still PKCS#8, openssl reads it


def test_an_older_weaker_key_is_rewrapped_at_the_next_successful_unlock(empty_db, monkeypatch):
    monkeypatch.setattr(keys, "KDF_ITERATIONS", 4096)  # above the 2,048 rounds older versions used
    with empty_db.session() as session:
        installation = initialize(session, "school", "Школа", "0701001")
        private_key = serialization.load_pem_private_key(keys.generate_keypair(PASS).private_pem, PASS.encode())
        old = private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.BestAvailableEncryption(PASS.encode()))
        installation.private_key_pem = old.decode()
        installation.public_key_pem = keys.public_pem_of(private_key).decode()
    assert pkcs8.pbkdf2_iterations(old) == 2048
    with empty_db.session() as session, pytest.raises(KuratorError, match="Неверная парольная фраза"):
        signing.signing_key(session, "не та фраза")
    with empty_db.session() as session:
        assert session.query(Installation).one().private_key_pem == old.decode()  # nothing re-wrapped on failure
        unlocked = signing.signing_key(session, PASS)
    with empty_db.session() as session:
        rewrapped = session.query(Installation).one().private_key_pem.encode()
    assert pkcs8.pbkdf2_iterations(rewrapped) == 4096
    assert keys.public_pem_of(keys.load_private_key(rewrapped, PASS)) == keys.public_pem_of(unlocked)


def test_init_with_a_too_short_passphrase_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KURATOR_PASSPHRASE", "short")
    target = tmp_path / "new" / "kurator.db"
    assert kurator("--db", target, "init", "--mode", "district", "--name", "Район") == 2
    assert "слишком короткая" in capsys.readouterr().err
    assert not target.parent.exists()


def test_an_init_that_fails_after_creating_the_database_removes_it(tmp_path):
    target = tmp_path / "kurator.db"
    assert kurator("--db", target, "init", "--mode", "school", "--school", "плохой код!", "--name", "Школа") == 2
    assert list(tmp_path.iterdir()) == []
