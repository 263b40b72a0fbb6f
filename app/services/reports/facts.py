"""The facts the reports state, as small records: schools in the program, courses completed, staff, recommendations,
the organisation that issues a report and who signs it."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import (
    Course,
    Diagnostic,
    District,
    Enrollment,
    ExternalCourse,
    Recommendation,
    School,
    SchoolStatus,
    Setting,
    StaffingSlot,
    SupportAction,
    Teacher,
    alive,
)
from app.models.reference import (
    POSITIONS,
    QUALIFICATION_CATEGORIES,
    RECOMMENDATION_STATUSES,
    SCHOOL_STATUSES,
    SUPPORT_KINDS,
)
from app.services.analytics.district_summary import district_figures, with_district_count
from app.services.indicators.catalogue import IndicatorRow, indicator_table, list_indicators
from app.services.indicators.choices import definition
from app.services.indicators.per_school import NOT_IN_GROUP, per_school_indicators, school_values
from app.services.indicators.training import completed_in, leaders, trained_people
from app.services.installation import DISTRICT_DATA_MISSING, district_figures_here, own_school, require_installation
from app.services.output.ru_format import count_noun, format_value

SIGNER_SETTING = "report_signer"
SIGNER_LIMIT = 200
PROGRAM_STATUSES = ("shnor", "shnsu", "500plus", "resilient")
OUTSIDE_CATALOGUE = " (вне каталога района)"
LEADER_FORMS = ("руководитель", "руководителя", "руководителей")
TEACHER_FORMS = ("педагог", "педагога", "педагогов")


@dataclass(frozen=True)
class Signer:
    position: str
    name: str


def stored_signer(session: Session) -> Signer | None:
    """The person named in the settings to sign the reports, if any."""
    stored = session.get(Setting, SIGNER_SETTING)
    if stored is not None and isinstance(stored.value, dict) and stored.value.get("name"):
        return Signer(str(stored.value.get("position") or ""), str(stored.value["name"]))
    return None


def get_signer(session: Session) -> Signer | None:
    """Who signs the reports: the person set in the settings; else at a school its director, at a district the head
    of the district's office (position unknown → «Руководитель»)."""
    stored = stored_signer(session)
    if stored is not None:
        return stored
    school = own_school(session)
    if school is not None:
        return Signer("Директор", school.director) if school.director else None
    district = _district(session)
    if district is not None and district.head_name:
        return Signer("Руководитель", district.head_name)
    return None


def signer_stored(session: Session) -> bool:
    """Whether someone has been named to sign the reports."""
    return session.get(Setting, SIGNER_SETTING) is not None


def set_signer(session: Session, position: str | None, name: str | None) -> Signer:
    """Store who signs the reports («Директор ИМЦ», «Л.П. Шидукова»); both are required, up to 200 characters."""
    values = {"position": (position or "").strip(), "name": (name or "").strip()}
    labels = {"position": "должность", "name": "фамилию и инициалы"}
    errors = {key: f"Укажите {labels[key]}." if not value else f"Не длиннее {SIGNER_LIMIT} символов."
              for key, value in values.items() if not value or len(value) > SIGNER_LIMIT}
    if errors:
        raise ValidationError(errors)
    setting = session.get(Setting, SIGNER_SETTING) or Setting(key=SIGNER_SETTING)
    setting.value = values
    session.add(setting)
    session.flush()
    return Signer(values["position"], values["name"])


def _district(session: Session) -> District | None:
    return session.scalars(select(District).where(alive(District))).first()


def organisation(session: Session) -> str:
    """The issuing body for a report header: at a school the school itself; at a district its education office,
    else the installation's name."""
    school = own_school(session)
    if school is not None:
        return school.name
    district = _district(session)
    if district is not None and district.office_name:
        return district.office_name
    return require_installation(session).name


def statuses_by_school(session: Session, year: int) -> dict[str, list[str]]:
    """School id → the Russian labels of its statuses in the year."""
    rows = session.execute(select(SchoolStatus.school_id, SchoolStatus.status).where(
        SchoolStatus.year == year, alive(SchoolStatus)))
    found: dict[str, list[str]] = defaultdict(list)
    for school_id, status in rows:
        found[school_id].append(status)
    return {k: [SCHOOL_STATUSES[s] for s in SCHOOL_STATUSES if s in v] for k, v in found.items()}


@dataclass(frozen=True)
class ProgramSchool:
    name: str
    code: str
    statuses: list[str]  # Russian labels
    growth_point: date | None  # when its «Точка роста» opened
    school_id: str


def program_schools(session: Session, year: int) -> list[ProgramSchool]:
    """Schools with a program status in the year (ШНОР, ШНСУ, «500+», резильентная), with «Точка роста»."""
    statuses = statuses_by_school(session, year)
    labels = {SCHOOL_STATUSES[s] for s in PROGRAM_STATUSES}
    schools = session.scalars(select(School).where(alive(School), School.id.in_(list(statuses)))
                              .order_by(School.name))
    return [ProgramSchool(s.name, s.code, statuses[s.id], s.growth_point_opened, s.id)
            for s in schools if labels & set(statuses[s.id])]


SUPPORTED_STATUSES = ("shnor", "shnsu", "500plus")  # a school holding only «резильентная» supports, it is not supported


def supported(schools: list[ProgramSchool]) -> list[ProgramSchool]:
    """The program schools that receive the district's support (ШНОР, ШНСУ, «500+»), not the resilient mentors."""
    labels = {SCHOOL_STATUSES[s] for s in SUPPORTED_STATUSES}
    return [s for s in schools if labels & set(s.statuses)]


def schools_with(schools: list[ProgramSchool], status: str) -> list[str]:
    """Names of the schools holding `status` (a code of SCHOOL_STATUSES)."""
    return [s.name for s in schools if SCHOOL_STATUSES[status] in s.statuses]


@dataclass(frozen=True)
class CompletedCourse:
    """A course and how many leaders and teachers completed it."""

    title: str
    provider: str
    hours: int
    leaders: int
    teachers: int


def completed_courses(session: Session, year: int, school_id: str | None = None) -> list[CompletedCourse]:
    """Courses completed in the year: per course, how many leaders and how many teachers finished it (a person who
    finished two courses appears under both; `training.trained_people` counts people)."""
    query = (select(Course.title, Course.provider, Course.hours, Enrollment.teacher_id)
             .join(Enrollment, Enrollment.course_id == Course.id).join(Teacher, Teacher.id == Enrollment.teacher_id)
             .join(School, School.id == Teacher.school_id)
             .where(Enrollment.status == "completed", alive(Enrollment), alive(Course),
                    alive(Teacher), alive(School), completed_in(year)))
    if school_id:
        query = query.where(Teacher.school_id == school_id)
    heads = leaders(session)
    courses: dict[tuple, Counter] = defaultdict(Counter)
    for title, provider, hours, teacher_id in session.execute(query):
        courses[(title, provider, hours)]["leaders" if teacher_id in heads else "teachers"] += 1
    return [CompletedCourse(title, provider, hours, c["leaders"], c["teachers"])
            for (title, provider, hours), c in sorted(courses.items())]


@dataclass(frozen=True)
class CompletedPerson:
    teacher: str  # full name
    course: str
    hours: int
    completed_on: date | None


def completed_people(session: Session, year: int, school_id: str) -> list[CompletedPerson]:
    """The school's staff who completed a course in the year (in the catalogue or outside it), with the course."""
    query = (select(Teacher, Course.title, Course.hours, func.coalesce(Enrollment.completed_on, Course.end_date))
             .join(Enrollment, Enrollment.teacher_id == Teacher.id).join(Course, Course.id == Enrollment.course_id)
             .where(Teacher.school_id == school_id, Enrollment.status == "completed", alive(Enrollment),
                    alive(Teacher), alive(Course), completed_in(year)))
    outside = (select(Teacher, ExternalCourse.title + OUTSIDE_CATALOGUE, ExternalCourse.hours, ExternalCourse.completed_on)
               .join(ExternalCourse, ExternalCourse.teacher_id == Teacher.id)
               .where(Teacher.school_id == school_id, alive(ExternalCourse), alive(Teacher),
                      ExternalCourse.completed_on.between(date(year, 1, 1), date(year, 12, 31))))
    people = [CompletedPerson(t.full_name, title, hours, done)
              for part in (query, outside) for t, title, hours, done in session.execute(part)]
    return sorted(people, key=lambda person: (person.teacher, person.completed_on or date.min))


def staff_of(session: Session, school_id: str, year: int) -> list[Teacher]:
    """The school's staff employed during the year."""
    return list(session.scalars(select(Teacher).where(
        Teacher.school_id == school_id, alive(Teacher),
        (Teacher.hired_on.is_(None)) | (Teacher.hired_on <= date(year, 12, 31)),
        (Teacher.left_on.is_(None)) | (Teacher.left_on >= date(year, 1, 1))).order_by(Teacher.last_name)))


@dataclass(frozen=True)
class StaffSummary:
    """Staff employed in the year; (label, count) pairs most common first, vacancies (position, rates) by name."""

    total: int
    young: int
    by_position: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    vacancies: list[tuple[str, float]]


def staff_summary(session: Session, school_id: str, year: int) -> StaffSummary:
    """Counts of the school's staff by position and category, young specialists, vacant rates by position."""
    staff = staff_of(session, school_id, year)
    positions = Counter(POSITIONS.get(p.position, p.position) for t in staff for p in t.positions if p.deleted_at is None)
    categories = Counter(QUALIFICATION_CATEGORIES.get(t.qualification or "none", "Без категории") for t in staff)
    slots = session.scalars(select(StaffingSlot).where(
        StaffingSlot.school_id == school_id, StaffingSlot.year == year, alive(StaffingSlot)))
    vacancies = Counter()
    for slot in slots:
        if slot.vacant_rates > 0:
            vacancies[" — ".join(filter(None, (POSITIONS.get(slot.position, slot.position), slot.subject)))] += slot.vacant_rates
    return StaffSummary(len(staff), sum(1 for t in staff if t.young_specialist), positions.most_common(),
                        categories.most_common(), sorted(vacancies.items()))


def diagnostics_count(session: Session, school_id: str, year: int) -> int:
    """How many diagnostics of the school's staff were taken in the year."""
    return session.scalar(select(func.count()).select_from(Diagnostic).join(Teacher, Teacher.id == Diagnostic.teacher_id)
                          .where(Teacher.school_id == school_id, alive(Diagnostic),
                                 Diagnostic.taken_on.between(date(year, 1, 1), date(year, 12, 31)))) or 0


@dataclass(frozen=True)
class RecommendationLine:
    school: str  # the school's name
    text: str
    due_date: date | None
    status: str  # Russian label


def recommendations(session: Session, year: int, school_id: str | None = None) -> list[RecommendationLine]:
    """Targeted recommendations of the year, by school."""
    query = (select(School.name, Recommendation).join(School, School.id == Recommendation.school_id)
             .where(Recommendation.year == year, alive(Recommendation), alive(School))
             .order_by(School.name, Recommendation.issued_on))
    if school_id:
        query = query.where(Recommendation.school_id == school_id)
    return [RecommendationLine(name, r.text, r.due_date, RECOMMENDATION_STATUSES.get(r.status, r.status))
            for name, r in session.execute(query)]


@dataclass(frozen=True)
class SupportLine:
    held_on: date
    kind: str  # Russian label
    description: str
    result: str | None


def support_actions(session: Session, year: int, school_id: str) -> list[SupportLine]:
    """Help given to the school in the year."""
    query = (select(SupportAction).where(SupportAction.school_id == school_id, alive(SupportAction),
                                         SupportAction.held_on.between(date(year, 1, 1), date(year, 12, 31)))
             .order_by(SupportAction.held_on))
    return [SupportLine(a.held_on, SUPPORT_KINDS.get(a.kind, a.kind), a.description, a.result)
            for a in session.scalars(query)]


def trained_sentence(session: Session, year: int, school_id: str | None = None) -> str:
    """«В 2022 году курсы … завершили 27 руководителей и 193 педагога (всего завершённых курсов — 261).»: people, each
    counted once however many courses they finished."""
    trained = trained_people(session, year, school_id)
    return (f"В {year} году курсы повышения квалификации и переподготовку завершили "
            f"{count_noun(trained.leaders, LEADER_FORMS)} и {count_noun(trained.teachers, TEACHER_FORMS)} "
            f"(каждый человек учтён один раз; всего завершённых курсов — {trained.completions}).")


NO_DATA = "нет данных"


def value_text(value: float | None, reason: str = "") -> str:
    """A value as a report shows it: the number the Russian way, «—» for a school outside the indicator's group,
    «нет данных района» at a school installation, else «нет данных» (its reason is stated beside the table)."""
    if value is not None:
        return format_value(value)
    if reason.startswith(NOT_IN_GROUP):
        return "—"
    return DISTRICT_DATA_MISSING if reason == DISTRICT_DATA_MISSING else NO_DATA


@dataclass(frozen=True)
class IndicatorDefinition:
    code: str
    name: str
    unit: str
    definition: str  # plain Russian, with the choices made


def indicator_definitions(session: Session) -> list[IndicatorDefinition]:
    """Every indicator's definition, for the reports' appendix and the Excel column."""
    return [IndicatorDefinition(i.code, i.name, i.unit, definition(i)) for i in list_indicators(session)]


def missing_data(rows: list[IndicatorRow]) -> list[tuple[str, str]]:
    """(code, reason) of the indicators without a value: stated in the report, never turned into a recommendation."""
    return [(row["code"], row["reason"] or NO_DATA) for row in rows if row["actual"] is None]


@dataclass(frozen=True)
class SchoolIndicatorLine:
    """One indicator in a school's profile: its values for the years, the district's value and the target of the
    last year (as text), and the reasons of the missing ones."""

    code: str
    name: str
    unit: str
    values: list[str]
    district: str
    target: str
    reasons: list[str]


def school_indicator_lines(session: Session, school_id: str, years: list[int]) -> list[SchoolIndicatorLine]:
    """The per-school indicators of one school over the years, beside the district's value for the last year; at a
    school, what only the district counts comes from its summaries of those years («нет данных района» without)."""
    summaries = {} if district_figures_here(session) else {y: district_figures(session, school_id, y) for y in years}
    values = {(v["code"], v["year"]): with_district_count(v["value"], v["reason"], summaries.get(v["year"]), v["code"])
              for v in school_values(session, years, school_ids=[school_id])}
    district = {row["code"]: row for row in indicator_table(session, years[-1])}
    last = summaries.get(years[-1])
    lines = []
    for indicator in per_school_indicators(session):
        own = [(year, *values[(indicator.code, year)]) for year in years]
        row = district[indicator.code]
        actual = last.indicator(indicator.code) if last else row["actual"]
        reasons = sorted({f"{year}: {reason}" for year, value, reason in own if value is None and reason})
        lines.append(SchoolIndicatorLine(
            indicator.code, indicator.name, indicator.unit, [value_text(value, reason) for _y, value, reason in own],
            value_text(actual, "" if last else row["reason"]),
            value_text(row["target"]) if row["target"] is not None else "—", reasons))
    return lines
