"""The exchange packet container (DESIGN.md «Exchange packet»): write, read safely, verify. No database.

A packet is a zip: manifest.json (signed), manifest.sig (raw Ed25519 signature of manifest.json's exact
bytes), sender.pem (the sender's public key, never trusted by itself) and data/<table>.jsonl files.
"""

import hashlib
import os
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.errors import IntegrityRefused, KuratorError
from app.services.documents.safe_zip import (
    ReadBudget,
    check_members,
    open_archive,
    read_member,
    stream_member,
)
from app.services.documents.strict_json import (
    StrictJSONError,
    dumps_document,
    dumps_line,
    parse_object,
)
from app.services.exchange import keys
from app.services.exchange.manifest import DATA_MEMBER, manifest_problem

FORMAT = "kurator-packet"
FORMAT_VERSION = 1
FILE_SUFFIX = ".kpkt"

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
SENDER_KEY_NAME = "sender.pem"

MAX_PACKET_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 100
MAX_LINE_BYTES = 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_PEM_BYTES = 4096

NOT_A_PACKET = "Файл не является пакетом Куратора."
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed member times: the same content gives the same members


@dataclass(frozen=True)
class PacketLimits:
    """What a packet read from outside may weigh; lower them in tests, raise them only with reason."""

    packet_bytes: int = MAX_PACKET_BYTES
    members: int = MAX_MEMBERS
    member_bytes: int = MAX_MEMBER_BYTES
    uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES
    ratio: int = MAX_RATIO
    line_bytes: int = MAX_LINE_BYTES
    manifest_bytes: int = MAX_MANIFEST_BYTES


DEFAULT_LIMITS = PacketLimits()


@dataclass(frozen=True)
class FileDigest:
    """What a data file in the packet actually holds: its SHA-256 (hex), size in bytes and record count."""

    sha256: str
    bytes: int
    rows: int


@dataclass(frozen=True)
class OpenedPacket:
    """A packet read safely but not yet verified; `files` maps member name (data/x.jsonl) to its digest."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    sender_pem: bytes
    tables: dict[str, list[dict[str, Any]]]
    files: dict[str, FileDigest] = field(default_factory=dict)


def write_packet(
    path: Path,
    manifest: dict[str, Any],
    tables: dict[str, list[dict[str, Any]]],
    private_key: Ed25519PrivateKey,
    public_pem: bytes,
) -> dict[str, Any]:
    """Write a signed packet atomically to `path`; returns the final manifest (with format, files, …).

    `packet_id` and `created_at` are filled in when missing; records must be JSON-ready dicts.
    """
    if keys.raw_public_key(public_pem) != keys.raw_public_key(private_key.public_key()):
        raise KuratorError("Открытый ключ не соответствует закрытому ключу подписи.")
    members = {_data_member_name(table): _jsonl_bytes(table, records) for table, records in sorted(tables.items())}
    final = _final_manifest(manifest, members)
    manifest_bytes = dumps_document(final).encode("utf-8")
    contents = {
        MANIFEST_NAME: manifest_bytes,
        SIGNATURE_NAME: keys.sign(private_key, manifest_bytes),
        SENDER_KEY_NAME: public_pem,
        **members,
    }
    _write_zip_atomically(Path(path), contents)
    return final


def read_packet(path: Path, limits: PacketLimits = DEFAULT_LIMITS) -> OpenedPacket:
    """Read a packet from outside under strict limits; raises KuratorError or IntegrityRefused, nothing else."""
    with open_archive(Path(path), limits.packet_bytes, NOT_A_PACKET) as archive:
        infos = archive.infolist()
        check_members(infos, limits.members)
        by_name = _expected_members(infos)
        budget = ReadBudget(limits.uncompressed_bytes)

        def read(name: str, limit: int) -> bytes:
            return read_member(archive, by_name[name], limit, budget, limits.ratio)

        manifest_bytes = read(MANIFEST_NAME, limits.manifest_bytes)
        manifest = _parse_manifest(manifest_bytes)
        signature = read(SIGNATURE_NAME, keys.SIGNATURE_BYTES)
        sender_pem = read(SENDER_KEY_NAME, MAX_PEM_BYTES)
        _check_signature_and_key_shape(signature, sender_pem)
        tables, files = _read_tables(archive, by_name, budget, limits)
    return OpenedPacket(manifest, manifest_bytes, signature, sender_pem, tables, files)


def verify_packet(opened: OpenedPacket, trusted_public_pem: bytes) -> None:
    """Check the signature with the TRUSTED key and every file against the manifest; raise IntegrityRefused."""
    trusted = keys.load_public_key(trusted_public_pem)
    owner = _sender_label(opened.manifest)
    if not keys.verify(trusted, opened.manifest_bytes, opened.signature):
        raise IntegrityRefused(f"Подпись не совпадает с ключом, зарегистрированным для {owner}.")
    if keys.raw_public_key(opened.sender_pem) != keys.raw_public_key(trusted):
        raise IntegrityRefused(
            f"Ключ sender.pem в пакете (отпечаток {keys.fingerprint(opened.sender_pem)}) не совпадает "
            f"с ключом, зарегистрированным для {owner} (отпечаток {keys.fingerprint(trusted)})."
        )
    listed = {entry["name"]: entry for entry in opened.manifest["files"]}
    for name, entry in listed.items():
        _check_file(name, entry, opened.files.get(name))
    unlisted = sorted(set(opened.files) - set(listed))
    if unlisted:
        raise IntegrityRefused(f"Файл {unlisted[0]} есть в пакете, но не указан в манифесте.")


# --- writing -------------------------------------------------------------------------------------------


def _data_member_name(table: str) -> str:
    name = f"data/{table}.jsonl"
    if not isinstance(table, str) or not DATA_MEMBER.fullmatch(name):
        raise KuratorError(f"Недопустимое имя таблицы для пакета: «{table}» (только a–z и «_»).")
    return name


def _jsonl_bytes(table: str, records: Iterable[dict[str, Any]]) -> bytes:
    try:
        return "".join(dumps_line(_as_record(table, record)) + "\n" for record in records).encode("utf-8")
    except (TypeError, ValueError) as error:
        raise KuratorError(f"Таблица {table}: запись нельзя записать в JSON ({error}).") from None


def _as_record(table: str, record: Any) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise KuratorError(f"Таблица {table}: запись должна быть словарём, а не {type(record).__name__}.")
    return record


def _final_manifest(manifest: dict[str, Any], members: dict[str, bytes]) -> dict[str, Any]:
    # A JSON line never holds a raw newline, so counting newlines counts records.
    files = [
        {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "rows": data.count(b"\n")}
        for name, data in members.items()
    ]
    final = {
        "packet_id": str(uuid.uuid4()),
        "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **manifest,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "files": files,
    }
    problem = manifest_problem(final)
    if problem:
        raise KuratorError(f"Манифест пакета заполнен неверно: {problem}.")
    return final


def _write_zip_atomically(path: Path, contents: dict[str, bytes]) -> None:
    # Written beside the target and renamed: a half-written packet never appears under its real name.
    temp = None
    try:
        descriptor, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(descriptor, "wb") as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in contents.items():
                    archive.writestr(_member_info(name), data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as error:
        if temp:
            Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise KuratorError(f"Не удалось записать пакет {path}: {error.strerror or error}.") from None
        raise


def _member_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so the mode bits below mean «regular file, rw-r--r--»
    info.external_attr = 0o100644 << 16
    return info


# --- reading -------------------------------------------------------------------------------------------


def _expected_members(infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    by_name = {info.filename: info for info in infos}
    for name in by_name:
        if name not in (MANIFEST_NAME, SIGNATURE_NAME, SENDER_KEY_NAME) and not DATA_MEMBER.fullmatch(name):
            raise IntegrityRefused(f"Пакет отклонён: посторонний файл «{name}» в архиве.")
    if MANIFEST_NAME not in by_name:
        raise KuratorError(f"{NOT_A_PACKET} В архиве нет manifest.json.")
    for name, what in ((SIGNATURE_NAME, "подписи manifest.sig"), (SENDER_KEY_NAME, "ключа отправителя sender.pem")):
        if name not in by_name:
            raise IntegrityRefused(f"Пакет отклонён: в архиве нет {what}.")
    return by_name


def _read_tables(
    archive: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], budget: ReadBudget, limits: PacketLimits
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, FileDigest]]:
    tables: dict[str, list[dict[str, Any]]] = {}
    files: dict[str, FileDigest] = {}
    for name in sorted(by_name):
        if match := DATA_MEMBER.fullmatch(name):
            chunks = stream_member(archive, by_name[name], limits.member_bytes, budget, limits.ratio)
            tables[match.group(1)], files[name] = _parse_jsonl(name, chunks, limits.line_bytes)
    return tables, files


def _parse_manifest(manifest_bytes: bytes) -> dict[str, Any]:
    try:
        manifest = parse_object(manifest_bytes)
    except StrictJSONError as error:
        raise IntegrityRefused(f"Пакет повреждён: manifest.json — {error}.") from None
    if manifest.get("format") != FORMAT:
        raise KuratorError(f"{NOT_A_PACKET} Неизвестный формат в manifest.json.")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise KuratorError(f"Версия формата пакета «{version}» не поддерживается (поддерживается {FORMAT_VERSION}).")
    problem = manifest_problem(manifest)
    if problem:
        raise IntegrityRefused(f"Пакет повреждён: manifest.json, {problem}.")
    return manifest


def _check_signature_and_key_shape(signature: bytes, sender_pem: bytes) -> None:
    if len(signature) != keys.SIGNATURE_BYTES:
        raise IntegrityRefused(f"Пакет повреждён: подпись manifest.sig должна занимать {keys.SIGNATURE_BYTES} байта.")
    try:
        keys.load_public_key(sender_pem)
    except KuratorError:
        raise IntegrityRefused("Пакет повреждён: sender.pem не является открытым ключом Ed25519.") from None


def _parse_jsonl(name: str, chunks: Iterator[bytes], max_line: int) -> tuple[list[dict[str, Any]], FileDigest]:
    tally = _Tally()
    rows = [_parse_record(name, number, line, max_line)
            for number, line in enumerate(_lines(name, map(tally.add, chunks), max_line), start=1)]
    return rows, FileDigest(tally.digest.hexdigest(), tally.size, len(rows))


@dataclass
class _Tally:
    digest: Any = field(default_factory=hashlib.sha256)
    size: int = 0

    def add(self, chunk: bytes) -> bytes:
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


def _lines(name: str, chunks: Iterable[bytes], max_line: int) -> Iterator[bytes]:
    # The unfinished line is kept as parts and joined once, so a huge line costs linear time, not quadratic.
    parts: list[bytes] = []
    pending = 0
    for chunk in chunks:
        *complete, tail = chunk.split(b"\n")
        if complete:
            complete[0] = b"".join(parts) + complete[0]
            parts, pending = [], 0
            yield from complete
        parts.append(tail)
        pending += len(tail)
        if pending > max_line:
            raise IntegrityRefused(f"Пакет отклонён: в файле {name} строка длиннее {max_line} байт.")
    if pending:
        raise IntegrityRefused(f"Пакет повреждён: файл {name} оборван (последняя строка без перевода строки).")


def _parse_record(name: str, number: int, line: bytes, max_line: int) -> dict[str, Any]:
    if len(line) > max_line:
        raise IntegrityRefused(f"Пакет отклонён: в файле {name} строка {number} длиннее {max_line} байт.")
    try:
        return parse_object(line)
    except StrictJSONError as error:
        raise IntegrityRefused(f"Пакет повреждён: файл {name}, строка {number} — {error}.") from None


# --- verifying -----------------------------------------------------------------------------------------


_SENDER_LABELS = {
    "school": "школы {school_code} «{name}»",
    "district": "органа управления образованием «{name}»",
}


def _sender_label(manifest: dict[str, Any]) -> str:
    sender = manifest["sender"]
    return _SENDER_LABELS[sender["kind"]].format(school_code=sender["school_code"], name=sender["name"])


_FILE_CHECKS = (
    ("sha256", "Контрольная сумма файла {name} не совпадает с манифестом."),
    ("bytes", "Размер файла {name} не совпадает с манифестом."),
    ("rows", "Число записей в файле {name} не совпадает с манифестом."),
)


def _check_file(name: str, entry: dict[str, Any], actual: FileDigest | None) -> None:
    if actual is None:
        raise IntegrityRefused(f"Файла {name}, указанного в манифесте, нет в пакете.")
    for key, message in _FILE_CHECKS:
        if getattr(actual, key) != entry[key]:
            raise IntegrityRefused(message.format(name=name))
