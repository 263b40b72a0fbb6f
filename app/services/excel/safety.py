"""openpyxl on a user's file: a row cap, and any failure inside openpyxl turned into a Russian refusal (the file and
the XML parsers are checked first, by `documents.office_zip`)."""

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.errors import KuratorError
from app.services.documents.office_zip import damaged_file_error

MAX_ROWS = 200_000
"""The most data rows one sheet of an imported workbook may hold; a file over it is refused, never cut short."""


def too_many_rows(sheet_title: str) -> str:
    """The refusal of a sheet over the row limit."""
    limit = f"{MAX_ROWS:_}".replace("_", " ")
    return (f"На листе «{sheet_title}» больше {limit} строк — это больше, чем Куратор загружает из одного листа; "
            "ничего не загружено. Разделите данные на несколько файлов.")


@contextmanager
def refusing_damage(path: Path) -> Iterator[None]:
    """Anything openpyxl or zipfile raises on a bad file becomes KuratorError «повреждён»; warnings are muted."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except KuratorError:
        raise
    except Exception as exc:  # a hostile file can make openpyxl fail in any way at all
        raise damaged_file_error(path) from exc
