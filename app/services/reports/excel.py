"""Excel exports: indicators plan/fact by year, the ЕГЭ/ОГЭ table, the staff registry and the course registry."""

from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models import Course, Enrollment, IndicatorTarget, School, Teacher, alive
from app.models.reference import (
    COURSE_KINDS,
    ENROLLMENT_STATUSES,
    POSITIONS,
    QUALIFICATION_CATEGORIES,
)
from app.services.analytics import selection as analytics
from app.services.excel import write_table
from app.services.indicators.catalogue import STATUSES, IndicatorRow, indicator_table
from app.services.indicators.dynamics import caching
from app.services.reports.facts import NO_DATA

STAFF_HEADER = ["Школа", "Фамилия", "Имя", "Отчество", "Должности", "Предметы", "Категория", "Стаж, лет",
                "Молодой специалист", "Принят", "Уволен"]
COURSE_HEADER = ["Школа", "Педагог", "Курс", "Вид", "Организатор", "Часов", "Начало", "Окончание", "Состояние",
                 "Завершил", "Номер удостоверения"]


def _actual(row: IndicatorRow):
    return row["actual"] if row["actual"] is not None else NO_DATA


def export_indicators_xlsx(session: Session, path: str | Path, years: list[int]) -> Path:
    """Every indicator with its target and actual for each year («нет данных» where there is none), the status of
    the last year with the reason of a missing value, and the indicator's definition."""
    years = sorted(years)
    with caching(session):
        tables = {year: {r["code"]: r for r in indicator_table(session, year)} for year in years}
    last = tables[years[-1]]
    header = ["Код", "Показатель", "Ед."] + [f"{kind} {y}" for y in years for kind in ("План", "Факт")]
    header += [f"Статус {years[-1]}", f"Почему нет данных ({years[-1]})", "Определение показателя"]
    rows = [[code, row["name"], row["unit"], *(v for y in years for v in (tables[y][code]["target"],
                                                                        _actual(tables[y][code]))),
             STATUSES[row["status"]], row["reason"] or None, row["definition"]] for code, row in last.items()]
    write_table(path, "Показатели", header, rows)
    return Path(path)


def export_exam_table_xlsx(session: Session, year: int, path: str | Path) -> Path:
    """The seeds/000 ЕГЭ/ОГЭ indicator table of the year, one row per school."""
    table = analytics.exam_indicator_table(session, year)
    titles = analytics.EXAM_TABLE_TITLES
    rows = [[row[key] for key in titles] for row in table]
    write_table(path, f"ГИА {year}", list(titles.values()), rows)
    return Path(path)


def export_staff_registry_xlsx(session: Session, path: str | Path) -> Path:
    """All current staff of live schools with positions, subjects, category and dates."""
    query = (select(School.name, Teacher).join(School, School.id == Teacher.school_id)
             .where(alive(Teacher), alive(School))
             .options(selectinload(Teacher.positions), selectinload(Teacher.subjects))
             .order_by(School.name, Teacher.last_name, Teacher.first_name))
    rows = [[school, t.last_name, t.first_name, t.middle_name,
             ", ".join(POSITIONS.get(p.position, p.position) for p in t.positions if p.deleted_at is None),
             ", ".join(s.subject for s in t.subjects if s.deleted_at is None),
             QUALIFICATION_CATEGORIES.get(t.qualification or "", None), t.experience_years, t.young_specialist,
             t.hired_on, t.left_on] for school, t in session.execute(query)]
    write_table(path, "Педагоги", STAFF_HEADER, rows)
    return Path(path)


def export_course_registry_xlsx(session: Session, year: int, path: str | Path) -> Path:
    """Enrolments in courses that ran or were completed in the year, with the teacher and school."""
    finished = func.coalesce(Enrollment.completed_on, Course.end_date, Course.start_date)
    query = (select(School.name, Teacher, Course, Enrollment)
             .join(Teacher, Teacher.id == Enrollment.teacher_id).join(School, School.id == Teacher.school_id)
             .join(Course, Course.id == Enrollment.course_id)
             .where(alive(Enrollment), alive(Teacher), alive(Course),
                    alive(School), finished.between(date(year, 1, 1), date(year, 12, 31)))
             .order_by(School.name, Teacher.last_name, Course.title))
    rows = [[school, t.full_name, c.title, COURSE_KINDS.get(c.kind, c.kind), c.provider, c.hours, c.start_date,
             c.end_date, ENROLLMENT_STATUSES.get(e.status, e.status), e.completed_on, e.certificate_number]
            for school, t, c, e in session.execute(query)]
    write_table(path, f"Курсы {year}", COURSE_HEADER, rows)
    return Path(path)


def program_years(session: Session, year: int) -> list[int]:
    """The years the indicators have targets for, up to and including `year` (and `year` itself)."""
    targets = session.scalars(select(IndicatorTarget.year).where(alive(IndicatorTarget)).distinct())
    return sorted({y for y in targets if y <= year} | {year})
