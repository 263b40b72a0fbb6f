"""Checks a user's file before openpyxl sees it, and turns any failure inside openpyxl into a Russian refusal.

XML safety: openpyxl 3.1 takes its parsers from `openpyxl.xml.functions`. The streaming parser that reads
worksheets and shared strings (`iterparse`) is defusedxml's whenever defusedxml is installed (unless the
environment sets OPENPYXL_DEFUSEDXML=False); whole-part parsing (`fromstring`: workbook, styles, content
types) is lxml with `resolve_entities=False` when lxml is present (python-docx requires it), else
defusedxml's. Either way entities are never expanded; `ensure_safe_xml_parser` proves it by parsing a probe
rather than trusting flags.
"""

import io
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openpyxl.xml import functions as openpyxl_xml

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
_ENTITY_PROBE = b'<!DOCTYPE x [<!ENTITY e "EXPANDED">]><x>&e;</x>'


def _parse_whole() -> Any:
    return openpyxl_xml.fromstring(_ENTITY_PROBE)


def _parse_streamed() -> Any:
    return next(iter(openpyxl_xml.iterparse(io.BytesIO(_ENTITY_PROBE))))[1]


def _expands_entities(parse: Callable[[], Any]) -> bool:
    try:
        return "EXPANDED" in "".join(parse().itertext())
    except Exception:  # defusedxml refuses any entity declaration: that is safe too
        return False


def ensure_safe_xml_parser() -> None:
    """Refuse to read user files if either XML parser openpyxl uses would expand entities."""
    if _expands_entities(_parse_whole) or _expands_entities(_parse_streamed):
        raise KuratorError("Чтение Excel отключено: разбор XML небезопасен (нужна библиотека defusedxml).")


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
    except Exception:  # zipfile raises several kinds on garbage; all mean "not an xlsx"
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
