"""What a template is: sheets of typed columns, and what reading one reports back."""

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from app.services.documents.table_header import HeaderVocabulary, header_key

Kind = Literal["text", "int", "decimal", "percent", "date", "choice", "bool"]

INSTRUCTIONS_TITLE = "Инструкция"
LISTS_TITLE = "Списки"
RESERVED_TITLES = (INSTRUCTIONS_TITLE, LISTS_TITLE)
BOOL_CHOICES = ("да", "нет")
PREFIX_FROM = 4  # a header names a column by its beginning only for names this long («Стаж, лет» is «Стаж»)
_FORBIDDEN_IN_SHEET_TITLE = set('[]:*?/\\')


def normalize_title(text: Any) -> str:
    """Compare headers and choices as a person would: ignore case, extra spaces, ё/е and a trailing «*»."""
    folded = str(text).replace("ё", "е").replace("Ё", "Е").casefold()
    return " ".join(folded.split()).rstrip("*:").strip()


def format_number(value: float) -> str:
    """A number as Russians write it: «45,5», «100»."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value)).replace(".", ",")


@dataclass(frozen=True)
class Column:
    """One column of a template sheet: `key` in the rows, `title` in the header row."""

    key: str
    title: str
    kind: Kind
    required: bool = False
    choices: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    help: str = ""
    width: int = 16
    synonyms: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()  # other words for a choice: («500+», ««500+»»), («СЗД», «Соответствие…»)

    def __post_init__(self) -> None:
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"column {self.key!r}: a choice column needs choices")
        if any(choice not in self.choices for _alias, choice in self.aliases):
            raise ValueError(f"column {self.key!r}: an alias names a value that is not a choice")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"column {self.key!r}: min is greater than max")

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """The allowed range; percent columns default to 0–100."""
        if self.kind == "percent":
            return (0 if self.min is None else self.min, 100 if self.max is None else self.max)
        return self.min, self.max

    @property
    def allowed(self) -> tuple[str, ...]:
        """The values a list column offers («да»/«нет» for bool)."""
        return BOOL_CHOICES if self.kind == "bool" else self.choices

    @property
    def header_names(self) -> tuple[str, ...]:
        """Title and synonyms under which the header is recognised (compared by `header_key`)."""
        return (self.title, *self.synonyms)


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f" от {format_number(low)} до {format_number(high)}"
    if low is not None:
        return f" не меньше {format_number(low)}"
    if high is not None:
        return f" не больше {format_number(high)}"
    return ""


_MAX_LISTED_CHOICES = 12

_KIND_NOUNS: dict[str, str] = {
    "text": "текст",
    "int": "целое число",
    "decimal": "число",
    "percent": "процент (число)",
    "date": "дата в виде ДД.ММ.ГГГГ",
    "bool": "«да» или «нет»",
}


def describe(column: Column) -> str:
    """What the column expects, in Russian: «целое число не меньше 0», «одно из: …»."""
    if column.kind == "choice":
        if len(column.choices) > _MAX_LISTED_CHOICES:
            return "значение из списка (см. стрелку в ячейке)"
        return "одно из значений: " + ", ".join(f"«{c}»" for c in column.choices)
    noun = _KIND_NOUNS[column.kind]
    if column.kind in ("int", "decimal", "percent"):
        return noun + _range_text(*column.bounds)
    return noun


@dataclass(frozen=True)
class Sheet:
    """One data sheet: `name` keys the rows, `title` is the worksheet tab."""

    name: str
    title: str
    columns: tuple[Column, ...]
    instructions: str

    def __post_init__(self) -> None:
        if not 0 < len(self.title) <= 31 or set(self.title) & _FORBIDDEN_IN_SHEET_TITLE:
            raise ValueError(f"sheet {self.name!r}: title must be 1–31 chars without []:*?/\\")
        if normalize_title(self.title) in {normalize_title(t) for t in RESERVED_TITLES}:
            raise ValueError(f"sheet {self.name!r}: title {self.title!r} is reserved")
        names = [key for c in self.columns for key in {header_key(n) for n in c.header_names}]
        if len(names) != len(set(names)):
            raise ValueError(f"sheet {self.name!r}: column titles or synonyms repeat")
        keys = [c.key for c in self.columns]
        if len(keys) != len(set(keys)):
            raise ValueError(f"sheet {self.name!r}: column keys repeat")


    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


@cache
def header_vocabulary(sheet: Sheet) -> HeaderVocabulary:
    """How the sheet's header row is found in a user's file: each column's title and synonyms, by meaning."""
    return HeaderVocabulary({column.key: column.header_names for column in sheet.columns}, min_prefix=PREFIX_FROM)


@dataclass(frozen=True)
class Template:
    """A workbook template: its Russian name and its data sheets."""

    name: str
    sheets: tuple[Sheet, ...]

    def __post_init__(self) -> None:
        titles = [normalize_title(s.title) for s in self.sheets]
        if not self.sheets or len(titles) != len(set(titles)):
            raise ValueError(f"template {self.name!r}: needs sheets with distinct titles")


@dataclass(frozen=True)
class CellError:
    """One problem found while reading; `row` 0 and empty `column_letter` mean the whole sheet or column."""

    sheet: str
    row: int
    column_letter: str
    column_title: str
    message: str

    def text(self, with_sheet: bool = False) -> str:
        """The full Russian sentence: «Строка 7, столбец C «Средний балл»: ожидается …»."""
        place = []
        if with_sheet:
            place.append(f"лист «{self.sheet}»")
        if self.row:
            place.append(f"строка {self.row}")
        if self.column_title:
            letter = f" {self.column_letter}" if self.column_letter else ""
            place.append(f"столбец{letter} «{self.column_title}»")
        prefix = ", ".join(place) or f"лист «{self.sheet}»"
        return f"{prefix[0].upper()}{prefix[1:]}: {self.message}"

    def __str__(self) -> str:
        return self.text()


@dataclass
class ImportResult:
    """Rows per sheet name (dicts keyed by column key) and every error found.

    Rows come back even when there are errors (bad cells read as None), so a preview can show them;
    the caller must save nothing unless `ok`. `source_rows` gives each row's Excel row number,
    `column_letters` each found column's letter and `sheet_titles` the worksheet read, so a caller's own checks
    can point at cells too.
    """

    rows_by_sheet: dict[str, list[dict[str, Any]]]
    errors: list[CellError]
    source_rows: dict[str, list[int]] = field(default_factory=dict)
    column_letters: dict[str, dict[str, str]] = field(default_factory=dict)
    sheet_titles: dict[str, str] = field(default_factory=dict)  # the worksheet each sheet was read from

    @property
    def ok(self) -> bool:
        """True when nothing was wrong and the rows may be saved."""
        return not self.errors


def _plural(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def format_errors(errors: list[CellError], limit: int = 50) -> str:
    """Russian text for a dialog: a count, then up to `limit` errors one per line."""
    if not errors:
        return ""
    with_sheet = len({e.sheet for e in errors}) > 1
    count = len(errors)
    lines = [f"Найдено {count} {_plural(count, 'ошибка', 'ошибки', 'ошибок')}:"]
    lines += [e.text(with_sheet) for e in errors[:limit]]
    rest = count - limit
    if rest > 0:
        lines.append(f"…и ещё {rest} {_plural(rest, 'ошибка', 'ошибки', 'ошибок')}.")
    return "\n".join(lines)
