"""One safety check for every Office file from outside (.docx, .xlsx), before any XML in it is parsed: size, zip,
encryption, the parts a real document has, how large it and each of its XML parts unpack, and XML parsers that
never expand entities; and one table of how much of a document is read (`DocumentLimits`). Over a limit the import
is refused (exit 2) with the limit in the message, never cut short. The limits are stated in the README.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.xml import functions as openpyxl_xml

from app.errors import KuratorError

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_UNPACKED_BYTES = 300 * MB


@dataclass(frozen=True)
class DocumentLimits:
    """How much of an imported document is read: the rows of its tables (up to the last row holding data) and the
    unpacked size of any one XML part (word/document.xml, a worksheet, the shared strings)."""

    rows: int
    part_bytes: int


# A roadmap is parsed whole (python-docx; openpyxl keeps every cell to see merged ones): some 15-17 bytes of memory
# per byte of its XML, so 8 MB of XML cost at most about 140 MB. Real roadmaps have a few hundred rows and well
# under 1 MB of XML; 5,000 rows of Word's verbose table XML (1.5 KB a row) still fit.
ROADMAP_DOCUMENT = DocumentLimits(rows=5_000, part_bytes=8 * MB)
# A filled Excel template is streamed (openpyxl read-only): its rows are what is kept.
DATA_WORKBOOK = DocumentLimits(rows=200_000, part_bytes=MAX_UNPACKED_BYTES)
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls, and every password-protected Office file
_ENCRYPTED_FLAG = 0x1
_OFFICE_COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
FORMATS = {  # suffix → (the part folder every such file has, what a user calls it, the program that saves it)
    ".docx": ("word/", "документом Word (.docx)", "Word", "«Документ Word (*.docx)»"),
    ".xlsx": ("xl/", "книгой Excel (.xlsx)", "Excel", "«Книга Excel (*.xlsx)»"),
}
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
        raise KuratorError("Чтение файлов Word и Excel отключено: разбор XML небезопасен (нужна библиотека defusedxml).")


def damaged_file_error(path: Path) -> KuratorError:
    """The error for a file that is not a readable Office document (damaged, encrypted, old format, not a zip)."""
    _part, kind, program, save_as = _format(path)
    return KuratorError(
        f"Файл повреждён или защищён паролем: «{path.name}» не является {kind}. Откройте его в {program}, снимите "
        f"пароль, если он есть, и сохраните как {save_as}."
    )


def _format(path: Path) -> tuple[str, str, str, str]:
    return FORMATS.get(path.suffix.lower(), FORMATS[".xlsx"])


def too_many_rows(path: Path, where: str, limits: DocumentLimits) -> KuratorError:
    """The refusal of a document whose table goes past `limits.rows`; `where` is «на листе «…»» or «в таблицах»."""
    limit = f"{limits.rows:_}".replace("_", " ")
    return KuratorError(f"Файл «{path.name}»: {where} больше {limit} строк — столько программа не загружает. "
                        "Разделите данные на несколько файлов.")


@contextmanager
def refusing_damage(path: Path) -> Iterator[None]:
    """Anything a parser raises on a bad file becomes KuratorError «повреждён»; warnings are muted."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except KuratorError:
        raise
    except MemoryError:
        raise KuratorError(f"Файл «{path.name}» слишком велик: на его чтение не хватило памяти. "
                           "Разделите его на несколько файлов.") from None
    except Exception as exc:  # a hostile file can make a parser fail in any way at all
        raise damaged_file_error(path) from exc


def check_office_file(path: Path, limits: DocumentLimits) -> None:
    """Refuse a missing, huge, non-zip, old-format, encrypted or zip-bomb file, or one with an XML part larger than
    `limits` allow, with a Russian message."""
    ensure_safe_xml_parser()
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(len(OLE2_MAGIC))
    except OSError:
        raise KuratorError(f"Не удалось открыть файл «{path.name}»: он не найден или к нему нет доступа.") from None
    if size > MAX_FILE_BYTES:
        raise KuratorError(f"Файл «{path.name}» слишком большой ({size / 1024 / 1024:.1f} МБ); "
                           f"можно загрузить не больше {MAX_FILE_BYTES // 1024 // 1024} МБ.")
    if head == OLE2_MAGIC:
        raise damaged_file_error(path)
    members = _members(path)
    if any(m.flag_bits & _ENCRYPTED_FLAG or m.compress_type not in _OFFICE_COMPRESSIONS for m in members):
        raise damaged_file_error(path)
    if not any(m.filename.startswith(_format(path)[0]) for m in members):
        raise damaged_file_error(path)
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise KuratorError(f"Файл «{path.name}» после распаковки занимает слишком много места (больше "
                           f"{MAX_UNPACKED_BYTES // MB} МБ); вероятно, он повреждён или создан намеренно. "
                           "Разделите его на несколько файлов.")
    part = max((m for m in members if m.filename.endswith(".xml")), key=lambda m: m.file_size, default=None)
    if part is not None and part.file_size > limits.part_bytes:
        raise KuratorError(f"Файл «{path.name}» слишком велик для импорта: его часть {part.filename} после распаковки "
                           f"занимает {part.file_size / MB:.0f} МБ, допустимо не больше {limits.part_bytes // MB} МБ. "
                           "Разделите документ на несколько файлов.")


def _members(path: Path) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except Exception:  # zipfile raises several kinds on garbage; all mean "not an Office file"
        raise damaged_file_error(path) from None
