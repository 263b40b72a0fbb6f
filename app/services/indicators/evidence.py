"""What a «has» condition of a measure looked at, per record: the diagnostic's date, the course completed, the index
values of the dynamics… — the `values` of an explained record, so a reader sees why it is (or is not) counted."""

from typing import Any, Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    Course,
    Diagnostic,
    Enrollment,
    ExamResult,
    MethodEvent,
    Participation,
    Partnership,
    Recommendation,
    SocialPassport,
    SupportAction,
    VprResult,
    alive,
)
from app.services.indicators.dynamics import dynamics_frame
from app.services.indicators.measures import normalize_filters, period_bounds, within

Values = dict[str, dict[str, Any]]  # record id → Russian title → value


def _grouped(session: Session, query, title: str) -> Values:
    return {key: {title: value.isoformat() if hasattr(value, "isoformat") else value}
            for key, value in session.execute(query)}


def _diagnostic(session: Session, year: int, filters: dict) -> Values:
    query = (select(Diagnostic.teacher_id, func.max(Diagnostic.taken_on))
             .where(alive(Diagnostic), within(Diagnostic.taken_on, year, filters)).group_by(Diagnostic.teacher_id))
    return _grouped(session, query, "Диагностика (последняя в периоде)")


def _completed_course(session: Session, year: int, filters: dict) -> Values:
    finished = func.coalesce(Enrollment.completed_on, Course.end_date)
    query = (select(Enrollment.teacher_id, finished, Course.title).join(Course, Course.id == Enrollment.course_id)
             .where(alive(Enrollment), alive(Course), Enrollment.status == "completed", within(finished, year, filters))
             .order_by(finished))
    found: Values = {}
    for teacher_id, day, title in session.execute(query):
        found[teacher_id] = {"Курс завершён": day.isoformat() if day else None, "Курс": title}
    return found


def _positive_dynamics(session: Session, year: int, _filters: dict) -> Values:
    return {row["school_id"]: {f"Индекс {year - 1}, σ": round(row["previous"], 3),
                               f"Индекс {year}, σ": round(row["current"], 3),
                               "Изменение, σ": round(row["delta"], 3)} for row in dynamics_frame(session, year)}


def _social_passport(session: Session, year: int, _filters: dict) -> Values:
    query = select(SocialPassport.school_id, SocialPassport.pupils_total).where(
        SocialPassport.year == year, alive(SocialPassport))
    return _grouped(session, query, "Социальный паспорт: обучающихся")


def _results(session: Session, year: int, _filters: dict) -> Values:
    found: Values = {}
    for model, title in ((ExamResult, "Строк ЕГЭ/ОГЭ за год"), (VprResult, "Строк ВПР за год")):
        query = (select(model.school_id, func.count()).where(model.year == year, alive(model))
                 .group_by(model.school_id))
        for school_id, count in session.execute(query):
            found.setdefault(school_id, {})[title] = count
    return found


def _support_action(session: Session, year: int, filters: dict) -> Values:
    query = (select(SupportAction.school_id, func.max(SupportAction.held_on))
             .where(alive(SupportAction), within(SupportAction.held_on, year, filters))
             .group_by(SupportAction.school_id))
    return _grouped(session, query, "Адресная помощь (последняя в периоде)")


def _method_participation(session: Session, year: int, filters: dict) -> Values:
    query = (select(Participation.school_id, func.count(func.distinct(MethodEvent.id)))
             .join(MethodEvent, MethodEvent.id == Participation.event_id)
             .where(alive(Participation), alive(MethodEvent), within(MethodEvent.held_on, year, filters))
             .group_by(Participation.school_id))
    return _grouped(session, query, "Методических мероприятий в периоде")


def _partnership(session: Session, year: int, _filters: dict) -> Values:
    query = select(Partnership.school_id, Partnership.year_from, Partnership.year_to).where(
        alive(Partnership), Partnership.year_from <= year)
    found: Values = {}
    for school_id, start, end in session.execute(query):
        if end is None or end >= year:
            found[school_id] = {"Сетевое взаимодействие, годы": f"{start}–{end or '…'}"}
    return found


def _recommendation(session: Session, year: int, filters: dict) -> Values:
    start, _end = period_bounds(year, filters)
    in_period = Recommendation.year <= year if start is None else Recommendation.year == year
    query = (select(Recommendation.school_id, func.count()).where(alive(Recommendation), in_period)
             .group_by(Recommendation.school_id))
    return _grouped(session, query, "Адресных рекомендаций")


EVIDENCE: dict[str, Callable[[Session, int, dict], Values]] = {
    "diagnostic": _diagnostic, "completed_course": _completed_course, "positive_dynamics": _positive_dynamics,
    "social_passport": _social_passport, "results": _results, "support_action": _support_action,
    "method_participation": _method_participation, "partnership": _partnership, "recommendation": _recommendation,
}


def evidence(session: Session, spec: dict, year: int) -> Values:
    """Per record id, the values each «has» condition of the spec looked at (records without any are absent)."""
    filters = normalize_filters(spec.get("filters"))
    kinds = list(filters.get("has", []))
    if filters.get("course_topic") and "completed_course" not in kinds:
        kinds.append("completed_course")
    found: Values = {}
    for kind in kinds:
        for key, values in EVIDENCE[kind](session, year, filters).items():
            found.setdefault(key, {}).update(values)
    return found
