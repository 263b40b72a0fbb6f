"""The risk factors of «500+» (ФИОКО): reference data the district keeps, edited as a plain list and form."""

from app.models import RiskFactor
from app.models.reference import RISK_EVIDENCE

from .common import FIRST_YEAR, LAST_YEAR, note, text, year_field
from .rules import ordered
from .spec import Column, Entity, Field, Unique

RISK_FACTOR = Entity(
    name="risk_factor", model=RiskFactor, singular="Фактор риска", plural="Факторы риска «500+»",
    fields=(
        text("code", "Код", 32, required=True), text("title", "Фактор риска", 400, required=True),
        Field("evidence", "Данные Куратора рядом с фактором", "choice", choices=RISK_EVIDENCE,
              hint="Какие данные показывать рядом с уровнем фактора в профиле школы."),
        Field("position", "Порядок в перечне", "int", required=True, min=0, max=999, default=0),
        year_field("year_from", "Оценивается с года", required=False),
        Field("year_to", "Оценивается по год", "int", min=FIRST_YEAR, max=LAST_YEAR,
              hint="Фактор, который больше не оценивается, не удаляйте: укажите последний год, и профили прежних "
                   "лет его сохранят."),
        note("description", "Описание"),
    ),
    columns=(
        Column("position", "№", RiskFactor.position, "int", width=50),
        Column("title", "Фактор риска", RiskFactor.title, width=460, identifying=True),
        Column("evidence", "Данные Куратора", RiskFactor.evidence, "choice", RISK_EVIDENCE, width=260),
        Column("year_from", "С года", RiskFactor.year_from, "int", width=70),
        Column("year_to", "По год", RiskFactor.year_to, "int", width=70),
    ),
    search=(RiskFactor.code, RiskFactor.title), default_order="position",
    unique=(Unique(("code",), "Фактор с таким кодом уже есть."),),
    rules=(ordered("year_from", "year_to", "Год окончания не может быть раньше года начала."),),
    label=RiskFactor.title,
)

ENTITIES = (RISK_FACTOR,)
