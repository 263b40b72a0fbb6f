"""The header of a roadmap table: the names municipalities give its columns (found by `documents.table_header`)."""

from dataclasses import replace

from app.services.documents.table_grid import GridCell
from app.services.documents.table_header import Header, HeaderVocabulary, header_key, own_text
from app.services.documents.table_header import find_header as find_table_header

__all__ = ["COLUMN_SYNONYMS", "EXPECTED_HEADERS_TEXT", "Header", "field_of", "find_header", "header_key"]

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
EXPECTED_HEADERS_TEXT = (
    "«Мероприятие» (или «Наименование мероприятия», «Содержание деятельности»), а также «№», «Сроки», "
    "«Ответственные», «Планируемый результат»"
)
VOCABULARY = HeaderVocabulary(COLUMN_SYNONYMS, FIELD_WEIGHTS, frozenset({REQUIRED_FIELD}))


def field_of(text: str) -> str | None:
    """The column meaning a header cell text names, or None."""
    found = VOCABULARY.match(text)
    return found.field if found else None


def find_header(rows: list[list[GridCell]]) -> Header | None:
    """The roadmap table's header among its first rows (it must name the «Мероприятие» column), or None."""
    header = find_table_header(rows, VOCABULARY)
    if header is None or "number" in header.columns or header.columns[REQUIRED_FIELD] == 0:
        return header
    left = header.columns[REQUIRED_FIELD] - 1
    if any(own_text(row, left) for row in rows[header.row:header.first_data_row]):
        return header
    numbered = {**header.columns, "number": left}  # the numbers' column left without a heading
    return replace(header, columns=dict(sorted(numbered.items(), key=lambda item: item[1])))

