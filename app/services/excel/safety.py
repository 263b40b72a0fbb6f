"""Checks a user's file before openpyxl sees it, and turns any failure inside openpyxl into a Russian refusal.

XML safety: openpyxl parses every part with defusedxml when it is installed (`openpyxl.DEFUSEDXML`, on
unless the environment sets OPENPYXL_DEFUSEDXML=False), so entity expansion and external entities are
refused; `ensure_safe_xml_parser` checks that at run time instead of trusting it.
"""

import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl

from app.errors import KuratorError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_ROWS = 200_000

_EXCEL_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DAMAGED_OR_PROTECTED = (
    "Файл повреждён или защищён паролем. Если это старый формат .xls или файл с паролем, откройте его "
    "в Excel, снимите пароль и сохраните как «Книга Excel (*.xlsx)»."
)


def ensure_safe_xml_parser() -> None:
    """Refuse to read user files if openpyxl would parse XML without defusedxml."""
    if not openpyxl.DEFUSEDXML:
        raise KuratorError("Чтение Excel отключено: не найдена библиотека defusedxml для безопасного разбора XML.")


def check_source(path: Path) -> None:
    """Refuse a missing, huge, non-xlsx, encrypted or suspiciously large-when-unpacked file."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(len(OLE2_MAGIC))
    except OSError:
        raise KuratorError(f"Не удалось открыть файл «{path.name}»: его нет или к нему нет доступа.") from None
    if size > MAX_FILE_BYTES:
        raise KuratorError(
            f"Файл «{path.name}» слишком большой ({size // (1024 * 1024)} МБ); "
            f"можно загрузить не больше {MAX_FILE_BYTES // (1024 * 1024)} МБ."
        )
    if head == OLE2_MAGIC:
        raise KuratorError(DAMAGED_OR_PROTECTED)
    _check_archive(path)


def _check_archive(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise KuratorError(
            f"Файл «{path.name}» не является книгой Excel (.xlsx). Откройте его в Excel и сохраните "
            "как «Книга Excel (*.xlsx)»."
        ) from None
    if any(m.flag_bits & 0x1 or m.compress_type not in _EXCEL_COMPRESSIONS for m in members):
        raise KuratorError(DAMAGED_OR_PROTECTED)
    if not any(m.filename.startswith("xl/") for m in members):
        raise KuratorError(f"Файл «{path.name}» — архив, но не книга Excel (.xlsx).")
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise KuratorError(f"Файл «{path.name}» после распаковки слишком большой; разделите его на несколько.")


@contextmanager
def refusing_damage() -> Iterator[None]:
    """Anything openpyxl or zipfile raises on a bad file becomes KuratorError «повреждён»; warnings are muted."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except KuratorError:
        raise
    except Exception as exc:  # a hostile file can make openpyxl fail in any way at all
        raise KuratorError(DAMAGED_OR_PROTECTED) from exc
