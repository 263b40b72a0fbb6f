"""Targeted recommendations, support actions and the bank of best practices."""

from sqlalchemy import func

from app.models import Practice, Recommendation, RecommendationAnswer, School, SupportAction, alive
from app.models.reference import ANSWER_STATES, PRACTICE_AREAS, RECOMMENDATION_STATUSES, SUPPORT_KINDS

from .common import SCHOOL_NAME, note, school_column, school_field, text, year_field
from .rules import ordered
from .spec import Column, Entity, Field

NO_ANSWER = "none"
ANSWER_COLUMN_STATES = {**ANSWER_STATES, NO_ANSWER: "Нет ответа"}

RECOMMENDATION = Entity(
    name="recommendation", model=Recommendation, singular="Адресная рекомендация", plural="Адресные рекомендации",
    fields=(
        school_field(), year_field(), Field("issued_on", "Дата выдачи", "date", required=True),
        note("text", "Рекомендация", required=True), note("basis", "Основание (анализ результатов)"),
        text("author", "Автор", 200), Field("due_date", "Срок исполнения", "date"),
        Field("status", "Статус", "choice", required=True, choices=RECOMMENDATION_STATUSES, default="open"),
    ),
    columns=(
        school_column(), Column("year", "Год", Recommendation.year, "int", width=60),
        Column("issued_on", "Выдана", Recommendation.issued_on, "date", width=100),
        Column("text", "Рекомендация", Recommendation.text, width=300, identifying=True),
        Column("due_date", "Срок", Recommendation.due_date, "date", width=100),
        Column("status", "Статус", Recommendation.status, "choice", RECOMMENDATION_STATUSES, width=120),
        Column("answer", "Ответ школы", func.coalesce(RecommendationAnswer.state, NO_ANSWER), "choice",
               ANSWER_COLUMN_STATES, width=130),
        Column("answered_on", "Дата ответа", RecommendationAnswer.answered_on, "date", width=95),
    ),
    search=(School.name, School.short_name, Recommendation.text, Recommendation.author),
    joins=((School, School.id == Recommendation.school_id),
           (RecommendationAnswer, (RecommendationAnswer.recommendation_id == Recommendation.id)
            & alive(RecommendationAnswer))),
    school=Recommendation.school_id, year=Recommendation.year,
    statuses=RECOMMENDATION_STATUSES, status_filter=lambda code, _year: Recommendation.status == code,
    default_order="issued_on", rules=(ordered("issued_on", "due_date", "Срок не может быть раньше даты выдачи."),),
    label=SCHOOL_NAME + " — " + Recommendation.text,
)

SUPPORT_ACTION = Entity(
    name="support_action", model=SupportAction, singular="Адресная помощь", plural="Адресная помощь",
    fields=(
        school_field(), Field("recommendation_id", "По рекомендации", "ref", ref="recommendation"),
        Field("held_on", "Дата", "date", required=True), Field("kind", "Форма", "choice", required=True, choices=SUPPORT_KINDS),
        note("description", "Содержание", required=True), text("responsible", "Ответственный", 200), note("result", "Результат"),
    ),
    columns=(
        Column("held_on", "Дата", SupportAction.held_on, "date", width=100), school_column(),
        Column("kind", "Форма", SupportAction.kind, "choice", SUPPORT_KINDS, width=160),
        Column("description", "Содержание", SupportAction.description, width=340, identifying=True),
        Column("responsible", "Ответственный", SupportAction.responsible, width=180),
    ),
    search=(School.name, School.short_name, SupportAction.description, SupportAction.responsible),
    joins=((School, School.id == SupportAction.school_id),), school=SupportAction.school_id, year=SupportAction.held_on,
    statuses=SUPPORT_KINDS, status_label="Форма", status_filter=lambda code, _year: SupportAction.kind == code,
    default_order="held_on", label=SupportAction.description,
)

PRACTICE = Entity(
    name="practice", model=Practice, singular="Практика", plural="Банк лучших практик",
    fields=(
        text("title", "Название", 400, required=True), school_field(required=False), text("author", "Автор", 200),
        Field("area", "Направление", "choice", choices=PRACTICE_AREAS), year_field(required=False),
        note("description", "Описание"), text("link", "Ссылка или файл", 500),
    ),
    columns=(
        Column("title", "Практика", Practice.title, width=320), school_column(),
        Column("area", "Направление", Practice.area, "choice", PRACTICE_AREAS, width=170),
        Column("year", "Год", Practice.year, "int", width=60), Column("author", "Автор", Practice.author, width=180),
    ),
    search=(Practice.title, Practice.author, School.name, Practice.description),
    joins=((School, School.id == Practice.school_id),), school=Practice.school_id, year=Practice.year,
    statuses=PRACTICE_AREAS, status_label="Направление", status_filter=lambda code, _year: Practice.area == code,
    default_order="title", label=Practice.title,
)

ENTITIES = (RECOMMENDATION, SUPPORT_ACTION, PRACTICE)
