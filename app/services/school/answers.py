"""A school's answers to the district's recommendations: what was done, the state, its date and the files behind it.

The answer is the school's record (the recommendation stays the district's): one per recommendation, its id derived
from the recommendation's, so an answer typed at the district for a school without a key and the school's own
answer are the same record. The district reads answers, and opens their files, from the recommendation.
"""

from datetime import date
from pathlib import Path
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import AnswerFile, Recommendation, RecommendationAnswer, School, alive, utcnow
from app.models.reference import ANSWER_STATES, EVIDENCE_KINDS, RECOMMENDATION_STATUSES
from app.services.file_store import file_columns, has_content, store_file
from app.services.ids import stable_id
from app.services.output.ru_format import format_value
from app.services.records.ownership import NOT_SET_UP, OTHER_SCHOOL_KEEPS, current_scope

MAX_TEXT = 4000
SCHOOL_ANSWERS = "Ответ на рекомендацию пишет школа; он приходит в пакете от школы."


def answer_id(recommendation_id: str) -> str:
    """The id of the answer to a recommendation: the same in every installation."""
    return stable_id("recommendation_answer", recommendation_id)


def _live(session: Session, model, record_id: str, missing: str):
    record = session.get(model, record_id)
    if record is None or record.deleted_at is not None:
        raise KuratorError(missing)
    return record


def _recommendation(session: Session, recommendation_id: str) -> Recommendation:
    return _live(session, Recommendation, recommendation_id, "Рекомендация не найдена (возможно, снята районом).")


def may_answer(session: Session, recommendation: Recommendation) -> tuple[bool, str]:
    """Whether this installation writes the answer to `recommendation` (the school it is addressed to); why not."""
    scope = current_scope(session)
    if scope is None:
        return False, NOT_SET_UP
    if not scope.is_school:
        return False, SCHOOL_ANSWERS
    return (True, "") if recommendation.school_id == scope.school_id else (False, OTHER_SCHOOL_KEEPS)


class AnswerFileRow(TypedDict):
    id: str
    title: str
    kind: str  # Russian label
    file_name: str
    size_bytes: int
    present: bool  # whether the file itself is in this data folder (it travels in packets with the answer)


class AnswerDetail(TypedDict):
    """A recommendation with the school's answer, as the answer dialog shows it at the school and the district."""

    recommendation_id: str
    school: str
    recommendation: str
    issued_on: date
    due_date: date | None
    district_status: str  # Russian label of the district's own status
    editable: bool
    reason: str
    text: str
    state: str | None
    answered_on: date | None
    files: list[AnswerFileRow]


def answer_files(session: Session, files_dir: Path, recommendation_id: str) -> list[AnswerFileRow]:
    """The live files of the answer to a recommendation, oldest first."""
    query = (select(AnswerFile).where(AnswerFile.answer_id == answer_id(recommendation_id), alive(AnswerFile))
             .order_by(AnswerFile.created_at))
    return [{"id": f.id, "title": f.title or f.file_name, "kind": EVIDENCE_KINDS.get(f.kind, ""),
             "file_name": f.file_name, "size_bytes": f.size_bytes, "present": has_content(files_dir, f)}
            for f in session.scalars(query)]


def answer_detail(session: Session, files_dir: Path, recommendation_id: str) -> AnswerDetail:
    """The recommendation and the answer to it (an empty answer when the school has not answered yet)."""
    recommendation = _recommendation(session, recommendation_id)
    answer = _live_answer(session, recommendation_id)
    school = session.get(School, recommendation.school_id)
    editable, reason = may_answer(session, recommendation)
    return {
        "recommendation_id": recommendation.id, "school": school.name if school else "",
        "recommendation": recommendation.text, "issued_on": recommendation.issued_on, "due_date": recommendation.due_date,
        "district_status": RECOMMENDATION_STATUSES.get(recommendation.status, recommendation.status),
        "editable": editable, "reason": reason, "text": answer.text if answer else "",
        "state": answer.state if answer else None, "answered_on": answer.answered_on if answer else None,
        "files": answer_files(session, files_dir, recommendation_id) if answer else [],
    }


def _live_answer(session: Session, recommendation_id: str) -> RecommendationAnswer | None:
    answer = session.get(RecommendationAnswer, answer_id(recommendation_id))
    return answer if answer is not None and answer.deleted_at is None else None


def _errors(recommendation: Recommendation, text: str, state: str | None, answered_on: date | None,
            today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = "Напишите, что сделано по рекомендации."
    elif len(text) > MAX_TEXT:
        errors["text"] = f"Ответ не длиннее {MAX_TEXT} символов (сейчас {len(text)})."
    if state not in ANSWER_STATES:
        errors["state"] = "Выберите состояние: " + ", ".join(label.lower() for label in ANSWER_STATES.values()) + "."
    if answered_on is None:
        errors["answered_on"] = "Укажите дату ответа."
    elif not recommendation.issued_on <= answered_on <= today:
        errors["answered_on"] = (f"Дата ответа должна быть не раньше выдачи рекомендации "
                                 f"({format_value(recommendation.issued_on)}) и не позже сегодняшнего дня "
                                 f"({format_value(today)}).")
    return errors


def save_answer(session: Session, files_dir: Path, recommendation_id: str, text: str | None, state: str | None,
                answered_on: date | None, files: list[tuple[Path, str]] = (), today: date | None = None
                ) -> RecommendationAnswer:
    """Write (or rewrite) the school's answer and attach files (path, kind); a wrong field is a ValidationError."""
    recommendation = _recommendation(session, recommendation_id)
    allowed, reason = may_answer(session, recommendation)
    if not allowed:
        raise KuratorError(reason)
    text = (text or "").strip()
    errors = _errors(recommendation, text, state, answered_on, today or date.today())
    if any(kind not in EVIDENCE_KINDS for _path, kind in files):
        errors["files"] = "Вид документа: приказ, протокол, справка, положение или другое."
    if errors:
        raise ValidationError(errors)
    answer = session.get(RecommendationAnswer, answer_id(recommendation_id))
    if answer is None:
        answer = RecommendationAnswer(id=answer_id(recommendation_id), recommendation_id=recommendation_id)
        session.add(answer)
    answer.text, answer.state, answer.answered_on = text, state, answered_on
    answer.deleted_at = None
    session.flush()
    for path, kind in files:
        _attach(session, files_dir, answer, Path(path), kind)
    return answer


def _attach(session: Session, files_dir: Path, answer: RecommendationAnswer, source: Path, kind: str) -> AnswerFile:
    try:
        content = store_file(files_dir, source)
    except KuratorError as error:
        raise ValidationError({"files": error.message}) from None
    same = session.scalar(select(AnswerFile).where(AnswerFile.answer_id == answer.id,
                                                   AnswerFile.sha256 == content.sha256, alive(AnswerFile)))
    if same is not None:
        return same
    record = AnswerFile(answer_id=answer.id, kind=kind, **file_columns(source, content))
    session.add(record)
    session.flush()
    return record


def remove_answer_file(session: Session, file_id: str) -> None:
    """Take a file off an answer (its tombstone travels; the stored content stays for other records)."""
    record = answer_file(session, file_id)
    answer = session.get(RecommendationAnswer, record.answer_id)
    allowed, reason = may_answer(session, _recommendation(session, answer.recommendation_id))
    if not allowed:
        raise KuratorError(reason)
    record.deleted_at = utcnow()
    session.flush()


def answer_file(session: Session, file_id: str) -> AnswerFile:
    """A live answer file (to open it or take it off)."""
    return _live(session, AnswerFile, file_id, "Файл не найден (возможно, уже удалён).")


class RecommendationState(TypedDict):
    """A recommendation of the year to the school, the district's status and the school's answer (if any)."""

    id: str
    text: str
    due_date: date | None
    district_status: str  # code of RECOMMENDATION_STATUSES
    answer_state: str | None  # code of ANSWER_STATES; None: not answered
    answered_on: date | None


def recommendations_to(session: Session, school_id: str, year: int) -> list[RecommendationState]:
    """The year's live recommendations to the school with the school's answer state, in the order they were issued."""
    query = (select(Recommendation, RecommendationAnswer.state, RecommendationAnswer.answered_on)
             .outerjoin(RecommendationAnswer, (RecommendationAnswer.recommendation_id == Recommendation.id)
                        & alive(RecommendationAnswer))
             .where(Recommendation.school_id == school_id, Recommendation.year == year, alive(Recommendation))
             .order_by(Recommendation.issued_on, Recommendation.text))
    return [{"id": r.id, "text": r.text, "due_date": r.due_date, "district_status": r.status, "answer_state": state,
             "answered_on": answered_on} for r, state, answered_on in session.execute(query)]


def waiting_for_answer(items: list[RecommendationState]) -> list[RecommendationState]:
    """Those still to be answered: no answer yet, and not withdrawn by the district."""
    return [item for item in items if item["answer_state"] is None and item["district_status"] != "cancelled"]
