"""Measures: named counts over the records, with filters, from which computed indicators are built.

An indicator's numerator and denominator are data: `{"measure": "<name>", "filters": {...}}`. Each measure
here says what it counts (a Russian label), which filters it takes (with Russian labels and the values a UI
can offer as a list), how to count it in SQL (`count`) and which rows stand behind the number (`records`).
Soft-deleted rows never count. Everything is portable SQL (SQLite and PostgreSQL).

Filters shared by all measures:
- `status`: the school's status codes for the year (e.g. ["shnor", "shnsu"]); a school counts if it has any.
- `period` ("year" by default, or "cumulative"): whether dated events (diagnostics, courses, help, methodical
  events) must fall in the period or anywhere up to its end;
- `year_kind` ("calendar" by default, or "school_year"): the period is the calendar year or the school year ending in
  it (`app.services.indicators.periods`); a half-year (`half` 1 or 2) is set by the caller, never stored.
Every row carries `id`, `school_id` and a `label` beside its shown columns, so a number can be split by school
(`count_by_school`) and each record named (`explain`).
"""

from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Callable, Mapping, TypeAlias, TypedDict

from sqlalchemy import Select, String, case, cast, exists, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.errors import KuratorError
from app.models import (
    Course,
    Diagnostic,
    Enrollment,
    ExamResult,
    ExternalCourse,
    Graduation,
    MethodEvent,
    OlympiadResult,
    Participation,
    Partnership,
    Recommendation,
    School,
    SchoolStatus,
    SocialPassport,
    StaffingSlot,
    SupportAction,
    Teacher,
    TeacherPosition,
    VprResult,
    alive,
)
from app.models.reference import (
    COURSE_TOPICS,
    EXAM_KINDS,
    OLYMPIAD_LEVELS,
    POSITIONS,
    SCHOOL_STATUSES,
    SUBJECTS,
)
from app.services.frames import district_frame
from app.services.indicators.dynamics import schools_with_positive_dynamics
from app.services.indicators.periods import YEAR_KINDS, window

PERIODS = MappingProxyType({"year": "в отчётном году", "cumulative": "нарастающим итогом (по конец года)"})
SCHOOL_HAS = MappingProxyType({
    "social_passport": "социальный паспорт за год",
    "results": "результаты ГИА или ВПР за год",
    "partnership": "сетевое взаимодействие с опорной школой",
    "support_action": "адресная методическая помощь",
    "positive_dynamics": "положительная динамика результатов ЕГЭ/ОГЭ",
    "method_participation": "участие в методических мероприятиях",
    "recommendation": "адресные рекомендации",
})
RELATIVE_HAS = frozenset({"positive_dynamics"})  # judged against the district's other schools
TEACHER_HAS = MappingProxyType({"diagnostic": "диагностика компетенций", "completed_course": "завершённые курсы (КПК, переподготовка)"})


@dataclass(frozen=True)
class FilterSpec:
    """One filter a measure accepts: its Russian label, the allowed values (code → label), list or single."""

    name: str
    label: str
    values: Mapping[Any, str]
    multiple: bool = True


STATUS = FilterSpec("status", "Статус школы в году", SCHOOL_STATUSES)
PERIOD = FilterSpec("period", "Период", PERIODS, multiple=False)
YEAR_KIND = FilterSpec("year_kind", "Отчётный год", YEAR_KINDS, multiple=False)
POSITION = FilterSpec("position", "Должность", POSITIONS)
WITHOUT_POSITION = FilterSpec("without_position", "Кроме должностей", POSITIONS)
SUBJECT = FilterSpec("subject", "Предмет", SUBJECTS)


MeasureRecord: TypeAlias = dict[str, Any]
"""One row behind a measure's number: Russian column title → value (dates as ISO text), in display order."""


@dataclass(frozen=True)
class Measure:
    """A named count: `rows(session, year, filters)` selects the records (labelled columns); the number is their count
    or the sum of the column `summed`."""

    name: str
    label: str
    kind: str  # what one record is: "school", "teacher", or the yearly table's name
    filters: tuple[FilterSpec, ...]
    rows: Callable[[Session, int, dict], Select]
    columns: Mapping[str, str]  # column key → Russian title, in display order
    summed: str | None = None
    filter_index: dict[str, FilterSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "filter_index", {f.name: f for f in self.filters})

    def _aggregate(self, subquery):
        return func.coalesce(func.sum(subquery.c[self.summed]), 0) if self.summed else func.count()

    def count(self, session: Session, year: int, filters: dict | None = None) -> float:
        """The measure's value for the year: an SQL count or sum over the filtered records."""
        subquery = self.rows(session, year, normalize_filters(filters)).subquery()
        return float(session.scalar(select(self._aggregate(subquery)).select_from(subquery)) or 0)

    def count_by_school(self, session: Session, year: int, filters: dict | None = None) -> dict[str, float]:
        """The measure's value per school (schools with no record are absent): one grouped SQL query."""
        subquery = self.rows(session, year, normalize_filters(filters)).order_by(None).subquery()
        query = select(subquery.c.school_id, self._aggregate(subquery)).group_by(subquery.c.school_id)
        return {school: float(value or 0) for school, value in plain_rows(session, query)}

    def any(self, session: Session, year: int, filters: dict | None = None) -> bool:
        """Whether any record stands behind the measure for the year (a zero sum may still have records)."""
        rows = self.rows(session, year, normalize_filters(filters)).order_by(None).limit(1)
        return session.execute(rows).first() is not None

    def raw_records(self, session: Session, year: int, filters: dict | None = None) -> list[dict[str, Any]]:
        """The rows behind the number with their keys: `id`, `school_id`, `school`, `label` and the columns."""
        return [dict(row) for row in session.execute(self.rows(session, year, normalize_filters(filters))).mappings()]

    def records(self, session: Session, year: int, filters: dict | None = None) -> list[MeasureRecord]:
        """The rows behind the number, keyed by Russian column titles."""
        return [{title: _plain(row[key]) for key, title in self.columns.items()}
                for row in self.raw_records(session, year, filters)]


def plain_rows(session: Session, query: Select):
    """The rows of a Core query without the ORM's row machinery (much faster for thousands of plain rows); the
    session's pending changes are flushed first, as the ORM would."""
    session.flush()
    return session.connection().execute(query)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


SCALAR_FILTERS = ("period", "year_kind", "half")


def normalize_filters(filters: dict | None) -> dict:
    """Single values of list filters become one-element lists; empty filters are dropped."""
    result = {}
    for key, value in (filters or {}).items():
        if value in (None, "", [], ()):
            continue
        result[key] = value if key in SCALAR_FILTERS or isinstance(value, list) else [value]
    return result


# --- shared conditions -------------------------------------------------------------------------------------

def period_window(year: int, filters: dict) -> tuple[date, date]:
    """The period the filters ask for: the calendar or school year ending in `year`, or one half of it."""
    return window(year, filters.get("year_kind") or "calendar", int(filters.get("half") or 0))


def period_bounds(year: int, filters: dict) -> tuple[date | None, date]:
    """The period's bounds for dated events: no start when they count cumulatively."""
    start, end = period_window(year, filters)
    return (None if filters.get("period") == "cumulative" else start), end


def within(column, year: int, filters: dict) -> ColumnElement:
    start, end = period_bounds(year, filters)
    return column <= end if start is None else column.between(start, end)


def school_conditions(school_id_column, year: int, filters: dict) -> list[ColumnElement]:
    """The school is not deleted and (with `status`) holds one of the statuses in the year."""
    conditions = [school_id_column.in_(select(School.id).where(alive(School)))]
    if filters.get("status"):
        conditions.append(school_id_column.in_(
            select(SchoolStatus.school_id).where(
                alive(SchoolStatus), SchoolStatus.year == year, SchoolStatus.status.in_(filters["status"]))
        ))
    return conditions


# --- schools ------------------------------------------------------------------------------------------------

def _school_has(session: Session, kind: str, year: int, filters: dict) -> ColumnElement:
    start, end = period_bounds(year, filters)
    conditions = {
        "social_passport": lambda: exists().where(
            SocialPassport.school_id == School.id, SocialPassport.year == year, alive(SocialPassport)),
        "results": lambda: or_(
            exists().where(ExamResult.school_id == School.id, ExamResult.year == year, alive(ExamResult)),
            exists().where(VprResult.school_id == School.id, VprResult.year == year, alive(VprResult))),
        "partnership": lambda: exists().where(
            Partnership.school_id == School.id, alive(Partnership), Partnership.year_from <= year,
            or_(Partnership.year_to.is_(None), Partnership.year_to >= year)),
        "support_action": lambda: exists().where(
            SupportAction.school_id == School.id, alive(SupportAction), within(SupportAction.held_on, year, filters)),
        "method_participation": lambda: exists().where(
            Participation.school_id == School.id, alive(Participation), Participation.event_id == MethodEvent.id,
            alive(MethodEvent), within(MethodEvent.held_on, year, filters)),
        "recommendation": lambda: exists().where(
            Recommendation.school_id == School.id, alive(Recommendation),
            Recommendation.year <= year if start is None else Recommendation.year == year),
        "positive_dynamics": lambda: School.id.in_(schools_with_positive_dynamics(session, year)),
    }
    return conditions[kind]()


def school_rows(session: Session, year: int, filters: dict) -> Select:
    query = select(School.id.label("id"), School.id.label("school_id"), School.name.label("school"),
                   School.name.label("label"), School.code.label("code"), School.name.label("name"),
                   School.locality.label("locality"))
    query = query.where(*school_conditions(School.id, year, filters))
    for kind in filters.get("has", []):
        query = query.where(_school_has(session, kind, year, filters))
    return query.order_by(School.name)


# --- teachers -----------------------------------------------------------------------------------------------

def employed(year: int, filters: dict | None = None) -> list[ColumnElement]:
    """A teacher is not deleted and worked at some time during the period (the calendar year unless `filters` say)."""
    start, end = period_window(year, filters or {})
    return [
        alive(Teacher),
        or_(Teacher.hired_on.is_(None), Teacher.hired_on <= end),
        or_(Teacher.left_on.is_(None), Teacher.left_on >= start),
    ]


def teacher_has(kind: str, year: int, filters: dict) -> ColumnElement:
    """The teacher took a diagnostic, or completed a course (of `course_topic`), in the period of `filters`."""
    if kind == "diagnostic":
        return exists().where(Diagnostic.teacher_id == Teacher.id, alive(Diagnostic),
                              within(Diagnostic.taken_on, year, filters))
    course = [Enrollment.course_id == Course.id, alive(Course)]
    outside = [ExternalCourse.teacher_id == Teacher.id, alive(ExternalCourse),
               within(ExternalCourse.completed_on, year, filters)]
    if filters.get("course_topic"):
        course.append(Course.topic.in_(filters["course_topic"]))
        outside.append(ExternalCourse.topic.in_(filters["course_topic"]))
    in_catalogue = exists().where(Enrollment.teacher_id == Teacher.id, alive(Enrollment), Enrollment.status == "completed",
                                  within(func.coalesce(Enrollment.completed_on, Course.end_date), year, filters), *course)
    return or_(in_catalogue, exists().where(*outside))  # a course outside the district's catalogue counts too


def teacher_rows(_session: Session, year: int, filters: dict) -> Select:
    query = (
        select(Teacher.id.label("id"), Teacher.school_id.label("school_id"), School.name.label("school"),
               func.trim(Teacher.last_name + " " + Teacher.first_name + " " + func.coalesce(Teacher.middle_name, ""))
               .label("label"),
               Teacher.last_name.label("last_name"), Teacher.first_name.label("first_name"),
               Teacher.middle_name.label("middle_name"))
        .join(School, School.id == Teacher.school_id)
        .where(*employed(year, filters), *school_conditions(Teacher.school_id, year, filters))
    )
    if filters.get("position"):
        query = query.where(exists().where(TeacherPosition.teacher_id == Teacher.id, alive(TeacherPosition),
                                           TeacherPosition.position.in_(filters["position"])))
    if filters.get("without_position"):
        query = query.where(~exists().where(TeacherPosition.teacher_id == Teacher.id, alive(TeacherPosition),
                                            TeacherPosition.position.in_(filters["without_position"])))
    has = list(filters.get("has", []))
    if filters.get("course_topic") and "completed_course" not in has:
        has.append("completed_course")
    for kind in has:
        query = query.where(teacher_has(kind, year, filters))
    return query.order_by(School.name, Teacher.last_name, Teacher.first_name)


# --- per-school yearly result tables ------------------------------------------------------------------------

def table_rows(model, columns: dict[str, ColumnElement], list_filters: dict[str, ColumnElement],
               label: ColumnElement) -> Callable[[Session, int, dict], Select]:
    """Rows of one yearly per-school table (exam, ВПР, graduation, olympiad, staffing, passport) with filters."""

    def rows(_session: Session, year: int, filters: dict) -> Select:
        query = (
            select(model.id.label("id"), model.school_id.label("school_id"), School.name.label("school"),
                   label.label("label"), *(c.label(k) for k, c in columns.items()))
            .join(School, School.id == model.school_id)
            .where(model.year == year, alive(model), *school_conditions(model.school_id, year, filters))
        )
        for name, column in list_filters.items():
            if filters.get(name):
                query = query.where(column.in_(filters[name]))
        return query.order_by(School.name)

    return rows


def _named(column: ColumnElement, labels: Mapping[str, str]) -> ColumnElement:
    """A code column shown by its Russian label (the code itself when unknown)."""
    return case(dict(labels), value=column, else_=column)


EXAM_COLUMNS = {"exam": ExamResult.exam, "subject": ExamResult.subject, "participants": ExamResult.participants,
                "below_minimum": ExamResult.below_minimum,
                "passed": ExamResult.participants - ExamResult.below_minimum}
EXAM_TITLES = {"school": "Школа", "exam": "Экзамен", "subject": "Предмет", "participants": "Участников",
               "below_minimum": "Ниже минимума", "passed": "Сдали"}
EXAM_ROWS = table_rows(ExamResult, EXAM_COLUMNS, {"exam": ExamResult.exam, "subject": ExamResult.subject},
                       ExamResult.exam + ", " + ExamResult.subject)

STAFFING_COLUMNS = {"position": StaffingSlot.position, "subject": StaffingSlot.subject, "rates": StaffingSlot.rates,
                    "filled": case((StaffingSlot.filled_rates > StaffingSlot.rates, StaffingSlot.rates),
                                   else_=StaffingSlot.filled_rates)}
STAFFING_TITLES = {"school": "Школа", "position": "Должность", "subject": "Предмет", "rates": "Ставок",
                   "filled": "Занято ставок"}
STAFFING_ROWS = table_rows(StaffingSlot, STAFFING_COLUMNS, {"position": StaffingSlot.position},
                           _named(StaffingSlot.position, POSITIONS))

GRADUATION_COLUMNS = {"grade": Graduation.grade, "graduates": Graduation.graduates,
                      "certificates": Graduation.certificates, "honours": Graduation.honours,
                      "took_3plus": func.coalesce(Graduation.took_3plus, 0)}
GRADUATION_TITLES = {"school": "Школа", "grade": "Класс", "graduates": "Выпускников", "certificates": "Аттестатов",
                     "honours": "Аттестатов особого образца", "took_3plus": "Сдавали 3 и более ЕГЭ"}
GRADUATION_ROWS = table_rows(Graduation, GRADUATION_COLUMNS, {"grade": Graduation.grade},
                             "Выпуск " + cast(Graduation.grade, String) + " класса")

VPR_COLUMNS = {"grade": VprResult.grade, "subject": VprResult.subject, "participants": VprResult.participants,
               "count_2": VprResult.count_2}
VPR_TITLES = {"school": "Школа", "grade": "Класс", "subject": "Предмет", "participants": "Участников",
              "count_2": "Отметка «2»"}
VPR_ROWS = table_rows(VprResult, VPR_COLUMNS, {"grade": VprResult.grade, "subject": VprResult.subject},
                      "ВПР, " + cast(VprResult.grade, String) + " класс, " + VprResult.subject)

OLYMPIAD_COLUMNS = {"level": OlympiadResult.level, "participants": OlympiadResult.participants,
                    "winners": OlympiadResult.winners}
OLYMPIAD_TITLES = {"school": "Школа", "level": "Этап", "participants": "Участников", "winners": "Победителей и призёров"}
OLYMPIAD_ROWS = table_rows(OlympiadResult, OLYMPIAD_COLUMNS, {"level": OlympiadResult.level},
                           _named(OlympiadResult.level, OLYMPIAD_LEVELS))

PUPIL_COLUMNS = {"pupils": func.coalesce(SocialPassport.pupils_total, 0)}
PUPIL_ROWS = table_rows(SocialPassport, PUPIL_COLUMNS, {}, literal("Социальный паспорт"))

EXAM = FilterSpec("exam", "Экзамен", EXAM_KINDS)
GRADE_9_11 = FilterSpec("grade", "Класс", MappingProxyType({9: "9 класс", 11: "11 класс"}))
VPR_GRADE = FilterSpec("grade", "Класс", MappingProxyType({g: f"{g} класс" for g in range(4, 12)}))
OLYMPIAD_LEVEL = FilterSpec("level", "Этап олимпиады", OLYMPIAD_LEVELS)
SCHOOL_HAS_FILTER = FilterSpec("has", "У школы есть", SCHOOL_HAS)
TEACHER_HAS_FILTER = FilterSpec("has", "У педагога есть", TEACHER_HAS)
COURSE_TOPIC = FilterSpec("course_topic", "Тематика курсов", COURSE_TOPICS)

SCHOOL_TITLES = {"code": "Код", "name": "Школа", "locality": "Местность"}
TEACHER_TITLES = {"school": "Школа", "last_name": "Фамилия", "first_name": "Имя", "middle_name": "Отчество"}


def _measures(*items: Measure) -> Mapping[str, Measure]:
    return MappingProxyType({m.name: m for m in items})


MEASURES: Mapping[str, Measure] = _measures(
    Measure("schools", "Школы", "school", (STATUS, SCHOOL_HAS_FILTER, PERIOD, YEAR_KIND), school_rows, SCHOOL_TITLES),
    Measure("teachers", "Педагогические работники", "teacher",
            (STATUS, POSITION, WITHOUT_POSITION, TEACHER_HAS_FILTER, COURSE_TOPIC, PERIOD, YEAR_KIND),
            teacher_rows, TEACHER_TITLES),
    Measure("exam_participants", "Участники ГИА (по предметам)", "exam_result", (STATUS, EXAM, SUBJECT),
            EXAM_ROWS, EXAM_TITLES, "participants"),
    Measure("exam_passed", "Сдали ГИА (не ниже минимума, по предметам)", "exam_result", (STATUS, EXAM, SUBJECT),
            EXAM_ROWS, EXAM_TITLES, "passed"),
    Measure("staffing_rates", "Ставки по штатному расписанию", "staffing_slot", (STATUS, POSITION),
            STAFFING_ROWS, STAFFING_TITLES, "rates"),
    Measure("staffing_filled", "Занятые ставки", "staffing_slot", (STATUS, POSITION), STAFFING_ROWS,
            STAFFING_TITLES, "filled"),
    Measure("graduates", "Выпускники", "graduation", (STATUS, GRADE_9_11), GRADUATION_ROWS, GRADUATION_TITLES,
            "graduates"),
    Measure("certificates", "Получили аттестат", "graduation", (STATUS, GRADE_9_11), GRADUATION_ROWS,
            GRADUATION_TITLES, "certificates"),
    Measure("honours", "Получили аттестат особого образца", "graduation", (STATUS, GRADE_9_11), GRADUATION_ROWS,
            GRADUATION_TITLES, "honours"),
    Measure("took_3plus", "Сдавали ЕГЭ по трём и более предметам", "graduation", (STATUS,), GRADUATION_ROWS,
            GRADUATION_TITLES, "took_3plus"),
    Measure("vpr_participants", "Участники ВПР", "vpr_result", (STATUS, VPR_GRADE, SUBJECT), VPR_ROWS, VPR_TITLES,
            "participants"),
    Measure("vpr_low", "Получили «2» на ВПР", "vpr_result", (STATUS, VPR_GRADE, SUBJECT), VPR_ROWS, VPR_TITLES,
            "count_2"),
    Measure("olympiad_participants", "Участия в предметных олимпиадах", "olympiad_result", (STATUS, OLYMPIAD_LEVEL),
            OLYMPIAD_ROWS, OLYMPIAD_TITLES, "participants"),
    Measure("olympiad_winners", "Победители и призёры олимпиад", "olympiad_result", (STATUS, OLYMPIAD_LEVEL),
            OLYMPIAD_ROWS, OLYMPIAD_TITLES, "winners"),
    Measure("pupils", "Обучающиеся (по социальному паспорту)", "social_passport", (STATUS,), PUPIL_ROWS,
            {"school": "Школа", "pupils": "Обучающихся"}, "pupils"),
)


def get_measure(name: str) -> Measure:
    try:
        return MEASURES[name]
    except KeyError:
        raise KuratorError(f"Неизвестная мера «{name}».") from None


def validate_filters(measure_name: str, filters: dict | None) -> str | None:
    """A Russian message if the filters do not fit the measure (unknown filter or value), else None."""
    measure = MEASURES.get(measure_name)
    if measure is None:
        return f"Неизвестная мера «{measure_name}»."
    if filters is not None and not isinstance(filters, dict):
        return "Фильтры должны быть набором «фильтр: значения»."
    for key, value in normalize_filters(filters).items():
        spec = measure.filter_index.get(key)
        if spec is None:
            return f"Мера «{measure.label}» не принимает фильтр «{key}»."
        values = value if spec.multiple else [value]
        if not spec.multiple and isinstance(value, list):
            return f"Фильтр «{spec.label}» принимает одно значение."
        wrong = [v for v in values if not _hashable_in(v, spec.values)]
        if wrong:
            return f"Фильтр «{spec.label}»: недопустимое значение «{wrong[0]}»."
    return None


def _hashable_in(value: Any, allowed: Mapping) -> bool:
    try:
        return value in allowed
    except TypeError:
        return False


@district_frame
def missing_sources(session: Session, spec: dict, year: int) -> list[str]:
    """The kinds of records the measure counts of which the district has none for the period (Russian labels):
    each «has» condition of a school or teacher measure on its own, or the yearly table of a table measure."""
    measure = get_measure(spec["measure"])
    filters = normalize_filters(spec.get("filters"))
    period = {key: filters[key] for key in SCALAR_FILTERS if key in filters}
    if measure.name in ("schools", "teachers"):
        labels = SCHOOL_HAS if measure.name == "schools" else TEACHER_HAS
        return [labels[kind] for kind in filters.get("has", [])
                if not measure.any(session, year, period | {"has": [kind]})]
    return [] if measure.any(session, year, period) else [measure.label.lower()]


def describe(spec: dict, lower: bool = False) -> str:
    """A Russian description of a measure with its filters: «Школы (статус школы в году: ШНОР, ШНСУ)»; with `lower`,
    its first letter small, to stand inside a sentence."""
    measure = get_measure(spec["measure"])
    parts = []
    for key, value in normalize_filters(spec.get("filters")).items():
        filter_spec = measure.filter_index.get(key)
        if filter_spec is None:
            continue
        values = value if isinstance(value, list) else [value]
        parts.append(f"{filter_spec.label.lower()}: " + ", ".join(str(filter_spec.values.get(v, v)) for v in values))
    text = measure.label + (f" ({'; '.join(parts)})" if parts else "")
    return text[:1].lower() + text[1:] if lower else text


class FilterEntry(TypedDict):
    name: str
    label: str
    multiple: bool
    values: dict[Any, str]


class MeasureEntry(TypedDict):
    """A measure as the indicator editor offers it in lists: name, Russian label, the filters it takes."""

    name: str
    label: str
    filters: list[FilterEntry]


def catalogue() -> list[MeasureEntry]:
    """Measures and their filters as plain data, for a UI to offer them in lists."""
    return [
        {"name": m.name, "label": m.label,
         "filters": [{"name": f.name, "label": f.label, "multiple": f.multiple, "values": dict(f.values)}
                     for f in m.filters]}
        for m in MEASURES.values()
    ]
