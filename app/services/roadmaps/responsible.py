"""Who is responsible for an event: the «Ответственный» text as written, linked to a staff member when it names one."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Teacher, alive


def staff_by_short_name(session: Session, school_id: str | None) -> dict[str, str]:
    query = select(Teacher).where(alive(Teacher))
    if school_id:
        query = query.where(Teacher.school_id == school_id)
    names: dict[str, str] = {}
    for teacher in session.scalars(query):
        for variant in (teacher.short_name, teacher.full_name):
            names[_normalise_name(variant)] = teacher.id
    return names


def _normalise_name(text: str) -> str:
    return " ".join(text.replace(".", ". ").replace("ё", "е").lower().split()).replace(". ", ".")


def match_responsible(responsible: str | None, staff: dict[str, str]) -> str | None:
    """The staff member a «Ответственный» text names («Шидукова Л.П.»), when exactly one matches."""
    if not responsible:
        return None
    text = _normalise_name(responsible)
    found = {teacher_id for name, teacher_id in staff.items() if name and name in text}
    return found.pop() if len(found) == 1 else None
