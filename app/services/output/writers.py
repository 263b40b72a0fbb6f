"""The one place that chooses a report's format: the file's extension says whether the report is written as a PDF
(`ReportDocument`) or as an editable Word document (`WordDocument`); both take the same blocks."""

import importlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from app.errors import KuratorError
from app.services.output.layout import Approval

# extension → module and class; the module is imported when a report of its format is made (a PDF does not load
# python-docx, nor a Word document reportlab)
WRITERS = {".pdf": ("app.services.output.pdf", "ReportDocument"), ".docx": ("app.services.output.word", "WordDocument")}
FORMAT_TITLES = {".pdf": "Документ PDF", ".docx": "Документ Word"}


class ReportWriter(Protocol):
    """The blocks a report is made of, in reading order; `save` writes the file."""

    @property
    def frame_width(self) -> float: ...

    def official_header(self, organisation: str, title: str, subtitle: str | None = None,
                        date_text: str | None = None, number: str | None = None,
                        approval: Approval | None = None) -> None: ...

    def heading(self, text: str, level: int = 1) -> None: ...

    def paragraph(self, text: str) -> None: ...

    def key_values(self, pairs: Iterable[tuple[str, object]]) -> None: ...

    def table(self, header: Sequence[str], rows: Iterable[Sequence[object]],
              col_widths: Sequence[float] | None = None, numeric_columns: Iterable[int] = ()) -> None: ...

    def image(self, source: str | Path | bytes, width_mm: float, caption: str | None = None) -> None: ...

    def signature_block(self, position: str, name: str) -> None: ...

    def page_break(self, landscape: bool | None = None) -> None: ...

    def save(self, path: str | Path) -> Path: ...


def writer_for(path: str | Path, title: str, *, subject: str = "", landscape: bool = False) -> ReportWriter:
    """A new, empty report in the format of `path`'s extension (.pdf or .docx)."""
    where = WRITERS.get(Path(path).suffix.lower())
    if where is None:
        raise KuratorError(f"Отчёт сохраняется в PDF или Word: укажите файл .pdf или .docx, а не «{Path(path).name}».")
    writer = getattr(importlib.import_module(where[0]), where[1])
    return writer(title, subject=subject, landscape=landscape)
