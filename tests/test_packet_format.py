"""The exchange packet container: signed round trip, tampering, hostile archives, strict JSON, speed."""

import hashlib
import io
import json
import shutil
import stat
import subprocess
import time
import uuid
import warnings
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import IntegrityRefused, KuratorError
from app.services.file_store import content_path, store_file
from app.services.exchange import keys
from app.services.exchange.attachments import Attachment
from app.services.exchange.packet import (
    PacketLimits,
    open_packet,
    read_head,
    read_packet,
    write_packet,
)

SCHOOL_CODE = "0101"


class Signer:
    """A fresh Ed25519 key with its public PEM, as an installation holds it after unlocking."""

    def __init__(self):
        self.private_key = Ed25519PrivateKey.generate()
        self.public_pem = keys.public_pem_of(self.private_key)


SCHOOL, STRANGER = Signer(), Signer()


@pytest.fixture(scope="module")
def school() -> Signer:
    return SCHOOL


@pytest.fixture(scope="module")
def stranger() -> Signer:
    return STRANGER


def school_manifest(sequence: int = 1) -> dict:
    return {
        "packet_id": "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
        "created_at": "2024-05-20T12:00:00+03:00",
        "sender": {
            "installation_id": "school-0101-laptop",
            "kind": "school",
            "school_code": SCHOOL_CODE,
            "name": "МБОУ «СОШ № 1» с. Терское",
        },
        "recipient": "district",
        "sequence": sequence,
        "schema_revision": "0001",
        "period": 2024,
        "signed_off_by": {"name": "Иванова Ирина Петровна", "position": "директор", "at": "2024-05-20T11:55:00+03:00"},
    }


def staff_records(count: int) -> list[dict]:
    return [
        {
            "id": str(uuid.UUID(int=number + 1)),
            "full_name": f"Учитель № {number}",
            "position": "учитель математики",
            "hours": number % 36,
            "note": None,
            "subjects": ["математика", "физика"],
        }
        for number in range(count)
    ]


TABLES = {"staff": staff_records(3), "exam_results": [{"id": str(uuid.UUID(int=99)), "score": 4.5}]}


def write_school_packet(path: Path, signer: Signer, sequence: int = 1, tables: dict | None = None) -> Path:
    write_packet(path, school_manifest(sequence), TABLES if tables is None else tables, signer.private_key,
                 signer.public_pem)
    return path


@pytest.fixture
def packet(tmp_path, school) -> Path:
    return write_school_packet(tmp_path / "school.kpkt", school)


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def build_zip(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # duplicate names are written on purpose
        for name, data in members:
            archive.writestr(name, data)
    return path


def rebuilt(source: Path, target: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of `source` with members replaced (None removes the member)."""
    members = members_of(source) | changes
    return build_zip(target, [(name, data) for name, data in members.items() if data is not None])


def file_entry(name: str, data: bytes) -> dict:
    return {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "rows": data.count(b"\n")}


def signed_manifest(manifest: dict, files: list[dict], signer: Signer = SCHOOL) -> dict[str, bytes]:
    """manifest.json listing `files`, and its signature: what a trusted sender that means harm would write."""
    manifest_bytes = json.dumps({**manifest, "files": files}, ensure_ascii=False).encode()
    return {"manifest.json": manifest_bytes, "manifest.sig": signer.private_key.sign(manifest_bytes)}


def resigned(source: Path, target: Path, changes: dict[str, bytes | None]) -> Path:
    """A copy of `source` with data members replaced and the manifest listing them honestly, signed by the school."""
    members = {name: data for name, data in (members_of(source) | changes).items() if data is not None}
    files = [file_entry(name, data) for name, data in sorted(members.items()) if name.startswith("data/")]
    manifest = json.loads(members["manifest.json"])
    return build_zip(target, list((members | signed_manifest(manifest, files)).items()))


def assert_refused(path: Path, error: type[KuratorError], match: str, limits: PacketLimits | None = None) -> None:
    """The read is refused with exactly `error`, and nothing is extracted beside the packet or above it."""
    before = sorted(path.parent.iterdir())
    with pytest.raises(KuratorError, match=match) as refusal:
        read_packet(path, SCHOOL.public_pem, limits or PacketLimits())
    assert type(refusal.value) is error
    assert sorted(path.parent.iterdir()) == before
    assert not (path.parent.parent / "evil").exists()


# --- round trip ------------------------------------------------------------------------------------------


def test_written_packet_reads_back_the_same_tables_and_verifies(packet, school):
    opened = read_packet(packet, school.public_pem)
    assert opened.tables == TABLES
    assert opened.head.sender_pem == school.public_pem
    assert opened.manifest["format"] == "kurator-packet" and opened.manifest["format_version"] == 1


def test_manifest_lists_every_data_file_with_hash_size_and_rows(tmp_path, school):
    final = write_packet(tmp_path / "p.kpkt", school_manifest(), TABLES, school.private_key, school.public_pem)
    members = members_of(tmp_path / "p.kpkt")
    assert [entry["name"] for entry in final["files"]] == ["data/exam_results.jsonl", "data/staff.jsonl"]
    staff = next(entry for entry in final["files"] if entry["name"] == "data/staff.jsonl")
    assert staff["bytes"] == len(members["data/staff.jsonl"]) and staff["rows"] == 3
    assert json.loads(members["manifest.json"]) == final


def test_jsonl_is_readable_utf8_with_sorted_keys_one_record_per_line(packet):
    lines = members_of(packet)["data/staff.jsonl"].decode("utf-8").splitlines()
    assert len(lines) == 3
    assert "Учитель № 0" in lines[0]
    assert list(json.loads(lines[0])) == sorted(json.loads(lines[0]))


def test_same_content_gives_byte_identical_packets(tmp_path, school):
    first = write_school_packet(tmp_path / "a.kpkt", school)
    second = write_school_packet(tmp_path / "b.kpkt", school)
    assert first.read_bytes() == second.read_bytes()


def test_packet_id_and_created_at_are_filled_when_missing(tmp_path, school):
    manifest = {key: value for key, value in school_manifest().items() if key not in ("packet_id", "created_at")}
    final = write_packet(tmp_path / "p.kpkt", manifest, {}, school.private_key, school.public_pem)
    assert uuid.UUID(final["packet_id"]) and final["created_at"]
    assert read_packet(tmp_path / "p.kpkt", school.public_pem).manifest == final


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl binary")
def test_signature_verifies_with_the_openssl_command_from_design(packet, school, tmp_path):
    workdir = tmp_path / "check"
    workdir.mkdir()
    with zipfile.ZipFile(packet) as archive:
        archive.extract("manifest.json", workdir)
        archive.extract("manifest.sig", workdir)
    (workdir / "pub.pem").write_bytes(school.public_pem)
    command = "openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in manifest.json -sigfile manifest.sig"
    result = subprocess.run(command.split(), cwd=workdir, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "Signature Verified Successfully" in result.stdout
    tampered = (workdir / "manifest.json").read_bytes().replace(b'"sequence": 1', b'"sequence": 9')
    (workdir / "manifest.json").write_bytes(tampered)
    assert subprocess.run(command.split(), cwd=workdir, capture_output=True, check=False).returncode != 0


# --- writing refusals and atomicity ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tables", "match"),
    [
        ({"Staff": []}, "имя таблицы"),
        ({"../evil": []}, "имя таблицы"),
        ({"staff": [{"score": float("nan")}]}, "JSON"),
        ({"staff": [{"when": object()}]}, "JSON"),
        ({"staff": ["not a dict"]}, "словарём"),
    ],
)
def test_unwritable_tables_are_refused_and_leave_no_file(tmp_path, school, tables, match):
    with pytest.raises(KuratorError, match=match):
        write_packet(tmp_path / "p.kpkt", school_manifest(), tables, school.private_key, school.public_pem)
    assert list(tmp_path.iterdir()) == []


def test_incomplete_manifest_or_foreign_public_key_is_refused(tmp_path, school, stranger):
    manifest = school_manifest()
    del manifest["sequence"]
    with pytest.raises(KuratorError, match="нет поля sequence"):
        write_packet(tmp_path / "p.kpkt", manifest, {}, school.private_key, school.public_pem)
    with pytest.raises(KuratorError, match="не соответствует закрытому ключу"):
        write_packet(tmp_path / "p.kpkt", school_manifest(), {}, school.private_key, stranger.public_pem)


def test_failed_write_keeps_the_previous_packet_intact(packet, school):
    before = packet.read_bytes()
    with pytest.raises(KuratorError):
        write_packet(packet, school_manifest(2), {"staff": [{"x": float("inf")}]}, school.private_key,
                     school.public_pem)
    assert packet.read_bytes() == before
    assert [path.name for path in packet.parent.iterdir()] == [packet.name]


def test_write_into_a_missing_folder_is_a_clear_error(tmp_path, school):
    with pytest.raises(KuratorError, match="Не удалось записать пакет"):
        write_school_packet(tmp_path / "no-such-stick" / "p.kpkt", school)


# --- verification refusals ------------------------------------------------------------------------------


def test_tampered_data_file_is_refused_by_its_checksum(packet, school, tmp_path):
    staff = members_of(packet)["data/staff.jsonl"].replace("Учитель № 1".encode(), "Учитель № 7".encode())
    tampered = rebuilt(packet, tmp_path / "t.kpkt", {"data/staff.jsonl": staff})
    with pytest.raises(IntegrityRefused, match="Контрольная сумма файла data/staff.jsonl не совпадает"):
        read_packet(tampered, school.public_pem)


def test_tampered_manifest_is_refused_by_the_signature(packet, school, tmp_path):
    manifest = members_of(packet)["manifest.json"].replace(b'"sequence": 1', b'"sequence": 2')
    tampered = rebuilt(packet, tmp_path / "t.kpkt", {"manifest.json": manifest})
    with pytest.raises(IntegrityRefused, match="Подпись не совпадает с ключом, зарегистрированным для школы 0101"):
        read_packet(tampered, school.public_pem)


def test_signature_of_another_packet_from_the_same_school_is_refused(packet, school, tmp_path):
    other = members_of(write_school_packet(tmp_path / "other.kpkt", school, sequence=2))["manifest.sig"]
    swapped = rebuilt(packet, tmp_path / "t.kpkt", {"manifest.sig": other})
    with pytest.raises(IntegrityRefused, match="Подпись не совпадает"):
        read_packet(swapped, school.public_pem)


def test_packet_signed_by_another_key_is_refused_even_with_its_own_sender_pem(school, stranger, tmp_path):
    forged = write_school_packet(tmp_path / "forged.kpkt", stranger)
    with pytest.raises(IntegrityRefused, match="Подпись не совпадает с ключом, зарегистрированным для школы 0101"):
        read_packet(forged, school.public_pem)


def test_replaced_sender_pem_is_refused_although_the_signature_is_good(packet, school, stranger, tmp_path):
    replaced = rebuilt(packet, tmp_path / "t.kpkt", {"sender.pem": stranger.public_pem})
    with pytest.raises(IntegrityRefused, match="Ключ sender.pem в пакете"):
        read_packet(replaced, school.public_pem)


def test_unlisted_or_missing_data_file_is_refused(packet, school, tmp_path):
    extra = rebuilt(packet, tmp_path / "extra.kpkt", {"data/extra.jsonl": b'{"id": 1}\n'})
    with pytest.raises(IntegrityRefused, match="data/extra.jsonl есть в пакете, но не указан"):
        read_packet(extra, school.public_pem)
    missing = rebuilt(packet, tmp_path / "missing.kpkt", {"data/staff.jsonl": None})
    with pytest.raises(IntegrityRefused, match="data/staff.jsonl, указанного в манифесте, нет"):
        read_packet(missing, school.public_pem)


def test_district_packet_names_the_district_in_the_refusal(tmp_path, school, stranger):
    manifest = school_manifest()
    manifest["sender"] = {
        "installation_id": "district", "kind": "district", "school_code": None, "name": "УО Терского района",
    }
    write_packet(tmp_path / "d.kpkt", manifest, {}, stranger.private_key, stranger.public_pem)
    with pytest.raises(IntegrityRefused, match="органа управления образованием «УО Терского района»"):
        read_packet(tmp_path / "d.kpkt", school.public_pem)


# --- not a packet ----------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_zip_is_not_a_packet(tmp_path):
    path = tmp_path / "note.kpkt"
    path.write_text("просто текст", encoding="utf-8")
    assert_refused(path, KuratorError, "Файл не является пакетом Куратора")


def test_missing_file_and_zip_without_manifest_are_not_packets(tmp_path):
    with pytest.raises(KuratorError, match="Файл не найден"):
        read_head(tmp_path / "absent.kpkt")
    assert_refused(build_zip(tmp_path / "p.kpkt", [("sender.pem", b"x")]), KuratorError, "нет manifest.json")


@pytest.mark.parametrize(
    ("field", "value", "error", "match"),
    [
        ("format", "other-format", KuratorError, "не является пакетом"),
        ("format_version", 2, KuratorError, "Версия формата пакета «2» не поддерживается"),
        ("sequence", 0, IntegrityRefused, "sequence"),
        ("sequence", True, IntegrityRefused, "sequence"),
        ("packet_id", "not-a-uuid", IntegrityRefused, "packet_id"),
        ("sender", {"kind": "school"}, IntegrityRefused, "нет поля sender.installation_id"),
        ("signed_off_by", {"name": "И.", "position": "директор", "at": "вчера"}, IntegrityRefused, "signed_off_by.at"),
        ("files", [{"name": "../x.jsonl", "sha256": "0" * 64, "bytes": 1, "rows": 1}], IntegrityRefused,
         r"files\[0\].name"),
    ],
)
def test_manifest_of_the_wrong_shape_is_refused(packet, tmp_path, field, value, error, match):
    manifest = json.loads(members_of(packet)["manifest.json"])
    manifest[field] = value
    path = rebuilt(packet, tmp_path / "t.kpkt", {"manifest.json": json.dumps(manifest).encode()})
    assert_refused(path, error, match)


# --- hostile archives ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("../evil", "выход за пределы"),
        ("data/../../evil", "выход за пределы"),
        ("/tmp/evil", "абсолютный путь"),
        ("data\\..\\evil", "обратная косая черта"),
        ("C:/evil", "буква диска"),
        ("evil.exe", "посторонний файл"),
        ("data/Staff.jsonl", "посторонний файл"),
        ("data/", "не обычный файл"),
    ],
)
def test_unsafe_member_names_are_refused_before_anything_is_read(packet, tmp_path, name, match):
    members = list(members_of(packet).items()) + [(name, b'{"id": 1}\n')]
    assert_refused(build_zip(tmp_path / "p.kpkt", members), IntegrityRefused, match)


def test_symlink_member_is_refused(packet, tmp_path):
    link = zipfile.ZipInfo("data/staff.jsonl")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    members = [item for item in members_of(packet).items() if item[0] != "data/staff.jsonl"]
    assert_refused(build_zip(tmp_path / "p.kpkt", members + [(link, b"/etc/passwd")]), IntegrityRefused,
                   "символическая ссылка")


def test_duplicate_member_names_are_refused(packet, tmp_path):
    members = list(members_of(packet).items())
    assert_refused(build_zip(tmp_path / "p.kpkt", members + [members[0]]), IntegrityRefused, "повторяется")


def test_ten_thousand_members_are_refused(tmp_path):
    members = [(f"data/t{number}.jsonl", b"") for number in range(10_000)]
    assert_refused(build_zip(tmp_path / "p.kpkt", members), IntegrityRefused, "10000 файлов")


def test_oversized_packet_file_is_refused_before_opening(packet):
    assert_refused(packet, IntegrityRefused, "слишком велик", PacketLimits(packet_bytes=100))


def write_zeros_member(path: Path, packet: Path, name: str, size: int) -> Path:
    """Copy `packet` with member `name` replaced by `size` zero bytes (streamed, so the test stays cheap), listed
    honestly in a manifest the school signed: the limits must hold for a trusted sender too."""
    members = {key: data for key, data in members_of(packet).items() if key != name}
    block = bytes(1024 * 1024)
    zeros = {"name": name, "sha256": hashlib.sha256(bytes(size)).hexdigest(), "bytes": size, "rows": 0}
    files = [file_entry(key, data) for key, data in members.items() if key.startswith("data/")] + [zeros]
    build_zip(path, list((members | signed_manifest(json.loads(members["manifest.json"]), files)).items()))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as stream:
        for _ in range(size // len(block)):
            stream.write(block)
    return path


def test_zip_bomb_is_refused_by_its_compression_ratio_while_streaming(packet, tmp_path):
    bomb = write_zeros_member(tmp_path / "bomb.kpkt", packet, "data/staff.jsonl", 32 * 1024 * 1024)
    assert bomb.stat().st_size < 200_000
    started = time.perf_counter()
    roomy = PacketLimits(line_bytes=10**9, file_bytes=10**9, data_bytes=10**9)
    assert_refused(bomb, IntegrityRefused, "zip-бомба", roomy)
    assert time.perf_counter() - started < 10  # refused while streaming, not after inflating 32 MB; speed is in bench/


def test_file_and_total_size_limits_hold_on_the_signed_sizes_before_reading(packet, tmp_path):
    big = write_zeros_member(tmp_path / "big.kpkt", packet, "data/staff.jsonl", 2 * 1024 * 1024)
    assert_refused(big, IntegrityRefused, "больше допустимого", PacketLimits(file_bytes=1024 * 1024, ratio=10**6))
    assert_refused(packet, IntegrityRefused, "данные пакета больше допустимого", PacketLimits(data_bytes=100))


def test_member_whose_header_understates_its_size_is_refused(packet, tmp_path):
    path = write_zeros_member(tmp_path / "liar.kpkt", packet, "data/staff.jsonl", 2 * 1024 * 1024)
    raw = bytearray(path.read_bytes())
    for signature, size_offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = raw.rfind(signature)  # the zeros member is the last one written
        raw[start + size_offset : start + size_offset + 4] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    assert_refused(path, IntegrityRefused, "не читается")


# --- strict JSON -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b'{"name": "\xff\xfe"}\n', "строка 1 — текст не в кодировке UTF-8"),
        (b'{"score": NaN}\n', "недопустимое значение NaN"),
        (b'{"id": 1}\n{"score": -Infinity}\n', "строка 2 — недопустимое значение -Infinity"),
        (b'{"id": 1, "id": 2}\n', "ключ «id» повторяется"),
        (b'[1, 2]\n', "ожидался объект"),
        (b'"text"\n', "ожидался объект"),
        (b"\n", "ошибка JSON"),
        (b'{"id": 1}', "оборван"),
        (b"[" * 100_000 + b"\n", "строка 1"),
        (b'{"a": "' + b"x" * 2000 + b'"}\n', "длиннее 1000 байт"),
    ],
)
def test_data_lines_that_are_not_strict_json_objects_are_refused(packet, tmp_path, content, match):
    path = resigned(packet, tmp_path / "t.kpkt", {"data/staff.jsonl": content})
    assert_refused(path, IntegrityRefused, match, PacketLimits(line_bytes=1000) if b"x" * 2000 in content else None)


def test_manifest_with_duplicate_keys_is_refused(packet, tmp_path):
    manifest = members_of(packet)["manifest.json"].replace(b'"sequence": 1', b'"sequence": 1, "sequence": 5')
    assert_refused(rebuilt(packet, tmp_path / "t.kpkt", {"manifest.json": manifest}), IntegrityRefused, "повторяется")


def test_short_signature_and_non_key_sender_pem_are_refused(packet, tmp_path):
    assert_refused(rebuilt(packet, tmp_path / "a.kpkt", {"manifest.sig": b"x" * 10}), IntegrityRefused, "64 байта")
    assert_refused(rebuilt(packet, tmp_path / "b.kpkt", {"sender.pem": b"not a key"}), IntegrityRefused, "sender.pem")


# --- anything at all -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory, school) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("fuzz")
    return folder / "fuzz.kpkt", write_school_packet(folder / "valid.kpkt", school).read_bytes()


def assert_not_verified(path: Path, trusted_pem: bytes) -> None:
    """Reading and verifying the packet ends in one of Kurator's own refusals, never in success or a crash."""
    with pytest.raises(KuratorError):
        read_packet(path, trusted_pem)


def assert_refused_or_unchanged(path: Path, trusted_pem: bytes, valid: bytes) -> None:
    """A damaged packet is refused by Kurator; if it still verifies, the damage missed everything signed (a zip
    header field the reader ignores), so it must carry exactly the manifest and records of the original."""
    try:
        opened = read_packet(path, trusted_pem)
    except KuratorError:
        return
    original = valid_packet_in(path.parent, valid, trusted_pem)
    assert (opened.head.manifest_bytes, opened.tables) == (original.head.manifest_bytes, original.tables)


def valid_packet_in(folder: Path, valid: bytes, trusted_pem: bytes):
    copy = folder / "original.kpkt"
    copy.write_bytes(valid)
    return read_packet(copy, trusted_pem)


FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.one_of(st.binary(max_size=2000), st.binary(max_size=2000).map(lambda data: b"PK\x03\x04" + data)))
def test_random_bytes_are_refused_as_not_a_packet(sample, data):
    path, _ = sample
    path.write_bytes(data)
    with pytest.raises(KuratorError):
        read_head(path)


@FUZZ
@given(st.data())
def test_random_mutations_of_a_valid_packet_are_refused_or_change_nothing_signed(sample, school, data):
    path, valid = sample
    mutated = bytearray(valid)
    for _ in range(data.draw(st.integers(1, 8))):
        mutated[data.draw(st.integers(0, len(mutated) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(mutated))))
    path.write_bytes(bytes(mutated[:cut]))
    assert_refused_or_unchanged(path, school.public_pem, valid)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@FUZZ
@given(member=st.sampled_from(["manifest.json", "data/staff.jsonl", "manifest.sig", "sender.pem"]),
       content=st.binary(max_size=300))
def test_arbitrary_contents_of_any_member_are_refused(sample, school, member, content):
    path, valid = sample
    members = members_of_bytes(valid) | {member: content}
    build_zip(path, list(members.items()))
    assert_not_verified(path, school.public_pem)


@FUZZ
@given(field=st.sampled_from(sorted(school_manifest()) + ["format_version", "files"]), value=JSON_VALUES)
def test_manifest_fields_changed_to_any_json_value_are_refused(sample, school, field, value):
    path, valid = sample
    manifest = json.loads(members_of_bytes(valid)["manifest.json"]) | {field: value}
    members = members_of_bytes(valid) | {"manifest.json": json.dumps(manifest).encode()}
    build_zip(path, list(members.items()))
    assert_not_verified(path, school.public_pem)


def members_of_bytes(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


# --- speed -----------------------------------------------------------------------------------------------


def test_five_thousand_records_are_written_and_read_back_verified(tmp_path, school):
    tables = {"staff": staff_records(5000)}
    started = time.perf_counter()
    write_school_packet(tmp_path / "big.kpkt", school, tables=tables)
    written = time.perf_counter()
    opened = read_packet(tmp_path / "big.kpkt", school.public_pem)
    finished = time.perf_counter()
    assert opened.tables == tables
    assert written - started < 10 and finished - written < 10  # a hang guard: the 1 s target is measured in bench/


def test_a_carried_file_that_compresses_very_well_is_stored_as_is_and_read_back_whole(tmp_path, school):
    """A blank scanned page (3 MB of zeros) would look like a zip bomb if deflated; stored, it travels."""
    blank = tmp_path / "Пустой лист.bmp"
    blank.write_bytes(b"\0" * (3 * 1024 * 1024))
    kept = store_file(tmp_path / "files", blank)
    path = tmp_path / "with-file.kpkt"
    attachment = Attachment(kept.sha256, kept.size, content_path(tmp_path / "files", kept.sha256, kept.stored_name))
    manifest = write_packet(path, school_manifest(), TABLES, school.private_key, school.public_pem, (attachment,))
    assert manifest["attachments"] == [{"sha256": kept.sha256, "bytes": kept.size}]
    assert zipfile.ZipFile(path).getinfo(attachment.member).compress_type == zipfile.ZIP_STORED
    with open_packet(path) as opened:
        opened.verify(school.public_pem)
        assert b"".join(opened.attachment(kept.sha256, kept.size)) == blank.read_bytes()
