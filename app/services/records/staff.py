"""Staff: teachers with their positions and subjects, staffing slots, diagnostics and individual routes (ИОМ)."""

from types import MappingProxyType

from sqlalchemy import func

from app.models import (
    Diagnostic,
    IndividualRoute,
    School,
    StaffingSlot,
    Teacher,
    TeacherPosition,
    TeacherSubject,
)
from app.models.reference import (
    DIAGNOSTIC_KINDS,
    POSITIONS,
    QUALIFICATION_CATEGORIES,
    ROUTE_STATUSES,
    SUBJECTS,
)

from .common import (
    SCHOOL_NAME,
    TEACHER_NAME,
    TEACHER_ORDER,
    note,
    school_column,
    school_field,
    subject_field,
    teacher_column,
    teacher_field,
    text,
    year_field,
)
from .rules import not_greater, ordered
from .spec import Column, Entity, Field, MultiLink, Unique

POSITIONS_LINK = MultiLink(TeacherPosition, "teacher_id", "position", {"rate": 1.0})
SUBJECTS_LINK = MultiLink(TeacherSubject, "teacher_id", "subject")
TEACHER_STATES = MappingProxyType({"working": "Работают", "left": "Уволены"})
TEACHER_STATE_CLAUSES = {"working": Teacher.left_on.is_(None), "left": Teacher.left_on.is_not(None)}
BY_TEACHER = ((Teacher, Teacher.id == Diagnostic.teacher_id), (School, School.id == Teacher.school_id))

TEACHER = Entity(
    name="teacher", model=Teacher, singular="Педагог", plural="Педагоги",
    fields=(
        school_field(),
        text("last_name", "Фамилия", 100, required=True), text("first_name", "Имя", 100, required=True),
        text("middle_name", "Отчество", 100),
        Field("positions", "Должности", "multi", required=True, choices=POSITIONS, link=POSITIONS_LINK),
        Field("subjects", "Предметы", "multi", choices=SUBJECTS, link=SUBJECTS_LINK),
        Field("birth_year", "Год рождения", "int", min=1930, max=2015),
        Field("qualification", "Квалификационная категория", "choice", choices=QUALIFICATION_CATEGORIES),
        Field("experience_years", "Педагогический стаж, лет", "int", min=0, max=70),
        Field("young_specialist", "Молодой специалист", "bool", default=False),
        text("education", "Образование", 300), text("email", "Электронная почта", 120), text("phone", "Телефон", 60),
        Field("hired_on", "Принят", "date"), Field("left_on", "Уволен", "date"),
    ),
    columns=(
        Column("name", "Фамилия, имя, отчество", TEACHER_NAME, width=260, order=TEACHER_ORDER),
        school_column(220),
        Column("positions", "Должности", kind="choice", choices=POSITIONS, width=220, sortable=False, link=POSITIONS_LINK),
        Column("subjects", "Предметы", width=200, sortable=False, link=SUBJECTS_LINK),
        Column("qualification", "Категория", Teacher.qualification, "choice", QUALIFICATION_CATEGORIES, width=140),
        Column("experience_years", "Стаж", Teacher.experience_years, "int", width=60),
    ),
    search=(Teacher.last_name, Teacher.first_name, Teacher.middle_name, Teacher.email),  # = Teacher.SEARCHED
    joins=((School, School.id == Teacher.school_id),),
    school=Teacher.school_id, statuses=TEACHER_STATES, status_label="Работа",
    status_filter=lambda code, _year: TEACHER_STATE_CLAUSES[code], default_order="name",
    rules=(ordered("hired_on", "left_on", "Дата увольнения не может быть раньше даты приёма."),),
    label=TEACHER_NAME + " (" + func.coalesce(School.short_name, School.name) + ")",
)

STAFFING_SLOT = Entity(
    name="staffing_slot", model=StaffingSlot, singular="Штатная единица", plural="Штатное расписание",
    fields=(
        school_field(), year_field(),
        Field("position", "Должность", "choice", required=True, choices=POSITIONS), subject_field(),
        Field("rates", "Ставок по штату", "float", required=True, min=0, max=500, decimals=2),
        Field("filled_rates", "Занято ставок", "float", required=True, min=0, max=500, decimals=2, default=0.0),
    ),
    columns=(
        school_column(), Column("year", "Год", StaffingSlot.year, "int", width=60),
        Column("position", "Должность", StaffingSlot.position, "choice", POSITIONS, width=220),
        Column("subject", "Предмет", StaffingSlot.subject, width=160),
        Column("rates", "Ставок", StaffingSlot.rates, "float", width=80, decimals=2),
        Column("filled_rates", "Занято", StaffingSlot.filled_rates, "float", width=80, decimals=2),
    ),
    search=(School.name, School.short_name, StaffingSlot.subject),
    joins=((School, School.id == StaffingSlot.school_id),),
    school=StaffingSlot.school_id, year=StaffingSlot.year, default_order="school",
    unique=(Unique(("school_id", "year", "position", "subject"), "Такая строка штатного расписания уже есть.", "position"),),
    rules=(not_greater("filled_rates", "rates", "Занятых ставок не может быть больше, чем ставок по штату."),),
    label=SCHOOL_NAME + " — " + StaffingSlot.position,
)

DIAGNOSTIC = Entity(
    name="diagnostic", model=Diagnostic, singular="Диагностика", plural="Диагностики",
    fields=(
        teacher_field(), Field("taken_on", "Дата", "date", required=True),
        Field("kind", "Вид", "choice", required=True, choices=DIAGNOSTIC_KINDS), subject_field(),
        text("organiser", "Организатор", 300), Field("score_percent", "Результат, %", "float", min=0, max=100),
        note("deficits", "Выявленные дефициты"), Field("distance", "Дистанционно", "bool", default=False),
    ),
    columns=(
        teacher_column(), school_column(200),
        Column("taken_on", "Дата", Diagnostic.taken_on, "date", width=100),
        Column("kind", "Вид", Diagnostic.kind, "choice", DIAGNOSTIC_KINDS, width=200),
        Column("score_percent", "Результат, %", Diagnostic.score_percent, "float", width=100),
        Column("deficits", "Дефициты", Diagnostic.deficits, width=260),
    ),
    search=(Teacher.last_name, Teacher.first_name, School.name, Diagnostic.deficits),
    joins=BY_TEACHER, school=Teacher.school_id, year=Diagnostic.taken_on,
    statuses=DIAGNOSTIC_KINDS, status_label="Вид", status_filter=lambda code, _year: Diagnostic.kind == code,
    default_order="taken_on",
    label=TEACHER_NAME + " — " + func.coalesce(Diagnostic.subject, Diagnostic.kind),
)

INDIVIDUAL_ROUTE = Entity(
    name="individual_route", model=IndividualRoute, singular="ИОМ", plural="Индивидуальные маршруты (ИОМ)",
    fields=(
        teacher_field(), Field("diagnostic_id", "По диагностике", "ref", ref="diagnostic"),
        text("title", "Название", 300, required=True), note("goals", "Цели"),
        Field("start_date", "Начало", "date"), Field("end_date", "Окончание", "date"),
        Field("status", "Статус", "choice", required=True, choices=ROUTE_STATUSES, default="active"),
        text("mentor", "Наставник", 200), note("result", "Результат"),
    ),
    columns=(
        teacher_column(), school_column(200), Column("title", "Название", IndividualRoute.title, width=260, identifying=True),
        Column("start_date", "Начало", IndividualRoute.start_date, "date", width=100),
        Column("end_date", "Окончание", IndividualRoute.end_date, "date", width=100),
        Column("status", "Статус", IndividualRoute.status, "choice", ROUTE_STATUSES, width=120),
    ),
    search=(Teacher.last_name, Teacher.first_name, School.name, IndividualRoute.title),
    joins=((Teacher, Teacher.id == IndividualRoute.teacher_id), (School, School.id == Teacher.school_id)),
    school=Teacher.school_id, year=IndividualRoute.start_date, year_to=IndividualRoute.end_date, statuses=ROUTE_STATUSES,
    status_filter=lambda code, _year: IndividualRoute.status == code, default_order="teacher",
    rules=(ordered("start_date", "end_date", "Окончание не может быть раньше начала."),),
    label=TEACHER_NAME + " — " + IndividualRoute.title,
)

ENTITIES = (TEACHER, STAFFING_SLOT, DIAGNOSTIC, INDIVIDUAL_ROUTE)
