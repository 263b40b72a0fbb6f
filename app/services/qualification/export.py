"""The monitoring in Excel, for next year's course plan: who needs a course (with the last one taken), which subjects
need retraining, whose specialty is not known, young specialists without a mentor, vacant rates, and the summary per
school."""

from pathlib import Path

from sqlalchemy.orm import Session

from app.models.reference import POSITIONS
from app.services.excel import write_tables

from .checks import CHECKS
from .monitoring import QualificationReport, qualification_report

PERSON = ["Школа", "ФИО", "Должности", "Предметы"]


def _person(report: QualificationReport, teacher_id: str) -> list:
    facts = report.staff[teacher_id]
    return [report.school_name(facts.school_id), facts.name,
            ", ".join(POSITIONS.get(code, code) for code in facts.positions), ", ".join(facts.subjects)]


def qualification_tables(report: QualificationReport) -> list[tuple[str, list[str], list[list]]]:
    """The export's sheets: (title, header, rows)."""
    of = {check: [f for f in report.findings if f.check == check] for check in CHECKS}
    return [
        ("Нужны курсы", [*PERSON, "Последний курс завершён", "Что найдено"],
         [[*_person(report, f.teacher_id), f.last_course, f.detail] for f in of["no_course"]]),
        ("Переподготовка", [*PERSON, "Предмет без образования", "Что найдено"],
         [[*_person(report, f.teacher_id), f.subject, f.detail] for f in of["mismatch"]]),
        ("Специальность не указана", [*PERSON, "Что найдено"],
         [[*_person(report, f.teacher_id), f.detail] for f in of["no_education"]]),
        ("Без наставника", [*PERSON, "Что найдено"],
         [[*_person(report, f.teacher_id), f.detail] for f in of["no_mentor"]]),
        ("Вакансии", ["Школа", "Должность", "Предмет", "Вакантных ставок"],
         [[v.school, v.position_label, v.subject, v.vacant_rates] for v in report.vacancies]),
        ("Свод по школам", ["Код", "Школа", "Работников", *CHECKS.values(), "Вакантных ставок"],
         [[s.code, s.name, s.staff, *(s.counts[c] for c in CHECKS), s.vacant_rates] for s in report.schools]),
    ]


def export_qualification_xlsx(session: Session, year: int, path: str | Path, school: str | None = None,
                              statuses: tuple[str, ...] = ()) -> Path:
    """Write the year's monitoring (every school, one, or those of `statuses`) as a workbook; returns the path."""
    write_tables(path, qualification_tables(qualification_report(session, year, school, statuses)))
    return Path(path)
