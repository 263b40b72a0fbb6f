"""A year's data across the exchange: the district hands a newly registered school the records it kept for it, a
school's packet is received section by section, a return travels back with its comment, an accepted section of a
closed year is locked against later packets until the district opens it again."""

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import Workbook
from sqlalchemy import func, select

from app.cli import main
from app.db import open_database
from app.models import Installation, Peer, SocialPassport, Teacher, alive
from app.services import records
from app.services.exchange import keys
from app.services.exchange.packet import read_packet, write_packet
from app.services.exchange.signing import signing_key
from app.services.ids import school_id
from app.services.submissions.states import school_sections

PASS = "пароль-подписи-13"
URO = "0701001"
SIGNER = ["--signer", "Шогенова Л.А.", "--position", "Заместитель директора по УВР"]
METHODIST = ["--signer", "Шидукова Л.П.", "--position", "Директор ИМЦ"]


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


def workbook(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def query(db_path: Path, work):
    database = open_database(str(db_path))
    try:
        with database.session() as session:
            return work(session)
    finally:
        database.close()


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A district that kept Урожайное's staff and 2024 passport; the school has just installed Kurator and both
    sides have exchanged keys."""
    monkeypatch.setenv("KURATOR_PASSPHRASE", PASS)
    d, s = tmp_path / "d.db", tmp_path / "s.db"
    assert kurator("--db", d, "init", "--mode", "district", "--name", "Терский район", "--year", 2024) == 0
    assert kurator("--db", d, "import", "schools", workbook(tmp_path / "reg.xlsx", [
        ["Код школы", "Полное наименование"], [URO, "МКОУ СОШ с.п. Урожайное"]])) == 0
    assert kurator("--db", d, "import", "staff", workbook(tmp_path / "staff.xlsx", [
        ["Код ОО", "ФИО", "Должность"], [URO, "Иванова Анна Петровна", "Учитель"],
        [URO, "Петров Олег Ильич", "Педагог-психолог"]])) == 0
    assert kurator("--db", d, "import", "passports", workbook(tmp_path / "passport.xlsx", [
        ["Код школы", "Год", "Обучающихся всего"], [URO, 2024, 310]])) == 0
    assert kurator("--db", s, "init", "--mode", "school", "--school", URO, "--name", "МКОУ СОШ с.п. Урожайное",
                   "--year", 2024) == 0
    assert kurator("--db", s, "keys", "export", tmp_path / "s.pem") == 0
    assert kurator("--db", d, "keys", "export", tmp_path / "d.pem") == 0
    assert kurator("--db", s, "keys", "trust", tmp_path / "d.pem", "--district") == 0
    return tmp_path


def register_school(world: Path) -> None:
    assert kurator("--db", world / "d.db", "keys", "trust", world / "s.pem", "--school", URO) == 0


def district_packet(world: Path, name: str) -> Path:
    path = world / name
    assert kurator("--db", world / "d.db", "packet", "export", "--school", URO, "--out", path, *METHODIST) == 0
    return path


def school_packet(world: Path, name: str) -> Path:
    path = world / name
    assert kurator("--db", world / "s.db", "packet", "export", "--out", path, *SIGNER) == 0
    return path


def teachers(db_path: Path) -> set[str]:
    return set(query(db_path, lambda session: session.scalars(select(Teacher.last_name).where(alive(Teacher))).all()))


def test_a_newly_registered_school_receives_the_records_the_district_kept_and_keeps_them(world, capsys):
    register_school(world)
    district_id, teacher_id = query(world / "d.db", lambda session: (
        session.scalars(select(Installation.id)).one(),
        session.scalars(select(Teacher.id).where(Teacher.last_name == "Иванова")).one()))
    allowed, reason = query(world / "d.db", lambda session: records.editable(session, "teacher", teacher_id))
    assert not allowed and reason.startswith("Эту запись внёс район, но школа уже зарегистрировала ключ")
    first = district_packet(world, "d1.kpkt")
    capsys.readouterr()
    assert kurator("--db", world / "s.db", "packet", "import", first, "--json") == 0
    report = json.loads(capsys.readouterr().out)
    created = {t["table"]: t["create"] for t in report["by_table"]}
    assert (created["teacher"], created["teacher_position"], created["social_passport"]) == (2, 2, 1)
    assert teachers(world / "s.db") == {"Иванова", "Петров"}
    kept = query(world / "s.db", lambda session: (session.get(Teacher, teacher_id).origin,
                                                 records.editable(session, "teacher", teacher_id)))
    assert kept == (district_id, (True, "Запись внесена районом, пока школа не вела данные в Кураторе; теперь её "
                                        "ведёт школа."))
    assert kurator("--db", world / "d.db", "packet", "import", school_packet(world, "s1.kpkt")) == 0
    later = district_packet(world, "d2.kpkt")
    capsys.readouterr()
    assert kurator("--db", world / "s.db", "packet", "import", later, "--json") == 0
    assert all(t["table"] not in ("teacher", "social_passport") for t in json.loads(capsys.readouterr().out)["by_table"])


def test_a_handover_never_overwrites_what_the_school_already_keeps(world, capsys):
    school = open_database(str(world / "s.db"))
    with school.session() as session:
        session.add(SocialPassport(school_id=school_id(URO), year=2024, pupils_total=305))
    school.close()
    register_school(world)
    capsys.readouterr()
    assert kurator("--db", world / "s.db", "packet", "import", district_packet(world, "d1.kpkt"), "--json") == 0
    report = {t["table"]: t for t in json.loads(capsys.readouterr().out)["by_table"]}
    assert report["social_passport"]["held_back"] == 1
    assert report["social_passport"]["held_back_reasons"] == ["у школы уже есть своя такая запись: её версия сохраняется"]
    assert query(world / "s.db", lambda session: session.scalars(select(SocialPassport.pupils_total)).all()) == [305]


def test_before_its_key_is_registered_a_school_gets_no_handover(world, capsys):
    capsys.readouterr()
    assert kurator("--db", world / "s.db", "packet", "import", district_packet(world, "d0.kpkt"), "--json") == 0
    assert all(t["table"] != "teacher" for t in json.loads(capsys.readouterr().out)["by_table"])
    assert teachers(world / "s.db") == set()


def school_states(db_path: Path, year: int = 2024) -> dict[str, tuple]:
    return query(db_path, lambda session: {s.section: (s.state, s.comment, s.signed_off_by)
                                           for s in school_sections(session, school_id(URO), year)})


def test_a_packet_is_received_a_return_travels_back_and_an_accepted_closed_section_is_locked(world, capsys):
    register_school(world)
    assert kurator("--db", world / "s.db", "packet", "import", district_packet(world, "d1.kpkt")) == 0
    school = open_database(str(world / "s.db"))
    with school.session() as session:
        session.scalars(select(SocialPassport)).one().pupils_total = 312
    school.close()
    assert kurator("--db", world / "d.db", "packet", "import", school_packet(world, "s1.kpkt")) == 0
    states = school_states(world / "d.db")
    assert states["passport"] == ("received", None, "Шогенова Л.А., Заместитель директора по УВР")
    assert kurator("--db", world / "d.db", "submissions", "return", URO, "--section", "passport", "--year", 2024,
                   "--comment", "Проверьте численность обучающихся") == 0
    assert kurator("--db", world / "d.db", "submissions", "accept", URO, "--section", "staff", "--year", 2024) == 0
    assert kurator("--db", world / "s.db", "packet", "import", district_packet(world, "d2.kpkt")) == 0
    at_school = school_states(world / "s.db")
    assert at_school["passport"][:2] == ("returned", "Проверьте численность обучающихся")
    assert at_school["staff"][0] == "accepted"

    assert kurator("--db", world / "d.db", "year", "start", 2025) == 0  # closes 2024
    school = open_database(str(world / "s.db"))
    with school.session() as session:
        session.scalars(select(Teacher).where(Teacher.last_name == "Петров")).one().experience_years = 9
        session.scalars(select(SocialPassport)).one().pupils_total = 300
    school.close()
    capsys.readouterr()
    assert kurator("--db", world / "d.db", "packet", "import", school_packet(world, "s2.kpkt"), "--json") == 0
    report = {t["table"]: t for t in json.loads(capsys.readouterr().out)["by_table"]}
    assert report["teacher"]["held_back_reasons"] == [
        "раздел «Кадры» за 2024 год принят, а год закрыт: изменения не применяются, пока район не откроет раздел заново"]
    assert report["social_passport"]["update"] == 1  # the returned passport is corrected
    assert school_states(world / "d.db")["passport"][0] == "received"
    petrov = lambda session: session.scalars(select(Teacher.experience_years).where(Teacher.last_name == "Петров")).one()
    assert query(world / "d.db", petrov) is None
    assert kurator("--db", world / "d.db", "submissions", "reopen", URO, "--section", "staff", "--year", 2024) == 0
    assert kurator("--db", world / "d.db", "packet", "import", school_packet(world, "s3.kpkt")) == 0
    assert query(world / "d.db", petrov) == 9


def test_the_district_packet_says_it_hands_records_over(world):
    register_school(world)
    path = district_packet(world, "d1.kpkt")
    signed = read_packet(path, (world / "d.pem").read_bytes())  # the flag is part of the signed manifest
    assert signed.manifest["handover"] is True
    peer_sequence = query(world / "d.db", lambda session: session.scalars(select(Peer.handover_sequence)).one())
    assert peer_sequence == 1
    assert query(world / "d.db", lambda session: session.scalar(select(func.count()).select_from(Teacher))) == 2


def resigned_by_the_district(world: Path, packet: Path, name: str, **manifest_changes) -> Path:
    """The district's own packet with its manifest changed, signed again with the district's real key."""
    opened = read_packet(packet, (world / "d.pem").read_bytes())
    manifest = {k: v for k, v in opened.manifest.items() if k not in ("files", "packet_id", "format", "format_version")}
    manifest.update(manifest_changes)
    key = query(world / "d.db", lambda session: signing_key(session, PASS))
    write_packet(world / name, manifest, opened.tables, key, keys.public_pem_of(key))
    return world / name


def test_only_a_handover_brings_the_school_records_the_district_kept(world, capsys):
    register_school(world)
    plain = resigned_by_the_district(world, district_packet(world, "d1.kpkt"), "plain.kpkt", handover=False)
    capsys.readouterr()
    assert kurator("--db", world / "s.db", "packet", "import", plain) == 3
    assert capsys.readouterr().err == ("Ошибка: Пакет отклонён: он меняет записи, которые отправителю не принадлежат "
                                       "(«Социальные паспорта» — 1, «Педагоги» — 2, «Должности педагогов» — 2).\n")
    assert teachers(world / "s.db") == set()


def test_a_handover_from_a_key_the_school_does_not_trust_is_refused_before_its_data_is_read(world, capsys):
    register_school(world)
    opened = read_packet(district_packet(world, "d1.kpkt"), (world / "d.pem").read_bytes())
    manifest = {k: v for k, v in opened.manifest.items() if k not in ("files", "packet_id", "format", "format_version")}
    stranger = Ed25519PrivateKey.generate()
    write_packet(world / "forged.kpkt", manifest, opened.tables, stranger, keys.public_pem_of(stranger))
    capsys.readouterr()
    assert kurator("--db", world / "s.db", "packet", "import", world / "forged.kpkt") == 3
    assert capsys.readouterr().err == ("Ошибка: Подпись не совпадает с ключом, зарегистрированным для органа "
                                       "управления образованием «Орган управления образованием».\n")
    assert teachers(world / "s.db") == set()
