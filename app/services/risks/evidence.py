"""The Kurator data beside a risk factor in a school's profile: each number with its definition in plain Russian,
or «нет данных» with the reason, and the level it suggests on Kurator's scale (a guide for the school and its
curator; the level itself is the school's self-diagnosis).

What is counted (school, year Y):
- staffing: occupied rates ÷ rates of the school's staffing table for Y (rates occupied beyond the table not counted);
- at_risk_pupils: pupils of the «группа риска» ÷ pupils, from the school's social passport for Y;
- diagnostics: the mean result of the professional diagnostics its staff took in Y, with how many had deficits
  found and which deficits were found most often;
- courses: staff who completed a course (КПК, retraining) in Y ÷ staff who worked at the school in Y;
- non_native: the share of pupils whose native language is not Russian, from the social passport for Y.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.models import Diagnostic, SocialPassport, StaffingSlot, Teacher, alive
from app.models.reference import RISK_EVIDENCE, RISK_LEVELS
from app.services.indicators.measures import employed, teacher_has
from app.services.output.ru_format import format_value

NO_DATA = "нет данных"
TOP_DEFICITS = 3


@dataclass(frozen=True)
class Scale:
    """Kurator's guide from a percentage to a level: three bounds, for a number where higher (or lower) is better."""

    better: str  # "higher" or "lower"
    bounds: tuple[float, float, float]  # the high | medium | low | none boundaries, worst first

    def level(self, value: float) -> str:
        for bound, level in zip(self.bounds, ("high", "medium", "low"), strict=True):
            if (value < bound) if self.better == "higher" else (value >= bound):
                return level
        return "none"

    def text(self) -> str:
        """«ниже 90 % — высокий, 90–95 % — средний, 95–100 % — низкий, от 100 % — не выявлен»."""
        b = [format_value(x) for x in self.bounds]
        if self.better == "higher":
            parts = (f"ниже {b[0]} %", f"{b[0]}–{b[1]} %", f"{b[1]}–{b[2]} %", f"от {b[2]} %")
        else:
            parts = (f"от {b[0]} %", f"{b[1]}–{b[0]} %", f"{b[2]}–{b[1]} %", f"ниже {b[2]} %")
        return "ориентир Куратора: " + ", ".join(f"{p} — {RISK_LEVELS[level]}" for p, level in zip(parts, RISK_LEVELS))


@dataclass(frozen=True)
class Evidence:
    """One number beside a factor: what it is (`title`, `definition`), its value and how it reads, or why it is missing."""

    kind: str
    title: str
    definition: str
    value: float | None  # a percentage
    text: str  # «96,8 % (30 из 31 ставки)» or «нет данных: …»
    suggested: str | None  # a level code on Kurator's scale, when there is a value
    guide: str


SCALES: dict[str, Scale] = {
    "staffing": Scale("higher", (90, 95, 100)),
    "at_risk_pupils": Scale("lower", (10, 7, 3)),
    "diagnostics": Scale("higher", (50, 60, 75)),
    "courses": Scale("higher", (30, 50, 70)),
    "non_native": Scale("lower", (50, 25, 10)),
}
DEFINITIONS: dict[str, str] = {
    "staffing": "Укомплектованность кадрами: занятые ставки ÷ ставки по штатному расписанию школы на {year} год × 100 "
                "(ставки, занятые сверх штата, не считаются).",
    "at_risk_pupils": "Доля обучающихся «группы риска»: их численность ÷ численность обучающихся по социальному "
                      "паспорту школы за {year} год × 100.",
    "diagnostics": "Средний результат диагностики профессиональных компетенций педагогов школы в {year} году, % "
                   "выполнения; у скольких прошедших диагностику выявлены дефициты и какие встречаются чаще.",
    "courses": "Охват курсами: работники школы, завершившие курсы повышения квалификации или переподготовку в "
               "{year} году ÷ работники школы, работавшие в {year} году × 100.",
    "non_native": "Доля обучающихся, для которых русский язык не родной, по социальному паспорту школы за {year} год.",
}


def _percent(part: float, whole: float) -> float:
    return round(100 * part / whole, 1)


def _staffing(session: Session, school_id: str, year: int) -> tuple[float | None, str]:
    filled = case((StaffingSlot.filled_rates > StaffingSlot.rates, StaffingSlot.rates), else_=StaffingSlot.filled_rates)
    rates, occupied = session.execute(select(func.sum(StaffingSlot.rates), func.sum(filled)).where(
        StaffingSlot.school_id == school_id, StaffingSlot.year == year, alive(StaffingSlot))).one()
    if not rates:
        return None, f"{NO_DATA}: штатное расписание школы на {year} год не внесено"
    value = _percent(occupied or 0, rates)
    occupied_text, rates_text = format_value(float(occupied or 0)), format_value(float(rates))
    return value, f"{format_value(value)} % (занято ставок: {occupied_text} из {rates_text})"


def _passport(session: Session, school_id: str, year: int) -> SocialPassport | None:
    return session.scalars(select(SocialPassport).where(SocialPassport.school_id == school_id,
                                                        SocialPassport.year == year, alive(SocialPassport))).first()


def _at_risk(session: Session, school_id: str, year: int) -> tuple[float | None, str]:
    passport = _passport(session, school_id, year)
    if passport is None:
        return None, f"{NO_DATA}: социальный паспорт школы за {year} год не представлен"
    if not passport.pupils_total or passport.pupils_at_risk is None:
        return None, (f"{NO_DATA}: в социальном паспорте за {year} год не указана численность обучающихся "
                      "или «группы риска»")
    value = _percent(passport.pupils_at_risk, passport.pupils_total)
    return value, (f"{format_value(value)} % (в «группе риска»: {passport.pupils_at_risk}, "
                   f"обучающихся: {passport.pupils_total})")


def _non_native(session: Session, school_id: str, year: int) -> tuple[float | None, str]:
    passport = _passport(session, school_id, year)
    if passport is None:
        return None, f"{NO_DATA}: социальный паспорт школы за {year} год не представлен"
    if passport.share_non_native_russian is None:
        return None, f"{NO_DATA}: в социальном паспорте за {year} год доля не указана"
    value = round(passport.share_non_native_russian, 1)
    return value, f"{format_value(value)} % обучающихся"


def _diagnostics(session: Session, school_id: str, year: int) -> tuple[float | None, str]:
    rows = session.execute(select(Diagnostic.teacher_id, Diagnostic.score_percent, Diagnostic.deficits)
                           .join(Teacher, Teacher.id == Diagnostic.teacher_id)
                           .where(Teacher.school_id == school_id, alive(Teacher), alive(Diagnostic),
                                  Diagnostic.taken_on.between(date(year, 1, 1), date(year, 12, 31)))).all()
    if not rows:
        return None, f"{NO_DATA}: диагностика педагогов школы в {year} году не проводилась (не внесена)"
    teachers = {teacher for teacher, _, _ in rows}
    with_deficits = {teacher for teacher, _, deficits in rows if (deficits or "").strip()}
    found = Counter(part.strip().lower() for _, _, deficits in rows for part in (deficits or "").split(";")
                    if part.strip())
    common = ", ".join(f"{name} ({count})" for name, count in found.most_common(TOP_DEFICITS))
    tested = f"прошли диагностику: {len(teachers)}, выявлены дефициты: {len(with_deficits)}"
    scores = [score for _, score, _ in rows if score is not None]
    value = round(sum(scores) / len(scores), 1) if scores else None
    mean = f"средний результат {format_value(value)} %" if value is not None else "результаты в процентах не внесены"
    return value, f"{mean}; {tested}" + (f"; чаще всего: {common}" if common else "")


def _courses(session: Session, school_id: str, year: int) -> tuple[float | None, str]:
    staff = select(func.count()).select_from(Teacher).where(Teacher.school_id == school_id, *employed(year))
    total = session.scalar(staff) or 0
    if not total:
        return None, f"{NO_DATA}: в {year} году у школы нет работников в базе"
    completed = session.scalar(staff.where(teacher_has("completed_course", year, {}))) or 0
    value = _percent(completed, total)
    return value, f"{format_value(value)} % (завершили курсы: {completed}, работали в году: {total})"


SOURCES = {"staffing": _staffing, "at_risk_pupils": _at_risk, "diagnostics": _diagnostics, "courses": _courses,
           "non_native": _non_native}


def evidence(session: Session, school_id: str, year: int, kind: str) -> Evidence:
    """The number of one kind of Kurator data for the school and year, with its definition and suggested level."""
    value, text = SOURCES[kind](session, school_id, year)
    scale = SCALES[kind]
    return Evidence(kind, RISK_EVIDENCE[kind], DEFINITIONS[kind].format(year=year), value, text,
                    scale.level(value) if value is not None else None, scale.text())


def profile_evidence(session: Session, school_id: str, year: int, kinds: list[str | None]) -> dict[str, Evidence]:
    """Evidence by kind for the kinds the profile's factors name (each kind computed once)."""
    return {kind: evidence(session, school_id, year, kind) for kind in dict.fromkeys(kinds) if kind in SOURCES}
