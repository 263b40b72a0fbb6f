"""Educational results a school enters for itself: ЕГЭ/ОГЭ, ВПР, graduation and olympiads by year."""

from app.models import ExamResult, Graduation, OlympiadResult, School, VprResult
from app.models.reference import EXAM_KINDS, OLYMPIAD_LEVELS, SUBJECTS

from .common import SCHOOL_NAME, school_column, school_field, year_field
from .rules import (
    empty_unless,
    not_greater,
    one_of_values,
    sum_not_greater,
    within_when,
)
from .spec import Column, Entity, Field, Unique

MAX_PUPILS = 10000
NOT_MORE_THAN_PARTICIPANTS = "Не может быть больше числа участников."
VPR_MARKS = ("count_2", "count_3", "count_4", "count_5")
GRADUATION_GRADES = (9, 11)


def count(name: str, label: str, required: bool = False, default: int | None = None, hint: str | None = None) -> Field:
    """A number of pupils; counts that default to 0 are required so the stored value is never empty."""
    return Field(name, label, "int", required=required or default is not None, min=0, max=MAX_PUPILS,
                 default=default, hint=hint)


def _subject() -> Field:
    return Field("subject", "Предмет", "choice", required=True, choices=SUBJECTS)


def _year_column(model) -> Column:
    return Column("year", "Год", model.year, "int", width=60)


EXAM_RESULT = Entity(
    name="exam_result", model=ExamResult, singular="Результат ГИА", plural="Результаты экзаменов",
    fields=(
        school_field(), year_field(),
        Field("exam", "Экзамен", "choice", required=True, choices=EXAM_KINDS, default="ЕГЭ"), _subject(),
        count("participants", "Участников", required=True),
        Field("mean_score", "Средний балл (ЕГЭ) или средняя отметка (ОГЭ)", "float", min=0, max=100, decimals=2),
        count("below_minimum", "Не преодолели минимальный порог", default=0),
        count("under_30", "Набрали менее 30 баллов (ЕГЭ)"),
    ),
    columns=(
        school_column(), _year_column(ExamResult),
        Column("exam", "Экзамен", ExamResult.exam, width=70),
        Column("subject", "Предмет", ExamResult.subject, width=170),
        Column("participants", "Участников", ExamResult.participants, "int", width=90),
        Column("mean_score", "Средний балл", ExamResult.mean_score, "float", width=100),
        Column("below_minimum", "Ниже минимума", ExamResult.below_minimum, "int", width=110),
        Column("under_30", "Менее 30 баллов", ExamResult.under_30, "int", width=110, only_where={"exam": "ЕГЭ"}),
    ),
    search=(School.name, School.short_name, ExamResult.subject), joins=((School, School.id == ExamResult.school_id),),
    school=ExamResult.school_id, year=ExamResult.year, default_order="school",
    unique=(Unique(("school_id", "year", "exam", "subject"), "Результат этого экзамена по этому предмету за этот год уже есть."),),
    rules=(
        not_greater("below_minimum", "participants", NOT_MORE_THAN_PARTICIPANTS),
        not_greater("under_30", "participants", NOT_MORE_THAN_PARTICIPANTS),
        within_when("mean_score", "exam", "ОГЭ", 2, 5, "Для ОГЭ — средняя отметка от 2 до 5."),
        empty_unless("under_30", "exam", "ЕГЭ", "Заполняется только для ЕГЭ."),
    ),
    label=SCHOOL_NAME + " — " + ExamResult.exam + " " + ExamResult.subject,
)

VPR_RESULT = Entity(
    name="vpr_result", model=VprResult, singular="Результат ВПР", plural="Результаты ВПР",
    fields=(
        school_field(), year_field(), Field("grade", "Класс", "int", required=True, min=4, max=11, default=4),
        _subject(), count("participants", "Участников", required=True),
        *(count(name, f"Получили «{name[-1]}»", default=0) for name in VPR_MARKS),
    ),
    columns=(
        school_column(), _year_column(VprResult), Column("grade", "Класс", VprResult.grade, "int", width=60),
        Column("subject", "Предмет", VprResult.subject, width=170),
        Column("participants", "Участников", VprResult.participants, "int", width=90),
        *(Column(name, f"«{name[-1]}»", getattr(VprResult, name), "int", width=60) for name in VPR_MARKS),
    ),
    search=(School.name, School.short_name, VprResult.subject), joins=((School, School.id == VprResult.school_id),),
    school=VprResult.school_id, year=VprResult.year, default_order="school",
    unique=(Unique(("school_id", "year", "grade", "subject"), "Результат ВПР этого класса по этому предмету за этот год уже есть."),),
    rules=(sum_not_greater(VPR_MARKS, "participants", "Отметок «2»–«5» вместе больше, чем участников."),),
    label=SCHOOL_NAME + " — ВПР " + VprResult.subject,
)

GRADUATION = Entity(
    name="graduation", model=Graduation, singular="Выпуск", plural="Выпуск и аттестаты",
    fields=(
        school_field(), year_field(), Field("grade", "Класс (9 или 11)", "int", required=True, min=9, max=11, default=11),
        count("graduates", "Выпускников", required=True), count("certificates", "Получили аттестат", required=True),
        count("honours", "Аттестат с отличием (особого образца)", default=0),
        count("took_3plus", "Сдавали 3 и более ЕГЭ (11 класс)"),
    ),
    columns=(
        school_column(), _year_column(Graduation), Column("grade", "Класс", Graduation.grade, "int", width=60),
        Column("graduates", "Выпускников", Graduation.graduates, "int", width=100),
        Column("certificates", "Аттестатов", Graduation.certificates, "int", width=100),
        Column("honours", "С отличием", Graduation.honours, "int", width=100),
        Column("took_3plus", "3+ ЕГЭ", Graduation.took_3plus, "int", width=80),
    ),
    search=(School.name, School.short_name), joins=((School, School.id == Graduation.school_id),),
    school=Graduation.school_id, year=Graduation.year, default_order="school",
    unique=(Unique(("school_id", "year", "grade"), "Выпуск этого класса за этот год уже записан."),),
    rules=(
        one_of_values("grade", GRADUATION_GRADES, "Выпуск бывает из 9 или 11 класса."),
        not_greater("certificates", "graduates", "Не может быть больше числа выпускников."),
        not_greater("honours", "certificates", "Не может быть больше числа аттестатов."),
        not_greater("took_3plus", "graduates", "Не может быть больше числа выпускников."),
        empty_unless("took_3plus", "grade", 11, "Заполняется только для 11 класса."),
    ),
    label=SCHOOL_NAME + " — выпуск",
)

OLYMPIAD_RESULT = Entity(
    name="olympiad_result", model=OlympiadResult, singular="Олимпиада", plural="Олимпиады",
    fields=(
        school_field(), year_field(),
        Field("level", "Этап", "choice", required=True, choices=OLYMPIAD_LEVELS, default="school"),
        count("participants", "Участников", required=True), count("winners", "Победителей и призёров", default=0),
    ),
    columns=(
        school_column(), _year_column(OlympiadResult),
        Column("level", "Этап", OlympiadResult.level, "choice", OLYMPIAD_LEVELS, width=130),
        Column("participants", "Участников", OlympiadResult.participants, "int", width=100),
        Column("winners", "Победителей и призёров", OlympiadResult.winners, "int", width=170),
    ),
    search=(School.name, School.short_name), joins=((School, School.id == OlympiadResult.school_id),),
    school=OlympiadResult.school_id, year=OlympiadResult.year, default_order="school",
    unique=(Unique(("school_id", "year", "level"), "Результаты этого этапа за этот год уже есть."),),
    rules=(not_greater("winners", "participants", NOT_MORE_THAN_PARTICIPANTS),),
    label=SCHOOL_NAME + " — олимпиада",
)

ENTITIES = (EXAM_RESULT, VPR_RESULT, GRADUATION, OLYMPIAD_RESULT)
