"""Safety checks for .docx/.xlsx files before any XML in them is parsed."""

import zipfile
from pathlib import Path

from app.errors import KuratorError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
_ENCRYPTED_FLAG = 0x1


def damaged_file_error(path: Path) -> KuratorError:
    """The error for a file that is not a readable Office document."""
    return KuratorError(
        f"Файл повреждён или защищён паролем: {path.name}. "
        "Откройте его в Word или Excel, снимите пароль и сохраните заново в формате .docx или .xlsx."
    )


def check_office_file(path: Path) -> None:
    """Refuse a missing, huge, non-zip, encrypted or zip-bomb file with a Russian message."""
    if not path.is_file():
        raise KuratorError(f"Файл не найден: {path}")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise KuratorError(
            f"Файл слишком большой ({size / 1024 / 1024:.1f} МБ): {path.name}. "
            f"Допускается не более {MAX_FILE_BYTES // 1024 // 1024} МБ."
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise damaged_file_error(path) from exc
    if any(info.flag_bits & _ENCRYPTED_FLAG for info in members):
        raise damaged_file_error(path)
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise KuratorError(
            f"Файл {path.name} после распаковки занимает слишком много места; "
            "вероятно, он повреждён или создан намеренно."
        )
