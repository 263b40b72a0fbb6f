"""Staff through Excel: teachers and leaders of each school with positions, subjects, rates, category, experience.

A teacher is recognised by school, full name and birth year (from the birth date or the year, when the file has
either): the same file loaded again changes nothing."""

from app.models.reference import QUALIFICATION_CATEGORIES
from app.services.excel import Column

from .lookups import choose_person
from .rows import RowValues
from .spec import ImportKind, ImportSheet
from .words import WordProblem, full_name, positions, rates, subjects

PERSON_COLUMNS = {name: (name, "full_name") for name in ("last_name", "first_name", "middle_name")} | {
    "birth_year": ("birth_year", "birth_date")}


def name_columns() -> tuple[Column, ...]:
    """«ФИО» in one column, or «Фамилия», «Имя», «Отчество» in three; and the birth date or year."""
    return (
        Column("full_name", "ФИО", "text", width=34,
               help="Фамилия, имя и отчество полностью. Можно вместо этого заполнить три столбца: «Фамилия», «Имя», "
                    "«Отчество».",
               synonyms=("ф.и.о.", "фамилия, имя, отчество", "фамилия имя отчество", "фио педагога", "фио учителя",
                         "фио работника", "фио сотрудника", "фио педагогического работника", "фио полностью")),
        Column("last_name", "Фамилия", "text", width=18),
        Column("first_name", "Имя", "text", width=16),
        Column("middle_name", "Отчество", "text", width=18),
        Column("birth_date", "Дата рождения", "date", width=14,
               help="Различает тёзок в одной школе; хранится только год рождения.", synonyms=("родился", "д.р.")),
        Column("birth_year", "Год рождения", "int", min=1930, max=2015, width=10, synonyms=("г.р.", "год рожд.")),
    )


def read_person(row: RowValues) -> dict | None:
    """A row's person: {last_name, first_name, middle_name, birth_year}, or None with the problem put at the cell."""
    cells = row.cells
    if cells.get("last_name") or cells.get("first_name"):
        person = {"last_name": cells.get("last_name"), "first_name": cells.get("first_name"),
                  "middle_name": cells.get("middle_name")}
    elif cells.get("full_name"):
        try:
            last, first, middle = full_name(cells["full_name"])
        except WordProblem as problem:
            row.problem("full_name", str(problem))
            return None
        person = {"last_name": last, "first_name": first, "middle_name": middle}
    else:
        row.problem("full_name", "укажите фамилию, имя и отчество: столбец «ФИО» или «Фамилия», «Имя», «Отчество»")
        return None
    born = cells.get("birth_date")
    return {**person, "birth_year": born.year if born else cells.get("birth_year")}


def _prepare_teacher(row: RowValues) -> None:
    row.values.update(read_person(row) or {})
    codes, taught = row.parsed("positions", positions) or ((), ())
    listed = row.parsed("subjects", subjects) or ()
    if codes:
        row.values["positions"] = list(codes)
    if listed or taught:
        row.values["subjects"] = list(dict.fromkeys([*listed, *taught]))
    given = row.parsed("rate", rates, len(codes)) if codes else None
    if given:
        row.link_extra["positions"] = {code: {"rate": rate} for code, rate in zip(codes, given, strict=False)}


STAFF = ImportSheet(
    "staff", "Кадры", "teacher", year=False, labels={"qualification": dict(QUALIFICATION_CATEGORIES)},
    key_fields=("school_id", "last_name", "first_name", "middle_name"), prepare=_prepare_teacher,
    match=lambda stored, values: choose_person(stored, values.get("birth_year")), field_columns=PERSON_COLUMNS,
    distinct_by=("birth_year",),
    instructions="Одна строка — один работник школы. Педагог узнаётся по школе, ФИО и году рождения (если он указан): "
                 "повторная загрузка того же файла ничего не меняет, изменённые сведения обновляются, а пустые "
                 "ячейки не стирают того, что уже введено. Несколько должностей или предметов пишите через запятую; "
                 "первая должность — основная. Ставка — одна (основной должности) или по одной на каждую должность "
                 "через «;».",
    columns=(
        *name_columns(),
        Column("positions", "Должность", "text", width=30,
               help="«Учитель», «Учитель начальных классов», «Заместитель директора по УВР», «Педагог-психолог»… "
                    "«Учитель математики» — учитель с предметом «Математика».",
               synonyms=("должности", "занимаемая должность", "должность по штатному расписанию")),
        Column("subjects", "Предмет(ы)", "text", width=30, help="Преподаваемые предметы через запятую.",
               synonyms=("предмет", "преподаваемые предметы", "преподаваемый предмет", "учебный предмет",
                         "учебные предметы", "дисциплина")),
        Column("rate", "Ставка", "text", width=10, help="Например, 1 или 0,5; по одной на должность через «;».",
               synonyms=("ставки", "количество ставок", "кол-во ставок", "нагрузка, ставок")),
        Column("qualification", "Категория", "choice", choices=tuple(QUALIFICATION_CATEGORIES.values()), width=20,
               synonyms=("квалификационная категория", "кв. категория", "кв.категория"),
               aliases=(("высшая категория", "Высшая"), ("высшая кв. категория", "Высшая"),
                        ("первая категория", "Первая"), ("1", "Первая"), ("СЗД", "Соответствие занимаемой должности"),
                        ("соответствие", "Соответствие занимаемой должности"), ("нет", "Без категории"),
                        ("б/к", "Без категории"), ("без кат.", "Без категории"))),
        Column("experience_years", "Стаж", "int", min=0, max=70, width=8, help="Педагогический стаж, полных лет.",
               synonyms=("педагогический стаж", "пед. стаж", "пед.стаж", "стаж работы", "стаж педагогической работы")),
        Column("education", "Образование", "text", width=34,
               help="Уровень, учебное заведение и специальность по диплому: по ним видно, соответствует ли "
                    "образование преподаваемому предмету.",
               synonyms=("уровень образования", "образование, специальность", "специальность по диплому")),
        Column("young_specialist", "Молодой специалист", "bool", width=12, synonyms=("молодой педагог",)),
        Column("hired_on", "Дата приёма", "date", width=14,
               synonyms=("принят", "дата приема на работу", "дата приёма на работу")),
        Column("left_on", "Дата увольнения", "date", width=14, synonyms=("уволен",)),
        Column("email", "Электронная почта", "text", width=24, synonyms=("email", "e-mail", "эл. почта")),
        Column("phone", "Телефон", "text", width=16, synonyms=("контактный телефон",)),
    ),
)

KINDS = (
    ImportKind("staff", "Кадры", "Кадры школ", (STAFF,), "педагоги с должностями, предметами, ставками, категорией и стажем",
               ("teacher",)),
)
