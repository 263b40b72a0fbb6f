"""Find the header row of a table from outside by the meaning of its column names: title rows above it, a header
split over two rows (merged cells), columns in any order, the names offices really use.

A vocabulary maps each field to the names people give it. Names are compared without case, spaces and punctuation
(`header_key`); a cell matches a name exactly, or starts with it («Мероприятие (содержание деятельности)» is
«Мероприятие»), the longest name first; an exact match wins over a beginning. The header is the best-scoring block of one row, or two rows read together, among the first rows.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from app.services.documents.table_grid import GridCell


def header_key(text: str) -> str:
    """Lower-case letters, digits and № only: «.№ п/п» and «№п/п», «Ф.И.О.» and «ФИО» give the same key."""
    return re.sub(r"[^0-9a-zа-я№]", "", str(text).lower().replace("ё", "е"))


@dataclass(frozen=True)
class Match:
    """The field a header cell names, and whether it names it exactly (not just by its beginning)."""

    field: str
    exact: bool


@dataclass(frozen=True)
class HeaderVocabulary:
    """Field → the names of its column; `weights` (1 by default) score a header; `required` fields must be found."""

    synonyms: Mapping[str, tuple[str, ...]]
    weights: Mapping[str, int] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    scan_rows: int = 15
    min_prefix: int = 1  # shorter names match only exactly («код» is not «Код педагога»)

    @cached_property
    def _keys(self) -> tuple[tuple[str, str], ...]:
        pairs = {(header_key(name), name_field) for name_field, names in self.synonyms.items() for name in names}
        return tuple(sorted((pair for pair in pairs if pair[0]), key=lambda pair: -len(pair[0])))

    def match(self, text: str) -> Match | None:
        """The field a header cell text names, or None."""
        key = header_key(text)
        if not key:
            return None
        for name, name_field in self._keys:
            if key == name:
                return Match(name_field, True)
        return next((Match(name_field, False) for name, name_field in self._keys
                     if len(name) >= self.min_prefix and key.startswith(name)), None)

    def weight(self, name: str) -> int:
        return self.weights.get(name, 1)


@dataclass(frozen=True)
class Header:
    """Where the header is, how many rows it spans, which grid column holds which field; `repeated` lists the
    columns (field, column) that name a field found exactly in an earlier column too."""

    row: int
    height: int
    columns: dict[str, int]
    texts: tuple[str, ...]
    score: int
    repeated: tuple[tuple[str, int], ...] = ()

    @property
    def first_data_row(self) -> int:
        return self.row + self.height


def find_header(rows: list[list[GridCell]], vocabulary: HeaderVocabulary) -> Header | None:
    """The best-scoring header among the first rows (one row, or two rows read together), or None."""
    candidates = [
        header
        for index in range(min(vocabulary.scan_rows, len(rows)))
        for height in (1, 2)
        if (header := _header_at(rows, index, height, vocabulary)) is not None
    ]
    return max(candidates, key=lambda h: (h.score, -h.height, -h.row), default=None)


def _header_at(rows: list[list[GridCell]], index: int, height: int, vocabulary: HeaderVocabulary) -> Header | None:
    block = rows[index:index + height]
    if len(block) < height:
        return None
    width = max((len(row) for row in block), default=0)
    texts = tuple(" ".join(own_text(row, col) for row in block).strip() for col in range(width))
    exact: dict[str, int] = {}
    guessed: dict[str, int] = {}
    repeated: list[tuple[str, int]] = []
    for col in range(width):
        found = _column_match(block, col, texts[col], vocabulary)
        if found is None:
            continue
        if found.exact and found.field in exact:
            repeated.append((found.field, col))
        (exact if found.exact else guessed).setdefault(found.field, col)
    columns = {**{name: col for name, col in guessed.items() if name not in exact}, **exact}
    if not columns or not vocabulary.required <= columns.keys():
        return None
    return Header(row=index, height=height, columns=dict(sorted(columns.items(), key=lambda item: item[1])),
                  texts=tuple(t for t in texts if t), score=sum(vocabulary.weight(name) for name in columns),
                  repeated=tuple(repeated))


def own_text(row: list[GridCell], col: int) -> str:
    """A cell's text unless it only repeats a merged neighbour (so a merged title counts once)."""
    if col >= len(row) or row[col].spans_left or row[col].spans_above:
        return ""
    return row[col].text


def _column_match(block: list[list[GridCell]], col: int, joined: str, vocabulary: HeaderVocabulary) -> Match | None:
    """The field of a header column: the joined text first, then each header row's own text."""
    for text in (joined, *(own_text(row, col) for row in block)):
        found = vocabulary.match(text)
        if found:
            return found
    return None
