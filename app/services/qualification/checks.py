"""What a qualification monitoring looks for (seeds/001 1.1.7, seeds/004): staff without a completed course in the
last three years (the right to further training at least once in three years), subjects taught without matching
education or retraining, young specialists without a mentor. Each rule reads one teacher's facts, so a rule and its
sentence stay in one place."""

from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple

from app.models.reference import SUBJECTS
from app.services.imports.words import SUBJECT_STEMS, WORDS

COVERED_CACHE = 16_384  # (subject, diploma texts) pairs remembered: bounded whatever the register holds
CYCLE_YEARS = 3  # ФЗ-273 ст. 47: дополнительное профессиональное образование не реже чем один раз в три года
CHECKS = {
    "no_course": "Нет курсов за 3 года",
    "mismatch": "Предмет не по образованию",
    "no_education": "Не указана специальность по образованию",
    "no_mentor": "Молодой специалист без наставника",
}
SHORT_TITLES = {"no_course": "Без КПК 3 года", "mismatch": "Не по профилю", "no_education": "Профиль не указан",
                "no_mentor": "Молодые без наставника"}  # a report table's narrow columns
# Words of a diploma's specialty that cover a subject besides the subject's own words (SUBJECT_STEMS).
COVERS: dict[str, tuple[str, ...]] = {
    "Алгебра": ("математ",), "Геометрия": ("математ",), "Русский язык": ("филолог",), "Литература": ("филолог",),
    "Родной язык": ("филолог",), "Окружающий мир": ("начальн",), "Обществознание": ("истори", "юрис", "юрид"),
    "Право": ("юрис", "юрид", "истори"), "Экономика": ("эконом",), "Английский язык": ("иностранн", "лингвист"),
    "Немецкий язык": ("иностранн", "лингвист"), "Французский язык": ("иностранн", "лингвист"),
    "ОБЗР": ("безопасн", "физическ"), "Астрономия": ("физик",), "Технология": ("труд",),
    "Изобразительное искусство": ("художеств",), "Физическая культура": ("спорт",),
}


class StaffFacts(NamedTuple):
    """What the checks need about one working staff member (a named tuple: a region makes 40,000 of them)."""

    teacher_id: str
    school_id: str
    name: str
    positions: tuple[str, ...]
    subjects: tuple[str, ...]
    education: str | None
    young: bool
    last_course: date | None
    last_course_title: str | None
    retrained: tuple[str, ...] = ()  # titles and subjects of completed retraining programmes
    mentored: bool = False


class Finding(NamedTuple):
    """One thing the monitoring found about one staff member (or one subject of theirs)."""

    check: str
    teacher_id: str
    school_id: str
    teacher: str
    detail: str
    subject: str | None = None
    last_course: date | None = None

    @property
    def title(self) -> str:
        return CHECKS[self.check]


@cache
def _stems(subject: str) -> tuple[str, ...]:
    own = tuple(stem for stem, name in SUBJECT_STEMS if name == subject)
    return own + COVERS.get(subject, ())


@lru_cache(maxsize=COVERED_CACHE)
def covered(subject: str, texts: tuple[str, ...]) -> bool:
    """Whether one of the texts (a diploma's specialty, a retraining programme) names the subject. Remembered: a
    region's 40,000 staff share a few hundred diplomas, each checked against every subject."""
    stems = _stems(subject)
    for text in texts:
        for word in WORDS.findall((text or "").lower().replace("ё", "е")):
            if any(word == stem[1:] if stem.startswith("=") else word.startswith(stem) for stem in stems):
                return True
    return False


@lru_cache(maxsize=COVERED_CACHE)
def names_specialty(education: str | None) -> bool:
    """Whether the education's text names a specialty of any subject (not only «Высшее педагогическое»)."""
    return any(covered(subject, (education,)) for subject in SUBJECTS)


def course_due(facts: StaffFacts, as_of: date) -> Finding | None:
    """No completed course (КПК, retraining, internship) within the three years up to `as_of`."""
    since = date(as_of.year - CYCLE_YEARS, as_of.month, min(as_of.day, 28))
    if facts.last_course is not None and facts.last_course > since:
        return None
    detail = (f"последний курс завершён {facts.last_course:%d.%m.%Y} («{facts.last_course_title}»)"
              if facts.last_course else "завершённых курсов в базе нет")
    return Finding("no_course", facts.teacher_id, facts.school_id, facts.name, detail, last_course=facts.last_course)


def subject_checks(facts: StaffFacts) -> list[Finding]:
    """Each subject taught without a matching diploma or retraining; when the education names no specialty at all
    («Высшее педагогическое»), one finding that it cannot be checked — never a mismatch guessed."""
    if not facts.subjects:
        return []
    if not names_specialty(facts.education):
        said = f"в образовании «{facts.education}» не названа специальность" if (facts.education or "").strip() \
            else "образование не указано"
        return [Finding("no_education", facts.teacher_id, facts.school_id, facts.name,
                        f"{said}: соответствие предметам не проверить")]
    primary = "primary_teacher" in facts.positions and covered("Начальные классы", (facts.education,))
    return [Finding("mismatch", facts.teacher_id, facts.school_id, facts.name,
                    f"«{subject}»: по образованию «{facts.education}» не преподаёт, переподготовки нет", subject)
            for subject in facts.subjects
            if not primary and not covered(subject, (facts.education, *facts.retrained))]


def mentor_due(facts: StaffFacts) -> Finding | None:
    if not facts.young or facts.mentored:
        return None
    return Finding("no_mentor", facts.teacher_id, facts.school_id, facts.name,
                   "молодой специалист: наставник не назначен (ни в кураторах и наставниках, ни в ИОМ)")


def findings_of(facts: StaffFacts, as_of: date) -> list[Finding]:
    found = [course_due(facts, as_of), *subject_checks(facts), mentor_due(facts)]
    return [item for item in found if item is not None]


@dataclass
class SchoolCounts:
    """One school's line of the summary: staff working, and how many of them each check found (vacant rates)."""

    school_id: str
    code: str
    name: str
    staff: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHECKS, 0))
    vacant_rates: float = 0.0
