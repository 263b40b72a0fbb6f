"""The one place that chooses a report's format: the file's extension says whether the report is written as a PDF
(`ReportDocument`) or as an editable Word document (`WordDocument`); both take the same blocks."""

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from app.errors import KuratorError
from app.services.output.layout import Approval
from app.services.output.pdf import ReportDocument
from app.services.output.word import WordDocument

WRITERS = {".pdf": ReportDocument, ".docx": WordDocument}
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
    writer = WRITERS.get(Path(path).suffix.lower())
    if writer is None:
        raise KuratorError(f"Отчёт сохраняется в PDF или Word: укажите файл .pdf или .docx, а не «{Path(path).name}».")
    return writer(title, subject=subject, landscape=landscape)
