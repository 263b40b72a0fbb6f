"""The qualification monitoring of a year, per school and for the district: the staff working at the year's end (or
today, in the current year), what `checks` finds about each, and the vacant rates of the staffing table.

Everything is read in a few queries over the schools asked for (a region's 40,000 staff at once)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
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

CHUNK = 500


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
    report.schools = _schools(session, year, school, statuses)
    ids = [s.school_id for s in report.schools]
    by_school = {s.school_id: s for s in report.schools}
    for facts in _staff(session, ids, report.as_of):
        report.staff[facts.teacher_id] = facts
        counts = by_school[facts.school_id]
        counts.staff += 1
        found = findings_of(facts, report.as_of)
        report.findings += found
        for check in {item.check for item in found}:
            counts.counts[check] += 1
    order = {s.school_id: index for index, s in enumerate(report.schools)}
    report.findings.sort(key=lambda f: (order[f.school_id], f.teacher, list(CHECKS).index(f.check), f.subject or ""))
    report.vacancies = _vacancies(session, year, ids, by_school)
    for vacancy in report.vacancies:
        by_school[vacancy.school_id].vacant_rates = round(by_school[vacancy.school_id].vacant_rates
                                                          + vacancy.vacant_rates, 2)
    return report


def _schools(session: Session, year: int, school: str | None, statuses: tuple[str, ...]) -> list[SchoolCounts]:
    query = select(School.id, School.code, func.coalesce(School.short_name, School.name)).where(alive(School))
    if school is not None:
        query = query.where(School.id == school)
    if statuses:
        query = query.where(School.id.in_(select(SchoolStatus.school_id).where(
            SchoolStatus.year == year, SchoolStatus.status.in_(statuses), alive(SchoolStatus))))
    return [SchoolCounts(school_id, code, name) for school_id, code, name in session.execute(query.order_by(School.name))]


def _chunks(ids: list[str]):
    return (ids[start:start + CHUNK] for start in range(0, len(ids), CHUNK))


def _staff(session: Session, schools: list[str], day: date) -> list[StaffFacts]:
    """The staff working on `day` with what the checks read: per part of the schools, one query per related table
    joined to the staff by a subquery (no list of 40,000 teacher ids sent back to the database)."""
    found = []
    for part in _chunks(schools):
        working = (alive(Teacher), Teacher.school_id.in_(part), or_(Teacher.hired_on.is_(None), Teacher.hired_on <= day),
                   or_(Teacher.left_on.is_(None), Teacher.left_on > day))
        ids = select(Teacher.id).where(*working).scalar_subquery()
        positions = _codes(session, TeacherPosition, "position", ids)
        subjects = _codes(session, TeacherSubject, "subject", ids)
        courses, retrained = _courses(session, ids, day)
        mentored = _mentored(session, ids, day)
        query = select(Teacher.id, Teacher.school_id, Teacher.last_name, Teacher.first_name, Teacher.middle_name,
                       Teacher.education, Teacher.young_specialist).where(*working)
        found += [StaffFacts(t.id, t.school_id, " ".join(p for p in (t.last_name, t.first_name, t.middle_name) if p),
                             tuple(positions.get(t.id, ())), tuple(subjects.get(t.id, ())), t.education,
                             bool(t.young_specialist), *courses.get(t.id, (None, None)),
                             tuple(retrained.get(t.id, ())), t.id in mentored) for t in session.execute(query)]
    return found


def _codes(session: Session, model, column: str, teachers) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    main = getattr(model, "is_main", None)
    query = select(model.teacher_id, getattr(model, column)).where(alive(model), model.teacher_id.in_(teachers))
    for teacher, code in session.execute(query.order_by(main.desc()) if main is not None else query):
        found[teacher].append(code)
    return found


def _courses(session: Session, teachers, day: date) -> tuple[dict, dict]:
    """teacher → (last completion, its title); teacher → titles and subjects of completed retraining."""
    finished = func.coalesce(Enrollment.completed_on, Course.end_date)
    last: dict[str, tuple[date, str]] = {}
    retrained: dict[str, list[str]] = defaultdict(list)
    query = (select(Enrollment.teacher_id, finished, Course.title, Course.kind, Course.subject)
             .join(Course, Course.id == Enrollment.course_id)
             .where(alive(Enrollment), alive(Course), Enrollment.status == "completed",
                    Enrollment.teacher_id.in_(teachers), finished <= day))
    for teacher, done, title, kind, subject in session.execute(query):
        if done is not None and (teacher not in last or done > last[teacher][0]):
            last[teacher] = (done, title)
        if kind == "retraining":
            retrained[teacher] += [title, subject or ""]
    return last, retrained


def _mentored(session: Session, teachers, day: date) -> set[str]:
    """Teachers with a mentor on `day`: an assignment of a mentor to them, or a live ИОМ naming a mentor."""
    found = set(session.scalars(select(Assignment.teacher_id).where(
        alive(Assignment), Assignment.kind == "mentor", Assignment.teacher_id.in_(teachers),
        or_(Assignment.start_date.is_(None), Assignment.start_date <= day),
        or_(Assignment.end_date.is_(None), Assignment.end_date >= day))))
    found.update(session.scalars(select(IndividualRoute.teacher_id).where(
        alive(IndividualRoute), IndividualRoute.teacher_id.in_(teachers), IndividualRoute.mentor.is_not(None),
        IndividualRoute.status.in_(("draft", "active")))))
    return found


def _vacancies(session: Session, year: int, schools: list[str], by_school: dict[str, SchoolCounts]) -> list[Vacancy]:
    found = []
    for part in _chunks(schools):
        query = select(StaffingSlot).where(alive(StaffingSlot), StaffingSlot.year == year,
                                           StaffingSlot.school_id.in_(part), StaffingSlot.rates > StaffingSlot.filled_rates)
        found += [Vacancy(slot.school_id, by_school[slot.school_id].name, slot.position, slot.subject,
                          round(slot.vacant_rates, 2)) for slot in session.scalars(query)]
    return sorted(found, key=lambda v: (v.school, v.position_label, v.subject or ""))


def finding_lines(report: QualificationReport) -> list[str]:
    """The district's totals in sentences (the report section, the page's summary)."""
    staff = report.staff_total
    return [f"Работников в школах на {report.as_of:%d.%m.%Y}: {staff}.",
            *(f"{title}: {report.total(check)}." for check, title in CHECKS.items()),
            f"Вакантных ставок по штатному расписанию {report.year} года: {format_value(report.vacant_rates)}."]
