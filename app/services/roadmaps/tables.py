"""Read a roadmap table («дорожная карта») from a municipality's .docx or .xlsx file into plain data.

Nothing is saved here: the result is a `ParsedRoadmap` that another service stores. Columns are found by
the meaning of their names (see `roadmap_header.COLUMN_SYNONYMS`); rows are told apart as sections,
events and continuations of an event split over a page break.
"""

import re
from dataclasses import dataclass, replace
from pathlib import Path

from app.errors import KuratorError
from app.services.documents.docx_tables import read_docx_tables
from app.services.documents.office_zip import ROADMAP_DOCUMENT, check_office_file, refusing_damage
from app.services.documents.table_grid import GridCell, RawTable
from app.services.documents.xlsx_tables import read_xlsx_tables
from app.services.roadmaps.deadlines import DeadlineKind, parse_deadline
from app.services.roadmaps.header import (
    EXPECTED_HEADERS_TEXT,
    Header,
    find_header,
    header_key,
)

READERS = {".docx": read_docx_tables, ".xlsx": read_xlsx_tables}
DETAIL_FIELDS = ("deadline", "responsible", "planned_result")
TEXT_FIELDS = ("title", "school_title", *DETAIL_FIELDS)
# «I.», «1.», «1.1.», «2.Общее», and «б.» (a Cyrillic б typed for 6, seen in seed 002).
SECTION_NUMBER = re.compile(r"(?P<num>[IVXLC]+\.|[бБ]\.|\d{1,3}(?:\.\d{1,3})*\.?)(?:(?<=\.)|(?=\s|$))\s*", re.S)
LOOKALIKE_DIGITS = {"б": "6", "Б": "6"}
SENTENCE_END = ".;:!?"
INITIAL_AT_END = re.compile(r"(?:^|[\s.])[А-ЯЁA-Z]\.$")  # «Казакова А.С.» ends with an initial, not a sentence


@dataclass(frozen=True)
class ParsedSection:
    """A section row; `number` is normalised («1.» → «1»), «» when the row has none."""

    number: str
    title: str
    level: int
    parent_number: str | None
    note: str = ""  # a row spanning the table under the section («Осуществляется на региональном уровне»)


@dataclass(frozen=True)
class ParsedEvent:
    """An event row; `section_path` holds the keys (number, or title if unnumbered) of its sections."""

    number: str
    title: str
    deadline_text: str
    responsible: str
    planned_result: str
    section_path: tuple[str, ...]
    source_row: int
    school_title: str = ""  # the measure of the «Уровень образовательной организации» column beside it


@dataclass
class ParsedRoadmap:
    """Everything read from one table, with warnings about rows that were skipped or guessed."""

    title: str | None
    sections: list[ParsedSection]
    events: list[ParsedEvent]
    warnings: list[str]
    source: str
    table_index: int


@dataclass(frozen=True)
class TableCandidate:
    """A table that looks like a roadmap, for letting the user choose when a file has several."""

    index: int
    sheet_or_position: str
    header: tuple[str, ...]
    score: int
    rows: int


def list_candidate_tables(path: Path) -> list[TableCandidate]:
    """Tables of the file whose header names at least the «Мероприятие» column, in file order."""
    candidates = []
    for index, table in enumerate(_load_tables(Path(path))):
        header = find_header(table.rows)
        if header is not None:
            data_rows = sum(1 for row in table.rows[header.row + header.height:] if any(c.text for c in row))
            candidates.append(TableCandidate(index, table.position, header.texts, header.score, data_rows))
    return candidates


def read_roadmap(path: Path, table_index: int | None = None) -> ParsedRoadmap:
    """Read the roadmap table of a .docx/.xlsx file: the best-scoring table, or the one at `table_index`."""
    path = Path(path)
    tables = _load_tables(path)
    index = _best_table(path, tables) if table_index is None else table_index
    if not 0 <= index < len(tables):
        raise KuratorError(f"В файле {path.name} нет таблицы № {index + 1}: таблиц в нём {len(tables)}.")
    table = tables[index]
    header = find_header(table.rows)
    if header is None:
        raise KuratorError(
            f"Таблица «{table.position}» в файле {path.name} не похожа на дорожную карту: "
            f"в её заголовке нет столбцов {EXPECTED_HEADERS_TEXT}."
        )
    return _RoadmapAssembler(table, header).assemble(source=str(path), table_index=index)


def _load_tables(path: Path) -> list[RawTable]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise KuratorError(
            f"Формат файла «{path.name}» не поддерживается: выберите документ Word (.docx) или книгу Excel (.xlsx)."
        )
    check_office_file(path, ROADMAP_DOCUMENT)
    with refusing_damage(path):
        return reader(path, ROADMAP_DOCUMENT)


def _best_table(path: Path, tables: list[RawTable]) -> int:
    scored = [(header.score, index) for index, table in enumerate(tables) if (header := find_header(table.rows))]
    if not scored:
        raise KuratorError(
            f"В файле не найдена таблица дорожной карты: {path.name}. Нужна таблица с заголовком, в котором есть "
            f"столбцы {EXPECTED_HEADERS_TEXT}."
        )
    return max(scored, key=lambda pair: (pair[0], -pair[1]))[1]


@dataclass(frozen=True)
class _Row:
    """One table row read through the header: field texts plus what the layout says about it."""

    number: str
    fields: dict[str, str]
    repeated_above: frozenset[str]
    spanning_text: str | None
    source_row: int

    @property
    def title(self) -> str:
        return self.fields["title"]

    @property
    def has_details(self) -> bool:
        return any(self.fields[name] for name in DETAIL_FIELDS)


class _RoadmapAssembler:
    """Walks the rows below the header and builds sections and events in order."""

    def __init__(self, table: RawTable, header: Header):
        self.table = table
        self.header = header
        self.header_keys = {header_key(text) for text in header.texts} | {
            header_key(cell.text) for row in table.rows[header.row:header.row + header.height] for cell in row
        }
        self.has_detail_columns = any(name in header.columns for name in DETAIL_FIELDS)
        self.sections: list[ParsedSection] = []
        self.stack: list[ParsedSection] = []
        self.events: list[ParsedEvent] = []
        self.warnings: list[str] = list(table.warnings)
        self.last_was_event = False
        self.last_was_section = False
        self.period: str | None = None  # a period row («2021-2022») dates the events of a table without «Сроки»

    def assemble(self, source: str, table_index: int) -> ParsedRoadmap:
        handlers = {
            "skip": lambda row: None,
            "section": self._add_section,
            "event": self._add_event,
            "continuation": self._continue_event,
            "orphan": self._skip_orphan,
            "note": self._add_note,
            "period": self._set_period,
        }
        first = self.header.row + self.header.height
        for cells, source_row in zip(self.table.rows[first:], self.table.row_numbers[first:], strict=False):
            row = self._read_row(cells, source_row)
            handlers[self._kind(cells, row)](row)
        return ParsedRoadmap(self._title(), self.sections, self.events, self.warnings, source, table_index)

    def _title(self) -> str | None:
        above = [cell.text for row in self.table.rows[:self.header.row] for cell in row if _own(cell) and cell.text]
        return " ".join(above) or self.table.caption

    def _read_row(self, cells: list[GridCell], source_row: int) -> _Row:
        def cell(name: str) -> GridCell:
            col = self.header.columns.get(name)
            return cells[col] if col is not None and col < len(cells) else GridCell()

        fields = {name: ("" if cell(name).spans_left else cell(name).text) for name in TEXT_FIELDS}
        number_cell = cell("number")
        number = "" if number_cell.spans_left or number_cell.spans_above else number_cell.text
        owned = [col for col, c in enumerate(cells) if _own(c) and c.text]
        spanning = cells[owned[0]].text if len(owned) == 1 and _span_width(cells, owned[0]) > 1 else None
        repeated = frozenset(name for name in TEXT_FIELDS if cell(name).spans_above)
        return _Row(number, fields, repeated, spanning, source_row)

    def _kind(self, cells: list[GridCell], row: _Row) -> str:
        texts = [c.text for c in cells if _own(c) and c.text]
        if not texts or self._repeats_header(texts):
            return "skip"
        if "deadline" not in self.header.columns and not row.number and len(texts) == 1 and _is_period(texts[0]):
            return "period"
        if row.spanning_text is not None:
            return "note" if self.last_was_section and not SECTION_NUMBER.match(row.spanning_text) else "section"
        if not row.number:
            return self._unnumbered_kind(row)
        if not row.has_details and self.has_detail_columns and (not row.title or SECTION_NUMBER.fullmatch(row.number)):
            return "section"
        if not self.has_detail_columns and row.number.rstrip(".").isdigit():
            return "section"  # a table of measures only: «1 Определение целей» heads «1.2», «1.3»
        return "event"

    def _unnumbered_kind(self, row: _Row) -> str:
        if not row.has_details and SECTION_NUMBER.match(row.title):
            return "section"
        if self.last_was_event and (not row.title or row.title[0].islower() or not row.fields["deadline"]):
            return "continuation"
        if not row.has_details and row.title:
            return "section"
        return "event" if row.title else "orphan"

    def _repeats_header(self, texts: list[str]) -> bool:
        """A header repeated after a page break, or the «1 2 3 4 5» row numbering the columns."""
        if len(texts) < 2:
            return False
        numbering = [str(n) for n in range(1, len(texts) + 1)]
        return texts == numbering or all(header_key(text) in self.header_keys for text in texts)

    def _add_section(self, row: _Row) -> None:
        number, title = self._section_number_and_title(row)
        level = _level(number)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = _key(self.stack[-1]) if self.stack else None
        section = ParsedSection(number, title, level, parent)
        self.sections.append(section)
        self.stack.append(section)
        self.last_was_event, self.last_was_section = False, True

    def _add_note(self, row: _Row) -> None:
        """A row spanning the table right under a section is said of that section."""
        noted = replace(self.sections[-1], note=_join(self.sections[-1].note, row.spanning_text or ""))
        self.sections[-1] = self.stack[-1] = noted

    def _set_period(self, row: _Row) -> None:
        self.period = next(text for text in row.fields.values() if text)
        self.warnings.append(f"Строка {row.source_row}: в таблице нет столбца «Сроки» — срок мероприятий ниже взят "
                             f"из строки периода «{self.period}».")
        self.last_was_event = self.last_was_section = False

    def _section_number_and_title(self, row: _Row) -> tuple[str, str]:
        if row.spanning_text is not None:
            return self._split_numbered(row.spanning_text, row)
        if row.number and not row.title:
            return self._split_numbered(row.number, row)
        if not row.number:
            return self._split_numbered(row.title, row)
        return self._normalized_number(row.number, row), row.title

    def _split_numbered(self, text: str, row: _Row) -> tuple[str, str]:
        match = SECTION_NUMBER.match(text)
        if match is None:
            return "", text
        return self._normalized_number(match["num"], row), text[match.end():]

    def _normalized_number(self, number: str, row: _Row) -> str:
        """«1.1.» → «1.1»; a Cyrillic «б.» read as 6, with a warning."""
        plain = number.strip().rstrip(".").strip()
        fixed = "".join(LOOKALIKE_DIGITS.get(char, char) for char in plain)
        if fixed != plain:
            self.warnings.append(f"Строка {row.source_row}: номер «{number.strip()}» прочитан как «{fixed}».")
        return fixed

    def _add_event(self, row: _Row) -> None:
        if not row.title and not row.fields["school_title"]:
            self.warnings.append(f"Строка {row.source_row}: мероприятие без названия.")
        self.events.append(
            ParsedEvent(
                number=self._normalized_number(row.number, row),
                title=row.title,
                deadline_text=row.fields["deadline"] or self.period or "",
                responsible=row.fields["responsible"],
                planned_result=row.fields["planned_result"],
                section_path=tuple(_key(section) for section in self.stack),
                source_row=row.source_row,
                school_title=row.fields["school_title"],
            )
        )
        self.last_was_event, self.last_was_section = True, False

    def _continue_event(self, row: _Row) -> None:
        """Append a row that continues the event above (a table row split by a page break)."""
        last = self.events[-1]
        added = {name: row.fields[name] for name in TEXT_FIELDS if name not in row.repeated_above}
        self.events[-1] = replace(
            last,
            title=_join(last.title, added.get("title", "")),
            school_title=_join(last.school_title, added.get("school_title", "")),
            deadline_text=_join(last.deadline_text, added.get("deadline", "")),
            responsible=_join(last.responsible, added.get("responsible", "")),
            planned_result=_join(last.planned_result, added.get("planned_result", "")),
        )

    def _skip_orphan(self, row: _Row) -> None:
        text = " | ".join(value for value in row.fields.values() if value)
        self.warnings.append(f"Строка {row.source_row} пропущена: не относится ни к одному мероприятию ({text}).")


def _is_period(text: str) -> bool:
    """A row naming only a period of years («2021- 2022», «2022 год»)."""
    return parse_deadline(text, 2000).kind == DeadlineKind.PERIOD and not SECTION_NUMBER.fullmatch(text)


def _own(cell: GridCell) -> bool:
    """False for a grid position that only repeats a merged cell."""
    return not (cell.spans_left or cell.spans_above)


def _span_width(cells: list[GridCell], start: int) -> int:
    width = 1
    while start + width < len(cells) and cells[start + width].spans_left:
        width += 1
    return width


def _level(number: str) -> int:
    return number.count(".") + 1 if number else 1


def _key(section: ParsedSection) -> str:
    return section.number or section.title


def _join(before: str, after: str) -> str:
    """Glue a continued cell: a new line after a finished sentence, otherwise a space between words."""
    if not after:
        return before
    if not before:
        return after
    sentence_ended = before[-1] in SENTENCE_END and not INITIAL_AT_END.search(before)
    return before + ("\n" if sentence_ended else " ") + after
