"""The exchange packet container (DESIGN.md «Exchange packet»): write, read safely, verify. No database.

A packet is a zip: manifest.json (signed), manifest.sig (raw Ed25519 signature of manifest.json's exact
bytes), sender.pem (the sender's public key, never trusted by itself), data/<table>.jsonl files and the files its
records refer to, files/<sha256> (listed with their sizes in the signed manifest's `attachments`).

Reading authenticates before any work that grows with the packet: `open_packet` reads only the small members
(manifest, signature, sender.pem, each under a fixed cap); `PacketReader.verify` checks the signature with the
TRUSTED key and the sizes the signed manifest declares against the limits; only then `PacketReader.records`
decompresses the data files one by one, cutting a file off as soon as it passes its declared size or row count
and checking its SHA-256 at its end; `PacketReader.attachment` streams one listed file the same way (to disk, see
attachments.Staging). Memory therefore stays within what the limits allow, whatever the file.
"""

import hashlib
import os
import re
import tempfile
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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
from app.services.exchange.attachments import FILE_MEMBER, MAX_PACKET_FILES, MAX_PACKET_FILES_BYTES, Attachment
from app.services.exchange.manifest import DATA_MEMBER, manifest_problem

FORMAT = "kurator-packet"
FORMAT_VERSION = 1
FILE_SUFFIX = ".kpkt"

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
SENDER_KEY_NAME = "sender.pem"

MB = 1024 * 1024
# The limits of a packet read from outside (README «Обмен данными»). A school's full packet (100 staff, five years
# of results) holds about 750 records in 0.3 MB; the limits leave over twenty times that, and keep the memory of
# `kurator packet import` under 300 MB whatever the packet holds (tests/hostile measure it).
MAX_PACKET_BYTES = 32 * MB + MAX_PACKET_FILES_BYTES  # the .kpkt file itself: records, and the files they refer to
MAX_MEMBERS = 200 + MAX_PACKET_FILES
MAX_FILE_BYTES = 10 * MB  # one data file, unpacked
MAX_FILE_RECORDS = 10_000
MAX_DATA_BYTES = 20 * MB  # all data files together, unpacked
MAX_RECORDS = 20_000
MAX_RATIO = 100
MAX_LINE_BYTES = 1 * MB
# «{» and «[» in one record, counted on its bytes (brackets inside text count too): a record is a flat row whose
# few JSON columns hold small objects, and each bracket can cost a hundred bytes of memory for three of input.
MAX_LINE_BRACKETS = 1000
MAX_MANIFEST_BYTES = 1 * MB
MAX_PEM_BYTES = 4096

NOT_A_PACKET = "Файл не является пакетом Куратора."
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed member times: the same content gives the same members


@dataclass(frozen=True)
class PacketLimits:
    """What a packet read from outside may weigh; lower them in tests, raise them only with reason."""

    packet_bytes: int = MAX_PACKET_BYTES
    members: int = MAX_MEMBERS
    file_bytes: int = MAX_FILE_BYTES
    file_records: int = MAX_FILE_RECORDS
    data_bytes: int = MAX_DATA_BYTES
    records: int = MAX_RECORDS
    ratio: int = MAX_RATIO
    line_bytes: int = MAX_LINE_BYTES
    line_brackets: int = MAX_LINE_BRACKETS
    manifest_bytes: int = MAX_MANIFEST_BYTES


DEFAULT_LIMITS = PacketLimits()


@dataclass(frozen=True)
class PacketHead:
    """What a packet says about itself, read without touching its data; nothing in it is verified yet."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: bytes
    sender_pem: bytes


@dataclass(frozen=True)
class OpenedPacket:
    """A packet whose signature was verified with the trusted key and whose data files matched the manifest."""

    head: PacketHead
    tables: dict[str, list[dict[str, Any]]]

    @property
    def manifest(self) -> dict[str, Any]:
        return self.head.manifest


def write_packet(
    path: Path,
    manifest: dict[str, Any],
    tables: dict[str, list[dict[str, Any]]],
    private_key: Ed25519PrivateKey,
    public_pem: bytes,
    attachments: tuple[Attachment, ...] = (),
) -> dict[str, Any]:
    """Write a signed packet atomically to `path`; returns the final manifest (with format, files, …).

    `packet_id` and `created_at` are filled in when missing; records must be JSON-ready dicts; `attachments` are
    the stored files the records refer to (listed in the manifest, each copied in and checked against its hash).
    """
    if keys.raw_public_key(public_pem) != keys.raw_public_key(private_key.public_key()):
        raise KuratorError("Открытый ключ не соответствует закрытому ключу подписи.")
    members = {_data_member_name(table): _jsonl_bytes(table, records) for table, records in sorted(tables.items())}
    final = _final_manifest({**manifest, "attachments": [a.listed() for a in attachments] or None}, members)
    manifest_bytes = dumps_document(final).encode("utf-8")
    contents = {
        MANIFEST_NAME: manifest_bytes,
        SIGNATURE_NAME: keys.sign(private_key, manifest_bytes),
        SENDER_KEY_NAME: public_pem,
        **members,
    }
    _write_zip_atomically(Path(path), contents, attachments)
    return final


def read_head(path: Path, limits: PacketLimits = DEFAULT_LIMITS) -> PacketHead:
    """The manifest, signature and sender.pem of a packet, nothing else; raises KuratorError or IntegrityRefused."""
    with open_packet(path, limits) as packet:
        return packet.head


def read_packet(path: Path, trusted_public_pem: bytes, limits: PacketLimits = DEFAULT_LIMITS) -> OpenedPacket:
    """Read a packet, verify it with the TRUSTED key, then read its data; raises KuratorError or IntegrityRefused."""
    with open_packet(path, limits) as packet:
        packet.verify(trusted_public_pem)
        return OpenedPacket(packet.head, packet.tables())


@contextmanager
def open_packet(path: Path, limits: PacketLimits = DEFAULT_LIMITS) -> Iterator["PacketReader"]:
    """An open packet whose head is read and checked for shape; its data waits for `verify`."""
    with open_archive(Path(path), limits.packet_bytes, NOT_A_PACKET, limits.members) as archive:
        yield PacketReader(archive, limits)


class PacketReader:
    """One packet being read: the head at once, the data files only after the signature is verified."""

    def __init__(self, archive: zipfile.ZipFile, limits: PacketLimits):
        infos = archive.infolist()
        check_members(infos, limits.members)
        self._archive, self._limits = archive, limits
        self._by_name = _expected_members(infos)
        self._budget = ReadBudget(limits.manifest_bytes + keys.SIGNATURE_BYTES + MAX_PEM_BYTES + limits.data_bytes)
        manifest_bytes = self._read(MANIFEST_NAME, limits.manifest_bytes)
        manifest = _parse_manifest(manifest_bytes)
        signature = self._read(SIGNATURE_NAME, keys.SIGNATURE_BYTES)
        sender_pem = self._read(SENDER_KEY_NAME, MAX_PEM_BYTES)
        _check_signature_and_key_shape(signature, sender_pem)
        self.head = PacketHead(manifest, manifest_bytes, signature, sender_pem)
        self._verified = False

    def verify(self, trusted_public_pem: bytes, owner: str | None = None) -> None:
        """Check the signature with the TRUSTED key, sender.pem against it, and the files the manifest lists
        against the archive and the limits; nothing of the data is decompressed. Raises IntegrityRefused.

        `owner` names the key's holder in the genitive for the messages (by default as the manifest names it)."""
        head = self.head
        trusted = keys.load_public_key(trusted_public_pem)
        owner = owner or _sender_label(head.manifest)
        if not keys.verify(trusted, head.manifest_bytes, head.signature):
            raise IntegrityRefused(f"Подпись не совпадает с ключом, зарегистрированным для {owner}.")
        if keys.raw_public_key(head.sender_pem) != keys.raw_public_key(trusted):
            raise IntegrityRefused(
                f"Ключ sender.pem в пакете (отпечаток {keys.fingerprint(head.sender_pem)}) не совпадает "
                f"с ключом, зарегистрированным для {owner} (отпечаток {keys.fingerprint(trusted)})."
            )
        _check_listed({entry["name"] for entry in head.manifest["files"]}, self._by_name, DATA_MEMBER)
        _check_listed({f"files/{entry['sha256']}" for entry in head.manifest.get("attachments") or ()}, self._by_name,
                      FILE_MEMBER)
        excess = declared_excess(head.manifest["files"], self._limits)
        if excess:
            raise IntegrityRefused(f"Пакет отклонён: {excess}.")
        self._verified = True

    def records(self) -> Iterator[tuple[str, int, dict[str, Any]]]:
        """(table, record number, record) for every record of every data file, in file order; each file is cut off
        as soon as it passes its signed size or row count, and its SHA-256 is checked at its end."""
        if not self._verified:
            raise RuntimeError("records() before verify(): the data of an unverified packet is never read")
        for entry in sorted(self.head.manifest["files"], key=lambda entry: entry["name"]):
            table = DATA_MEMBER.fullmatch(entry["name"]).group(1)
            for number, record in self._file_records(entry):
                yield table, number, record

    def attachment(self, sha256: str, declared: int) -> Iterator[bytes]:
        """The bytes of a file the verified manifest lists, streamed and cut off past its declared size."""
        if not self._verified:
            raise RuntimeError("attachment() before verify(): nothing of an unverified packet is read")
        return stream_member(self._archive, self._by_name[f"files/{sha256}"], declared, ReadBudget(declared),
                             self._limits.ratio)

    def check_files(self) -> None:
        """Read every data file through against the manifest, keeping nothing."""
        for _record in self.records():
            pass

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Every data file's records as lists by table (a test's or a tool's view; imports use `records`)."""
        tables: dict[str, list[dict[str, Any]]] = {}
        for table, _number, record in self.records():
            tables.setdefault(table, []).append(record)
        for entry in self.head.manifest["files"]:
            tables.setdefault(DATA_MEMBER.fullmatch(entry["name"]).group(1), [])
        return tables

    def _read(self, name: str, limit: int) -> bytes:
        return read_member(self._archive, self._by_name[name], limit, self._budget, self._limits.ratio)

    def _file_records(self, entry: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
        name, limits = entry["name"], self._limits
        chunks = stream_member(self._archive, self._by_name[name], limits.file_bytes, self._budget, limits.ratio)
        tally = _Tally(name, entry["bytes"])
        keys_seen: dict[str, str] = {}
        number = 0
        for number, line in enumerate(_lines(name, map(tally.add, chunks), limits.line_bytes), start=1):
            if number > entry["rows"]:
                raise IntegrityRefused(f"Пакет отклонён: в файле {name} больше записей, чем указано в манифесте "
                                       f"({entry['rows']}).")
            yield number, _parse_record(name, number, line, limits, keys_seen)
        _check_file(name, entry, FileDigest(tally.digest.hexdigest(), tally.size, number))


def declared_excess(files: list[dict[str, Any]], limits: PacketLimits) -> str | None:
    """What the listed files exceed of the limits (in Russian), judged on their declared sizes; None when nothing."""
    for entry in files:
        if entry["bytes"] > limits.file_bytes:
            return f"файл {entry['name']} больше допустимого ({entry['bytes']} байт, допустимо {limits.file_bytes})"
        if entry["rows"] > limits.file_records:
            return (f"в файле {entry['name']} слишком много записей ({entry['rows']}, "
                    f"допустимо {limits.file_records})")
    total_bytes, total_rows = sum(e["bytes"] for e in files), sum(e["rows"] for e in files)
    if total_bytes > limits.data_bytes:
        return f"данные пакета больше допустимого ({total_bytes} байт, допустимо {limits.data_bytes})"
    if total_rows > limits.records:
        return f"в пакете слишком много записей ({total_rows}, допустимо {limits.records})"
    return None


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
    excess = declared_excess(files, DEFAULT_LIMITS)
    if excess:
        raise KuratorError(f"Пакет не записан: {excess}. Отправьте изменения несколькими пакетами.")
    return final


def _write_zip_atomically(path: Path, contents: dict[str, bytes], attachments: tuple[Attachment, ...]) -> None:
    # Written beside the target and renamed: a half-written packet never appears under its real name.
    temp = None
    try:
        descriptor, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(descriptor, "wb") as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in contents.items():
                    archive.writestr(_member_info(name), data)
                for attachment in attachments:
                    _copy_attachment(archive, attachment)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException as error:
        if temp:
            Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise KuratorError(f"Не удалось записать пакет {path}: {error.strerror or error}.") from None
        raise


def _copy_attachment(archive: zipfile.ZipFile, attachment: Attachment) -> None:
    # Stored as is: a scan or a photo is compressed already, and a file that compresses well (a blank page) must not
    # look like a zip bomb to the receiver's ratio check.
    info = _member_info(attachment.member, zipfile.ZIP_STORED)
    digest = hashlib.sha256()
    with attachment.path.open("rb") as source, archive.open(info, "w") as target:
        while chunk := source.read(MB):
            digest.update(chunk)
            target.write(chunk)
    if digest.hexdigest() != attachment.sha256:
        raise KuratorError(f"Файл «{attachment.path.name}» в папке данных изменён после того, как его прикрепили: "
                           "прикрепите его заново.")


def _member_info(name: str, compress_type: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = compress_type
    info.create_system = 3  # Unix, so the mode bits below mean «regular file, rw-r--r--»
    info.external_attr = 0o100644 << 16
    return info


# --- reading -------------------------------------------------------------------------------------------


def _expected_members(infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    by_name = {info.filename: info for info in infos}
    for name in by_name:
        if name not in (MANIFEST_NAME, SIGNATURE_NAME, SENDER_KEY_NAME) and not (
                DATA_MEMBER.fullmatch(name) or FILE_MEMBER.fullmatch(name)):
            raise IntegrityRefused(f"Пакет отклонён: посторонний файл «{name}» в архиве.")
    if MANIFEST_NAME not in by_name:
        raise KuratorError(f"{NOT_A_PACKET} В архиве нет manifest.json.")
    for name, what in ((SIGNATURE_NAME, "подписи manifest.sig"), (SENDER_KEY_NAME, "ключа отправителя sender.pem")):
        if name not in by_name:
            raise IntegrityRefused(f"Пакет отклонён: в архиве нет {what}.")
    return by_name


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


@dataclass(frozen=True)
class FileDigest:
    """What a data file in the packet actually held: its SHA-256 (hex), size in bytes and record count."""

    sha256: str
    bytes: int
    rows: int


@dataclass
class _Tally:
    """Hashes and counts a data file's bytes as they stream, refusing them once they pass the declared size."""

    name: str
    declared: int
    digest: Any = field(default_factory=hashlib.sha256)
    size: int = 0

    def add(self, chunk: bytes) -> bytes:
        self.size += len(chunk)
        if self.size > self.declared:
            raise IntegrityRefused(f"Размер файла {self.name} не совпадает с манифестом: файл больше указанного "
                                   f"({self.declared} байт).")
        self.digest.update(chunk)
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


def _parse_record(name: str, number: int, line: bytes, limits: PacketLimits,
                  keys_seen: dict[str, str]) -> dict[str, Any]:
    if len(line) > limits.line_bytes:
        raise IntegrityRefused(f"Пакет отклонён: в файле {name} строка {number} длиннее {limits.line_bytes} байт.")
    if line.count(b"{") + line.count(b"[") > limits.line_brackets:
        raise IntegrityRefused(f"Пакет отклонён: в файле {name} строка {number} — слишком много вложенных "
                               f"объектов и списков (больше {limits.line_brackets}).")
    try:
        return parse_object(line, keys_seen)
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


def _check_listed(listed: set[str], by_name: dict[str, zipfile.ZipInfo], members: re.Pattern[str]) -> None:
    """Every member the manifest lists is in the archive, and every member of that kind is listed."""
    for name in sorted(listed):
        if name not in by_name:
            raise IntegrityRefused(f"Файла {name}, указанного в манифесте, нет в пакете.")
    unlisted = sorted(name for name in by_name if members.fullmatch(name) and name not in listed)
    if unlisted:
        raise IntegrityRefused(f"Файл {unlisted[0]} есть в пакете, но не указан в манифесте.")


def _check_file(name: str, entry: dict[str, Any], actual: FileDigest) -> None:
    for key, message in _FILE_CHECKS:
        if getattr(actual, key) != entry[key]:
            raise IntegrityRefused(message.format(name=name))
