"""Field and column factories shared by the entity declarations (one place for labels and limits)."""

from sqlalchemy import func
from sqlalchemy.orm import aliased

from app.models import School, Teacher
from app.models.reference import SUBJECTS

from .spec import Column, Field

FIRST_YEAR, LAST_YEAR = 2000, 2100

TEACHER_NAME = Teacher.last_name + " " + Teacher.first_name + func.coalesce(" " + Teacher.middle_name, "")
TEACHER_ORDER = (Teacher.last_name, Teacher.first_name, Teacher.middle_name)
SCHOOL_NAME = func.coalesce(School.short_name, School.name)
MENTOR_SCHOOL = aliased(School, name="mentor_school")


def school_field(name: str = "school_id", label: str = "Школа", required: bool = True) -> Field:
    return Field(name, label, "ref", required=required, ref="school")


def teacher_field(required: bool = True) -> Field:
    return Field("teacher_id", "Педагог", "ref", required=required, ref="teacher")


def year_field(name: str = "year", label: str = "Год", required: bool = True) -> Field:
    return Field(name, label, "int", required=required, min=FIRST_YEAR, max=LAST_YEAR)


def subject_field(name: str = "subject", label: str = "Предмет") -> Field:
    return Field(name, label, "choice", choices=SUBJECTS)


def text(name: str, label: str, length: int, required: bool = False) -> Field:
    return Field(name, label, "text", required=required, max_length=length)


def note(name: str, label: str, required: bool = False) -> Field:
    return Field(name, label, "multiline", required=required, max_length=20000)


def school_column(width: int = 260, identifying: bool = False) -> Column:
    return Column("school", "Школа", SCHOOL_NAME, width=width, identifying=identifying)


def teacher_column() -> Column:
    return Column("teacher", "Педагог", TEACHER_NAME, width=240, order=TEACHER_ORDER)
