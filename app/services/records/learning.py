"""Courses and enrolments; methodological events and who took part in them."""

from sqlalchemy import case, exists, func

from app.models import Course, Enrollment, ExternalCourse, MethodEvent, Participation, School, Teacher, alive
from app.models.reference import (
    COURSE_FORMATS,
    COURSE_KINDS,
    COURSE_TOPICS,
    ENROLLMENT_STATUSES,
    EVENT_LEVELS,
    EXTERNAL_COURSE_STATES,
    METHOD_EVENT_KINDS,
    PARTICIPATION_ROLES,
)

from .common import (
    SCHOOL_NAME,
    TEACHER_NAME,
    note,
    school_column,
    school_field,
    subject_field,
    teacher_column,
    teacher_field,
    text,
)
from .rules import not_in_future, ordered, required_when
from .spec import Column, Entity, Field, Unique

COURSE = Entity(
    name="course", model=Course, singular="Курс", plural="Курсы",
    fields=(
        text("title", "Название программы", 400, required=True),
        Field("kind", "Вид", "choice", required=True, choices=COURSE_KINDS, default="kpk"),
        text("provider", "Организатор (ЦНППМ, ИРО…)", 300, required=True),
        Field("hours", "Часов", "int", required=True, min=1, max=2000, default=36),
        Field("format", "Форма", "choice", required=True, choices=COURSE_FORMATS, default="distance"),
        Field("topic", "Направление", "choice", choices=COURSE_TOPICS), subject_field(),
        Field("start_date", "Начало", "date"), Field("end_date", "Окончание", "date"),
        Field("for_leaders", "Для руководителей", "bool", default=False),
    ),
    columns=(
        Column("title", "Программа", Course.title, width=320),
        Column("kind", "Вид", Course.kind, "choice", COURSE_KINDS, width=150),
        Column("provider", "Организатор", Course.provider, width=160),
        Column("hours", "Часов", Course.hours, "int", width=60),
        Column("format", "Форма", Course.format, "choice", COURSE_FORMATS, width=110),
        Column("start_date", "Начало", Course.start_date, "date", width=100),
        Column("end_date", "Окончание", Course.end_date, "date", width=100),
    ),
    search=(Course.title, Course.provider, Course.subject), year=Course.start_date,
    year_to=func.coalesce(Course.end_date, Course.start_date),
    statuses=COURSE_KINDS, status_label="Вид", status_filter=lambda code, _year: Course.kind == code,
    default_order="start_date", rules=(ordered("start_date", "end_date", "Окончание не может быть раньше начала."),),
    label=Course.title,
)

ENROLLMENT = Entity(
    name="enrollment", model=Enrollment, singular="Обучение педагога", plural="Обучение",
    fields=(
        Field("course_id", "Курс", "ref", required=True, ref="course"), teacher_field(),
        Field("status", "Статус", "choice", required=True, choices=ENROLLMENT_STATUSES, default="enrolled"),
        Field("completed_on", "Дата завершения", "date"), text("certificate_number", "Номер удостоверения", 100),
    ),
    columns=(
        teacher_column(), school_column(200), Column("course", "Курс", Course.title, width=280, identifying=True),
        Column("status", "Статус", Enrollment.status, "choice", ENROLLMENT_STATUSES, width=110),
        Column("completed_on", "Завершил", Enrollment.completed_on, "date", width=100),
        Column("certificate_number", "Удостоверение", Enrollment.certificate_number, width=120),
    ),
    search=(Teacher.last_name, Teacher.first_name, School.name, Course.title),
    joins=((Course, Course.id == Enrollment.course_id), (Teacher, Teacher.id == Enrollment.teacher_id),
           (School, School.id == Teacher.school_id)),
    school=Teacher.school_id, year=func.coalesce(Enrollment.completed_on, Course.start_date),
    statuses=ENROLLMENT_STATUSES, status_filter=lambda code, _year: Enrollment.status == code, default_order="teacher",
    unique=(Unique(("course_id", "teacher_id"), "Этот педагог уже записан на этот курс."),),
    rules=(required_when("completed_on", "status", "completed", "Укажите дату завершения обучения."),),
    label=TEACHER_NAME + " — " + Course.title,
)

IN_CATALOGUE = exists().where(Course.accepted_from == ExternalCourse.id, alive(Course))
EXTERNAL_STATE = case((IN_CATALOGUE, "accepted"), else_="proposed")

EXTERNAL_COURSE = Entity(
    name="external_course", model=ExternalCourse, singular="Курс вне каталога района",
    plural="Курсы вне каталога района",
    fields=(
        teacher_field(), text("title", "Название программы", 400, required=True),
        Field("kind", "Вид", "choice", required=True, choices=COURSE_KINDS, default="kpk"),
        text("provider", "Организатор", 300, required=True),
        Field("hours", "Часов", "int", required=True, min=1, max=2000, default=36),
        Field("format", "Форма", "choice", required=True, choices=COURSE_FORMATS, default="distance"),
        Field("topic", "Направление", "choice", choices=COURSE_TOPICS),
        Field("completed_on", "Дата окончания", "date", required=True),
        text("certificate_number", "Номер удостоверения", 100),
    ),
    columns=(
        teacher_column(), school_column(200), Column("title", "Программа", ExternalCourse.title, width=250, identifying=True),
        Column("provider", "Организатор", ExternalCourse.provider, width=150),
        Column("hours", "Часов", ExternalCourse.hours, "int", width=60),
        Column("completed_on", "Окончил", ExternalCourse.completed_on, "date", width=100),
        Column("state", "Каталог района", EXTERNAL_STATE, "choice", EXTERNAL_COURSE_STATES, width=150),
    ),
    search=(Teacher.last_name, Teacher.first_name, School.name, ExternalCourse.title, ExternalCourse.provider),
    joins=((Teacher, Teacher.id == ExternalCourse.teacher_id), (School, School.id == Teacher.school_id)),
    school=Teacher.school_id, year=ExternalCourse.completed_on, statuses=EXTERNAL_COURSE_STATES,
    status_label="Каталог района",
    status_filter=lambda code, _year: IN_CATALOGUE if code == "accepted" else ~IN_CATALOGUE,
    default_order="completed_on",
    rules=(not_in_future("completed_on", "Дата окончания не может быть в будущем."),),
    label=TEACHER_NAME + " — " + ExternalCourse.title,
)

METHOD_EVENT = Entity(
    name="method_event", model=MethodEvent, singular="Методическое мероприятие", plural="Методические мероприятия",
    fields=(
        text("title", "Тема", 400, required=True),
        Field("kind", "Форма", "choice", required=True, choices=METHOD_EVENT_KINDS),
        Field("level", "Уровень", "choice", required=True, choices=EVENT_LEVELS, default="municipal"),
        Field("held_on", "Дата проведения", "date", required=True), text("organiser", "Организатор", 300),
        school_field("host_school_id", "Школа-площадка", required=False), note("description", "Описание"),
    ),
    columns=(
        Column("held_on", "Дата", MethodEvent.held_on, "date", width=100),
        Column("title", "Тема", MethodEvent.title, width=340),
        Column("kind", "Форма", MethodEvent.kind, "choice", METHOD_EVENT_KINDS, width=150),
        Column("level", "Уровень", MethodEvent.level, "choice", EVENT_LEVELS, width=120),
        Column("host", "Площадка", SCHOOL_NAME, width=200),
    ),
    search=(MethodEvent.title, MethodEvent.organiser, School.name), joins=((School, School.id == MethodEvent.host_school_id),),
    year=MethodEvent.held_on, statuses=METHOD_EVENT_KINDS, status_label="Форма",
    status_filter=lambda code, _year: MethodEvent.kind == code, default_order="held_on",
    label=MethodEvent.title,
)

PARTICIPATION = Entity(
    name="participation", model=Participation, singular="Участие", plural="Участие в мероприятиях",
    fields=(
        Field("event_id", "Мероприятие", "ref", required=True, ref="method_event"), school_field(),
        teacher_field(required=False),
        Field("role", "Роль", "choice", required=True, choices=PARTICIPATION_ROLES, default="participant"),
    ),
    columns=(
        Column("held_on", "Дата", MethodEvent.held_on, "date", width=100),
        Column("event", "Мероприятие", MethodEvent.title, width=300), school_column(220), teacher_column(),
        Column("role", "Роль", Participation.role, "choice", PARTICIPATION_ROLES, width=110),
    ),
    search=(MethodEvent.title, School.name, School.short_name, Teacher.last_name),
    joins=((MethodEvent, MethodEvent.id == Participation.event_id), (School, School.id == Participation.school_id),
           (Teacher, Teacher.id == Participation.teacher_id)),
    school=Participation.school_id, year=MethodEvent.held_on, statuses=PARTICIPATION_ROLES, status_label="Роль",
    status_filter=lambda code, _year: Participation.role == code, default_order="held_on",
    unique=(Unique(("event_id", "school_id", "teacher_id"), "Это участие уже отмечено.", "teacher_id"),),
    label=MethodEvent.title,
)

ENTITIES = (COURSE, ENROLLMENT, EXTERNAL_COURSE, METHOD_EVENT, PARTICIPATION)
