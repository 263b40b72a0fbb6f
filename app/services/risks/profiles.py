"""A school's risk profile for a year: the level of each factor, the priority risks chosen (no more than the configured
number, only among risks found), where it came from, when and by whom. Saving replaces the whole profile at once or
changes nothing; a ValidationError names the field: `level:<factor code>`, `priority`, `filled_by`, `filled_on`, `year`.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import RiskFactor, RiskLevel, RiskProfile, RiskProgram, School, alive, utcnow
from app.models.reference import RISK_LEVELS, RISK_SOURCES
from app.services.records.common import FIRST_YEAR, LAST_YEAR

from .access import require_profile_keeper
from .factors import factors_for_year, priority_limit

LEVEL_CHOICES = ", ".join(RISK_LEVELS.values())
LEVEL_SEVERITY = {"none": 0, "low": 1, "medium": 2, "high": 3}  # to compare levels: higher is worse


@dataclass(frozen=True)
class ProfileEntry:
    """What a profile is saved from: level codes by factor code, the priority factors' codes, source, date and who."""

    levels: dict[str, str]
    priority: list[str]
    filled_on: date | None
    filled_by: str
    source: str = "manual"
    source_file: str | None = None
    comment: str | None = None


@dataclass(frozen=True)
class FactorLevel:
    """One factor of the year in a profile: its level code (None while not assessed) and whether it is a priority."""

    factor_id: str
    code: str
    title: str
    evidence: str | None
    level: str | None
    priority: bool


@dataclass(frozen=True)
class ProfileDetail:
    """A school's profile for a year as the editor, the reports and the command line show it."""

    school_id: str
    school_code: str
    school_name: str
    year: int
    profile_id: str | None
    source: str | None
    source_file: str | None
    filled_on: date | None
    filled_by: str | None
    comment: str | None
    factors: list[FactorLevel] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return self.profile_id is not None

    @property
    def priority(self) -> list[str]:
        return [f.code for f in self.factors if f.priority]

    @property
    def source_text(self) -> str:
        """«Загружен из Excel («Профиль 2022.xlsx»)» or «Введён вручную»."""
        named = f" («{self.source_file}»)" if self.source_file else ""
        return RISK_SOURCES.get(self.source or "", "") + named


def get_school(session: Session, school_id: str) -> School:
    school = session.get(School, school_id)
    if school is None or school.deleted_at is not None:
        raise KuratorError("Школа не найдена в реестре (возможно, удалена).")
    return school


def find_profile(session: Session, school_id: str, year: int) -> RiskProfile | None:
    """The school's live profile for the year, if it has one."""
    return session.scalars(select(RiskProfile).where(
        RiskProfile.school_id == school_id, RiskProfile.year == year, alive(RiskProfile))).first()


def require_profile(session: Session, school_id: str, year: int) -> RiskProfile:
    profile = find_profile(session, school_id, year)
    if profile is None:
        raise KuratorError(f"Сначала заполните профиль рисков школы за {year} год.")
    return profile


def levels_of(session: Session, profile_id: str) -> dict[str, RiskLevel]:
    """The profile's live levels by factor id."""
    return {row.factor_id: row for row in session.scalars(select(RiskLevel).where(
        RiskLevel.profile_id == profile_id, alive(RiskLevel)))}


def profile_detail(session: Session, school_id: str, year: int) -> ProfileDetail:
    """The factors of the year with the school's levels (none yet when it has no profile for the year)."""
    school = get_school(session, school_id)
    profile = find_profile(session, school_id, year)
    levels = levels_of(session, profile.id) if profile else {}
    factors = [FactorLevel(f.id, f.code, f.title, f.evidence, levels[f.id].level if f.id in levels else None,
                           f.id in levels and levels[f.id].priority) for f in factors_for_year(session, year)]
    return ProfileDetail(
        school.id, school.code, school.name, year, profile.id if profile else None,
        profile.source if profile else None, profile.source_file if profile else None,
        profile.filled_on if profile else None, profile.filled_by if profile else None,
        profile.comment if profile else None, factors)


def validate_profile(session: Session, year: int, entry: ProfileEntry) -> dict[str, str]:
    """{field: Russian message} for everything wrong with the entry; empty when it can be saved."""
    errors: dict[str, str] = {}
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        return {"year": f"Год — число от {FIRST_YEAR} до {LAST_YEAR}."}
    known = {f.code: f for f in factors_for_year(session, year)}
    for code, level in entry.levels.items():
        if code not in known:
            errors[f"level:{code}"] = f"Фактора «{code}» нет в перечне факторов риска на {year} год."
        elif level not in RISK_LEVELS:
            errors[f"level:{code}"] = f"Уровень «{level}» не из перечня: {LEVEL_CHOICES}."
    if not entry.levels:
        errors["levels"] = "Укажите уровень хотя бы одного фактора риска."
    priority = _priority_error(session, entry, known)
    if priority:
        errors["priority"] = priority
    if not (entry.filled_by or "").strip():
        errors["filled_by"] = "Укажите, кто заполнил профиль (ФИО, должность)."
    elif len(entry.filled_by.strip()) > 200:
        errors["filled_by"] = "Не длиннее 200 символов."
    if entry.filled_on is None:
        errors["filled_on"] = "Укажите дату заполнения профиля."
    elif entry.filled_on > date.today():
        errors["filled_on"] = "Дата заполнения не может быть в будущем."
    if entry.source not in RISK_SOURCES:
        errors["source"] = "Источник: введён вручную или загружен из Excel."
    return errors


def _priority_error(session: Session, entry: ProfileEntry, known: dict[str, RiskFactor]) -> str | None:
    limit = priority_limit(session)
    chosen = list(dict.fromkeys(entry.priority))
    if len(chosen) > limit:
        return f"Приоритетных рисков можно выбрать не больше {limit} (выбрано {len(chosen)})."
    for code in chosen:
        if code not in known:
            return f"Приоритетный риск «{code}» не найден в перечне факторов риска."
        if entry.levels.get(code) in (None, "none"):
            return f"Приоритетным можно выбрать только выявленный риск; «{known[code].title}» не выявлен."
    return None


def save_profile(session: Session, school_id: str, year: int, entry: ProfileEntry) -> RiskProfile:
    """Save the school's whole profile for the year (levels not in the entry are removed); all or nothing."""
    get_school(session, school_id)
    require_profile_keeper(session, school_id)
    errors = validate_profile(session, year, entry)
    if errors:
        raise ValidationError(errors)
    profile = _profile_row(session, school_id, year)
    _refuse_dropping_programs(session, profile, entry)
    profile.source, profile.source_file = entry.source, entry.source_file
    profile.filled_on, profile.filled_by = entry.filled_on, entry.filled_by.strip()
    profile.comment = (entry.comment or "").strip() or None
    session.flush()
    _store_levels(session, profile, entry)
    return profile


def _profile_row(session: Session, school_id: str, year: int) -> RiskProfile:
    """The live profile, a deleted one revived (its unique key stays), or a new one."""
    profile = session.scalars(select(RiskProfile).where(RiskProfile.school_id == school_id,
                                                        RiskProfile.year == year)).first()
    if profile is None:
        profile = RiskProfile(school_id=school_id, year=year)
        session.add(profile)
    profile.deleted_at = None
    return profile


def _refuse_dropping_programs(session: Session, profile: RiskProfile, entry: ProfileEntry) -> None:
    if profile.id is None:
        return
    programs = session.execute(select(RiskFactor.code, RiskFactor.title).join(
        RiskProgram, RiskProgram.factor_id == RiskFactor.id).where(
        RiskProgram.profile_id == profile.id, alive(RiskProgram)))
    dropped = [title for code, title in programs if code not in entry.priority]
    if dropped:
        raise ValidationError({"priority": f"У риска «{dropped[0]}» есть антирисковая программа: он должен "
                                           "остаться приоритетным (или сначала удалите программу)."})


def _store_levels(session: Session, profile: RiskProfile, entry: ProfileEntry) -> None:
    factors = {f.code: f.id for f in factors_for_year(session, profile.year)}
    stored = {row.factor_id: row for row in session.scalars(select(RiskLevel).where(RiskLevel.profile_id == profile.id))}
    now = utcnow()
    wanted = {factors[code]: level for code, level in entry.levels.items()}
    priority = {factors[code] for code in entry.priority}
    for factor_id, level in wanted.items():
        row = stored.get(factor_id) or RiskLevel(profile_id=profile.id, factor_id=factor_id)
        row.level, row.priority, row.deleted_at = level, factor_id in priority, None
        session.add(row)
    for factor_id, row in stored.items():
        if factor_id not in wanted and row.deleted_at is None:
            row.deleted_at = now
    session.flush()


def delete_profile(session: Session, school_id: str, year: int) -> None:
    """Remove the school's profile of the year (softly: the deletion travels in a packet); refused while it has
    programs."""
    require_profile_keeper(session, school_id)
    profile = require_profile(session, school_id, year)
    if session.scalar(select(RiskProgram.id).where(RiskProgram.profile_id == profile.id, alive(RiskProgram)).limit(1)):
        raise KuratorError("У профиля есть концепция или программы: сначала удалите их.")
    now = utcnow()
    profile.deleted_at = now
    for row in levels_of(session, profile.id).values():
        row.deleted_at = now
    session.flush()
