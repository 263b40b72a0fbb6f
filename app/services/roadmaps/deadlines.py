"""Deadlines: the free Russian text of a roadmap's «срок» column turned into date windows for a program year.

The grammar is a table of rules. The text is normalised and cut into clauses (at commas, parentheses, «и»);
each rule's pattern is found in a clause and yields a `_Fact`: a kind it votes for and the windows it names.
A clause is understood only if nothing but noise words remains once every fact is taken out of it; otherwise
the whole deadline is `unrecognized` and shown to the user for correction.

Choices beyond DESIGN.md: seasons are весна 03..05, лето 06..08, осень 09..11, зима 12..02 of the next year;
«в течение учебного года» is 09-01 of Y .. 05-31 of Y+1; «до 15 марта» runs from 1 January of that year;
a schedule beats a plan («По плану работы, 2-3 раза в год» is recurring over the whole year); holidays
(«каникулы») recur every year.
"""

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypedDict

from app.services.roadmaps import deadline_words as words

MIN_YEAR = 1900
MAX_YEAR = 2100
MAX_TEXT_LENGTH = 500  # a «срок» cell is a few words; anything longer is not a deadline


class DeadlineKind(StrEnum):
    PERIOD = "period"
    RECURRING = "recurring"
    CONTINUOUS = "continuous"
    BY_PLAN = "by_plan"
    UNRECOGNIZED = "unrecognized"

    @property
    def label(self) -> str:
        """The Russian name shown to users."""
        return KIND_LABELS[self]


KIND_LABELS: dict[DeadlineKind, str] = {
    DeadlineKind.PERIOD: "период",
    DeadlineKind.RECURRING: "повторяется",
    DeadlineKind.CONTINUOUS: "постоянно",
    DeadlineKind.BY_PLAN: "по плану",
    DeadlineKind.UNRECOGNIZED: "не распознан",
}


class WindowJson(TypedDict):
    """A window as JSON: ISO dates, both inclusive."""

    start: str
    end: str


class DeadlineJson(TypedDict):
    """`kurator deadline --json`: the text, its kind and its windows."""

    text: str
    kind: str
    windows: list[WindowJson]


@dataclass(frozen=True, order=True)
class Window:
    start: date
    end: date

    def to_dict(self) -> WindowJson:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: DeadlineKind
    windows: tuple[Window, ...]

    def to_dict(self) -> DeadlineJson:
        return {"text": self.text, "kind": str(self.kind), "windows": [w.to_dict() for w in self.windows]}


# How specific a fact's windows are: dates named in the text beat a schedule's parts, which beat the whole year.
WHOLE_YEAR, SCHEDULE, NAMED = 0, 1, 2
# When facts disagree, the kind earlier in this list wins («Ежегодно, по плану» is recurring).
KIND_PRIORITY = (DeadlineKind.RECURRING, DeadlineKind.CONTINUOUS, DeadlineKind.PERIOD, DeadlineKind.BY_PLAN)


@dataclass(frozen=True)
class _Fact:
    kind: DeadlineKind
    windows: tuple[Window, ...] = ()
    precedence: int = WHOLE_YEAR


class _Rejected(Exception):
    """A pattern matched but names no real date (31.02, year 3000, «5 квартал»)."""


# ---------------------------------------------------------------- windows


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_span(start_year: int, start_month: int, end_year: int, end_month: int) -> Window:
    return _window(date(start_year, start_month, 1), _last_day(end_year, end_month))


def _window(start: date, end: date) -> Window:
    if start > end:
        raise _Rejected
    return Window(start, end)


def _year_parts(year: int, months_each: int) -> tuple[Window, ...]:
    """The year cut into equal parts: 12 → the whole year, 3 → quarters, 1 → months."""
    return tuple(
        _month_span(year, first, year, first + months_each - 1) for first in range(1, 13, months_each)
    )


def _checked_year(value: str | None, default: int) -> int:
    if value is None:
        return default
    year = int(value) + (2000 if len(value) == 2 else 0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Rejected
    return year


# ---------------------------------------------------------------- dates

_DAY = r"\d{1,2}"
_MONTH = rf"(?<![а-я])(?:{words.MONTH_ALTERNATION})(?![а-я])\.?"
_SEASON = rf"(?<![а-я])(?:{words.alternation(words.SEASONS)})(?![а-я])"
_YEAR = r"\d{4}"
_NUMERIC_DATE = rf"{_DAY}\.\d{{1,2}}(?:\.(?:\d{{4}}|\d{{2}}))?(?!\d)"
_WORD_DATE = rf"{_DAY}(?:-?го)?\s+{_MONTH}(?:\s+{_YEAR})?"
_DATE = rf"(?<![\d.])(?:{_NUMERIC_DATE}|{_WORD_DATE})"


def _month_number(token: str) -> int:
    return words.MONTHS[token.rstrip(".")]


def _parse_date(text: str, default_year: int) -> tuple[date, bool]:
    """A date written as «01.09.2022», «1.9.22», «15.03» or «1 сентября 2022»; True if it names its year."""
    numeric = re.fullmatch(r"(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?", text)
    if numeric:
        day, month, year = numeric.groups()
        return _date(_checked_year(year, default_year), int(month), int(day)), year is not None
    day, month, year = re.fullmatch(rf"(\d{{1,2}})(?:-?го)?\s+({_MONTH})(?:\s+({_YEAR}))?", text).groups()
    return _date(_checked_year(year, default_year), _month_number(month), int(day)), year is not None


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _Rejected from None


# ---------------------------------------------------------------- rules


def _period(*windows: Window) -> _Fact:
    return _Fact(DeadlineKind.PERIOD, windows, NAMED)


def _date_range(match: re.Match, year: int) -> _Fact:
    end, end_named = _parse_date(match["end"], year)
    start_text = match["start"]
    if start_text.isdigit():  # «с 1 по 15 марта»
        return _period(_window(_date(end.year, end.month, int(start_text)), end))
    start, start_named = _parse_date(start_text, end.year)
    if start > end and not start_named:  # «15.12 - 15.01.2023» started the year before
        start = _parse_date(start_text, end.year - 1)[0]
    return _period(_window(start, end))


def _until_day_of_month(match: re.Match, year: int) -> _Fact:
    day = int(match["day"])
    if not 1 <= day <= 31:
        raise _Rejected
    windows = tuple(
        Window(date(year, month, 1), date(year, month, min(day, calendar.monthrange(year, month)[1])))
        for month in range(1, 13)
    )
    return _Fact(DeadlineKind.RECURRING, windows, NAMED)


def _until_date(match: re.Match, year: int) -> _Fact:
    end = _parse_date(match["date"], year)[0]
    return _period(Window(date(end.year, 1, 1), end))


def _single_date(match: re.Match, year: int) -> _Fact:
    day = _parse_date(match[0], year)[0]
    return _period(Window(day, day))


def _span_months(token: str) -> tuple[int, int]:
    """The months a month or season word spans: «марта» → (3, 3), «осенью» → (9, 11)."""
    if token.rstrip(".") in words.MONTHS:
        month = _month_number(token)
        return month, month
    return next(span for form, span in words.SEASONS.items() if re.fullmatch(form, token))


def _month_range(match: re.Match, year: int) -> _Fact:
    first = _span_months(match["first"])[0]
    last = _span_months(match["last"] or match["first"])[1]
    start_year, end_year = _range_years(match["first_year"], match["last_year"], year, wraps=first > last)
    return _period(_month_span(start_year, first, end_year, last))


def _range_years(first: str | None, last: str | None, year: int, *, wraps: bool) -> tuple[int, int]:
    """Years of a month range's ends: a wrapping range («сентябрь-май») ends the year after it starts."""
    shift = 1 if wraps else 0
    if first is not None and last is not None:
        return _checked_year(first, year), _checked_year(last, year)
    if last is not None:
        end = _checked_year(last, year)
        return _checked_year(str(end - shift), year), end
    start = _checked_year(first, year)
    return start, start + shift


def _part_number(token: str) -> int:
    """«3», «3-й», «iii», «третий» → 3."""
    digits = re.match(r"\d+", token)
    if digits:
        return int(digits[0])
    if token in words.ROMAN:
        return words.ROMAN[token]
    ordinal = next((value for stem, value in words.ORDINALS.items() if token.startswith(stem)), None)
    if ordinal is None:  # a Roman numeral beyond IV
        raise _Rejected
    return ordinal


def _year_part(match: re.Match, year: int) -> _Fact:
    size = next(months for pattern, months in words.YEAR_PARTS if re.fullmatch(pattern, match["unit"]))
    first = _part_number(match["first"])
    last = _part_number(match["last"] or match["first"])
    if not 1 <= first <= last <= 12 // size:
        raise _Rejected
    part_year = _checked_year(match["year"], year)
    return _period(_month_span(part_year, (first - 1) * size + 1, part_year, last * size))


def _school_year_span(match: re.Match, year: int) -> _Fact:
    first = _checked_year(match["first"], year)
    last = _checked_year(match["last"], year) if match["last"] else first + 1
    if last != first + 1:
        raise _Rejected
    return _period(_month_span(first, 9, last, 5))


def _year_range(match: re.Match, year: int) -> _Fact:
    first = _checked_year(match["first"], year)
    last_text = match["last"]
    last = _checked_year(last_text if len(last_text) == 4 else match["first"][:2] + last_text, year)
    return _period(_month_span(first, 1, last, 12))


def _single_year(match: re.Match, year: int) -> _Fact:
    whole = _checked_year(match[0], year)
    return _period(_month_span(whole, 1, whole, 12))


def _schedule(months_each: int) -> Callable[[re.Match, int], _Fact]:
    precedence = WHOLE_YEAR if months_each == 12 else SCHEDULE
    return lambda match, year: _Fact(DeadlineKind.RECURRING, _year_parts(year, months_each), precedence)


def _frequency(match: re.Match, year: int) -> _Fact:
    return _schedule(words.FREQUENCY_UNITS[match["unit"]])(match, year)


def _continuous(match: re.Match, year: int) -> _Fact:
    return _Fact(DeadlineKind.CONTINUOUS, _year_parts(year, 12), WHOLE_YEAR)


def _school_year(match: re.Match, year: int) -> _Fact:
    return _Fact(DeadlineKind.CONTINUOUS, (_month_span(year, 9, year + 1, 5),), SCHEDULE)


def _by_plan(match: re.Match, year: int) -> _Fact:
    return _Fact(DeadlineKind.BY_PLAN)


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern
    build: Callable[[re.Match, int], _Fact]


def _rule(pattern: str, build: Callable[[re.Match, int], _Fact]) -> _Rule:
    return _Rule(re.compile(pattern), build)


_NUMBER = rf"(?<!\d)\d(?:-?[а-я]{{1,3}})?(?!\d)|\b[ivx]+\b|(?:{'|'.join(words.ORDINALS)})[а-я]*"
_PART_UNIT = "|".join(pattern for pattern, _ in words.YEAR_PARTS)
_SPAN_WORD = rf"{_MONTH}|{_SEASON}"
_ADVERB = "|".join(words.RECURRING_ADVERBS)
_FREQUENCY_UNIT = words.alternation(words.FREQUENCY_UNITS)

# Order matters: longer constructions are taken out of the clause before their parts.
RULES: tuple[_Rule, ...] = (
    _rule(r"до (?P<day>\d{1,2})(?:-?го)? числа(?: (?:каждого|ежемесячно) месяца| ежемесячно)?", _until_day_of_month),
    _rule(rf"(?:\bс\s*)?(?P<start>{_DATE}|(?<!\d){_DAY})\s*(?:-|по|до)\s*(?P<end>{_DATE})", _date_range),
    _rule(rf"(?<![а-я])(?:{words.UNTIL_WORDS})\s+(?P<date>{_DATE})", _until_date),
    _rule(_DATE, _single_date),
    _rule(
        rf"(?P<first>{_NUMBER})(?:-(?P<last>{_NUMBER}))?\s*(?P<unit>{_PART_UNIT})(?:\s+(?P<year>{_YEAR}))?",
        _year_part,
    ),
    _rule(
        rf"(?P<first>{_SPAN_WORD})(?:\s+(?P<first_year>{_YEAR}))?"
        rf"(?:\s*(?:-|\bпо\b)\s*(?P<last>{_SPAN_WORD})(?:\s+(?P<last_year>{_YEAR}))?)?",
        _month_range,
    ),
    _rule(rf"(?P<first>{_YEAR})(?:[-/](?P<last>{_YEAR}))?\s+(?:уч\.?|учебн[а-я]*)\s+год[а-я]*", _school_year_span),
    _rule(words.SCHOOL_YEAR_PHRASE, _school_year),
    _rule(rf"(?<!\d)(?P<first>{_YEAR})-(?P<last>{_YEAR}|\d{{2}})(?!\d)", _year_range),
    _rule(rf"(?<!\d){_YEAR}(?!\d)", _single_year),
    *(
        _rule(rf"(?<![а-я])(?:{adverb})(?![а-я])", _schedule(months))
        for adverb, months in words.RECURRING_ADVERBS.items()
    ),
    _rule(rf"(?:(?:{words.FREQUENCY_COUNTS})\s+)?раза?\s+в\s+(?P<unit>{_FREQUENCY_UNIT})(?![а-я])", _frequency),
    *(_rule(rf"(?<![а-я]){phrase}(?![а-я])", _continuous) for phrase in words.CONTINUOUS_PHRASES),
    _rule(rf"(?<![а-я]){words.BY_PLAN_PHRASE}", _by_plan),
)


# ---------------------------------------------------------------- text


_DASHES = str.maketrans({dash: "-" for dash in "‐‑‒–—―−"} | {"ё": "е", "і": "i", "«": " ", "»": " ", '"': " "})
_YEAR_SUFFIX = re.compile(r"(\d{4})\s*(?:г\.?\s*г\.?|гг\.?|г\.?|год(?:а|у|ы|ов|ах)?)(?![а-я])")


def normalize(text: str) -> str:
    """Lower case, one kind of dash and space, no «г.»/«года» after years, no trailing dots."""
    text = text.lower().translate(_DASHES).replace("\n", ";")
    text = _YEAR_SUFFIX.sub(r"\1", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return text.strip(" .,;:")


def _clauses(text: str) -> list[str]:
    parts = re.split(r"[,;()\[\]]+|\s+и\s+", text)
    return [part.strip(" .") for part in parts if part.strip(" .")]


def _clause_facts(clause: str, year: int) -> list[_Fact] | None:
    """The facts a clause states, or None if some of it is not understood."""
    facts = []
    rest = clause
    for rule in RULES:
        for match in rule.pattern.finditer(rest):
            facts.append(rule.build(match, year))
        rest = rule.pattern.sub(" ", rest)
    leftover = re.findall(r"[^\s\-.:]+", rest)
    if any(word not in words.NOISE for word in leftover):
        return None
    return facts


def _facts(text: str, year: int) -> list[_Fact] | None:
    facts = []
    for clause in _clauses(normalize(text)):
        clause_facts = _clause_facts(clause, year)
        if clause_facts is None:
            return None
        facts.extend(clause_facts)
    return facts


def _combine(text: str, facts: list[_Fact]) -> Deadline:
    kind = next(kind for kind in KIND_PRIORITY if any(fact.kind == kind for fact in facts))
    dated = [fact for fact in facts if fact.windows]
    best = max((fact.precedence for fact in dated), default=WHOLE_YEAR)
    windows = {window for fact in dated if fact.precedence == best for window in fact.windows}
    return Deadline(text, kind, tuple(sorted(windows)))


def parse_deadline(text: str, year: int) -> Deadline:
    """Parse a «срок» text for program year `year`; never raises, unknown text gives `unrecognized`."""
    unrecognized = Deadline(text, DeadlineKind.UNRECOGNIZED, ())
    if not MIN_YEAR <= year <= MAX_YEAR or len(text) > MAX_TEXT_LENGTH:
        return unrecognized
    try:
        facts = _facts(text, year)
    except _Rejected:
        return unrecognized
    return _combine(text, facts) if facts else unrecognized


REPEATING_KINDS = frozenset({DeadlineKind.RECURRING, DeadlineKind.CONTINUOUS})


def windows_for_years(text: str, years: Iterable[int]) -> list[Window]:
    """Windows of a deadline over a roadmap's program years, each once, sorted.

    What repeats («Ежегодно», «Постоянно», «Ежемесячно») repeats in every year; a one-off period («Февраль»,
    «Декабрь 2022 г.») is due once: in the first program year unless the text names its own year.
    """
    years = sorted(years)
    if not years:
        return []
    first = parse_deadline(text, years[0])
    if first.kind not in REPEATING_KINDS:
        return sorted(first.windows)
    return sorted({window for year in years for window in parse_deadline(text, year).windows})
