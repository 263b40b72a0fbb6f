"""Files travel with their records: the demo school answers a recommendation with a protocol and attaches the same
protocol and a photo to events of its roadmap; its packet carries each file once, and the district can open them
from the answer and the events. A packet whose file differs from its signed hash, that carries a
file it does not list, whose file record names a path, or whose district summary is about another school or signed
by a key not registered for the district, is refused (exit 3) and changes nothing."""

import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, update

from app.models import AnswerFile, Evidence, Recommendation, Roadmap, RoadmapEvent, alive
from app.services.exchange import export
from app.services.file_store import content_path
from app.services.ids import school_id
from app.services.roadmaps.evidence import attach_evidence
from app.services.school.answers import answer_files, save_answer
from demo_pair import CODE, DISTRICT_SIGNER, PASS, SCHOOL_SIGNER, demo_pair, kurator
from hostile_world import dump, in_session, opened, packet_log

PROTOCOL = b"%PDF-1.4 protocol of the school methodological council\n" * 200
PHOTO = b"\xff\xd8\xff\xe0 photo of the open lesson" * 100


def files_dir(db: Path) -> Path:
    with opened(db) as database:
        return database.location.files_dir


@dataclass(frozen=True)
class World:
    folder: Path
    recommendation: str  # the id of the recommendation the school answered

    def __truediv__(self, name: str) -> Path:
        return self.folder / name


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The demo district and school after the district's first packet; the school then answers a recommendation with
    a protocol and writes its packet (s1.kpkt). d.db is the district before the school's packet."""
    folder = tmp_path_factory.mktemp("files")
    patch = pytest.MonkeyPatch()
    patch.setenv("KURATOR_PASSPHRASE", PASS)
    patch.setenv("KURATOR_DATA_DIR", str(folder / "data"))
    s, d = demo_pair(folder)
    assert kurator("--db", d, "packet", "export", "--school", CODE, "--period", 2022, "--out", folder / "d1.kpkt",
                   *DISTRICT_SIGNER) == 0
    assert kurator("--db", s, "packet", "import", folder / "d1.kpkt") == 0
    protocol, photo = folder / "Протокол МС.pdf", folder / "Открытый урок.jpg"
    protocol.write_bytes(PROTOCOL)
    photo.write_bytes(PHOTO)
    school_files = files_dir(s)

    def answer(session):
        given = session.scalars(select(Recommendation).where(Recommendation.school_id == school_id(CODE),
                                                              alive(Recommendation))).first()
        save_answer(session, school_files, given.id, "Проведён методический совет", "done", given.issued_on,
                    [(protocol, "minutes")])
        first, second = session.scalars(select(RoadmapEvent.id).join(Roadmap).where(Roadmap.level == "school")
                                        .order_by(RoadmapEvent.position).limit(2))
        attach_evidence(session, school_files, first, None, protocol, "minutes")
        attach_evidence(session, school_files, second, None, photo, "other")
        return given.id

    recommendation = in_session(s, answer)
    assert kurator("--db", s, "packet", "export", "--period", 2022, "--out", folder / "s1.kpkt",
                   *SCHOOL_SIGNER) == 0
    yield World(folder, recommendation)
    patch.undo()


@pytest.fixture
def district(world, tmp_path) -> Path:
    """A copy of the district before the school's packet, with its own (empty) data folder."""
    shutil.copy(world / "d.db", tmp_path / "d.db")
    return tmp_path / "d.db"


def stored_answer_file(db: Path) -> AnswerFile:
    return in_session(db, lambda session: session.scalars(select(AnswerFile)).one())


def rewritten(source: Path, target: Path, change) -> Path:
    """The packet with its members passed through `change(name, data) -> {name: data}` (the signature kept)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            for name, data in change(info.filename, original.read(info)).items():
                copy.writestr(name, data)
    return target


def assert_refused_changing_nothing(db: Path, packet: Path, words: str, capsys) -> None:
    before = dump(db)
    capsys.readouterr()
    assert kurator("--db", db, "packet", "import", packet) == 3
    assert words in capsys.readouterr().err
    assert dump(db) == before and packet_log(db)[-1][0] is False
    store = files_dir(db) / "evidence"
    assert not store.exists() or [p.name for p in store.rglob("*") if p.is_file()] == []


def test_the_schools_packet_lists_its_files_and_carries_each_once(world):
    with zipfile.ZipFile(world / "s1.kpkt") as packet:
        manifest = json.loads(packet.read("manifest.json"))
        carried = {packet.read(f"files/{entry['sha256']}"): entry["bytes"] for entry in manifest["attachments"]}
        assert carried == {PROTOCOL: len(PROTOCOL), PHOTO: len(PHOTO)}
        assert len([name for name in packet.namelist() if name.startswith("files/")]) == 2


def test_the_district_receives_the_files_and_opens_them_from_the_answer_and_the_events(world, district, capsys):
    assert kurator("--db", district, "packet", "import", world / "s1.kpkt") == 0
    assert "получено файлов 2" in capsys.readouterr().err
    record = stored_answer_file(district)
    assert content_path(files_dir(district), record.sha256, record.stored_name).read_bytes() == PROTOCOL
    names = ["Протокол МС.pdf", "Открытый урок.jpg"]
    evidence = in_session(district, lambda session: [
        content_path(files_dir(district), e.sha256, e.stored_name).read_bytes()
        for e in session.scalars(select(Evidence).where(Evidence.file_name.in_(names)).order_by(Evidence.file_name))])
    assert evidence == [PHOTO, PROTOCOL]
    listed = in_session(district, lambda session: answer_files(session, files_dir(district), world.recommendation))
    assert [(f["file_name"], f["present"]) for f in listed] == [("Протокол МС.pdf", True)]
    assert not (files_dir(district) / "evidence" / ".incoming").exists() or not any(
        (files_dir(district) / "evidence" / ".incoming").iterdir())


def test_a_file_that_differs_from_its_signed_hash_is_refused(world, district, tmp_path, capsys):
    def swap(name, data):
        return {name: b"X" * len(data) if name.startswith("files/") else data}
    forged = rewritten(world / "s1.kpkt", tmp_path / "forged.kpkt", swap)
    assert_refused_changing_nothing(district, forged, "контрольной суммой", capsys)


def test_a_file_the_manifest_does_not_list_is_refused(world, district, tmp_path, capsys):
    def smuggle(name, data):
        return {name: data, **({f"files/{'e' * 64}": b"MZ executable"} if name == "manifest.json" else {})}
    smuggled = rewritten(world / "s1.kpkt", tmp_path / "smuggled.kpkt", smuggle)
    assert_refused_changing_nothing(district, smuggled, "не указан в манифесте", capsys)


def test_a_file_record_whose_stored_name_is_a_path_is_refused(world, district, tmp_path, capsys):
    school = tmp_path / "s.db"
    shutil.copy(world / "s.db", school)
    in_session(school, lambda session: session.execute(update(AnswerFile).values(
        stored_name="../../../.bashrc")))
    assert kurator("--db", school, "packet", "export", "--period", 2022, "--full", "--out", tmp_path / "bad.kpkt",
                   *SCHOOL_SIGNER) == 0
    assert_refused_changing_nothing(district, tmp_path / "bad.kpkt", "не соответствует его контрольной сумме", capsys)


def test_a_district_summary_about_another_school_is_refused(world, tmp_path, monkeypatch, capsys):
    school, district = tmp_path / "s.db", tmp_path / "d.db"
    shutil.copy(world / "s.db", school)
    shutil.copy(world / "d.db", district)
    real = export.summary_row
    monkeypatch.setattr(export, "summary_row", lambda session, _own, year: real(session, school_id("0701001"), year))
    assert kurator("--db", district, "packet", "export", "--school", CODE, "--period", 2022, "--out",
                   tmp_path / "other.kpkt", *DISTRICT_SIGNER) == 0
    assert_refused_changing_nothing(school, tmp_path / "other.kpkt", "сводка района о другой школе", capsys)


def test_a_district_packet_signed_by_another_key_is_refused(world, tmp_path, capsys):
    school = tmp_path / "s.db"
    shutil.copy(world / "s.db", school)
    key = Ed25519PrivateKey.generate()
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    manifest = zipfile.ZipFile(world / "d1.kpkt").read("manifest.json")

    def resign(name, data):
        return {name: {"manifest.sig": key.sign(manifest), "sender.pem": pem}.get(name, data)}
    resigned = rewritten(world / "d1.kpkt", tmp_path / "resigned.kpkt", resign)
    assert_refused_changing_nothing(school, resigned, "Подпись не совпадает", capsys)


def test_a_file_that_does_not_fit_waits_with_its_record_for_the_next_packet(world, tmp_path, monkeypatch, capsys):
    school, district = tmp_path / "s.db", tmp_path / "d.db"
    shutil.copy(world / "s.db", school)
    shutil.copy(world / "d.db", district)
    shutil.copytree(files_dir(world / "s.db"), files_dir(school))
    real = export.carry_files
    monkeypatch.setattr(export, "carry_files", lambda files, tables: real(files, tables, limit=len(PROTOCOL) - 1))
    capsys.readouterr()
    assert kurator("--db", school, "packet", "export", "--period", 2022, "--out", tmp_path / "s1.kpkt", *SCHOOL_SIGNER,
                   "--json") == 0
    first = json.loads(capsys.readouterr().out)
    assert first["files"] == {"carried": 1, "bytes": len(PHOTO), "waiting": 2, "absent": 0}  # the protocol twice
    assert "answer_file" not in {t["table"] for t in first["tables"]}
    monkeypatch.setattr(export, "carry_files", real)
    assert kurator("--db", district, "packet", "import", tmp_path / "s1.kpkt") == 0
    assert kurator("--db", district, "packet", "export", "--school", CODE, "--period", 2022, "--out",
                   tmp_path / "d2.kpkt", *DISTRICT_SIGNER) == 0
    assert kurator("--db", school, "packet", "import", tmp_path / "d2.kpkt") == 0  # acknowledges s1
    capsys.readouterr()
    assert kurator("--db", school, "packet", "export", "--period", 2022, "--out", tmp_path / "s2.kpkt", *SCHOOL_SIGNER,
                   "--json") == 0
    second = json.loads(capsys.readouterr().out)
    assert second["full"] is False and second["files"] == {"carried": 1, "bytes": len(PROTOCOL), "waiting": 0,
                                                           "absent": 0}
    assert {"table": "answer_file", "title": "Сведения о файлах к ответам", "rows": 1} in second["tables"]
    assert kurator("--db", district, "packet", "import", tmp_path / "s2.kpkt") == 0
    record = stored_answer_file(district)
    assert content_path(files_dir(district), record.sha256, record.stored_name).read_bytes() == PROTOCOL
