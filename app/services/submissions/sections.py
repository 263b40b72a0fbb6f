"""The sections of a school's yearly data the district collects, and where each one's records live: which tables a
packet's rows of the section come in, and whether (and since when) the records of a school hold the section for a
year."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, func, or_, select, union_all
from sqlalchemy.orm import Session

from app.models import (
    ExamResult,
    Graduation,
    OlympiadResult,
    Recommendation,
    RecommendationAnswer,
    Roadmap,
    SocialPassport,
    Teacher,
    VprResult,
    alive,
)
from app.models.reference import SUBMISSION_SECTIONS


@dataclass(frozen=True)
class Section:
    """A section: its code, the tables its records travel in, and the query of its records for a year
    (school id, time of the last change), one row per record."""

    code: str
    tables: tuple[str, ...]
    records: Callable[[int], Select]

    @property
    def title(self) -> str:
        return SUBMISSION_SECTIONS[self.code]


def _staff(year: int) -> Select:
    working = (or_(Teacher.hired_on.is_(None), Teacher.hired_on <= date(year, 12, 31)),
               or_(Teacher.left_on.is_(None), Teacher.left_on >= date(year, 1, 1)))
    return select(Teacher.school_id, Teacher.updated_at).where(alive(Teacher), *working)


def _passport(year: int) -> Select:
    return select(SocialPassport.school_id, SocialPassport.updated_at).where(
        alive(SocialPassport), SocialPassport.year == year)


def _results(year: int) -> Select:
    return union_all(*(select(model.school_id, model.updated_at).where(alive(model), model.year == year)
                       for model in (ExamResult, VprResult, Graduation, OlympiadResult)))


def _roadmap(year: int) -> Select:
    return select(Roadmap.school_id, Roadmap.updated_at).where(
        alive(Roadmap), Roadmap.level == "school", Roadmap.year_from <= year, Roadmap.year_to >= year)


def _answers(year: int) -> Select:
    return select(Recommendation.school_id, RecommendationAnswer.updated_at).join(
        Recommendation, Recommendation.id == RecommendationAnswer.recommendation_id).where(
        alive(RecommendationAnswer), alive(Recommendation), Recommendation.year == year)


SECTIONS: tuple[Section, ...] = (
    Section("staff", ("teacher", "teacher_position", "teacher_subject", "staffing_slot", "diagnostic",
                      "individual_route", "enrollment"), _staff),
    Section("passport", ("social_passport",), _passport),
    Section("results", ("exam_result", "vpr_result", "graduation", "olympiad_result"), _results),
    Section("roadmap", ("roadmap", "roadmap_section", "roadmap_event", "event_occurrence", "evidence"), _roadmap),
    Section("answers", ("recommendation_answer", "answer_file"), _answers),
)
BY_CODE = {section.code: section for section in SECTIONS}
SECTION_OF_TABLE = {table: section.code for section in SECTIONS for table in section.tables}


def held(session: Session, section: Section, year: int, school: str | None = None) -> dict[str, datetime]:
    """school id → when its records of the section for the year last changed, for every school that has some."""
    records = section.records(year).subquery()
    query = select(records.c.school_id, func.max(records.c.updated_at)).group_by(records.c.school_id)
    if school is not None:
        query = query.where(records.c.school_id == school)
    return dict(session.execute(query).all())
