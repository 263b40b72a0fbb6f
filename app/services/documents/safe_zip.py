"""Reading a zip that came from outside without trusting it: checked names, streamed sizes and ratios.

Nothing is ever extracted to disk; members are streamed in chunks and every limit is enforced on the bytes
actually produced, never on the sizes the archive declares about itself.
"""

import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app.errors import IntegrityRefused, KuratorError

CHUNK_BYTES = 64 * 1024
# A central directory entry with a generous name; a directory larger than this per member is not a real archive.
DIRECTORY_ENTRY_BYTES = 1024
# Below this many bytes a member's compression ratio is not judged: tiny, repetitive files compress well.
RATIO_GRACE_BYTES = 1024 * 1024
ALLOWED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

# What the zip module may raise on a damaged or hostile archive.
ZIP_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, struct.error, EOFError, OSError,
    ValueError, NotImplementedError, RuntimeError, OverflowError, KeyError, IndexError,
)

_UNSAFE_NAME_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^/"), "абсолютный путь"),
    (re.compile(r"\\"), "обратная косая черта в пути"),
    (re.compile(r"^[A-Za-z]:|:"), "буква диска или двоеточие в пути"),
    (re.compile(r"(^|/)\.\.(/|$)"), "выход за пределы папки («..»)"),
    (re.compile(r"[\x00-\x1f]"), "управляющие символы в имени"),
)


@dataclass
class ReadBudget:
    """Uncompressed bytes the whole archive may still produce."""

    remaining: int

    def spend(self, amount: int) -> None:
        self.remaining -= amount
        if self.remaining < 0:
            raise IntegrityRefused("Пакет отклонён: распакованное содержимое больше допустимого (возможна zip-бомба).")


def open_archive(path: Path, max_bytes: int, not_archive_message: str, max_members: int) -> zipfile.ZipFile:
    """Open `path` as a zip after checking its size and, from the end record alone, the size of its directory
    (zipfile builds an object per entry, so millions of entries would cost gigabytes before any check);
    anything unreadable is a KuratorError."""
    try:
        if not path.is_file():
            raise KuratorError(f"Файл не найден: {path}")
        size = path.stat().st_size
        if size > max_bytes:
            raise IntegrityRefused(f"Файл {path.name} слишком велик ({size} байт, допустимо {max_bytes}).")
        with path.open("rb") as handle:
            end = zipfile._EndRecData(handle)  # noqa: SLF001 — the end record only, the directory stays unread
    except OSError as error:
        raise KuratorError(f"Не удалось прочитать файл {path}: {error.strerror}") from None
    if end is None:
        raise KuratorError(not_archive_message)
    _check_directory(end[zipfile._ECD_ENTRIES_TOTAL], end[zipfile._ECD_SIZE], max_members)  # noqa: SLF001
    try:
        return zipfile.ZipFile(path)
    except ZIP_ERRORS:
        raise KuratorError(not_archive_message) from None


def _check_directory(entries: int, directory_bytes: int, max_members: int) -> None:
    if entries > max_members:
        raise IntegrityRefused(f"Пакет отклонён: в архиве {entries} файлов, допустимо не больше {max_members}.")
    if directory_bytes > max_members * DIRECTORY_ENTRY_BYTES:
        raise IntegrityRefused(f"Пакет отклонён: оглавление архива занимает {directory_bytes} байт — "
                               "так много не бывает у настоящего пакета.")


def check_members(infos: list[zipfile.ZipInfo], max_members: int) -> None:
    """Refuse too many members, duplicate names, unsafe paths, links, encryption and unusual compression."""
    if len(infos) > max_members:
        raise IntegrityRefused(f"Пакет отклонён: в архиве {len(infos)} файлов, допустимо не больше {max_members}.")
    seen: set[str] = set()
    for info in infos:
        if info.filename in seen:
            raise IntegrityRefused(f"Пакет отклонён: файл «{info.filename}» повторяется в архиве.")
        seen.add(info.filename)
        _check_member(info)


def stream_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, budget: ReadBudget, max_ratio: int
) -> Iterator[bytes]:
    """Yield the member's bytes in chunks, refusing as soon as a size, total or ratio limit is passed."""
    ratio_cap = max(info.compress_size, 1) * max_ratio
    produced = 0
    with _open_member(archive, info) as stream:
        while chunk := _read_chunk(stream, info.filename):
            produced += len(chunk)
            budget.spend(len(chunk))
            if produced > limit:
                raise IntegrityRefused(f"Пакет отклонён: файл {info.filename} больше допустимого ({limit} байт).")
            if produced > RATIO_GRACE_BYTES and produced > ratio_cap:
                raise IntegrityRefused(
                    f"Пакет отклонён: файл {info.filename} сжат подозрительно сильно (возможна zip-бомба)."
                )
            yield chunk


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, budget: ReadBudget, max_ratio: int
) -> bytes:
    """The whole member as bytes, under the same limits as `stream_member`."""
    return b"".join(stream_member(archive, info, limit, budget, max_ratio))


def _check_member(info: zipfile.ZipInfo) -> None:
    name = info.filename
    for pattern, reason in _UNSAFE_NAME_RULES:
        if pattern.search(name):
            raise IntegrityRefused(f"Пакет отклонён: недопустимое имя файла «{name}» ({reason}).")
    file_type = stat.S_IFMT(info.external_attr >> 16)
    if file_type == stat.S_IFLNK:
        raise IntegrityRefused(f"Пакет отклонён: «{name}» — символическая ссылка.")
    if file_type not in (0, stat.S_IFREG):
        raise IntegrityRefused(f"Пакет отклонён: «{name}» — не обычный файл.")
    if info.flag_bits & 0x1:
        raise IntegrityRefused(f"Пакет отклонён: файл «{name}» зашифрован.")
    if info.compress_type not in ALLOWED_METHODS:
        raise IntegrityRefused(f"Пакет отклонён: файл «{name}» сжат неизвестным способом.")


def _open_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    try:
        return archive.open(info)
    except ZIP_ERRORS:
        raise IntegrityRefused(f"Пакет повреждён: файл {info.filename} не читается.") from None


def _read_chunk(stream: IO[bytes], name: str) -> bytes:
    try:
        return stream.read(CHUNK_BYTES)
    except ZIP_ERRORS:
        raise IntegrityRefused(f"Пакет повреждён: файл {name} не читается (архив испорчен).") from None
