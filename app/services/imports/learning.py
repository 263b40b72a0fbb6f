"""Courses through Excel: the district's catalogue of КПК and retraining, and enrolments (who took which course, the
dates, completion, the certificate). A course is recognised by title, organiser and start date; an enrolment by its
course and teacher. An enrolment in a course the catalogue lacks adds the course, where the catalogue is kept."""

from datetime import date
from typing import Any

from app.models.reference import COURSE_FORMATS, COURSE_KINDS, COURSE_TOPICS, ENROLLMENT_STATUSES, SUBJECTS
from app.services.excel import Column
from app.services.records import get_entity
from app.services.records.bulk import Write, new_record_id
from app.services.records.validation import normalise, validate

from .checking import Planned, sentence_part
from .lookups import LookupProblem, course_key
from .rows import RowValues
from .spec import ImportKind, ImportSheet
from .staff import name_columns, read_person
from .words import WordProblem, period

NEW_COURSES = "Каталог курсов (добавлено из обучения)"
COURSE_KIND_ALIASES = (("КПК", "Курсы повышения квалификации"), ("ПК", "Курсы повышения квалификации"),
                       ("повышение квалификации", "Курсы повышения квалификации"),
                       ("переподготовка", "Профессиональная переподготовка"),
                       ("профпереподготовка", "Профессиональная переподготовка"), ("ПП", "Профессиональная переподготовка"))
FORMAT_ALIASES = (("очная", "Очно"), ("дистанционная", "Дистанционно"), ("с применением ДОТ", "Дистанционно"),
                  ("онлайн", "Дистанционно"), ("заочно", "Дистанционно"), ("заочная", "Дистанционно"),
                  ("очно-заочная", "Очно-заочно"), ("смешанная", "Очно-заочно"))


def course_columns(title_key: str, required: bool) -> tuple[Column, ...]:
    """A course as lists name it: title, organiser, dates (two cells or one «с … по …»), hours, form, kind."""
    return (
        Column(title_key, "Название программы", "text", required=required, width=44,
               synonyms=("наименование программы", "программа", "наименование курса", "название курса", "курс",
                         "курсы", "наименование курсов", "тема курсов", "тема курсовой подготовки", "наименование дпп",
                         "дополнительная профессиональная программа", "курсы повышения квалификации")),
        Column("provider", "Организатор", "text", required=required, width=28,
               synonyms=("организатор курсов", "место прохождения", "место прохождения курсов", "организация",
                         "кто проводит", "учреждение дпо", "организация дпо", "наименование организации",
                         "где проходил обучение", "ЦНППМ")),
        Column("start_date", "Дата начала", "date", width=12,
               synonyms=("начало", "начало обучения", "дата начала обучения", "дата начала курсов")),
        Column("end_date", "Дата окончания", "date", width=12,
               synonyms=("окончание", "окончание обучения", "дата окончания обучения", "дата окончания курсов")),
        Column("period", "Сроки обучения", "text", width=24, help="Вместо двух дат: «01.09.2022 – 30.09.2022».",
               synonyms=("сроки", "сроки прохождения", "сроки проведения", "период обучения", "даты обучения",
                         "сроки прохождения курсов")),
        Column("hours", "Часов", "int", required=required, min=1, max=2000, width=8,
               synonyms=("количество часов", "кол-во часов", "объем часов", "объём", "часы", "объем программы")),
        Column("format", "Форма", "choice", required=required, choices=tuple(COURSE_FORMATS.values()), width=14,
               synonyms=("форма обучения", "форма проведения"), aliases=FORMAT_ALIASES),
        Column("kind", "Вид", "choice", choices=tuple(COURSE_KINDS.values()), width=20,
               help="Если не указан — курсы повышения квалификации.",
               synonyms=("вид обучения", "вид программы", "тип программы"), aliases=COURSE_KIND_ALIASES),
    )


def _dates(row: RowValues) -> tuple[date | None, date | None]:
    start, end = row.cells.get("start_date"), row.cells.get("end_date")
    if start is None and end is None and row.cells.get("period"):
        try:
            return period(row.cells["period"])
        except WordProblem as problem:
            row.problem("period", str(problem))
    return start, end


def _labels(labels: dict[str, str], value: str | None) -> str | None:
    return {label: code for code, label in labels.items()}.get(value) if value else None


def course_values(row: RowValues, title_key: str) -> dict[str, Any]:
    start, end = _dates(row)
    cells = row.cells
    return {"title": cells.get(title_key), "provider": cells.get("provider"), "start_date": start, "end_date": end,
            "hours": cells.get("hours"), "format": _labels(COURSE_FORMATS, cells.get("format")),
            "kind": _labels(COURSE_KINDS, cells.get("kind"))}


def _prepare_course(row: RowValues) -> None:
    values = course_values(row, "title")
    row.values.update({k: v for k, v in values.items() if v is not None})


COURSES = ImportSheet(
    "courses", "Курсы", "course", school=False, year=False, key_fields=("title", "provider", "start_date"),
    load_all=True, prepare=_prepare_course, labels={"topic": dict(COURSE_TOPICS)},
    instructions="Одна строка — одна программа (поток) курсов. Курс узнаётся по названию, организатору и дате начала: "
                 "повторная загрузка ничего не меняет. Даты — в двух столбцах или одним текстом «с … по …».",
    columns=(
        *course_columns("title", required=True),
        Column("topic", "Направление", "choice", choices=tuple(COURSE_TOPICS.values()), width=28,
               synonyms=("направление обучения", "тематика")),
        Column("subject", "Предмет", "choice", choices=tuple(SUBJECTS), width=20, synonyms=("учебный предмет",)),
        Column("for_leaders", "Для руководителей", "bool", width=12,
               synonyms=("для управленческих команд", "для управленцев")),
    ),
)


def _plan_course(row: RowValues, values: dict[str, Any]) -> str | None:
    """The id of a course this import adds to the catalogue (one per course, however many rows name it)."""
    context = row.context
    key = course_key(values["title"], values["provider"], values["start_date"])
    if key in context.new_courses:
        return context.new_courses[key].write.record_id
    entity = get_entity("course")
    if not context.may_write(entity, None)[0]:
        row.problem("course_title", "такого курса нет в каталоге, а каталог ведёт управление образования: "
                                    "попросите район добавить курс")
        return None
    if values["hours"] is None or values["format"] is None:
        row.problem("course_title", "такого курса нет в каталоге; чтобы добавить его, заполните «Часов» и «Форма»")
        return None
    clean = normalise(entity, {**{f.name: f.default for f in entity.fields}, **{k: v for k, v in values.items()
                                                                               if v is not None}})
    problems = validate(entity, clean)
    for name, message in problems.items():
        row.problem("course_title", f"курс не добавлен в каталог: {sentence_part(message)}")
    if problems:
        return None
    write = Write(entity, new_record_id(entity, clean), clean, True)
    context.new_courses[key] = Planned(NEW_COURSES, write, "created")
    return write.record_id


def _course(row: RowValues, values: dict[str, Any]) -> str | None:
    try:
        found = row.context.courses.find(values["title"], values["provider"], values["start_date"])
    except LookupProblem as problem:
        row.problem("course_title", str(problem))
        return None
    return found or _plan_course(row, values)


def _prepare_enrolment(row: RowValues) -> None:
    person = read_person(row)
    course = course_values(row, "course_title")
    course_id = _course(row, course) if person is not None and not row.problems else None
    if course_id is None:
        return
    try:
        teacher = row.context.teachers.find(row.values["school_id"], person["last_name"], person["first_name"],
                                            person["middle_name"], person["birth_year"])
    except LookupProblem as problem:
        row.problem("full_name" if row.cells.get("full_name") else "last_name", str(problem))
        return
    row.values.update(course_id=course_id, teacher_id=teacher)
    finished = row.cells.get("completed_on") or row.cells.get("certificate_number")
    row.values.setdefault("status", "completed" if finished else "enrolled")
    if row.values["status"] == "completed":
        row.values.setdefault("completed_on", course["end_date"])


ENROLMENTS = ImportSheet(
    "enrolments", "Обучение", "enrollment", year=False, prepare=_prepare_enrolment,
    labels={"status": dict(ENROLLMENT_STATUSES)},
    instructions="Одна строка — один педагог на одном курсе. Педагог ищется среди кадров школы по ФИО (и году "
                 "рождения, если он указан), курс — в каталоге по названию, организатору и дате начала; курса, "
                 "которого нет в каталоге, район добавляет его сам, если указаны «Часов» и «Форма». Если указан номер "
                 "удостоверения или дата завершения, обучение считается завершённым.",
    columns=(
        *name_columns(),
        *course_columns("course_title", required=False),
        Column("status", "Статус", "choice", choices=tuple(ENROLLMENT_STATUSES.values()), width=14,
               synonyms=("состояние", "результат обучения"),
               aliases=(("прошел", "Завершил"), ("прошла", "Завершил"), ("пройдено", "Завершил"),
                        ("обучен", "Завершил"), ("завершено", "Завершил"), ("обучается", "Обучается"),
                        ("не завершил", "Не завершил"), ("отчислен", "Не завершил"))),
        Column("completed_on", "Дата завершения", "date", width=12,
               synonyms=("дата выдачи удостоверения", "дата удостоверения", "дата выдачи документа", "завершил")),
        Column("certificate_number", "Номер удостоверения", "text", width=18,
               synonyms=("№ удостоверения", "удостоверение", "номер документа", "документ о квалификации",
                         "регистрационный номер", "номер удостоверения (сертификата)")),
    ),
)

KINDS = (
    ImportKind("courses", "Каталог курсов", "Каталог курсов", (COURSES,), "КПК и переподготовка: название, организатор, "
               "сроки, часы, форма", ("course",)),
    ImportKind("enrolments", "Обучение педагогов", "Обучение педагогов на курсах", (ENROLMENTS,),
               "кто прошёл какой курс: даты, завершение, удостоверение", ("enrollment", "course")),
)
