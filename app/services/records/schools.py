"""Schools and what the district keeps about them: statuses by year, social passports, partnerships, curators."""

from types import MappingProxyType

from sqlalchemy import exists, select

from app.models import (
    Assignment,
    Partnership,
    School,
    SchoolStatus,
    SocialPassport,
    Teacher,
    alive,
)
from app.models.reference import (
    ASSIGNMENT_KINDS,
    CONTEXT_TYPES,
    LOCALITIES,
    PARTNERSHIP_KINDS,
    SCHOOL_KINDS,
    SCHOOL_STATUSES,
)
from app.services.ids import school_id

from .common import (
    MENTOR_SCHOOL,
    SCHOOL_NAME,
    TEACHER_NAME,
    note,
    school_column,
    school_field,
    teacher_field,
    text,
    year_field,
)
from .ownership import keeper_label
from .rules import different, not_greater, ordered
from .spec import Column, Entity, Field, Unique

NO_PASSPORT = "no_passport"
SCHOOL_FILTERS = MappingProxyType({**SCHOOL_STATUSES, NO_PASSPORT: "Без социального паспорта за год"})


def school_status_clause(code: str, year: int | None):
    """Schools that hold a status in the year, or (NO_PASSPORT) that have no social passport for it."""
    if code == NO_PASSPORT:
        return ~exists(select(SocialPassport.id).where(
            SocialPassport.school_id == School.id, SocialPassport.year == year, alive(SocialPassport)))
    return exists(select(SchoolStatus.id).where(
        SchoolStatus.school_id == School.id, SchoolStatus.status == code, alive(SchoolStatus),
        SchoolStatus.year == year if year is not None else True))


SCHOOL = Entity(
    name="school", model=School, singular="Школа", plural="Школы",
    fields=(
        text("code", "Код школы", 32, required=True),
        text("name", "Полное наименование", 300, required=True),
        text("short_name", "Краткое наименование", 120),
        Field("kind", "Тип", "choice", required=True, choices=SCHOOL_KINDS, default="СОШ"),
        Field("locality", "Местность", "choice", required=True, choices=LOCALITIES, default="rural"),
        Field("context_type", "Контекст", "choice", choices=CONTEXT_TYPES),
        text("settlement", "Населённый пункт", 200),
        Field("distance_km", "Расстояние до центра, км", "float", min=0, max=2000),
        Field("pupils", "Обучающихся", "int", min=0, max=10000),
        text("director", "Директор", 200),
        text("address", "Адрес", 400),
        text("phone", "Телефон", 60),
        text("email", "Электронная почта", 120),
        Field("growth_point_opened", "«Точка роста» открыта", "date"),
    ),
    columns=(
        Column("code", "Код", School.code, width=90),
        Column("name", "Наименование", SCHOOL_NAME, width=320, identifying=True),
        Column("kind", "Тип", School.kind, width=90),
        Column("keeper", "Данные ведёт", keeper_label(), width=100, district_only=True),
        Column("settlement", "Населённый пункт", School.settlement, width=160),
        Column("locality", "Местность", School.locality, "choice", LOCALITIES, width=90),
        Column("pupils", "Обучающихся", School.pupils, "int", width=100),
        Column("director", "Директор", School.director, width=200),
    ),
    search=(School.code, School.name, School.short_name, School.settlement, School.director),  # = School.SEARCHED
    school=School.id, statuses=SCHOOL_FILTERS, status_filter=school_status_clause, status_label="Статус в году",
    default_order="name", unique=(Unique(("code",), "Школа с таким кодом уже есть."),), label=SCHOOL_NAME,
    stable_id=lambda values: school_id(values["code"]),  # the same id at the district and in the school's own base
)

SCHOOL_STATUS = Entity(
    name="school_status", model=SchoolStatus, singular="Статус школы", plural="Статусы по годам",
    fields=(
        school_field(), year_field(),
        Field("status", "Статус", "choice", required=True, choices=SCHOOL_STATUSES),
        Field("decided_on", "Дата решения", "date"),
        note("basis", "Основание (приказ, критерии)"),
    ),
    columns=(
        school_column(), Column("year", "Год", SchoolStatus.year, "int", width=60),
        Column("status", "Статус", SchoolStatus.status, "choice", SCHOOL_STATUSES, width=130),
        Column("decided_on", "Решение от", SchoolStatus.decided_on, "date", width=100),
        Column("basis", "Основание", SchoolStatus.basis, width=300),
    ),
    search=(School.name, School.short_name, SchoolStatus.basis), joins=((School, School.id == SchoolStatus.school_id),),
    school=SchoolStatus.school_id, year=SchoolStatus.year, statuses=SCHOOL_STATUSES,
    status_filter=lambda code, _year: SchoolStatus.status == code, default_order="school",
    unique=(Unique(("school_id", "year", "status"), "У школы уже есть этот статус в этом году."),),
    label=SCHOOL_NAME + " — " + SchoolStatus.status,
)

PASSPORT_SHARES = (
    ("share_parents_higher_ed", "Оба родителя с высшим образованием, %"),
    ("share_low_income", "Малообеспеченные семьи, %"),
    ("share_single_parent", "Неполные семьи, %"),
    ("share_large_family", "Многодетные семьи, %"),
    ("share_unemployed_parents", "Оба родителя не работают, %"),
    ("share_non_native_russian", "Русский язык не родной, %"),
)
PASSPORT_COUNTS = (
    ("pupils_at_risk", "В «группе риска»"),
    ("pupils_ovz", "С ОВЗ"),
    ("pupils_registered", "На профилактическом учёте"),
    ("pupils_non_native", "Для кого русский язык не родной"),
)

SOCIAL_PASSPORT = Entity(
    name="social_passport", model=SocialPassport, singular="Социальный паспорт", plural="Социальные паспорта",
    fields=(
        school_field(), year_field(),
        Field("pupils_total", "Обучающихся всего", "int", min=0, max=10000),
        *(Field(name, label, "float", min=0, max=100) for name, label in PASSPORT_SHARES),
        *(Field(name, label, "int", min=0, max=10000) for name, label in PASSPORT_COUNTS),
        note("comment", "Комментарий"),
    ),
    columns=(
        school_column(), Column("year", "Год", SocialPassport.year, "int", width=60),
        Column("pupils_total", "Обучающихся", SocialPassport.pupils_total, "int", width=100),
        Column("share_low_income", "Малообесп., %", SocialPassport.share_low_income, "float", width=100),
        Column("share_single_parent", "Неполные, %", SocialPassport.share_single_parent, "float", width=100),
        Column("pupils_at_risk", "«Группа риска»", SocialPassport.pupils_at_risk, "int", width=110),
        Column("pupils_ovz", "С ОВЗ", SocialPassport.pupils_ovz, "int", width=70),
    ),
    search=(School.name, School.short_name), joins=((School, School.id == SocialPassport.school_id),),
    school=SocialPassport.school_id, year=SocialPassport.year, default_order="school",
    unique=(Unique(("school_id", "year"), "Социальный паспорт этой школы за этот год уже есть."),),
    rules=tuple(not_greater(name, "pupils_total", "Не может быть больше, чем обучающихся всего.")
                for name, _label in PASSPORT_COUNTS),
    label=SCHOOL_NAME,
)

PARTNERSHIP = Entity(
    name="partnership", model=Partnership, singular="Сетевое партнёрство", plural="Сетевое взаимодействие",
    fields=(
        school_field(label="Школа (получает поддержку)"),
        school_field("mentor_school_id", "Школа-наставник"),
        Field("kind", "Форма", "choice", required=True, choices=PARTNERSHIP_KINDS, default="mentoring"),
        year_field("year_from", "С года"), year_field("year_to", "По год", required=False),
        note("agreement", "Соглашение"),
    ),
    columns=(
        school_column(), Column("mentor", "Школа-наставник", MENTOR_SCHOOL.name, width=260),
        Column("kind", "Форма", Partnership.kind, "choice", PARTNERSHIP_KINDS, width=160),
        Column("year_from", "С", Partnership.year_from, "int", width=60),
        Column("year_to", "По", Partnership.year_to, "int", width=60),
    ),
    search=(School.name, School.short_name, MENTOR_SCHOOL.name),
    joins=((School, School.id == Partnership.school_id), (MENTOR_SCHOOL, MENTOR_SCHOOL.id == Partnership.mentor_school_id)),
    school=Partnership.school_id, year=Partnership.year_from, year_to=Partnership.year_to, default_order="school",
    unique=(Unique(("school_id", "mentor_school_id", "year_from"), "Такое партнёрство с этого года уже записано."),),
    rules=(different("school_id", "mentor_school_id", "Школа не может быть наставником самой себе."),
           ordered("year_from", "year_to", "Год окончания не может быть раньше года начала.")),
    label=SCHOOL_NAME,
)

ASSIGNMENT = Entity(
    name="assignment", model=Assignment, singular="Куратор или наставник", plural="Кураторы и наставники",
    fields=(
        Field("kind", "Роль", "choice", required=True, choices=ASSIGNMENT_KINDS, default="curator"),
        text("person_name", "ФИО", 200, required=True), text("person_position", "Должность", 200),
        text("organisation", "Организация", 300), school_field(), teacher_field(required=False),
        Field("start_date", "Начало", "date"), Field("end_date", "Окончание", "date"), note("note", "Примечание"),
    ),
    columns=(
        Column("kind", "Роль", Assignment.kind, "choice", ASSIGNMENT_KINDS, width=100),
        Column("person_name", "ФИО", Assignment.person_name, width=220), school_column(),
        Column("teacher", "Педагог", TEACHER_NAME, width=200),
        Column("start_date", "Начало", Assignment.start_date, "date", width=100),
        Column("end_date", "Окончание", Assignment.end_date, "date", width=100),
    ),
    search=(Assignment.person_name, Assignment.organisation, School.name, School.short_name),
    joins=((School, School.id == Assignment.school_id), (Teacher, Teacher.id == Assignment.teacher_id)),
    school=Assignment.school_id, year=Assignment.start_date, year_to=Assignment.end_date,
    statuses=ASSIGNMENT_KINDS, status_label="Роль",
    status_filter=lambda code, _year: Assignment.kind == code, default_order="person_name",
    rules=(ordered("start_date", "end_date", "Окончание не может быть раньше начала."),),
    label=Assignment.person_name,
)

ENTITIES = (SCHOOL, SCHOOL_STATUS, SOCIAL_PASSPORT, PARTNERSHIP, ASSIGNMENT)
