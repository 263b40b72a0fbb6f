"""`kurator keys`: the key made at init, shown as groups to read aloud, protected by the signer's passphrase."""

import json

import pytest

from app.cli import main
from app.db import open_database
from app.errors import KuratorError
from app.services.exchange import keys, signing
from app.services.setup import initialize


def test_init_with_passphrase_makes_the_key_and_show_prints_its_fingerprint(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KURATOR_PASSPHRASE", "пароль-подписи-1")
    db = tmp_path / "s.db"
    assert main(["--db", str(db), "init", "--mode", "school", "--school", "0701001", "--name", "Школа"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db), "keys", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    groups = shown["own"]["fingerprint"].split()
    assert len(groups) == 8 and all(len(group) == 4 for group in groups)
    assert main(["--db", str(db), "keys", "export", str(tmp_path / "s.pem")]) == 0
    assert keys.fingerprint((tmp_path / "s.pem").read_bytes()) == shown["own"]["fingerprint"]


def test_changed_passphrase_keeps_the_key_and_refuses_the_old_one(tmp_path):
    database = open_database(str(tmp_path / "d.db"))
    with database.session() as session:
        initialize(session, "district", "Район")
        signing.ensure_keys(session, "старая-фраза-1")
        before = signing.fingerprint_of_installation(session)
        signing.change_passphrase(session, "старая-фраза-1", "новая-фраза-22")
        assert signing.fingerprint_of_installation(session) == before
        signing.signing_key(session, "новая-фраза-22")
        with pytest.raises(KuratorError, match="Неверная парольная фраза"):
            signing.signing_key(session, "старая-фраза-1")
    database.close()


def test_trust_refuses_a_file_that_is_not_a_public_key(tmp_path, monkeypatch):
    monkeypatch.setenv("KURATOR_PASSPHRASE", "пароль-подписи-1")
    db = str(tmp_path / "d.db")
    assert main(["--db", db, "init", "--mode", "district", "--name", "Район"]) == 0
    (tmp_path / "x.pem").write_text("not a key")
    assert main(["--db", db, "keys", "trust", str(tmp_path / "x.pem"), "--school", "0701001"]) == 2
    assert main(["--db", db, "keys", "trust", str(tmp_path / "x.pem"), "--district"]) == 2
