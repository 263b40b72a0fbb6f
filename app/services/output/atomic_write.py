"""Write a file whole or not at all: a temporary file beside the target, then one rename."""

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from app.errors import KuratorError

_NO_ACCESS = "нет прав на запись (папка только для чтения или файл открыт в другой программе)"
_REASONS = {
    errno.ENOSPC: "на диске недостаточно места",
    errno.EDQUOT: "на диске недостаточно места",
    errno.EROFS: "диск доступен только для чтения",
    errno.EACCES: _NO_ACCESS,
    errno.EPERM: _NO_ACCESS,
    errno.ENOENT: "папка не существует",
    errno.ENOTDIR: "папка не существует",
    errno.EISDIR: "по этому пути находится папка",
    errno.ENAMETOOLONG: "слишком длинное имя файла",
}


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old file or the new one, never a part."""
    path = Path(path)
    try:
        handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _write_error(path, exc) from exc
    try:
        with os.fdopen(handle, "wb") as temp_file:
            temp_file.write(data)
            temp_file.flush()
            os.fsync(temp_file.fileno())
        os.chmod(temp_name, 0o666 & ~_umask())  # a report is an ordinary file, not a private temporary one
        os.replace(temp_name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise _write_error(path, exc) from exc


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _write_error(path: Path, exc: OSError) -> KuratorError:
    reason = _REASONS.get(exc.errno, exc.strerror or "ошибка записи")
    return KuratorError(f"Не удалось сохранить файл «{path}»: {reason}.")
