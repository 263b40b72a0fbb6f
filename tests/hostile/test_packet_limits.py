"""Authenticate before any work that grows with the packet (issue 14, item 2): the manifest's signature is checked
with the registered key before a data file is decompressed; then each file streams against its signed size, row
count and hash under per-file and per-packet limits, so memory stays bounded whatever the file holds."""

import hashlib
import json
import struct
import zipfile

import pytest

from app.db import head_revision
from app.errors import IntegrityRefused
from app.services.documents import safe_zip
from app.services.exchange import packet as packet_format
from app.services.exchange import import_packet, unregistered_sender, verify_report
from app.services.exchange.packet import (
    MAX_FILE_BYTES,
    MAX_FILE_RECORDS,
    MAX_RECORDS,
    PacketLimits,
    open_packet,
    read_packet,
)
from app.services.exchange.rows import MODELS, RecordProblem, convert_value
from app.services.ids import school_id
from hostile_world import (
    MEMORY_CEILING_MB,
    SCHOOL,
    dump,
    file_digest,
    in_session,
    kurator_process,
    opened,
    packet_log,
)
from hostile_files import (
    MB,
    finish_packet,
    manifest_for,
    practice_records,
    signed_packet,
    teacher_records,
    tiny_records_block,
    write_repeated_zip,
)

HUGE = 1024 * MB
RECIPIENT = {"kind": "district", "school_code": None}
SENDER = {"installation_id": "5c0f3d4e-0000-4000-8000-000000000001", "kind": "school", "school_code": SCHOOL,
          "name": "МКОУ СОШ с.п. Урожайное"}
REFUSALS = {
    "unknown sender": "не зарегистрирован",
    "bad signature": "Подпись не совпадает",
    "files lie about their size": "больше указанного",
    "honest about its size": "больше допустимого",
}


@pytest.fixture(scope="session")
def huge_packets(tmp_path_factory, school_signer, stranger):
    """Four packets of 12 MB on disk holding 1 GiB of 23-byte records each (46 million of them)."""
    folder = tmp_path_factory.mktemp("huge")
    base = folder / "base.zip"
    data = write_repeated_zip(base, {name: (tiny_records_block(), HUGE // 2)
                                     for name in ("data/course.jsonl", "data/teacher.jsonl")})
    honest = [member.entry() for member in data]

    def packet(name, signer, files, school_code=SCHOOL):
        sender = {**SENDER, "school_code": school_code}
        manifest = manifest_for(sender, RECIPIENT, files, schema_revision=head_revision())
        return finish_packet(base, folder / f"{name}.kpkt", manifest, signer)

    return {
        "unknown sender": packet("unknown", stranger, honest, school_code="0799999"),
        "bad signature": packet("forged", stranger, honest),
        "files lie about their size": packet("liar", school_signer, [m.entry(bytes=100, rows=3) for m in data]),
        "honest about its size": packet("honest", school_signer, honest),
    }


@pytest.fixture
def streamed(monkeypatch):
    """The members whose bytes were decompressed, with how many bytes each produced."""
    produced: dict[str, int] = {}

    def spy(archive, info, *args):
        for chunk in real(archive, info, *args):
            produced[info.filename] = produced.get(info.filename, 0) + len(chunk)
            yield chunk

    real = safe_zip.stream_member
    monkeypatch.setattr(safe_zip, "stream_member", spy)  # the head members, through read_member
    monkeypatch.setattr(packet_format, "stream_member", spy)  # the data files
    return produced


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["unknown sender", "bad signature", "files lie about their size"])
def test_a_packet_small_on_disk_and_huge_inside_is_refused_in_bounded_memory(kind, huge_packets, district):
    before = dump(district)
    run = kurator_process("--db", district, "packet", "import", huge_packets[kind], "--json")
    assert run.code == 3, run.stderr
    assert REFUSALS[kind] in run.stderr and json.loads(run.stdout)["applied"] is False
    assert run.peak_mb <= MEMORY_CEILING_MB, f"{run.peak_mb:.0f} MB"
    assert dump(district) == before
    [(accepted, reason)] = packet_log(district)
    assert not accepted and REFUSALS[kind] in reason


@pytest.mark.slow
def test_the_largest_packet_the_limits_allow_is_imported_in_bounded_memory(district, school_signer, tmp_path):
    """Two files of 10,000 records of 1 KB each: 20 MB and 20,000 records, every packet limit reached."""
    line = MAX_FILE_BYTES // MAX_FILE_RECORDS
    tables = {"teacher": teacher_records(MAX_FILE_RECORDS, school_id(SCHOOL), line),
              "practice": practice_records(MAX_FILE_RECORDS, SENDER["installation_id"], line)}
    manifest = manifest_for(SENDER, RECIPIENT, [], schema_revision=head_revision())
    packet = signed_packet(tmp_path / "largest.kpkt", manifest, tables, school_signer)
    run = kurator_process("--db", district, "packet", "import", packet, "--json")
    assert run.code == 0, run.stderr
    assert json.loads(run.stdout)["created"] == MAX_RECORDS
    assert run.peak_mb <= MEMORY_CEILING_MB, f"{run.peak_mb:.0f} MB"


@pytest.mark.parametrize("kind", list(REFUSALS))
def test_verifying_a_huge_packet_leaves_the_database_file_byte_identical(kind, huge_packets, district):
    before = file_digest(district)
    with opened(district) as database, pytest.raises(IntegrityRefused, match=REFUSALS[kind]):
        verify_report(database, huge_packets[kind])
    assert file_digest(district) == before


@pytest.mark.parametrize("kind", ["unknown sender", "bad signature", "honest about its size"])
def test_no_data_file_is_decompressed_before_the_signature_and_the_declared_sizes_pass(kind, huge_packets, district,
                                                                                      streamed):
    with opened(district) as database, pytest.raises(IntegrityRefused, match=REFUSALS[kind]):
        import_packet(database, huge_packets[kind])
    assert set(streamed) == {"manifest.json", "manifest.sig", "sender.pem"}


def test_a_file_longer_than_declared_is_cut_off_at_its_declared_size(huge_packets, school_signer, streamed):
    with pytest.raises(IntegrityRefused, match="больше указанного"):
        read_packet(huge_packets["files lie about their size"], school_signer.public_pem)
    assert streamed["data/course.jsonl"] <= 100 + safe_zip.CHUNK_BYTES and "data/teacher.jsonl" not in streamed


def test_a_file_with_more_records_than_declared_is_refused_at_the_first_extra_one(tmp_path, school_signer):
    path = signed_packet(tmp_path / "p.kpkt", manifest_for(SENDER, RECIPIENT, []), {"teacher": [{"a": 1}] * 3},
                         school_signer)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["files"][0]["rows"] = 2
    with pytest.raises(IntegrityRefused, match=r"больше записей, чем указано в манифесте \(2\)"):
        read_packet(finish_packet(None, tmp_path / "q.kpkt", manifest, school_signer,
                                  members={"data/teacher.jsonl": b'{"a":1}\n' * 3}), school_signer.public_pem)


@pytest.mark.parametrize(("limits", "message"), [
    (PacketLimits(file_records=2), r"в файле data/course.jsonl слишком много записей \(3, допустимо 2\)"),
    (PacketLimits(records=4), r"в пакете слишком много записей \(6, допустимо 4\)"),
    (PacketLimits(file_bytes=10), "файл data/course.jsonl больше допустимого"),
    (PacketLimits(data_bytes=30), "данные пакета больше допустимого"),
])
def test_per_file_and_per_packet_limits_on_records_and_bytes_refuse_before_reading(tmp_path, school_signer, streamed,
                                                                                   limits, message):
    tables = {"teacher": [{"a": 1}] * 3, "course": [{"b": 2}] * 3}
    path = signed_packet(tmp_path / "p.kpkt", manifest_for(SENDER, RECIPIENT, []), tables, school_signer)
    with pytest.raises(IntegrityRefused, match=message):
        read_packet(path, school_signer.public_pem, limits)
    assert not any(name.startswith("data/") for name in streamed)


def test_the_data_of_an_unverified_packet_cannot_be_read(tmp_path, school_signer):
    path = signed_packet(tmp_path / "p.kpkt", manifest_for(SENDER, RECIPIENT, []), {"teacher": [{}]}, school_signer)
    with open_packet(path) as packet, pytest.raises(RuntimeError, match="before verify"):
        next(packet.records())


def test_the_window_shows_an_unknown_senders_fingerprint_from_the_manifest_and_sender_pem_alone(
        huge_packets, district, stranger, streamed):
    sender = in_session(district, lambda session: unregistered_sender(session, huge_packets["unknown sender"]))
    assert sender.school_code == "0799999" and sender.public_pem == stranger.public_pem
    assert set(streamed) == {"manifest.json", "manifest.sig", "sender.pem"}


@pytest.mark.parametrize(("entries", "directory_bytes", "message"), [
    (65_000, 3_000_000, "65000 файлов"),
    (3, 3_000_000, "оглавление архива занимает 3000000 байт"),
])
def test_a_directory_too_large_for_a_packet_is_refused_before_zipfile_reads_it(tmp_path, entries, directory_bytes,
                                                                               message):
    path = tmp_path / "many.kpkt"
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, entries, entries, directory_bytes, 0, 0)
    path.write_bytes(bytes(directory_bytes) + end)  # the end record is all that is read
    with pytest.raises(IntegrityRefused, match=message):
        read_packet(path, b"")


def test_a_record_of_thousands_of_brackets_is_refused_before_it_is_parsed(tmp_path, school_signer):
    line = b'{"numerator": [' + b"[]," * 2000 + b"[]]}\n"  # 6 KB that would parse into 2,000 lists
    files = [{"name": "data/indicator.jsonl", "sha256": hashlib.sha256(line).hexdigest(), "bytes": len(line),
              "rows": 1}]
    path = finish_packet(None, tmp_path / "p.kpkt", manifest_for(SENDER, RECIPIENT, files), school_signer,
                         members={"data/indicator.jsonl": line})
    with pytest.raises(IntegrityRefused, match="слишком много вложенных"):
        read_packet(path, school_signer.public_pem)


def test_a_json_column_of_thousands_of_values_is_refused_as_a_bad_record():
    numerator = next(column for column in MODELS["indicator"].__table__.columns if column.name == "numerator")
    with pytest.raises(RecordProblem, match="не длиннее 1000 элементов"):
        convert_value(numerator, {"measure": "x", "filters": {"schools": list(range(2000))}})
