"""The sign-off checklist: before the deputy director signs a packet, what the school has filled for the period and
what is still missing, section by section (кадры, социальный паспорт, ГИА/ВПР/выпуск/олимпиады, дорожная карта,
ответы на рекомендации), each with the page (and filters) where it is entered.

A school may sign with gaps; the packet then names the sections declared incomplete and what they lacked
(`Checklist.declared`), and the district sees it. What a section expects follows the school's kind: a primary
school (НОШ) has no ЕГЭ, ОГЭ or graduates, a basic one (ООШ) no ЕГЭ and no grade-11 graduates.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import (
    ExamResult,
    Graduation,
    OlympiadResult,
    School,
    SocialPassport,
    StaffingSlot,
    TeacherPosition,
    VprResult,
    alive,
)
from app.models.reference import SUBMISSION_SECTIONS
from app.services.records import get_entity
from app.services.reports.facts import staff_of
from app.services.roadmaps.view import event_rows
from app.services.school import answers
from app.services.school.roadmap import own_roadmaps

PRIMARY, BASIC = frozenset({"НОШ"}), frozenset({"ООШ"})
SHOWN_MISSING = 5  # texts listed per section; the rest are counted


@dataclass(frozen=True)
class ChecklistSection:
    """One section: what is filled and what is missing for the period, and where (page key, filters) to fill it."""

    key: str  # a section of the district's collection (SUBMISSION_SECTIONS), whose title it shows
    filled: tuple[str, ...]
    missing: tuple[str, ...]
    page: str
    filters: dict[str, Any] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return SUBMISSION_SECTIONS[self.key]

    @property
    def complete(self) -> bool:
        return not self.missing


class DeclaredSection(TypedDict):
    """A section signed off incomplete, as the packet's manifest records it."""

    section: str
    title: str
    missing: list[str]


@dataclass(frozen=True)
class Checklist:
    school_id: str
    year: int
    sections: tuple[ChecklistSection, ...]

    @property
    def incomplete(self) -> list[ChecklistSection]:
        return [section for section in self.sections if not section.complete]

    def declared(self) -> list[DeclaredSection]:
        """What the packet records as declared incomplete by the signer."""
        return [{"section": s.key, "title": s.title, "missing": list(s.missing)} for s in self.incomplete]


def _listed(texts: list[str], what: str) -> list[str]:
    shown = [f"{what}: «{_short(text)}»" for text in texts[:SHOWN_MISSING]]
    rest = len(texts) - SHOWN_MISSING
    return shown + ([f"и ещё {rest}"] if rest > 0 else [])


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _staff(session: Session, school: School, year: int) -> ChecklistSection:
    staff = staff_of(session, school.id, year)
    with_position = set(session.scalars(select(TeacherPosition.teacher_id).where(
        TeacherPosition.teacher_id.in_([t.id for t in staff]), alive(TeacherPosition))))
    slots = session.scalar(select(func.count()).select_from(StaffingSlot).where(
        StaffingSlot.school_id == school.id, StaffingSlot.year == year, alive(StaffingSlot))) or 0
    no_position = [t.short_name for t in staff if t.id not in with_position]
    filled = [f"работников в {year} году: {len(staff)}"] + ([f"строк штатного расписания: {slots}"] if slots else [])
    missing = ([] if staff else [f"нет ни одного работника, работавшего в {year} году"])
    missing += [] if slots else [f"штатное расписание на {year} год"]
    missing += _listed(no_position, "не указана должность") if no_position else []
    return ChecklistSection("staff", tuple(filled), tuple(missing), "staff",
                            {"entity": "staffing_slot" if staff and not slots else "teacher"})


def _passport(session: Session, school: School, year: int) -> ChecklistSection:
    passport = session.scalars(select(SocialPassport).where(
        SocialPassport.school_id == school.id, SocialPassport.year == year, alive(SocialPassport))).first()
    filters = {"entity": "social_passport"}
    if passport is None:
        return ChecklistSection("passport", (), (f"социальный паспорт за {year} год",),
                                "results", filters)
    entity = get_entity("social_passport")
    empty = [entity.field(name).label for name in (*SocialPassport.COUNTS, *SocialPassport.SHARES)
             if getattr(passport, name) is None]
    filled = (f"социальный паспорт за {year} год: заполнено показателей "
              f"{len(SocialPassport.COUNTS) + len(SocialPassport.SHARES) - len(empty)}",)
    return ChecklistSection("passport", filled,
                            tuple(f"не заполнено: {label}" for label in empty), "results", filters)


def _expected_results(kind: str) -> list[tuple[str, type, tuple]]:
    """(what, model, conditions on its rows) a school of this kind reports for a year."""
    expected = [("ВПР", VprResult, ()), ("олимпиады", OlympiadResult, ())]
    if kind not in PRIMARY:
        expected += [("ОГЭ", ExamResult, (ExamResult.exam == "ОГЭ",)),
                     ("выпуск 9 класса", Graduation, (Graduation.grade == 9,))]
    if kind not in PRIMARY | BASIC:
        expected += [("ЕГЭ", ExamResult, (ExamResult.exam == "ЕГЭ",)),
                     ("выпуск 11 класса", Graduation, (Graduation.grade == 11,))]
    return expected


def _results(session: Session, school: School, year: int) -> ChecklistSection:
    filled, missing, first_missing = [], [], None
    for what, model, conditions in _expected_results(school.kind):
        rows = session.scalar(select(func.count()).select_from(model).where(
            model.school_id == school.id, model.year == year, alive(model), *conditions)) or 0
        if rows:
            filled.append(f"{what}: строк {rows}")
        else:
            missing.append(f"{what} за {year} год")
            first_missing = first_missing or model.__tablename__
    return ChecklistSection("results", tuple(filled), tuple(missing), "results",
                            {"entity": first_missing or "exam_result"})


def _roadmap(session: Session, school: School, year: int, today: date) -> ChecklistSection:
    roadmaps = own_roadmaps(session, school.id, year)
    if not roadmaps:
        return ChecklistSection("roadmap", (), (f"дорожная карта школы на {year} год",), "roadmaps")
    rows = [row for roadmap in roadmaps for row in event_rows(session, roadmap.id, year, today)]
    overdue = [row["title"] for row in rows if row["status"] == "overdue"]
    done = sum(row["status"] in ("done", "done_late") for row in rows)
    filled = (f"мероприятий в {year} году: {len(rows)}, отмечено выполненными: {done}",)
    missing = _listed(overdue, "срок прошёл, выполнение не отмечено")
    return ChecklistSection("roadmap", filled, tuple(missing), "roadmaps",
                            {"status": "overdue"} if overdue else {})


def _answers(session: Session, school: School, year: int) -> ChecklistSection:
    items = answers.recommendations_to(session, school.id, year)
    waiting = answers.waiting_for_answer(items)
    filled = (f"рекомендаций {year} года: {len(items)}, с ответом школы: {len(items) - len(waiting)}",) if items else ()
    return ChecklistSection("answers", filled,
                            tuple(_listed([item["text"] for item in waiting], "нет ответа")), "recommendations")


def sign_off_checklist(session: Session, school_id: str, year: int, today: date | None = None) -> Checklist:
    """Every section of the school's period with what is filled and what is missing."""
    school = session.get(School, school_id)
    if school is None:
        raise KuratorError("Школа не найдена.")
    today = today or date.today()
    sections = (_staff(session, school, year), _passport(session, school, year), _results(session, school, year),
                _roadmap(session, school, year, today), _answers(session, school, year))
    return Checklist(school_id, year, sections)
