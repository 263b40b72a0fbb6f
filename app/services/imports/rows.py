"""One row on its way to a record: the cells as read, the entity values built from them, the problems found; and
what every row of a file shares (the session, the register, the year chosen for the import, the owner rule)."""

from collections.abc import Callable
from functools import cached_property
from typing import Any

from sqlalchemy.orm import Session

from app.services.records import Entity, can_edit
from app.services.records.ownership import current_scope

from .lookups import CourseLookup, LookupProblem, SchoolLookup, TeacherLookup
from .spec import SCHOOL_CODE, SCHOOL_NAME, YEAR, ImportSheet
from .words import WordProblem


class ImportContext:
    """What the rows of one file share; lookups load once, on first use."""

    def __init__(self, session: Session, year: int | None):
        self.session, self.year = session, year
        self.scope = current_scope(session)
        self._allowed: dict[tuple[str, str | None], tuple[bool, str]] = {}
        self.school_ids: set[str] = set()  # the schools the file's rows name (filled while rows are read)
        self.new_courses: dict[tuple, Any] = {}  # course key → the Planned course an enrolment adds to the catalogue

    @cached_property
    def schools(self) -> SchoolLookup:
        return SchoolLookup(self.session)

    @cached_property
    def teachers(self) -> TeacherLookup:
        return TeacherLookup(self.session, self.school_ids)

    @cached_property
    def courses(self) -> CourseLookup:
        return CourseLookup(self.session)

    def may_write(self, entity: Entity, school: str | None) -> tuple[bool, str]:
        """The owner rule for a record of `entity` (of `school`), asked once per school."""
        key = (entity.name, school)
        if key not in self._allowed:
            self._allowed[key] = can_edit(self.session, entity, school=school)
        return self._allowed[key]


class RowValues:
    """One row of a sheet: `cells` (column key → value read, None when empty), `values` for the entity, `defaults`
    for a new record, problems as (column key, Russian message), and child-row columns of multi fields
    (`link_extra`)."""

    def __init__(self, context: ImportContext, spec: ImportSheet, number: int, cells: dict[str, Any]):
        self.context, self.spec, self.number, self.cells = context, spec, number, cells
        self.values: dict[str, Any] = {}
        self.defaults: dict[str, Any] = {}  # values a NEW record takes when the file says nothing (derived ones)
        self.problems: list[tuple[str, str]] = []
        self.link_extra: dict[str, dict[str, dict[str, Any]]] = {}

    def problem(self, column: str, message: str) -> None:
        self.problems.append((column, message))

    def parsed(self, column: str, read: Callable[..., Any], *args: Any) -> Any:
        """`read(cell text, *args)` for a filled cell, None for an empty one; a problem (words.WordProblem) is put
        at the cell."""
        text = self.cells.get(column)
        if text is None:
            return None
        try:
            return read(str(text), *args)
        except WordProblem as problem:
            self.problem(column, str(problem))
            return None

    def read(self, entity: Entity) -> None:
        """The plain part: cells named like the entity's fields (choice labels turned into codes), the sheet's
        fixed values, the school by code or name, the year; then the sheet's own `prepare`."""
        fields = {f.name for f in entity.fields}
        for key, value in self.cells.items():
            if value is None or key not in fields:
                continue
            labels = self.spec.labels.get(key)
            self.values[key] = {label: code for code, label in labels.items()}[value] if labels else value
        self.values.update(self.spec.fixed)
        if self.spec.school:
            self._school()
        if self.spec.year:
            self._year()
        if self.spec.prepare is not None and not self.problems:
            self.spec.prepare(self)

    def _school(self) -> None:
        try:
            school = self.context.schools.find(self.cells.get(SCHOOL_CODE), self.cells.get(SCHOOL_NAME))
        except LookupProblem as problem:
            column = SCHOOL_CODE if self.cells.get(SCHOOL_CODE) or not self.cells.get(SCHOOL_NAME) else SCHOOL_NAME
            self.problem(column, str(problem))
            return
        self.values["school_id"] = school
        self.context.school_ids.add(school)

    def _year(self) -> None:
        year = self.cells.get(YEAR) or self.context.year
        if year is None:
            self.problem(YEAR, "укажите год: в столбце «Год» или при загрузке файла")
        else:
            self.values[YEAR] = year
