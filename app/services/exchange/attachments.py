"""Files that travel in a packet with the records that refer to them: a roadmap event's evidence and the files of a
school's answers (their records are `evidence` and `answer_file`). README «Обмен данными» states the limits.

Writing. A packet carries each file its records refer to once (`files/<sha256>`), listed in the signed manifest
(`attachments`: sha256 and size), up to MAX_FILE_BYTES a file, MAX_PACKET_FILES_BYTES and MAX_PACKET_FILES a
packet. A record whose file does not fit this packet waits for the next one: it is left out now and marked to travel
again. A record whose file is not in this data folder travels without it (the receiver shows that the file has not
come).

Reading. Only after the signature is verified, and only files the manifest lists, each streamed into a staging folder
of the data folder's store, cut off past its signed size, its SHA-256 checked against the signed list, and moved
into the store only once the packet's records are applied.
"""

import hashlib
import re
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.config import make_private_folder
from app.errors import IntegrityRefused
from app.services import file_store

FILE_TABLES = ("evidence", "answer_file")
MAX_FILE_BYTES = file_store.MAX_BYTES
MAX_PACKET_FILES_BYTES = 100 * 1024 * 1024
MAX_PACKET_FILES = 300
FILE_MEMBER = re.compile(r"files/([0-9a-f]{64})")
STAGING = ".incoming"

Row = dict[str, Any]


@dataclass(frozen=True)
class Attachment:
    """A file a packet carries: its content hash, size, and (when writing) where it lies here."""

    sha256: str
    bytes: int
    path: Path | None = None

    @property
    def member(self) -> str:
        return f"files/{self.sha256}"

    def listed(self) -> dict[str, Any]:
        """The manifest's entry for it."""
        return {"sha256": self.sha256, "bytes": self.bytes}


@dataclass
class CarriedFiles:
    """What a planned packet carries: the files, the records left for the next packet, the files not found here."""

    attachments: list[Attachment] = field(default_factory=list)
    deferred: dict[str, list[str]] = field(default_factory=dict)  # table → ids of records waiting for room
    absent: int = 0  # records travelling without their file (it is not in this data folder)

    @property
    def total_bytes(self) -> int:
        return sum(a.bytes for a in self.attachments)


def carry_files(files_dir: Path, tables: dict[str, list[Row]], limit: int = MAX_PACKET_FILES_BYTES) -> CarriedFiles:
    """Choose the files a packet's records refer to, within the limits; records whose file does not fit are taken
    out of `tables` (listed in `deferred`). Tombstones carry no file."""
    carried, chosen = CarriedFiles(), {}
    for table in FILE_TABLES:
        kept = []
        for row in tables.get(table, []):
            verdict = _place(files_dir, row, chosen, carried, limit)
            if verdict == "defer":
                carried.deferred.setdefault(table, []).append(row["id"])
            else:
                kept.append(row)
        if table in tables:
            tables[table] = kept
    carried.attachments = list(chosen.values())
    return carried


def _place(files_dir: Path, row: Row, chosen: dict[str, Attachment], carried: CarriedFiles, limit: int) -> str:
    if row.get("deleted_at") or row["sha256"] in chosen:
        return "travel"
    path = file_store.content_path(files_dir, row["sha256"], row["stored_name"])
    if not path.is_file() or path.stat().st_size != row["size_bytes"] or row["size_bytes"] > MAX_FILE_BYTES:
        carried.absent += 1
        return "travel"
    if sum(a.bytes for a in chosen.values()) + row["size_bytes"] > limit or len(chosen) >= MAX_PACKET_FILES:
        return "defer"
    chosen[row["sha256"]] = Attachment(row["sha256"], row["size_bytes"], path)
    return "travel"


def stored_names_problem(records: Iterable[Row]) -> str | None:
    """A file record whose stored name is not its hash with a plain suffix (it would name a path elsewhere)."""
    for row in records:
        if not file_store.safe_stored_name(row["sha256"], row["stored_name"]):
            return f"имя файла «{row['stored_name'][:80]}» не соответствует его контрольной сумме"
    return None


def listed_attachments(manifest: dict[str, Any]) -> dict[str, int]:
    """sha256 → size of the files a (verified) manifest lists; a packet of format 1 without files lists none."""
    return {entry["sha256"]: entry["bytes"] for entry in manifest.get("attachments") or ()}


def attachments_problem(value: Any) -> str | None:
    """What is wrong with a manifest's `attachments` (in Russian), or None."""
    if value is None:
        return None
    if not isinstance(value, list):
        return "поле attachments: ожидается список"
    if len(value) > MAX_PACKET_FILES:
        return f"поле attachments: больше {MAX_PACKET_FILES} файлов"
    total, seen = 0, set()
    for index, entry in enumerate(value):
        if not (isinstance(entry, dict) and set(entry) == {"sha256", "bytes"}
                and isinstance(entry["sha256"], str) and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
                and isinstance(entry["bytes"], int) and not isinstance(entry["bytes"], bool)
                and 0 <= entry["bytes"] <= MAX_FILE_BYTES):
            return (f"поле attachments[{index}]: ожидается sha256 и размер файла не больше "
                    f"{file_store.megabytes(MAX_FILE_BYTES)}")
        if entry["sha256"] in seen:
            return "поле attachments: один файл указан дважды"
        seen.add(entry["sha256"])
        total += entry["bytes"]
    if total > MAX_PACKET_FILES_BYTES:
        return f"поле attachments: файлы вместе больше {file_store.megabytes(MAX_PACKET_FILES_BYTES)}"
    return None


class Staging:
    """A packet's files received into a staging folder of the store, moved in only when the packet is applied."""

    def __init__(self, files_dir: Path, packet_id: str):
        self.files_dir = Path(files_dir)
        self.folder = self.files_dir / file_store.FOLDER / STAGING / packet_id
        self.received: list[str] = []

    def receive(self, sha256: str, declared: int, chunks: Iterator[bytes]) -> None:
        """Stream one file in, cut off past its declared size; its hash must be the one in its name."""
        make_private_folder(self.files_dir)
        self.folder.mkdir(parents=True, exist_ok=True)
        digest, size, target = hashlib.sha256(), 0, self.folder / sha256
        with target.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > declared:
                    raise IntegrityRefused(f"Пакет отклонён: файл {sha256[:12]}… больше заявленного в манифесте.")
                digest.update(chunk)
                out.write(chunk)
        if size != declared or digest.hexdigest() != sha256:
            raise IntegrityRefused(f"Пакет отклонён: файл {sha256[:12]}… не совпадает с контрольной суммой манифеста.")
        self.received.append(sha256)

    def commit(self, records: Iterable[Row]) -> int:
        """Move the received files under the names their records give them (checked by `stored_names_problem`
        before anything was applied); returns how many were placed."""
        names = {row["sha256"]: row["stored_name"] for row in records if row["sha256"] in self.received}
        for sha256, stored_name in names.items():
            target = file_store.content_path(self.files_dir, sha256, stored_name)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.is_file():  # the same name holds the same content: it is here already
                shutil.copyfile(self.folder / sha256, target)
        self.discard()
        return len(names)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
