"""A table read from a document as a plain grid of cell texts, with merge flags."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GridCell:
    """One grid position: its text and whether it repeats a merged cell to its left or above."""

    text: str = ""
    spans_left: bool = False
    spans_above: bool = False


EMPTY_CELL = GridCell()


@dataclass
class RawTable:
    """A table (Word) or a visible sheet (Excel): rows of grid cells, numbered as in the file."""

    position: str
    rows: list[list[GridCell]]
    row_numbers: list[int]
    caption: str | None = None
    warnings: list[str] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Unify line ends and strip outer whitespace; inner text stays exactly as written."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
