"""What the PDF and the Word writers of a report share: the page margins, the words of the fixed blocks and how
a table's columns share the page width (each column at least as wide as its longest header word, the rest by
content)."""

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from app.services.output.ru_format import format_value

MM = 72 / 25.4  # points in a millimetre
A4_MM = (210, 297)
MARGINS_MM = {"left": 25, "right": 15, "top": 20, "bottom": 20}
NO_ROWS_TEXT = "Нет данных"
SIGNATURE_LINE = "_" * 16
DEFAULT_APPROVAL_DATE = "«____» ______________ 20___ г."
CELL_PADDING = 13  # points: a cell's left plus right padding (6 + 6 in both writers) and a little slack
SHORT_VALUE = 16  # characters of a column's typical cell: up to it, its words are kept whole
TYPICAL_CELL_LIMIT = 60  # characters: a longer typical cell wraps rather than widening its column further
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")  # «условиях..», not the ellipsis «...»


def clean_text(value: object) -> str:
    """A value as the plain text of a report: formatted the Russian way, tabs as spaces, no control characters, and
    a doubled full stop (a typing slip, or a sentence that ends in an abbreviation and gets its own stop) single."""
    return _DOUBLED_STOP.sub(".", _CONTROL_CHARS.sub("", format_value(value).replace("\t", " ")))


@dataclass(frozen=True)
class Approval:
    """The «УТВЕРЖДАЮ» block at the top right: who approves and the date line."""

    position: str
    name: str
    date_text: str = DEFAULT_APPROVAL_DATE


def frame_width_mm(landscape: bool) -> float:
    """Width of the text area of an A4 page in the orientation."""
    page_width = A4_MM[1] if landscape else A4_MM[0]
    return page_width - MARGINS_MM["left"] - MARGINS_MM["right"]


def prepare_table(header: Sequence[str], rows: Iterable[Sequence[object]], col_widths: Sequence[float] | None,
                  total: float, word_width: Callable[[str], float]) -> tuple[list[list[str]], list[float]]:
    """A table's cells as text and its column widths (see `column_widths`; `col_widths` are relative weights, guessed
    from the content if omitted), checked the same way for both writers."""
    if not header:
        raise ValueError("a table needs at least one column")
    texts = [[clean_text(value) for value in row] for row in rows]
    check_row_lengths(len(header), texts)
    weights = col_widths or column_weights(header, texts)
    if len(weights) != len(header):
        raise ValueError(f"{len(weights)} column widths for {len(header)} columns")
    return texts, column_widths(header, texts, weights, total, word_width)


def check_row_lengths(width: int, rows: Sequence[Sequence[str]]) -> None:
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise ValueError(f"table row {number} has {len(row)} cells, header has {width}")


def column_weights(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    """Guess relative column widths from the longest header word and the typical cell length."""
    weights = []
    for index, title in enumerate(header):
        longest_word = max((len(word) for word in str(title).split()), default=1)
        typical = median([len(row[index]) for row in rows]) if rows else 0
        weights.append(max(longest_word, min(typical, TYPICAL_CELL_LIMIT), 3))
    return weights


def scale(weights: Sequence[float], total: float) -> list[float]:
    whole = sum(weights)
    return [total * weight / whole for weight in weights]


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], weights: Sequence[float], total: float,
                  word_width: Callable[[str], float]) -> list[float]:
    """Widths (in the unit of `total`) by the weights, but no column narrower than its longest word as `word_width`
    measures it, plus padding, so that no word breaks in the middle: the header's longest word always, the cells'
    too in the columns of short values (dates, kinds, levels, numbers), as many as fit, the shortest first; in a
    column of long texts a long word may break rather than starve the column of its width. The room a column
    needs is taken from the others, in proportion to what each has above its own minimum. When not even the
    headers fit, the widths keep the headers' proportions."""
    minimums = [_longest_word_width([str(title)], word_width) + CELL_PADDING for title in header]
    if sum(minimums) >= total:
        return scale(minimums, total)
    cells = [_longest_word_width([row[index] for row in rows], word_width) + CELL_PADDING
             for index in range(len(header))]
    typical = [median([len(row[index]) for row in rows]) if rows else 0 for index in range(len(header))]
    for index in sorted((i for i in range(len(header)) if typical[i] <= SHORT_VALUE), key=lambda i: typical[i]):
        if cells[index] > minimums[index] and sum(minimums) - minimums[index] + cells[index] < total:
            minimums[index] = cells[index]
    return _spread(scale(weights, total), minimums, total)


def _spread(widths: list[float], minimums: list[float], total: float) -> list[float]:
    for _ in range(len(widths)):
        short = [i for i, width in enumerate(widths) if width < minimums[i] - 0.01]
        if not short:
            break
        for i in short:
            widths[i] = minimums[i]
        spare = [i for i in range(len(widths)) if i not in short and widths[i] > minimums[i]]
        excess = sum(widths) - total
        room = sum(widths[i] - minimums[i] for i in spare)
        for i in spare:
            widths[i] -= excess * (widths[i] - minimums[i]) / room
    return widths


def _longest_word_width(texts: Sequence[str], word_width: Callable[[str], float]) -> float:
    """The width of the longest word among the texts: the longest by letters of each text, then measured."""
    longest = {max(text.split(), key=len) for text in texts if text.strip()}
    return max((word_width(word) for word in longest), default=0)
