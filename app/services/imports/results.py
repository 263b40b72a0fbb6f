"""The «Результаты» workbook, declared once: which sheet holds which registry entity (ЕГЭ, ОГЭ, ВПР, выпуск,
олимпиады, социальный паспорт), its columns and help; the social passport alone is the `passports` kind."""

from types import MappingProxyType

from app.models.reference import OLYMPIAD_LEVELS, SUBJECTS
from app.services.excel import Column
from app.services.records.results import MAX_PUPILS, TERM_MARKS
from app.services.records.schools import PASSPORT_COUNTS, PASSPORT_SHARES

from .spec import ImportKind, ImportSheet

TEMPLATE_NAME = "Результаты: ЕГЭ, ОГЭ, ВПР, выпуск, олимпиады, социальный паспорт"
EMPTY_IS_ZERO = " Пустая ячейка — 0."


def _count(key: str, title: str, help: str, *synonyms: str, required: bool = False) -> Column:
    return Column(key, title, "int", required=required, min=0, max=MAX_PUPILS, help=help, synonyms=synonyms)


def _participants(what: str) -> Column:
    return _count("participants", "Участников", f"Сколько обучающихся {what}.", "количество участников",
                  "число участников", "участники", required=True)


SUBJECT = Column("subject", "Предмет", "choice", required=True, choices=tuple(SUBJECTS), width=24,
                 help="Учебный предмет — выберите из списка.", synonyms=("учебный предмет", "дисциплина"))


def _grade(low: int, high: int, help: str) -> Column:
    return Column("grade", "Класс", "int", required=True, min=low, max=high, width=10, help=help,
                  synonyms=("параллель", "классы"))


EGE = ImportSheet(
    "ege", "ЕГЭ", "exam_result", fixed=MappingProxyType({"exam": "ЕГЭ"}),
    instructions="Одна строка — один предмет ЕГЭ (ГИА-11) одной школы за год.",
    columns=(
        SUBJECT, _participants("сдавали ЕГЭ по предмету"),
        Column("mean_score", "Средний балл", "decimal", min=0, max=100, help="Средний тестовый балл, от 0 до 100.",
               synonyms=("средний тестовый балл", "ср. балл", "средний балл егэ")),
        _count("below_minimum", "Не преодолели минимальный порог",
               "Сколько участников набрали меньше минимального количества баллов." + EMPTY_IS_ZERO,
               "ниже минимального порога", "ниже минимума", "не преодолели минимум", "не преодолели порог"),
        _count("under_30", "Менее 30 баллов", "Сколько участников набрали меньше 30 баллов.",
               "набрали менее 30 баллов", "ниже 30 баллов"),
    ),
)

OGE = ImportSheet(
    "oge", "ОГЭ", "exam_result", fixed=MappingProxyType({"exam": "ОГЭ"}),
    instructions="Одна строка — один предмет ОГЭ (ГИА-9) одной школы за год.",
    columns=(
        SUBJECT, _participants("сдавали ОГЭ по предмету"),
        Column("mean_score", "Средняя отметка", "decimal", min=2, max=5, help="Средняя отметка по пятибалльной шкале, от 2 до 5.",
               synonyms=("средний балл", "средняя оценка", "ср. отметка")),
        _count("below_minimum", "Получили «2»", "Сколько участников не преодолели минимальный порог." + EMPTY_IS_ZERO,
               "не преодолели минимальный порог", "ниже минимума", "получили 2", "неудовлетворительно"),
    ),
)

VPR = ImportSheet(
    "vpr", "ВПР", "vpr_result",
    instructions="Одна строка — один предмет ВПР в одной параллели одной школы за год. "
                 "Отметок «2»–«5» вместе не может быть больше, чем участников. Сравнение с отметками по журналу "
                 "(понизили, подтвердили, повысили) — числом обучающихся; не сравнивали — оставьте пустым.",
    columns=(
        _grade(4, 11, "Параллель, писавшая работу: от 4 до 11."), SUBJECT, _participants("писали работу"),
        *(_count(f"count_{mark}", f"Отметка «{mark}»", f"Сколько участников получили «{mark}»." + EMPTY_IS_ZERO,
                 f"«{mark}»", f"получили «{mark}»", f"на «{mark}»", f"отметка {mark}", f"получили {mark}")
          for mark in (2, 3, 4, 5)),
        *(_count(key, label.split()[0], hint + ". Пустая ячейка — не сравнивали.", label, label.split()[0])
          for key, label, hint in TERM_MARKS),
    ),
)

GRADUATION = ImportSheet(
    "graduation", "Выпуск", "graduation",
    instructions="Одна строка — выпуск 9 или 11 класса одной школы за год.",
    columns=(
        _grade(9, 11, "9 или 11."),
        _count("graduates", "Выпускников", "Сколько обучающихся окончили класс.", "количество выпускников",
               "всего выпускников", required=True),
        _count("certificates", "Получили аттестат", "Не больше числа выпускников.", "аттестатов", "получили аттестаты",
               "получили аттестат об образовании", required=True),
        _count("honours", "Аттестат с отличием", "Аттестат особого образца; не больше числа аттестатов." + EMPTY_IS_ZERO,
               "аттестат особого образца", "с отличием", "аттестатов с отличием"),
        _count("took_3plus", "Сдавали 3 и более ЕГЭ", "Только для 11 класса.", "3 и более егэ", "сдавали 3+ егэ"),
    ),
)

OLYMPIAD = ImportSheet(
    "olympiad", "Олимпиады", "olympiad_result", labels=MappingProxyType({"level": OLYMPIAD_LEVELS}),
    instructions="Одна строка — один этап всероссийской олимпиады школьников в одной школе за год.",
    columns=(
        Column("level", "Этап", "choice", required=True, choices=tuple(OLYMPIAD_LEVELS.values()), width=18,
               help="Этап олимпиады — выберите из списка.", synonyms=("уровень", "этап олимпиады", "этап всош")),
        _participants("участвовали в этапе"),
        _count("winners", "Победителей и призёров", "Не больше числа участников." + EMPTY_IS_ZERO,
               "победители и призёры", "победителей", "призёров"),
    ),
)

PASSPORT = ImportSheet(
    "passport", "Социальный паспорт", "social_passport",
    instructions="Одна строка — социальный паспорт одной школы за год. Доли — в процентах от числа обучающихся.",
    columns=(
        _count("pupils_total", "Обучающихся всего", "Численность обучающихся школы.", "всего обучающихся",
               "численность обучающихся", "обучающихся"),
        *(Column(key, label, "percent", help="Процент от 0 до 100.", width=18) for key, label in PASSPORT_SHARES),
        *(_count(key, label, "Не больше, чем обучающихся всего.") for key, label in PASSPORT_COUNTS),
        Column("comment", "Комментарий", "text", width=40, synonyms=("примечание",)),
    ),
)

RESULT_SHEETS: tuple[ImportSheet, ...] = (EGE, OGE, VPR, GRADUATION, OLYMPIAD, PASSPORT)


KINDS = (
    ImportKind("results", "Результаты", TEMPLATE_NAME, RESULT_SHEETS, "ЕГЭ, ОГЭ, ВПР, выпуск, олимпиады и "
               "социальный паспорт — листы шаблона «Результаты»",
               ("exam_result", "vpr_result", "graduation", "olympiad_result", "social_passport")),
    ImportKind("passports", "Социальные паспорта", "Социальные паспорта школ", (PASSPORT,),
               "социальный паспорт школы за год", ("social_passport",)),
)
