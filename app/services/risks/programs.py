"""A school's concept of development, medium-term program and anti-risk programs (one per priority risk): goal,
tasks, measures and indicators of success with targets. Each measure is an event of the school's roadmap
(`roadmap_link`): saving a program creates or changes those events. Saving is all or nothing; a ValidationError
names the field: `kind`, `factor`, `goal`, `tasks`, `measures`, `measures.<i>.<title|deadline_text|responsible|
expected_result|event_id>`, `indicators.<i>.<name|unit|target|actual>`.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import (
    RiskFactor,
    RiskIndicator,
    RiskLevel,
    RiskMeasure,
    RiskProfile,
    RiskProgram,
    RoadmapEvent,
    alive,
    utcnow,
)
from app.models.reference import RISK_PROGRAM_KINDS
from app.services.output.ru_format import format_value
from app.services.roadmaps.deadlines import MAX_TEXT_LENGTH, DeadlineKind, parse_deadline

from . import roadmap_link
from .access import require_profile_keeper
from .profiles import get_school, require_profile

MAX_TEXT = 4000
MAX_RESPONSIBLE = 400
MAX_VALUE = 1e9
DEADLINE_EXAMPLES = "«Март - апрель», «Ежемесячно», «В течение года», «до 01.09.2022»"


@dataclass(frozen=True)
class MeasureEntry:
    """A measure as entered: its texts; `measure_id` for one the program has, `event_id` to make an existing event
    of the school's roadmap a measure (its texts are then changed to these)."""

    title: str
    deadline_text: str
    responsible: str
    expected_result: str | None = None
    measure_id: str | None = None
    event_id: str | None = None

    def text(self) -> roadmap_link.MeasureText:
        return roadmap_link.MeasureText(self.title.strip(), self.deadline_text.strip(), self.responsible.strip(),
                                        (self.expected_result or "").strip() or None)


@dataclass(frozen=True)
class IndicatorEntry:
    """An indicator of success: name, unit, target value and (once known) the value reached."""

    name: str
    target: float | None
    unit: str | None = None
    actual: float | None = None
    indicator_id: str | None = None


@dataclass(frozen=True)
class ProgramEntry:
    kind: str
    goal: str
    factor_code: str | None = None
    title: str | None = None
    tasks: list[str] = field(default_factory=list)
    approved_by: str | None = None
    measures: list[MeasureEntry] = field(default_factory=list)
    indicators: list[IndicatorEntry] = field(default_factory=list)


def _too_long(text: str | None, limit: int) -> bool:
    return text is not None and len(text.strip()) > limit


def validate_measure(entry: MeasureEntry, year: int) -> dict[str, str]:
    """{field: message} for one measure: a title, a deadline the grammar understands, a responsible person."""
    errors: dict[str, str] = {}
    if not (entry.title or "").strip():
        errors["title"] = "Укажите мероприятие."
    elif _too_long(entry.title, MAX_TEXT):
        errors["title"] = f"Не длиннее {MAX_TEXT} символов."
    deadline = (entry.deadline_text or "").strip()
    if not deadline:
        errors["deadline_text"] = f"Укажите срок, например {DEADLINE_EXAMPLES}."
    elif len(deadline) > MAX_TEXT_LENGTH or parse_deadline(deadline, year).kind == DeadlineKind.UNRECOGNIZED:
        errors["deadline_text"] = f"Срок «{deadline[:80]}» не распознан. Пример: {DEADLINE_EXAMPLES}."
    if not (entry.responsible or "").strip():
        errors["responsible"] = "Укажите ответственного."
    elif _too_long(entry.responsible, MAX_RESPONSIBLE):
        errors["responsible"] = f"Не длиннее {MAX_RESPONSIBLE} символов."
    if _too_long(entry.expected_result, MAX_TEXT):
        errors["expected_result"] = f"Не длиннее {MAX_TEXT} символов."
    return errors


def understood(text: str, year: int, shown: int = 4) -> str:
    """How the deadline grammar reads a measure's deadline for the year, in words: «период: 01.03.2022 – 30.04.2022»;
    the reason to correct it when it cannot."""
    if not (text or "").strip():
        return "срок не указан"
    deadline = parse_deadline(text.strip()[:MAX_TEXT_LENGTH], year)
    if deadline.kind == DeadlineKind.UNRECOGNIZED:
        return f"не распознан — исправьте, например: {DEADLINE_EXAMPLES}"
    windows = [f"{format_value(w.start)} – {format_value(w.end)}" for w in deadline.windows]
    more = f" … всего сроков: {len(windows)}" if len(windows) > shown else ""
    return deadline.kind.label + (": " + "; ".join(windows[:shown]) + more if windows else " (без дат)")


def _number_error(value, required: bool) -> str | None:
    if value is None:
        return "Укажите значение." if required else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not -MAX_VALUE < value < MAX_VALUE:
        return "Введите число."
    return None


def validate_indicator(entry: IndicatorEntry) -> dict[str, str]:
    """{field: message} for one indicator of success: a name and a target value (numbers)."""
    errors: dict[str, str] = {}
    if not (entry.name or "").strip():
        errors["name"] = "Укажите показатель успешности."
    elif _too_long(entry.name, MAX_TEXT):
        errors["name"] = f"Не длиннее {MAX_TEXT} символов."
    if _too_long(entry.unit, 40):
        errors["unit"] = "Не длиннее 40 символов."
    for key, value, required in (("target", entry.target, True), ("actual", entry.actual, False)):
        message = _number_error(value, required)
        if message:
            errors[key] = message
    return errors


def validate_program(session: Session, profile: RiskProfile, entry: ProgramEntry,
                     program_id: str | None = None) -> dict[str, str]:
    """{field: message} for everything wrong with a program of this profile; empty when it can be saved."""
    errors: dict[str, str] = {}
    if entry.kind not in RISK_PROGRAM_KINDS:
        return {"kind": "Выберите: концепция развития, среднесрочная программа или антирисковая программа."}
    clash = _kind_error(session, profile, entry, program_id)
    if clash:
        errors["factor" if entry.kind == "anti_risk" else "kind"] = clash
    if not (entry.goal or "").strip():
        errors["goal"] = "Укажите цель."
    elif _too_long(entry.goal, MAX_TEXT):
        errors["goal"] = f"Не длиннее {MAX_TEXT} символов."
    if any(_too_long(task, MAX_TEXT) for task in entry.tasks):
        errors["tasks"] = f"Каждая задача — не длиннее {MAX_TEXT} символов."
    if entry.kind == "anti_risk" and not entry.measures:
        errors["measures"] = "Добавьте хотя бы одно мероприятие программы."
    for index, measure in enumerate(entry.measures):
        errors.update({f"measures.{index}.{k}": v for k, v in validate_measure(measure, profile.year).items()})
    for index, indicator in enumerate(entry.indicators):
        errors.update({f"indicators.{index}.{k}": v for k, v in validate_indicator(indicator).items()})
    return errors


def _of_factor(factor: RiskFactor | None):
    return RiskProgram.factor_id == factor.id if factor is not None else RiskProgram.factor_id.is_(None)


def _kind_error(session: Session, profile: RiskProfile, entry: ProgramEntry, program_id: str | None) -> str | None:
    """Why a program of this kind (and risk) cannot be added here: one concept, one medium-term program and one
    anti-risk program per priority risk."""
    factor = None
    if entry.kind == "anti_risk":
        factor = session.scalars(select(RiskFactor).where(RiskFactor.code == (entry.factor_code or ""),
                                                          alive(RiskFactor))).first()
        if factor is None:
            return "Выберите приоритетный риск, которому посвящена программа."
        level = session.scalars(select(RiskLevel).where(RiskLevel.profile_id == profile.id,
                                                        RiskLevel.factor_id == factor.id, alive(RiskLevel))).first()
        if level is None or not level.priority:
            return f"Риск «{factor.title}» не выбран приоритетным в профиле {profile.year} года."
    query = select(RiskProgram.id).where(RiskProgram.profile_id == profile.id, RiskProgram.kind == entry.kind,
                                         alive(RiskProgram), _of_factor(factor))
    if program_id:
        query = query.where(RiskProgram.id != program_id)
    if session.scalar(query.limit(1)):
        return (f"Антирисковая программа по риску «{factor.title}» уже есть." if factor
                else f"«{RISK_PROGRAM_KINDS[entry.kind]}» за {profile.year} год уже есть.")
    return None


def save_program(session: Session, school_id: str, year: int, entry: ProgramEntry,
                 program_id: str | None = None) -> RiskProgram:
    """Save a program of the school's profile of the year with its measures (events of the school's roadmap) and
    indicators; all or nothing."""
    school = get_school(session, school_id)
    require_profile_keeper(session, school_id)
    profile = require_profile(session, school_id, year)
    program = _program(session, profile, program_id) if program_id else None
    errors = validate_program(session, profile, entry, program_id)
    errors.update(_link_errors(session, school_id, entry))
    if errors:
        raise ValidationError(errors)
    factor = session.scalars(select(RiskFactor).where(RiskFactor.code == entry.factor_code)).first() \
        if entry.kind == "anti_risk" else None
    program = program or _revived(session, profile, entry.kind, factor)
    program.kind, program.factor_id = entry.kind, factor.id if factor else None
    program.title = (entry.title or "").strip() or None
    program.goal = entry.goal.strip()
    program.tasks = "\n".join(t.strip() for t in entry.tasks if t.strip()) or None
    program.approved_by = (entry.approved_by or "").strip()[:400] or None
    session.flush()
    _store_measures(session, school, profile, program, factor, entry.measures)
    _store_indicators(session, program, entry.indicators)
    return program


def _program(session: Session, profile: RiskProfile, program_id: str) -> RiskProgram:
    program = session.get(RiskProgram, program_id)
    if program is None or program.deleted_at is not None or program.profile_id != profile.id:
        raise KuratorError("Программа не найдена (возможно, удалена).")
    return program


def _revived(session: Session, profile: RiskProfile, kind: str, factor: RiskFactor | None) -> RiskProgram:
    """A deleted program with the same profile, kind and risk comes back (its key stays); else a new one."""
    found = session.scalars(select(RiskProgram).where(
        RiskProgram.profile_id == profile.id, RiskProgram.kind == kind, _of_factor(factor))).first()
    program = found or RiskProgram(profile_id=profile.id, kind=kind)
    program.deleted_at = None
    session.add(program)
    return program


def _link_errors(session: Session, school_id: str, entry: ProgramEntry) -> dict[str, str]:
    errors = {}
    for index, measure in enumerate(entry.measures):
        if measure.event_id and not measure.measure_id:
            try:
                roadmap_link.school_event(session, measure.event_id, school_id)
            except KuratorError as error:
                errors[f"measures.{index}.event_id"] = error.message
    return errors


def section_title(kind: str, factor: RiskFactor | None) -> str:
    """The roadmap section a program's measures stand in."""
    return f"Антирисковая программа «{factor.title}»" if factor else RISK_PROGRAM_KINDS[kind]


def _store_measures(session: Session, school, profile: RiskProfile, program: RiskProgram,
                    factor: RiskFactor | None, entries: list[MeasureEntry]) -> None:
    stored = {m.id: m for m in session.scalars(select(RiskMeasure).where(RiskMeasure.program_id == program.id))}
    kept: set[str] = set()
    section = None
    for position, entry in enumerate(entries):
        measure = stored.get(entry.measure_id) if entry.measure_id else None
        if measure is None or measure.deleted_at is not None:
            if entry.event_id:
                event = roadmap_link.school_event(session, entry.event_id, school.id)
                roadmap_link.update_event(session, event, entry.text())
            else:
                roadmap = roadmap_link.school_roadmap(session, school, profile.year)
                section = section or roadmap_link.program_section(session, roadmap, section_title(program.kind, factor))
                event = roadmap_link.add_event(session, roadmap, section, entry.text())
            measure = _measure_row(session, stored, program, event.id)
        else:
            roadmap_link.update_event(session, roadmap_link.school_event(session, measure.event_id, school.id),
                                      entry.text())
        measure.position = position
        kept.add(measure.id)
    session.flush()
    _drop_measures(session, [m for m in stored.values() if m.id not in kept and m.deleted_at is None])


def _measure_row(session: Session, stored: dict[str, RiskMeasure], program: RiskProgram, event_id: str) -> RiskMeasure:
    measure = next((m for m in stored.values() if m.event_id == event_id), None) or \
        RiskMeasure(program_id=program.id, event_id=event_id)
    measure.deleted_at = None
    session.add(measure)
    session.flush()
    stored[measure.id] = measure
    return measure


def _drop_measures(session: Session, measures: list[RiskMeasure]) -> None:
    """Measures leave the program; their events leave the roadmap unless progress was recorded on them."""
    now = utcnow()
    for measure in measures:
        measure.deleted_at = now
    session.flush()
    for measure in measures:
        event = session.get(RoadmapEvent, measure.event_id)
        if event is not None and event.deleted_at is None:
            roadmap_link.release_event(session, event)


def _store_indicators(session: Session, program: RiskProgram, entries: list[IndicatorEntry]) -> None:
    stored = {i.id: i for i in session.scalars(select(RiskIndicator).where(RiskIndicator.program_id == program.id,
                                                                           alive(RiskIndicator)))}
    kept = set()
    for position, entry in enumerate(entries):
        row = stored.get(entry.indicator_id) or RiskIndicator(program_id=program.id)
        row.name, row.unit = entry.name.strip(), (entry.unit or "").strip() or None
        row.target, row.actual, row.position = float(entry.target), _float(entry.actual), position
        session.add(row)
        session.flush()
        kept.add(row.id)
    now = utcnow()
    for row in stored.values():
        if row.id not in kept:
            row.deleted_at = now
    session.flush()


def _float(value) -> float | None:
    return None if value is None else float(value)


def delete_program(session: Session, program_id: str) -> None:
    """Remove a program with its measures and indicators (softly; events with recorded progress stay)."""
    program = session.get(RiskProgram, program_id)
    if program is None or program.deleted_at is not None:
        raise KuratorError("Программа не найдена (возможно, удалена).")
    profile = session.get(RiskProfile, program.profile_id)
    require_profile_keeper(session, profile.school_id)
    now = utcnow()
    program.deleted_at = now
    for row in session.scalars(select(RiskIndicator).where(RiskIndicator.program_id == program.id,
                                                           alive(RiskIndicator))):
        row.deleted_at = now
    _drop_measures(session, list(session.scalars(select(RiskMeasure).where(RiskMeasure.program_id == program.id,
                                                                           alive(RiskMeasure)))))
