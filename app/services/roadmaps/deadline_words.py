"""The Russian vocabulary of the «срок» column: month and season names in all their forms, numerals, keywords.

Pure data (plus the regular-expression alternations built from it); the grammar lives in `deadlines.py`.
Every form is lower case with «ё» written as «е», as the text is after normalisation.
"""

_SOFT_ENDINGS = ("ь", "я", "е", "ю", "ем")  # январь, января, январе, январю, январем
_HARD_ENDINGS = ("", "а", "е", "у", "ом")  # март, марта, марте, марту, мартом

# month number → (stem, endings, abbreviations)
_MONTH_STEMS: dict[int, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    1: ("январ", _SOFT_ENDINGS, ("янв",)),
    2: ("феврал", _SOFT_ENDINGS, ("фев", "февр")),
    3: ("март", _HARD_ENDINGS, ("мар",)),
    4: ("апрел", _SOFT_ENDINGS, ("апр",)),
    5: ("ма", ("й", "я", "е", "ю", "ем"), ()),
    6: ("июн", _SOFT_ENDINGS, ()),
    7: ("июл", _SOFT_ENDINGS, ()),
    8: ("август", _HARD_ENDINGS, ("авг",)),
    9: ("сентябр", _SOFT_ENDINGS, ("сен", "сент")),
    10: ("октябр", _SOFT_ENDINGS, ("окт",)),
    11: ("ноябр", _SOFT_ENDINGS, ("ноя", "нояб")),
    12: ("декабр", _SOFT_ENDINGS, ("дек",)),
}

MONTHS: dict[str, int] = {
    form: number
    for number, (stem, endings, abbreviations) in _MONTH_STEMS.items()
    for form in (*(stem + ending for ending in endings), *abbreviations)
}

# Seasons as month spans (winter wraps into the next year). Nouns in all cases and the adjective stems
# («осенние каникулы»).
_SEASON_FORMS: dict[tuple[int, int], tuple[str, ...]] = {
    (3, 5): ("весна", "весны", "весне", "весну", "весной", "весенн[а-я]*"),
    (6, 8): ("лето", "лета", "лету", "летом", "лете", "летн[а-я]*"),
    (9, 11): ("осень", "осени", "осенью", "осенн[а-я]*"),
    (12, 2): ("зима", "зимы", "зиме", "зиму", "зимой", "зимн[а-я]*"),
}

ORDINALS: dict[str, int] = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4}
ROMAN: dict[str, int] = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# A numbered part of a year: its length in months («3 квартал» → months 7..9).
YEAR_PARTS: tuple[tuple[str, int], ...] = (
    ("квартал[а-я]*", 3),
    (r"кв\b\.?", 3),
    ("полугоди[а-я]*", 6),
)

# Words left over between the parts we understood that change nothing («в марте», «в течение 2022»).
NOISE: frozenset[str] = frozenset({"в", "во", "на", "с", "и", "течение", "г", "гг", "срок", "сроки"})

# Schedules, by the months each of their windows spans (12 = the whole year, 1 = every month).
RECURRING_ADVERBS: dict[str, int] = {
    "ежегодн[а-я]*": 12,
    "каждый год": 12,
    "каникул[а-я]*": 12,  # school holidays come back every year
    "ежеполугодн[а-я]*": 6,
    "ежеквартальн[а-я]*": 3,
    "поквартальн[а-я]*": 3,
    "каждый квартал": 3,
    "ежемесячн[а-я]*": 1,
    "помесячн[а-я]*": 1,
    "каждый месяц": 1,
}

# «N раз в …»: the unit of the schedule → months per window.
FREQUENCY_UNITS: dict[str, int] = {
    "учебный год": 12,
    "год": 12,
    "полугодие": 6,
    "полгода": 6,
    "квартал": 3,
    "четверть": 3,
    "месяц": 1,
    "неделю": 12,
}
FREQUENCY_COUNTS = r"\d+(?:-\d+)?|один|одна|два|две|три|четыре|пять|несколько"

CONTINUOUS_PHRASES: tuple[str, ...] = (
    "постоянно",
    "ежедневно",
    "еженедельно",
    "регулярно",
    "систематически",
    "круглогодично",
    r"(?:в течение|на протяжении|весь|за весь)(?: всего)? (?:период|периода|срок|срока|года)"
    r"(?: реализации(?: программы| проекта)?)?",
)
SCHOOL_YEAR_PHRASE = r"(?:в течение|на протяжении)(?: всего)? учебного года"

# «по плану», «по отдельному графику», «по заявке руководителей школ», «по мере необходимости»:
# the rest of the clause only says who decides when.
BY_PLAN_PHRASE = (
    r"(?:по|согласно|в соответствии с)\s+(?:[а-я]+\s+){0,2}?"
    r"(?:план|график|заявк|запрос|мере|необходимост|потребност|согласовани)[а-я]*\b.*"
)

# «до 1 сентября», «не позднее 01.09.2022», «к 15 марта».
UNTIL_WORDS = r"до|не позднее|не позже|к"


def alternation(forms: object) -> str:
    """A regex alternation of the given forms, longest first so that «марта» wins over «мар»."""
    return "|".join(sorted(forms, key=len, reverse=True))


MONTH_ALTERNATION = alternation(MONTHS)
SEASONS: dict[str, tuple[int, int]] = {
    form: span for span, forms in _SEASON_FORMS.items() for form in forms
}
