"""The qualification monitoring of a year, per school and for the district: the staff working at the year's end (or
today, in the current year), what `checks` finds about each, and the vacant rates of the staffing table.

Everything is read in a few queries over the schools asked for (a region's 40,000 staff at once), one pass over
each table (`_Working`)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from app.models import (
    Assignment,
    Course,
    Enrollment,
    IndividualRoute,
    School,
    SchoolStatus,
    StaffingSlot,
    Teacher,
    TeacherPosition,
    TeacherSubject,
    alive,
)
from app.models.reference import POSITIONS
from app.services.output.ru_format import format_value

from .checks import CHECKS, Finding, SchoolCounts, StaffFacts, findings_of


@dataclass(frozen=True)
class Vacancy:
    school_id: str
    school: str
    position: str
    subject: str | None
    vacant_rates: float

    @property
    def position_label(self) -> str:
        return POSITIONS.get(self.position, self.position)


@dataclass
class QualificationReport:
    """A year's monitoring: its date, each school's counts, every finding and vacancy; `staff` has the name,
    positions and subjects of each staff member a finding is about."""

    year: int
    as_of: date
    schools: list[SchoolCounts] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    vacancies: list[Vacancy] = field(default_factory=list)
    staff: dict[str, StaffFacts] = field(default_factory=dict)

    def total(self, check: str) -> int:
        return sum(school.counts[check] for school in self.schools)

    @property
    def staff_total(self) -> int:
        return sum(school.staff for school in self.schools)

    @property
    def vacant_rates(self) -> float:
        return round(sum(v.vacant_rates for v in self.vacancies), 2)

    def school_name(self, school_id: str) -> str:
        return next((s.name for s in self.schools if s.school_id == school_id), "")


def as_of(year: int, today: date | None = None) -> date:
    """The day a year's monitoring looks from: the year's last day, or today while the year runs."""
    today = today or date.today()
    return min(date(year, 12, 31), today) if today.year >= year else date(year, 12, 31)


def qualification_report(session: Session, year: int, school: str | None = None,
                         statuses: tuple[str, ...] = (), today: date | None = None) -> QualificationReport:
    """The monitoring for `year`: every live school, or one, or those holding one of `statuses` in the year."""
    report = QualificationReport(year, as_of(year, today))
    chosen = _chosen_schools(year, school, statuses)
    report.schools = [SchoolCounts(school_id, code, name) for school_id, code, name in session.execute(
        select(School.id, School.code, func.coalesce(School.short_name, School.name)).where(*chosen)
        .order_by(School.name))]
    by_school = {s.school_id: s for s in report.schools}
    for facts in _staff(session, _Working(chosen, report.as_of)):
        report.staff[facts.teacher_id] = facts
        counts = by_school[facts.school_id]
        counts.staff += 1
        found = findings_of(facts, report.as_of)
        report.findings += found
        for check in {item.check for item in found}:
            counts.counts[check] += 1
    order = {s.school_id: index for index, s in enumerate(report.schools)}
    report.findings.sort(key=lambda f: (order[f.school_id], f.teacher, list(CHECKS).index(f.check), f.subject or ""))
    report.vacancies = _vacancies(session, year, chosen, by_school)
    for vacancy in report.vacancies:
        by_school[vacancy.school_id].vacant_rates = round(by_school[vacancy.school_id].vacant_rates
                                                          + vacancy.vacant_rates, 2)
    return report


def _chosen_schools(year: int, school: str | None, statuses: tuple[str, ...]) -> list[ColumnElement[bool]]:
    """The conditions on School that choose the schools asked for."""
    chosen = [alive(School)]
    if school is not None:
        chosen.append(School.id == school)
    if statuses:
        chosen.append(School.id.in_(select(SchoolStatus.school_id).where(
            SchoolStatus.year == year, SchoolStatus.status.in_(statuses), alive(SchoolStatus))))
    return chosen


@dataclass(frozen=True)
class _Working:
    """The staff working on `day` at the chosen schools, as joins: each table's rows are read joined to their
    teacher and school, so a region's 2,000 schools cost one pass over each table (neither a list of 40,000 ids
    sent back to the database nor a pass per part of the schools), and one school's, an index lookup."""

    schools: list[ColumnElement[bool]]
    day: date

    def of(self, query: Select, teacher_id=None) -> Select:
        """`query` limited to the rows whose `teacher_id` is a working teacher of a chosen school (without
        `teacher_id`: a query of Teacher itself)."""
        day = self.day
        if teacher_id is not None:
            query = query.join(Teacher, Teacher.id == teacher_id)
        return (query.join(School, School.id == Teacher.school_id)
                .where(*self.schools, alive(Teacher), or_(Teacher.hired_on.is_(None), Teacher.hired_on <= day),
                       or_(Teacher.left_on.is_(None), Teacher.left_on > day)))


def _staff(session: Session, working: _Working) -> list[StaffFacts]:
    """The working staff with what the checks read: one query per related table."""
    positions = _codes(session, TeacherPosition, "position", working)
    subjects = _codes(session, TeacherSubject, "subject", working)
    courses, retrained = _courses(session, working)
    mentored = _mentored(session, working)
    query = working.of(select(Teacher.id, Teacher.school_id, Teacher.last_name, Teacher.first_name,
                              Teacher.middle_name, Teacher.education, Teacher.young_specialist))
    return [StaffFacts(t.id, t.school_id, " ".join(p for p in (t.last_name, t.first_name, t.middle_name) if p),
                       tuple(positions.get(t.id, ())), tuple(subjects.get(t.id, ())), t.education,
                       bool(t.young_specialist), *courses.get(t.id, (None, None)),
                       tuple(retrained.get(t.id, ())), t.id in mentored) for t in session.execute(query)]


def _codes(session: Session, model, column: str, working: _Working) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    main = getattr(model, "is_main", None)
    query = working.of(select(model.teacher_id, getattr(model, column)).where(alive(model)), model.teacher_id)
    for teacher, code in session.execute(query.order_by(main.desc()) if main is not None else query):
        found[teacher].append(code)
    return found


def _courses(session: Session, working: _Working) -> tuple[dict, dict]:
    """teacher → (last completion, its title); teacher → titles and subjects of completed retraining."""
    finished = func.coalesce(Enrollment.completed_on, Course.end_date)
    last: dict[str, tuple[date, str]] = {}
    retrained: dict[str, list[str]] = defaultdict(list)
    query = working.of(select(Enrollment.teacher_id, finished, Course.title, Course.kind, Course.subject)
                       .join(Course, Course.id == Enrollment.course_id)
                       .where(alive(Enrollment), alive(Course), Enrollment.status == "completed",
                              finished <= working.day), Enrollment.teacher_id)
    for teacher, done, title, kind, subject in session.execute(query):
        if done is not None and (teacher not in last or done > last[teacher][0]):
            last[teacher] = (done, title)
        if kind == "retraining":
            retrained[teacher] += [title, subject or ""]
    return last, retrained


def _mentored(session: Session, working: _Working) -> set[str]:
    """Teachers with a mentor on the day: an assignment of a mentor to them, or a live ИОМ naming a mentor."""
    day = working.day
    found = set(session.scalars(working.of(select(Assignment.teacher_id).where(
        alive(Assignment), Assignment.kind == "mentor",
        or_(Assignment.start_date.is_(None), Assignment.start_date <= day),
        or_(Assignment.end_date.is_(None), Assignment.end_date >= day)), Assignment.teacher_id)))
    found.update(session.scalars(working.of(select(IndividualRoute.teacher_id).where(
        alive(IndividualRoute), IndividualRoute.mentor.is_not(None),
        IndividualRoute.status.in_(("draft", "active"))), IndividualRoute.teacher_id)))
    return found


def _vacancies(session: Session, year: int, schools: list[ColumnElement[bool]],
               by_school: dict[str, SchoolCounts]) -> list[Vacancy]:
    query = (select(StaffingSlot).join(School, School.id == StaffingSlot.school_id)
             .where(*schools, alive(StaffingSlot), StaffingSlot.year == year,
                    StaffingSlot.rates > StaffingSlot.filled_rates))
    found = [Vacancy(slot.school_id, by_school[slot.school_id].name, slot.position, slot.subject,
                     round(slot.vacant_rates, 2)) for slot in session.scalars(query)]
    return sorted(found, key=lambda v: (v.school, v.position_label, v.subject or ""))


def finding_lines(report: QualificationReport) -> list[str]:
    """The district's totals in sentences (the report section, the page's summary)."""
    staff = report.staff_total
    return [f"Работников в школах на {report.as_of:%d.%m.%Y}: {staff}.",
            *(f"{title}: {report.total(check)}." for check, title in CHECKS.items()),
            f"Вакантных ставок по штатному расписанию {report.year} года: {format_value(report.vacant_rates)}."]
