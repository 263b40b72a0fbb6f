"""Educational results a school enters for itself: ЕГЭ/ОГЭ, ВПР, graduation and olympiads by year."""

from app.models import ExamResult, Graduation, OlympiadResult, School, VprReference, VprResult
from app.models.reference import EXAM_KINDS, OLYMPIAD_LEVELS, SUBJECTS, VPR_REFERENCE_LEVELS

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
TERM_MARKS = (("term_lowered", "Понизили отметку по журналу", "Отметка за работу ниже отметки по журналу"),
              ("term_confirmed", "Подтвердили отметку по журналу", "Отметка за работу равна отметке по журналу"),
              ("term_raised", "Повысили отметку по журналу", "Отметка за работу выше отметки по журналу"))
SHARE_ROUNDING = 0.01  # published shares are rounded: 33.34 + 66.67 may exceed 100 by a hundredth
TERM_MARK_HINT = ". Оставьте пустым, если отметки не сравнивали."
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
        school_column(identifying=True), _year_column(ExamResult),  # the school's row at a district, else its subject
        Column("exam", "Экзамен", ExamResult.exam, width=70),
        Column("subject", "Предмет", ExamResult.subject, width=170, identifying=True),
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
        *(count(name, label, hint=hint + TERM_MARK_HINT) for name, label, hint in TERM_MARKS),
    ),
    columns=(
        school_column(identifying=True), _year_column(VprResult), Column("grade", "Класс", VprResult.grade, "int", width=60),
        Column("subject", "Предмет", VprResult.subject, width=170, identifying=True),
        Column("participants", "Участников", VprResult.participants, "int", width=90),
        *(Column(name, f"«{name[-1]}»", getattr(VprResult, name), "int", width=60) for name in VPR_MARKS),
        *(Column(name, label.split()[0], getattr(VprResult, name), "int", width=100) for name, label, _ in TERM_MARKS),
    ),
    search=(School.name, School.short_name, VprResult.subject), joins=((School, School.id == VprResult.school_id),),
    school=VprResult.school_id, year=VprResult.year, default_order="school",
    unique=(Unique(("school_id", "year", "grade", "subject"), "Результат ВПР этого класса по этому предмету за этот год уже есть."),),
    rules=(sum_not_greater(VPR_MARKS, "participants", "Отметок «2»–«5» вместе больше, чем участников."),
           sum_not_greater(tuple(name for name, _label, _hint in TERM_MARKS), "participants",
                           "Понизивших, подтвердивших и повысивших вместе больше, чем участников.")),
    label=SCHOOL_NAME + " — ВПР " + VprResult.subject,
)


def share(name: str, label: str, hint: str) -> Field:
    return Field(name, label, "float", min=0, max=100, decimals=2, hint=hint)


def _shares_within_hundred(values: dict) -> dict[str, str]:
    """«2» and «4–5» are different pupils: the two shares together are at most 100 % (rounding aside)."""
    low, high = values.get("share_2"), values.get("share_4_5")
    if low is None or high is None or low + high <= 100 + SHARE_ROUNDING:
        return {}
    return {"share_4_5": "Доля «2» и доля «4–5» вместе больше 100 %."}


VPR_REFERENCE = Entity(
    name="vpr_reference", model=VprReference, singular="Средние ВПР", plural="Средние ВПР по региону и России",
    fields=(
        year_field(), Field("grade", "Класс", "int", required=True, min=4, max=11, default=4), _subject(),
        Field("level", "Чьи значения", "choice", required=True, choices=VPR_REFERENCE_LEVELS, default="region"),
        share("share_2", "Доля «2», %", "Процент участников, получивших «2», как его публикует ФИС ОКО."),
        share("share_4_5", "Доля «4» и «5», %", "Процент участников, получивших «4» или «5»."),
        Field("mean_mark", "Средняя отметка", "float", min=2, max=5, decimals=2, hint="От 2 до 5; можно не заполнять."),
    ),
    columns=(
        _year_column(VprReference),
        Column("grade", "Класс", VprReference.grade, "int", width=60,
               order=(VprReference.grade, VprReference.subject, VprReference.level)),
        Column("subject", "Предмет", VprReference.subject, width=170, identifying=True),
        Column("level", "Чьи значения", VprReference.level, "choice", VPR_REFERENCE_LEVELS, width=110),
        Column("share_2", "Доля «2», %", VprReference.share_2, "float", width=100),
        Column("share_4_5", "Доля «4–5», %", VprReference.share_4_5, "float", width=110),
        Column("mean_mark", "Средняя отметка", VprReference.mean_mark, "float", width=120),
    ),
    search=(VprReference.subject,), year=VprReference.year, default_order="grade",
    unique=(Unique(("year", "grade", "subject", "level"),
                   "Значения этого уровня для этого класса и предмета за этот год уже есть."),),
    rules=(_shares_within_hundred,),
    label="ВПР " + VprReference.subject,
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

ENTITIES = (EXAM_RESULT, VPR_RESULT, VPR_REFERENCE, GRADUATION, OLYMPIAD_RESULT)
