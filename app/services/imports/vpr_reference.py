"""The region's and the country's ВПР figures (`kurator import vpr-reference`), read from the tables offices get from
ФИС ОКО: one row per level (region or Russia), grade and subject; «4» and «5» as one share or as two."""

from app.services.excel import Column

from .rows import RowValues
from .spec import ImportKind, ImportSheet
from .words import WordProblem, grade_of, reference_level, subject_of


def _share(key: str, title: str, help: str, *synonyms: str) -> Column:
    return Column(key, title, "percent", help=help + " Процент от 0 до 100, можно с дробной частью.", width=14,
                  synonyms=synonyms)


def _subject(text: str) -> str:
    subject = subject_of(text)
    if subject is None:
        raise WordProblem(f"предмет «{text.strip()}» не распознан; пишите, например, «Русский язык», «Математика»")
    return subject


def _prepare(row: RowValues) -> None:
    values = row.values
    for key, read in (("level", reference_level), ("grade", grade_of), ("subject", _subject)):
        values.pop(key, None)
        parsed = row.parsed(key, read)
        if parsed is not None:
            values[key] = parsed
    four, five = row.cells.get("share_4"), row.cells.get("share_5")
    if row.cells.get("share_4_5") is None and four is not None and five is not None:
        values["share_4_5"] = round(four + five, 2)
    elif row.cells.get("share_4_5") is None and (four is not None or five is not None):
        row.problem("share_4" if four is not None else "share_5", "укажите и долю «4», и долю «5» (или их сумму в "
                                                                "столбце «Доля «4» и «5»»)")
    if row.cells.get("share_2") is None and "share_4_5" not in values:
        row.problem("share_2", "в строке нет ни доли «2», ни доли «4» и «5»")


SHEET = ImportSheet(
    "vpr_reference", "Средние ВПР", "vpr_reference", school=False, prepare=_prepare,
    instructions="Одна строка — значения региона или России по одному предмету в одной параллели за год, как их "
                 "публикует ФИС ОКО («Статистика по отметкам»). Строки муниципалитета и школ не нужны: их значения "
                 "программа считает сама. Доли «4» и «5» можно дать двумя столбцами — они сложатся.",
    columns=(
        Column("level", "Уровень", "text", required=True, width=30,
               help="«Регион» (или название региона, например «Кабардино-Балкарская Республика») либо «Россия» "
                    "(«РФ», «Вся выборка»).",
               synonyms=("группы участников", "группа участников", "территория", "чьи значения", "выборка")),
        Column("grade", "Класс", "text", required=True, width=10,
               help="Параллель от 4 до 11: «5», «5 класс», «5-е классы».", synonyms=("параллель", "классы")),
        Column("subject", "Предмет", "text", required=True, width=24,
               help="Учебный предмет: «Русский язык», «Математика», «Окружающий мир»…",
               synonyms=("учебный предмет", "дисциплина")),
        _share("share_2", "Доля «2», %", "Процент участников, получивших «2».",
               "«2»", "2", "доля 2", "% «2»", "отметка «2»", "получили «2»"),
        _share("share_4_5", "Доля «4» и «5», %", "Процент участников, получивших «4» или «5» (качество знаний).",
               "«4» и «5»", "4 и 5", "«4–5»", "4-5", "доля «4–5»", "качество знаний", "качество"),
        _share("share_4", "Доля «4», %", "Если «4» и «5» даны раздельно.", "«4»", "4", "доля 4", "% «4»",
               "отметка «4»"),
        _share("share_5", "Доля «5», %", "Если «4» и «5» даны раздельно.", "«5»", "5", "доля 5", "% «5»",
               "отметка «5»"),
        Column("mean_mark", "Средняя отметка", "decimal", min=2, max=5, width=12,
               help="Средняя отметка по пятибалльной шкале, от 2 до 5; можно не заполнять.",
               synonyms=("средняя оценка", "ср. отметка")),
    ),
)

KINDS = (
    ImportKind("vpr-reference", "Средние ВПР по региону и России", "Средние ВПР по региону и России", (SHEET,),
               "доли «2» и «4–5» и средняя отметка ВПР региона и России по классам и предметам за год",
               ("vpr_reference",)),
)
