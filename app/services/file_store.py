"""Files kept in the data folder by their content (приказы, протоколы, фото behind roadmap events and answers).

A file is stored once under its SHA-256 (`evidence/<sha256[:2]>/<sha256><suffix>`), whoever refers to it: the same
file attached twice takes disk space once, and a file that arrives in a packet lands where a local copy would.
"""

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.config import make_private_folder
from app.errors import KuratorError
from app.models import StoredFile

MAX_BYTES = 25 * 1024 * 1024  # one file; also what one file may weigh in a packet (README «Обмен данными»)
CHUNK = 1024 * 1024
SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")
SHA256 = re.compile(r"[0-9a-f]{64}")
NAME_LIMIT = 400
FOLDER = "evidence"


@dataclass(frozen=True)
class StoredContent:
    """What the store holds for a file: its hash, the name it is kept under, its size in bytes."""

    sha256: str
    stored_name: str
    size: int


def megabytes(size: int) -> str:
    """A file's size as people say it: «11 КБ», «1,5 МБ», «25 МБ»."""
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} КБ"
    value = size / 1024 / 1024
    return f"{value:.0f} МБ" if value >= 10 or value.is_integer() else f"{value:.1f} МБ".replace(".", ",")


def check_source(source: Path) -> int:
    """The size of a file the user chose; a missing or too big one is refused with a Russian message."""
    if not source.is_file():
        raise KuratorError(f"Файл не найден: {source.name or source}. Выберите существующий файл.")
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise KuratorError(f"Файл «{source.name}» слишком большой ({megabytes(size)}): "
                           f"можно прикрепить файл не больше {megabytes(MAX_BYTES)}.")
    return size


def suffix_of(name: str) -> str:
    """The file's extension in lower case, when it is a plain one («.pdf»), else nothing."""
    suffix = Path(name).suffix.lower()
    return suffix if SAFE_SUFFIX.fullmatch(suffix) else ""


def safe_stored_name(sha256: str, stored_name: str) -> bool:
    """Whether a stored name is what the store gives a file: its hash and a plain suffix (never a path)."""
    suffix = stored_name[64:]
    return (SHA256.fullmatch(sha256) is not None and stored_name[:64] == sha256
            and (suffix == "" or SAFE_SUFFIX.fullmatch(suffix) is not None))


def content_path(files_dir: Path, sha256: str, stored_name: str) -> Path:
    """Where the content of a file with this hash and stored name is kept in the data folder."""
    return Path(files_dir) / FOLDER / sha256[:2] / stored_name


def stored_path(files_dir: Path, record: StoredFile) -> Path:
    """Where a stored file's content is kept in the data folder."""
    return content_path(files_dir, record.sha256, record.stored_name)


def has_content(files_dir: Path, record: StoredFile) -> bool:
    """Whether the data folder holds the record's file with the size the record states."""
    path = stored_path(files_dir, record)
    return path.is_file() and path.stat().st_size == record.size_bytes


def _copy_hashed(source: BinaryIO, name: str, store: Path, limit: int) -> tuple[str, Path]:
    """Copy a stream into a temporary file inside `store` while hashing it; returns (sha256, temporary file)."""
    digest, size = hashlib.sha256(), 0
    store.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=store, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise KuratorError(f"Файл «{name}» больше {megabytes(limit)}.")
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return digest.hexdigest(), Path(temp)


def store_stream(files_dir: Path, source: BinaryIO, name: str, limit: int = MAX_BYTES) -> StoredContent:
    """Put a stream's content into the store once (under its hash and the suffix of `name`)."""
    store = make_private_folder(Path(files_dir)) / FOLDER
    sha256, temp = _copy_hashed(source, name, store, limit)
    size = temp.stat().st_size
    stored_name = sha256 + suffix_of(name)
    target = store / sha256[:2] / stored_name
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and target.stat().st_size == size:
        temp.unlink()
    else:
        os.replace(temp, target)
    return StoredContent(sha256, stored_name, size)


def store_file(files_dir: Path, source: Path) -> StoredContent:
    """Put a file the user chose into the store once; a missing or too big one is refused."""
    check_source(source)
    with source.open("rb") as handle:
        return store_stream(files_dir, handle, source.name)


def file_columns(source: Path, content: StoredContent, title: str | None = None) -> dict[str, str | int]:
    """The `StoredFile` columns of a file the user attached and the store now holds."""
    return {"title": (title or source.stem)[:NAME_LIMIT], "file_name": source.name[:NAME_LIMIT],
            "stored_name": content.stored_name, "sha256": content.sha256, "size_bytes": content.size}
