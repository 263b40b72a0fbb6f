"""How offices write people, positions, subjects, rates and periods in their lists, and how each becomes what Kurator
stores: «Иванова Анна Петровна» → three fields, «зам. директора по УВР» → deputy_uvr, «русский язык и литература» →
two subjects, «учитель математики» → a teacher of mathematics, «1; 0,5» → two rates, «01.09.2022 – 30.09.2022» →
two dates."""

import re
from datetime import date
from functools import lru_cache

from app.models.reference import POSITIONS
from app.services.documents.table_header import header_key
from app.services.excel.spec import format_number


class WordProblem(ValueError):
    """A cell's text cannot be read; the message is Russian, for the cell."""


POSITION_PHRASES: dict[str, tuple[str, ...]] = {  # besides each position's own label (POSITIONS)
    "teacher": ("учитель", "учитель-предметник", "преподаватель"),
    "primary_teacher": ("учитель начальных классов", "учитель нач. классов", "учитель начальной школы"),
    "director": ("и.о. директора", "исполняющий обязанности директора"),
    "deputy_uvr": ("зам. директора по УВР", "заместитель директора по учебно-воспитательной работе",
                   "заместитель директора по учебной работе", "зам. директора по УР", "заместитель директора по УР"),
    "deputy_vr": ("зам. директора по ВР", "заместитель директора по воспитательной работе"),
    "psychologist": ("психолог",),
    "speech_therapist": ("логопед",),
    "defectologist": ("дефектолог",),
    "social_pedagogue": ("соц. педагог",),
    "additional_ed": ("ПДО",),
    "librarian": ("библиотекарь",),
    "advisor": ("советник по воспитанию",
                "советник директора по воспитанию и взаимодействию с детскими общественными объединениями"),
}
POSITION_KEYS = {header_key(phrase): code for code, phrases in POSITION_PHRASES.items() for phrase in phrases} | {
    header_key(label): code for code, label in POSITIONS.items()}
TEACHER_OF = "учитель"  # «учитель математики»: a teacher, and the subject after the word

SUBJECT_STEMS: tuple[tuple[str, str], ...] = (  # the start of a word → the subject (SUBJECTS); an `=` needs the word
    ("русск", "Русский язык"), ("литератур", "Литература"), ("родн", "Родной язык"), ("математ", "Математика"),
    ("алгебр", "Алгебра"), ("геометр", "Геометрия"), ("информат", "Информатика"), ("физическ", "Физическая культура"),
    ("физкульт", "Физическая культура"), ("физик", "Физика"), ("хими", "Химия"), ("биолог", "Биология"),
    ("географ", "География"), ("истори", "История"), ("обществозн", "Обществознание"), ("английск", "Английский язык"),
    ("немецк", "Немецкий язык"), ("французск", "Французский язык"), ("окружающ", "Окружающий мир"),
    ("начальн", "Начальные классы"), ("музык", "Музыка"), ("изобразит", "Изобразительное искусство"),
    ("=изо", "Изобразительное искусство"), ("технолог", "Технология"), ("=обж", "ОБЗР"), ("=обзр", "ОБЗР"),
    ("безопасност", "ОБЗР"), ("астроном", "Астрономия"), ("экономик", "Экономика"), ("прав", "Право"),
)
LIST_SEPARATORS = re.compile(r"\s*(?:[,;/+\n]|\sи\s)\s*")
WORDS = re.compile(r"[а-яёa-z]+")
INITIALS = re.compile(r"(?:[А-ЯЁA-Z]\.)+[А-ЯЁA-Z]?")  # «А.», «А.П.», «А.П»
DATE_TEXT = r"(\d{1,2})\.(\d{1,2})\.(\d{4})"
PERIOD = re.compile(rf"(?:с\s*)?{DATE_TEXT}\s*(?:г\.?\s*)?(?:[-–—]|по|до)\s*{DATE_TEXT}")
MAX_RATE = 2


def split_list(text: str) -> list[str]:
    """«Русский язык и литература; история» → its items, trimmed, empty ones dropped."""
    return [part.strip(" .") for part in LIST_SEPARATORS.split(text) if part.strip(" .")]


def full_name(text: str) -> tuple[str, str, str | None]:
    """«Иванова Анна Петровна» → (last, first, middle); «Мамедов Али Гусейн оглы» keeps «Гусейн оглы» as middle."""
    words = text.split()
    if len(words) < 2:
        raise WordProblem("укажите фамилию, имя и отчество полностью (не меньше двух слов)")
    if any(INITIALS.fullmatch(word) for word in words[1:]):
        raise WordProblem("укажите имя и отчество полностью, а не инициалами")
    return words[0], words[1], " ".join(words[2:]) or None


def subject_of(text: str) -> str | None:
    """The subject a phrase names («иностранный язык (английский)» → «Английский язык»), or None."""
    for word in WORDS.findall(text.lower().replace("ё", "е")):
        for stem, subject in SUBJECT_STEMS:
            exact = stem.startswith("=")
            if (word == stem[1:]) if exact else word.startswith(stem):
                return subject
    return None


@lru_cache(maxsize=4096)  # a region's list repeats the same few hundred texts
def subjects(text: str) -> tuple[str, ...]:
    """Every subject of a «Предмет(ы)» cell, in order, each once."""
    found: list[str] = []
    for part in split_list(text):
        subject = subject_of(part)
        if subject is None:
            raise WordProblem(f"предмет «{part}» не распознан; пишите, как в школьном расписании: «Математика», "
                              "«Русский язык», «Начальные классы»…")
        found.append(subject)
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def positions(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The position codes of a «Должность» cell (the first is the main one) and the subjects it names
    («учитель математики»)."""
    codes: list[str] = []
    taught: list[str] = []
    for part in split_list(text):
        key = header_key(part)
        code = POSITION_KEYS.get(key)
        if code is None and key.startswith(header_key(TEACHER_OF)) and (subject := subject_of(part)):
            code = "primary_teacher" if subject == "Начальные классы" else "teacher"
            taught.append(subject)
        if code is None:
            raise WordProblem(f"должность «{part}» не распознана; например: «Учитель», «Учитель начальных классов», "
                              "«Заместитель директора по УВР», «Педагог-психолог»")
        codes.append(code)
    return tuple(dict.fromkeys(codes)), tuple(taught)


def rates(text: str, count: int) -> list[float]:
    """«1», «0,5», «1; 0,25» → one rate per position, in the order the positions are listed."""
    numbers = []
    for part in re.split(r"\s*[;/+]\s*", text.strip()):
        try:
            number = float(part.replace(",", ".").replace(" ", ""))
        except ValueError:
            raise WordProblem(f"ставка «{part}» — не число; пишите, например, «1», «0,5» или «1; 0,25»") from None
        if not 0 < number <= MAX_RATE:
            raise WordProblem(f"ставка {format_number(number)} вне допустимого: больше 0 и не больше {MAX_RATE}")
        numbers.append(number)
    if len(numbers) not in (1, count):
        raise WordProblem(f"ставок {len(numbers)}, а должностей {count}: укажите одну ставку или по одной на должность")
    return numbers


def period(text: str) -> tuple[date, date]:
    """«01.09.2022 – 30.09.2022», «с 01.09.2022 по 30.09.2022» → the two dates."""
    match = PERIOD.search(text)
    if match is None:
        raise WordProblem("сроки не распознаны; пишите, например, «01.09.2022 – 30.09.2022»")
    d1, m1, y1, d2, m2, y2 = (int(group) for group in match.groups())
    try:
        start, end = date(y1, m1, d1), date(y2, m2, d2)
    except ValueError:
        raise WordProblem(f"в сроках «{text.strip()}» нет такой даты") from None
    if end < start:
        raise WordProblem("в сроках окончание раньше начала")
    return start, end


GRADE = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
COUNTRY_WORDS = ("россия", "рф", "российская федерация", "вся выборка", "по россии", "страна")
REGION_STEMS = ("регион", "субъект", "республик", "област", "край", "краев", "округ", "москва", "санкт-петербург",
                "севастопол")
MUNICIPAL_STEMS = ("район", "муниципал", "городской округ", " го ", " мо ")


def grade_of(text: str, low: int = 4, high: int = 11) -> int:
    """«5», «5 класс», «5-е классы», «ВПР 5 кл.» → 5."""
    match = GRADE.search(text)
    if match is None or not low <= int(match.group(1)) <= high:
        raise WordProblem(f"класс не распознан; пишите номер параллели от {low} до {high}, например «5» или «5 класс»")
    return int(match.group(1))


def reference_level(text: str) -> str:
    """Whose figures a row of a ФИС ОКО table gives: «Вся выборка», «РФ» → country; «Кабардино-Балкарская
    Республика», «Регион» → region. A municipality's row is refused: the program counts the district itself."""
    words = " " + " ".join(WORDS.findall(text.lower().replace("ё", "е"))) + " "
    if any(words.startswith(f" {phrase} ") for phrase in COUNTRY_WORDS):
        return "country"
    if any(stem in words for stem in MUNICIPAL_STEMS):
        raise WordProblem("это строка муниципалитета: её значения программа считает сама по результатам школ — "
                          "оставьте только строки региона и России")
    if any(stem in words for stem in REGION_STEMS):
        return "region"
    raise WordProblem("не понятно, чьи это значения; пишите «Регион» (или название региона) либо «Россия» "
                      "(«РФ», «Вся выборка»)")
