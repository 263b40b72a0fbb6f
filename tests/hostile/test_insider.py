"""The insider: a school whose key the district trusts, signing packets that lie about who sent them, to whom, and
which number they carry (issue 14, items 1, 3, 6 and 7). Identity comes from the key that verified the signature."""

import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from app.cli import main
from app.db import head_revision
from app.models import Peer, Practice
from app.services.exchange import keys, plan_export
from app.services.exchange.peers import trust
from app.services.exchange.rows import json_row
from app.services.setup import initialize
from hostile_files import Signer, manifest_for, signed_packet
from hostile_world import DISTRICT_NAME, SCHOOL, SCHOOL_NAME, dump, in_session, opened, packet_log

SCHOOL_INSTALLATION = "5c0f3d4e-0000-4000-8000-000000000001"
TO_DISTRICT = {"kind": "district", "school_code": None}


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


def school_packet(path, signer: Signer, *, sequence: int = 1, installation_id: str = SCHOOL_INSTALLATION,
                  recipient: dict = TO_DISTRICT, tables: dict | None = None):
    sender = {"installation_id": installation_id, "kind": "school", "school_code": SCHOOL, "name": SCHOOL_NAME}
    manifest = manifest_for(sender, recipient, [], sequence=sequence, schema_revision=head_revision())
    return signed_packet(path, manifest, tables or {}, signer)


def assert_refused_and_logged(district, packet, message: str, *argv) -> str:
    """Exit 3, the message on stderr and in the log, every table as it was; returns stderr."""
    before = dump(district)
    assert kurator("--db", district, "packet", "import", packet, *argv) == 3
    assert dump(district) == before
    accepted, reason = packet_log(district)[-1]
    assert not accepted and message in reason
    return reason


@pytest.fixture
def district_practice(district) -> dict:
    """A practice the district created (its origin is the district's installation), as a packet would carry it."""
    def add(session):
        practice = Practice(title="Наставничество в ШНОР", area="management", year=2022)
        session.add(practice)
        session.flush()
        row = session.execute(select(Practice.__table__).where(Practice.id == practice.id)).mappings().one()
        return json_row(dict(row))

    return in_session(district, add)


# --- item 1: ownership follows the key, never the manifest ---------------------------------------------------


def test_a_school_claiming_the_districts_installation_cannot_update_or_tombstone_its_practice(
        district, district_practice, installation_id, school_signer, tmp_path):
    forged = {**district_practice, "title": "Удалено школой", "deleted_at": "2026-01-01T00:00:00",
              "updated_at": "2026-01-01T00:00:00"}
    packet = school_packet(tmp_path / "p.kpkt", school_signer, installation_id=installation_id,
                           tables={"practice": [forged]})
    reason = assert_refused_and_logged(district, packet, "назван номер установки")
    assert "школы 0701001" in reason and f"«{DISTRICT_NAME}»" in reason


def test_the_first_packet_binds_the_key_to_its_installation_and_a_later_one_may_not_change_it(
        district, school_signer, tmp_path):
    assert kurator("--db", district, "packet", "import", school_packet(tmp_path / "1.kpkt", school_signer)) == 0
    other = str(uuid.uuid4())
    packet = school_packet(tmp_path / "2.kpkt", school_signer, sequence=2, installation_id=other)
    reason = assert_refused_and_logged(district, packet, "привязан к установке")
    assert SCHOOL_INSTALLATION in reason and other in reason


def test_a_school_claiming_another_schools_installation_is_refused_naming_that_school(district, school_signer,
                                                                                     tmp_path):
    taken = str(uuid.uuid4())
    with opened(district) as database, database.session() as session:
        peer = trust(session, keys.public_pem_of(Ed25519PrivateKey.generate()), school_code="0701002",
                     name="МКОУ СОШ № 2").peer
        peer.installation_id = taken
    packet = school_packet(tmp_path / "p.kpkt", school_signer, installation_id=taken)
    assert "школы 0701002 «МКОУ СОШ № 2»" in assert_refused_and_logged(district, packet, "назван номер установки")


# --- item 3: one key, one identity -----------------------------------------------------------------------------


def test_a_key_trusted_for_one_school_is_refused_for_another_naming_the_first(district, school_signer, tmp_path,
                                                                               capsys):
    pem = tmp_path / "school.pem"
    pem.write_bytes(school_signer.public_pem)
    before = dump(district)
    assert kurator("--db", district, "keys", "trust", pem, "--school", "0701002") == 3
    assert f"уже зарегистрирован для школы {SCHOOL} «{SCHOOL_NAME}»" in capsys.readouterr().err
    assert dump(district) == before


def test_a_pem_holding_two_keys_is_refused(district, school_signer, tmp_path, capsys):
    pem = tmp_path / "two.pem"
    pem.write_bytes(Signer.new().public_pem + school_signer.public_pem)
    before = dump(district)
    assert kurator("--db", district, "keys", "trust", pem, "--school", "0701002") == 2
    assert "несколько ключей" in capsys.readouterr().err
    assert dump(district) == before


def test_an_installation_cannot_trust_its_own_key_as_a_peers(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KURATOR_PASSPHRASE", "пароль-подписи-1")
    school = tmp_path / "school.db"
    assert kurator("--db", school, "init", "--mode", "school", "--school", SCHOOL, "--name", SCHOOL_NAME) == 0
    assert kurator("--db", school, "keys", "export", tmp_path / "own.pem") == 0
    assert kurator("--db", school, "keys", "trust", tmp_path / "own.pem", "--district") == 3
    assert "ключ самой этой установки" in capsys.readouterr().err


def test_a_key_an_older_database_let_in_twice_refuses_its_packets_naming_both(district, school_signer, tmp_path):
    with opened(district) as database, database.session() as session:
        first = session.scalars(select(Peer)).one()
        session.add(Peer(kind="school", school_code="0701002", name="МКОУ СОШ № 2",
                         public_key_pem=first.public_key_pem, fingerprint=first.fingerprint))
    reason = assert_refused_and_logged(district, school_packet(tmp_path / "p.kpkt", school_signer), "сразу для")
    assert "школы 0701001" in reason and "школы 0701002" in reason


# --- item 6: sequence numbers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("sequence", [2**63, 2**62, 2**31])
def test_an_out_of_range_sequence_is_refused_and_logged(district, school_signer, tmp_path, sequence):
    packet = school_packet(tmp_path / "p.kpkt", school_signer, sequence=sequence)
    assert_refused_and_logged(district, packet, "поле sequence: ожидается целое число от 1 до 2147483647")


def test_a_jump_past_the_stated_gap_needs_confirmation_and_never_locks_the_sender_out(district, school_signer,
                                                                                      tmp_path):
    jump = school_packet(tmp_path / "jump.kpkt", school_signer, sequence=1001 + 1)
    assert_refused_and_logged(district, jump, "--accept-sequence-gap")
    assert kurator("--db", district, "packet", "import", school_packet(tmp_path / "1.kpkt", school_signer)) == 0
    assert kurator("--db", district, "packet", "import", jump, "--accept-sequence-gap") == 0
    honest = school_packet(tmp_path / "next.kpkt", school_signer, sequence=1003)
    assert kurator("--db", district, "packet", "import", honest) == 0


# --- item 7: the recipient -------------------------------------------------------------------------------------


def test_a_packet_for_another_district_is_refused_saying_which_district_it_was_for(district, school_signer, tmp_path):
    recipient = {**TO_DISTRICT, "installation_id": str(uuid.uuid4()), "name": "Прохладненский район"}
    packet = school_packet(tmp_path / "p.kpkt", school_signer, recipient=recipient)
    assert_refused_and_logged(district, packet, "Пакет предназначен для «Прохладненский район»")


def test_a_school_addresses_its_packet_to_the_district_installation_it_has_heard_from(tmp_path):
    district_id = str(uuid.uuid4())
    with opened(tmp_path / "school.db") as database:
        with database.session() as session:
            initialize(session, "school", SCHOOL_NAME, SCHOOL, program_year=2022)
            peer = trust(session, Signer.new().public_pem, district=True, name=DISTRICT_NAME).peer
            peer.installation_id = district_id
        with database.session() as session:
            recipient = plan_export(session).recipient
    assert recipient == {"kind": "district", "school_code": None, "installation_id": district_id, "name": DISTRICT_NAME}
