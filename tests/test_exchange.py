"""Signed exchange school ⇄ district: the shell flow, every refusal leaves the database as it was, replays are no-ops."""

import json
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.cli import main
from app.db import open_database
from app.errors import KuratorError
from app.models import Base, PacketLog, Peer, Proposal, Teacher, VprReference
from app.services.exchange import (
    REPLAY_REASON,
    import_packet,
    inspect_import,
    keys,
    plan_export,
    write_export,
)
from app.services.exchange import packet as packet_format
from app.services.exchange.signing import signing_key
from app.services.ids import school_id

PASS = "пароль-подписи-1"
SCHOOL = "0701001"
SIGNER = ["--signer", "Иванова А.А.", "--position", "Заместитель директора по УВР"]


def kurator(*argv: str) -> int:
    return main([str(a) for a in argv])


@pytest.fixture(scope="module")
def flow(tmp_path_factory):
    """The shell flow of the issue: a demo school signs two packets; the district trusts it and applies the second."""
    folder = tmp_path_factory.mktemp("flow")
    patch = pytest.MonkeyPatch()
    patch.setenv("KURATOR_PASSPHRASE", PASS)
    patch.setenv("KURATOR_DATA_DIR", str(folder / "data"))
    s, d = folder / "s.db", folder / "d.db"
    assert kurator("--db", s, "init", "--mode", "school", "--school", SCHOOL, "--name", "МКОУ СОШ с.п. Урожайное") == 0
    assert kurator("--db", s, "demo") == 0
    assert kurator("--db", s, "keys", "export", folder / "s.pem") == 0
    assert kurator("--db", s, "packet", "export", "--out", folder / "p1.kpkt", *SIGNER) == 0
    assert kurator("--db", s, "packet", "export", "--out", folder / "p2.kpkt", *SIGNER) == 0
    assert kurator("--db", d, "init", "--mode", "district", "--name", "Терский муниципальный район") == 0
    assert kurator("--db", d, "keys", "trust", folder / "s.pem", "--school", SCHOOL, "--name", "МКОУ СОШ с.п. Урожайное") == 0
    yield folder
    patch.undo()


@pytest.fixture
def env(flow, monkeypatch):
    monkeypatch.setenv("KURATOR_PASSPHRASE", PASS)
    monkeypatch.setenv("KURATOR_DATA_DIR", str(flow / "data"))
    return flow


@pytest.fixture
def accepted(env):
    """The district with packet 2 applied (packet 1 is then older)."""
    if kurator("--db", env / "d.db", "packet", "verify", env / "p2.kpkt") == 0 and not _applied(env / "d.db"):
        assert kurator("--db", env / "d.db", "packet", "import", env / "p2.kpkt") == 0
    return env


def _applied(db_path: Path) -> bool:
    db = open_database(str(db_path))
    try:
        with db.session() as session:
            return bool(session.scalar(select(func.count()).select_from(PacketLog).where(PacketLog.accepted.is_(True))))
    finally:
        db.close()


def dump(db_path: Path) -> dict[str, list]:
    """Every table's rows, sorted, except the packet log."""
    db = open_database(str(db_path))
    try:
        return dump_engine(db.engine)
    finally:
        db.close()


def dump_engine(engine) -> dict[str, list]:
    with engine.connect() as connection:
        return {t.name: sorted(map(repr, connection.execute(select(t)).all()))
                for t in Base.metadata.sorted_tables if t.name != "packet_log"}


def last_log(db_path: Path) -> PacketLog:
    db = open_database(str(db_path))
    try:
        with db.session() as session:
            return session.scalars(select(PacketLog).order_by(PacketLog.logged_at.desc())).first()
    finally:
        db.close()


def craft(env: Path, name: str, change_tables=None, **manifest_changes) -> Path:
    """A packet signed by the school's own key whose tables or manifest were changed before signing."""
    opened = packet_format.read_packet(env / "p2.kpkt", (env / "s.pem").read_bytes())
    tables = {t: [dict(r) for r in rows] for t, rows in opened.tables.items()}
    if change_tables:
        change_tables(tables)
    manifest = {k: v for k, v in opened.manifest.items() if k not in ("files", "packet_id", "format", "format_version")}
    manifest["sequence"] = 10
    manifest.update(manifest_changes)
    db = open_database(str(env / "s.db"))
    try:
        with db.session() as session:
            key = signing_key(session, PASS)
            public = keys.public_pem_of(key)
    finally:
        db.close()
    packet_format.write_packet(env / name, manifest, tables, key, public)
    return env / name


def assert_refusal_changes_nothing(env: Path, packet: Path, exit_code: int, reason: str) -> None:
    before = dump(env / "d.db")
    assert kurator("--db", env / "d.db", "packet", "import", packet) == exit_code
    assert dump(env / "d.db") == before
    log = last_log(env / "d.db")
    assert not log.accepted and reason in log.reason


def test_shell_flow_verifies_and_imports_the_school_packet(accepted, capsys):
    capsys.readouterr()
    assert kurator("--db", accepted / "d.db", "packet", "verify", accepted / "p2.kpkt", "--json") == 0
    db = open_database(str(accepted / "d.db"))
    with db.session() as session:
        teachers = session.scalar(select(func.count()).select_from(Teacher).where(Teacher.school_id == school_id(SCHOOL)))
        peer = session.scalars(select(Peer)).one()
    db.close()
    assert teachers == 28 and peer.last_sequence == 2


def test_verify_json_has_the_contract_keys(env, capsys):
    capsys.readouterr()
    kurator("--db", env / "d.db", "packet", "verify", env / "p2.kpkt", "--json")
    out = capsys.readouterr().out
    report = json.loads(out)
    assert {"valid", "sender", "packet_id", "sequence", "reason"} <= set(report) and report["valid"] is True


def test_same_packet_again_is_a_no_op_with_exit_0(accepted, capsys):
    before = dump(accepted / "d.db")
    capsys.readouterr()
    assert kurator("--db", accepted / "d.db", "packet", "import", accepted / "p2.kpkt", "--json") == 0
    assert f'"reason": "{REPLAY_REASON}"' in capsys.readouterr().out
    assert dump(accepted / "d.db") == before


def test_older_packet_is_refused_with_exit_3(accepted):
    assert_refusal_changes_nothing(accepted, accepted / "p1.kpkt", 3, "не новее")


def test_tampered_data_file_is_refused(accepted, tmp_path):
    source, target = accepted / "p2.kpkt", tmp_path / "tampered.kpkt"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "data/teacher.jsonl":
                data = data.replace("Урожайное".encode(), "Урожайнее".encode(), 1).replace(b'"experience_years":', b'"experience_years":1', 1)
            zout.writestr(info, data)
    assert_refusal_changes_nothing(accepted, target, 3, "не совпадает")


def test_packet_whose_manifest_names_another_school_than_its_key_is_refused_naming_both(accepted):
    packet = craft(accepted, "stranger.kpkt", sender={**packet_format.read_head(accepted / "p2.kpkt").manifest["sender"],
                                                       "school_code": "0799999"})
    assert_refusal_changes_nothing(accepted, packet, 3, "подписан ключом, зарегистрированным для школы 0701001")
    assert "отправитель — школа 0799999" in last_log(accepted / "d.db").reason


def test_right_school_code_with_another_key_is_refused(accepted, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    assert kurator("--db", other, "init", "--mode", "school", "--school", SCHOOL, "--name", "Подделка") == 0
    assert kurator("--db", other, "packet", "export", "--out", tmp_path / "forged.kpkt", *SIGNER) == 0
    assert_refusal_changes_nothing(accepted, tmp_path / "forged.kpkt", 3, "Подпись не совпадает")


def test_packet_for_another_recipient_is_refused(accepted):
    packet = craft(accepted, "misrouted.kpkt", recipient={"kind": "school", "school_code": "0701002"})
    assert_refusal_changes_nothing(accepted, packet, 3, "предназначен")


def test_schema_revision_mismatch_is_refused(accepted):
    packet = craft(accepted, "schema.kpkt", schema_revision="9999")
    assert_refusal_changes_nothing(accepted, packet, 3, "схемы данных")


def _add_course(tables):
    tables["course"] = [{"id": "00000000-0000-4000-8000-000000000001", "title": "Курс", "kind": "kpk", "provider": "ИРО",
                         "hours": 36, "format": "distance", "topic": None, "subject": None, "start_date": None,
                         "end_date": None, "for_leaders": False, "accepted_from": None, "created_at": "2026-01-01T00:00:00",
                         "updated_at": "2026-01-01T00:00:00", "origin": "x", "deleted_at": None, "is_demo": False}]


def _move_teacher_to_another_school(tables):
    tables["teacher"][0]["school_id"] = school_id("0701002")


@pytest.mark.parametrize("change", [_add_course, _move_teacher_to_another_school])
def test_school_packet_with_records_it_does_not_own_is_refused(accepted, change, capsys):
    packet = craft(accepted, f"{change.__name__}.kpkt", change)
    capsys.readouterr()
    assert_refusal_changes_nothing(accepted, packet, 3, "не принадлежат")


@pytest.mark.parametrize("field, value, reason", [
    ("rate", 7.5, "rate_range"), ("position", 12, "ожидается строка"), ("id", "not-a-uuid", "UUID"),
    ("surprise", 1, "неизвестный столбец"),
])
def test_records_breaking_the_model_refuse_the_whole_packet(accepted, field, value, reason):
    packet = craft(accepted, f"bad_{field}.kpkt", lambda t: t["teacher_position"][0].__setitem__(field, value))
    assert_refusal_changes_nothing(accepted, packet, 3, reason)


def test_dry_run_shows_changes_and_writes_nothing(env, tmp_path):
    copy = tmp_path / "fresh.db"
    shutil.copy(env / "d.db", copy)
    for suffix in ("-wal", "-shm"):
        if Path(f"{env / 'd.db'}{suffix}").exists():
            shutil.copy(f"{env / 'd.db'}{suffix}", f"{copy}{suffix}")
    db = open_database(str(copy))
    with db.session() as session:
        session.query(PacketLog).delete()
        session.query(Peer).update({"last_sequence": 0})
    before = dump(copy)
    result = import_packet(db, env / "p2.kpkt", dry_run=True)
    db.close()
    assert result.dry_run and not result.applied and result.plan.unchanged > 0
    assert dump(copy) == before


def test_conflicting_local_proposal_is_listed_and_kept(env, tmp_path):
    s = open_database(str(env / "s.db"))
    with s.session() as session:
        plan = plan_export(session)
        teacher = plan.tables["teacher"][0]
        teacher["last_name"] = "Новая"
    d = open_database(str(env / "d.db"))
    with d.session() as session:
        session.add(Proposal(table_name="teacher", record_id=teacher["id"], changes={"phone": ["", "1"]}))
    with s.session() as session:
        path = write_export(session, plan, tmp_path, "Иванова А.А.", "Заместитель директора", PASS)
    with d.session() as session:
        inspected = inspect_import(session, path)
    assert [c.record_id for c in inspected.conflicts] == [teacher["id"]]
    s.close(), d.close()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl binary")
def test_exported_packet_verifies_with_openssl(env, tmp_path):
    with zipfile.ZipFile(env / "p2.kpkt") as archive:
        archive.extract("manifest.json", tmp_path)
        archive.extract("manifest.sig", tmp_path)
    command = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(env / "s.pem"), "-rawin",
               "-in", "manifest.json", "-sigfile", "manifest.sig"]
    assert subprocess.run(command, cwd=tmp_path, capture_output=True).returncode == 0


def test_district_answer_travels_back_to_the_school_and_acknowledges_its_packet(accepted):
    env = accepted
    d, s = env / "d.db", env / "s.db"
    assert kurator("--db", d, "keys", "export", env / "d.pem") == 0
    assert kurator("--db", d, "packet", "export", "--out", env / "d.kpkt", "--school", SCHOOL, *SIGNER) == 0
    assert kurator("--db", s, "keys", "trust", env / "d.pem", "--district", "--name", "Управление образования") == 0
    assert kurator("--db", s, "packet", "import", env / "d.kpkt") == 0
    assert last_log(s).accepted
    assert kurator("--db", s, "packet", "import", env / "d.kpkt") == 0  # a replay
    school = open_database(str(s))
    with school.session() as session:
        assert plan_export(session).total == 0  # the district acknowledged packet 2: nothing changed since
        session.scalars(select(Teacher)).first().phone = "+7 866 000-00-00"
    with school.session() as session:
        plan = plan_export(session)
        assert not plan.full and plan.counts() == {"teacher": 1}
        assert plan_export(session, full=True).total > 400
    school.close()


def test_the_districts_vpr_figures_of_the_region_travel_to_the_school(accepted):
    env, d = accepted, accepted / "d.db"
    district = open_database(str(d))
    with district.session() as session:
        session.add(VprReference(year=2022, grade=5, subject="Математика", level="region", share_2=8.1, share_4_5=46.2))
        session.commit()
    district.close()
    assert kurator("--db", d, "keys", "export", env / "d.pem") == 0
    assert kurator("--db", d, "packet", "export", "--out", env / "vpr.kpkt", "--school", SCHOOL, *SIGNER) == 0
    opened = packet_format.read_packet(env / "vpr.kpkt", (env / "d.pem").read_bytes())
    assert [(row["level"], row["share_2"], row["share_4_5"]) for row in opened.tables["vpr_reference"]] == [
        ("region", 8.1, 46.2)]


def test_a_district_packet_for_another_school_is_refused_at_the_school(env, tmp_path):
    d = env / "d.db"
    assert kurator("--db", d, "keys", "trust", fresh_key_file(tmp_path / "k.pem"), "--school", "0701002") == 0
    assert kurator("--db", d, "packet", "export", "--out", tmp_path / "x.kpkt", "--school", "0701002", *SIGNER) == 0
    assert kurator("--db", env / "d.db", "keys", "export", env / "d.pem") == 0
    kurator("--db", env / "s.db", "keys", "trust", env / "d.pem", "--district")
    before = dump(env / "s.db")
    assert kurator("--db", env / "s.db", "packet", "import", tmp_path / "x.kpkt") == 3
    assert dump(env / "s.db") == before


def test_wrong_passphrase_is_bad_input_and_no_passphrase_without_terminal_too(env, tmp_path, monkeypatch):
    monkeypatch.setenv("KURATOR_PASSPHRASE", "совсем-не-тот")
    assert kurator("--db", env / "s.db", "packet", "export", "--out", tmp_path / "x.kpkt", *SIGNER) == 2
    monkeypatch.delenv("KURATOR_PASSPHRASE")
    assert kurator("--db", env / "s.db", "packet", "export", "--out", tmp_path / "x.kpkt", *SIGNER) == 2
    assert not (tmp_path / "x.kpkt").exists()


def test_retrusting_another_key_needs_replace(env, tmp_path):
    other = tmp_path / "o.db"
    assert kurator("--db", other, "init", "--mode", "school", "--school", "0701003", "--name", "Школа") == 0
    assert kurator("--db", other, "keys", "export", tmp_path / "o.pem") == 0
    d = env / "d.db"
    assert kurator("--db", d, "keys", "trust", tmp_path / "o.pem", "--school", "0701004") == 0
    new_key = fresh_key_file(tmp_path / "new.pem")
    assert kurator("--db", d, "keys", "trust", new_key, "--school", "0701004") == 3
    assert kurator("--db", d, "keys", "trust", new_key, "--school", "0701004", "--replace") == 0


def fresh_key_file(path: Path) -> Path:
    """A public key no installation holds (one key is bound to one identity, so each school needs its own)."""
    path.write_bytes(keys.public_pem_of(Ed25519PrivateKey.generate()))
    return path


def test_not_a_packet_is_bad_input(env, tmp_path):
    junk = tmp_path / "junk.kpkt"
    junk.write_bytes(b"hello")
    assert kurator("--db", env / "d.db", "packet", "verify", junk) == 2


@pytest.fixture
def district(accepted):
    db = open_database(str(accepted / "d.db"))
    yield db
    db.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corrupted_packets_never_crash_and_never_write(accepted, district, data):
    raw = bytearray((accepted / "p2.kpkt").read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    path = accepted / "mutated.kpkt"
    path.write_bytes(bytes(raw))
    before = dump_engine(district.engine)
    try:
        result = import_packet(district, path)
        assert not result.applied  # only a replay of the applied packet can survive the changes
    except KuratorError:
        pass
    assert dump_engine(district.engine) == before


def packet_copies(folder: Path, stem: str = "d") -> list[str]:
    return sorted(p.name for p in (folder / "backups").glob(f"{stem}-*-before-packet.db"))


def test_a_packet_refused_by_the_database_changes_nothing_and_copies_nothing(accepted):
    copies = packet_copies(accepted)
    packet = craft(accepted, "bad_rate_again.kpkt", lambda t: t["teacher_position"][0].__setitem__("rate", 9.0))
    assert_refusal_changes_nothing(accepted, packet, 3, "rate_range")
    assert packet_copies(accepted) == copies and len(copies) == 1  # the day's copy, made before the first packet


def test_the_first_packet_of_a_day_is_preceded_by_a_copy_and_only_the_last_three_days_are_kept(env, tmp_path):
    district = tmp_path / "d.db"
    assert kurator("--db", district, "init", "--mode", "district", "--name", "Терский муниципальный район") == 0
    assert kurator("--db", district, "keys", "trust", env / "s.pem", "--school", SCHOOL, "--name", "СОШ") == 0
    (tmp_path / "backups").mkdir(exist_ok=True)
    old = [f"d-202611{day:02d}-090000-000000-before-packet.db" for day in (20, 21, 22, 23, 24)]
    for name in [*old, "d-20261101-090000-000000-before-migrate-0004.db", "other-20261120-090000-000000-before-packet.db"]:
        (tmp_path / "backups" / name).write_bytes(b"old copy")
    assert kurator("--db", district, "packet", "import", env / "p2.kpkt") == 0
    today = f"d-{date.today():%Y%m%d}-"
    copies = packet_copies(tmp_path)
    assert copies[:2] == old[-2:] and len(copies) == 3 and copies[2].startswith(today)
    assert (tmp_path / "backups" / "d-20261101-090000-000000-before-migrate-0004.db").exists()
    assert packet_copies(tmp_path, "other") == ["other-20261120-090000-000000-before-packet.db"]
