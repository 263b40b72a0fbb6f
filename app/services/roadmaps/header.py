"""Find the header row of a roadmap table by the meaning of its column names."""

import re
from dataclasses import dataclass

from app.services.documents.table_grid import GridCell

# Column meaning → the names municipalities give it (compared without case, spaces and punctuation;
# a header cell matches a name it starts with, so «Мероприятие (содержание деятельности)» is a title).
COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("№", "№ п/п", "номер", "n п/п", "п/п"),
    "title": (
        "мероприятие", "мероприятия", "наименование мероприятия", "наименование мероприятий",
        "содержание деятельности", "содержание мероприятия", "содержание работы", "муниципальный уровень",
    ),
    # the second column of a two-level table (seeds/002 «ПЕРЕЧЕНЬ мероприятий, реализуемых на различных уровнях»)
    "school_title": ("уровень образовательной организации", "уровень оо", "школьный уровень"),
    "deadline": (
        "срок", "сроки", "срок исполнения", "сроки исполнения", "сроки реализации", "срок реализации",
        "сроки проведения", "срок проведения", "дата", "период",
    ),
    "responsible": (
        "ответственный", "ответственные", "ответственный исполнитель", "ответственные исполнители",
        "исполнитель", "исполнители",
    ),
    "planned_result": (
        "планируемый результат", "планируемые результаты", "ожидаемый результат", "ожидаемые результаты",
        "результат", "результаты", "форма отчетности", "форма отчётности", "итоговый документ",
    ),
}
REQUIRED_FIELD = "title"
FIELD_WEIGHTS = {"title": 4, "deadline": 2, "responsible": 2, "planned_result": 1, "number": 1, "school_title": 2}
HEADER_SCAN_ROWS = 15
EXPECTED_HEADERS_TEXT = (
    "«Мероприятие» (или «Наименование мероприятия», «Содержание деятельности»), а также «№», «Сроки», "
    "«Ответственные», «Планируемый результат»"
)


def header_key(text: str) -> str:
    """Lower-case letters, digits and № only: «.№ п/п» and «№п/п» give the same key."""
    return re.sub(r"[^0-9a-zа-я№]", "", text.lower().replace("ё", "е"))


_SYNONYM_KEYS = sorted(
    ((header_key(name), field) for field, names in COLUMN_SYNONYMS.items() for name in names),
    key=lambda pair: -len(pair[0]),
)


def field_of(text: str) -> str | None:
    """The column meaning a header cell text names, or None."""
    key = header_key(text)
    if not key:
        return None
    return next((field for name, field in _SYNONYM_KEYS if key.startswith(name)), None)


@dataclass(frozen=True)
class Header:
    """Where the header is, how many rows it spans and which grid column holds which field."""

    row: int
    height: int
    columns: dict[str, int]
    texts: tuple[str, ...]

    @property
    def score(self) -> int:
        return sum(FIELD_WEIGHTS[field] for field in self.columns)


def find_header(rows: list[list[GridCell]]) -> Header | None:
    """The best-scoring header among the first rows (one row, or two rows read together), or None."""
    candidates = [
        header
        for index in range(min(HEADER_SCAN_ROWS, len(rows)))
        for height in (1, 2)
        if (header := _header_at(rows, index, height)) is not None
    ]
    return max(candidates, key=lambda h: (h.score, -h.height, -h.row), default=None)


def _header_at(rows: list[list[GridCell]], index: int, height: int) -> Header | None:
    block = rows[index:index + height]
    if len(block) < height:
        return None
    width = max(len(row) for row in block)
    texts = tuple(" ".join(_own_text(row, col) for row in block).strip() for col in range(width))
    columns: dict[str, int] = {}
    for col in range(width):
        field = _column_field(block, col, texts[col])
        if field and field not in columns:
            columns[field] = col
    if REQUIRED_FIELD not in columns:
        return None
    if "number" not in columns and columns[REQUIRED_FIELD] > 0 and not texts[columns[REQUIRED_FIELD] - 1]:
        columns["number"] = columns[REQUIRED_FIELD] - 1  # the numbers' column left without a heading
    return Header(row=index, height=height, columns=columns, texts=tuple(t for t in texts if t))


def _own_text(row: list[GridCell], col: int) -> str:
    """A cell's text unless it only repeats a merged neighbour (so a merged title counts once)."""
    if col >= len(row) or row[col].spans_left or row[col].spans_above:
        return ""
    return row[col].text


def _column_field(block: list[list[GridCell]], col: int, joined: str) -> str | None:
    """The field of a header column: the joined text first, then each header row's own text."""
    for text in (joined, *(_own_text(row, col) for row in block)):
        field = field_of(text)
        if field:
            return field
    return None
