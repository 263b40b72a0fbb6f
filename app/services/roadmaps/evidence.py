"""Evidence files (приказ, протокол, справка) of roadmap events: attached (the content kept by `file_store`), listed,
removed. Attaching the same file twice to the same occurrence gives back the record already there."""

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import EventOccurrence, Evidence, RoadmapEvent, alive, utcnow
from app.models.reference import EVIDENCE_KINDS
from app.services.file_store import file_columns, store_file
from app.services.roadmaps.plans import require_keeper


def attach_evidence(session: Session, files_dir: Path, event_id: str, occurrence_id: str | None, source_path: Path,
                    kind: str = "other", title: str | None = None) -> Evidence:
    """Copy a file into the data folder and record it as evidence of an event (or one of its occurrences)."""
    source = Path(source_path)
    event = session.get(RoadmapEvent, event_id)
    if event is None or event.deleted_at is not None:
        raise KuratorError("Мероприятие не найдено (возможно, удалено).")
    require_keeper(session, event.roadmap)
    if occurrence_id is not None:
        occurrence = session.get(EventOccurrence, occurrence_id)
        if occurrence is None or occurrence.event_id != event_id:
            raise KuratorError("Срок мероприятия не найден (возможно, удалён).")
    if kind not in EVIDENCE_KINDS:
        raise KuratorError("Вид документа: приказ, протокол, справка, положение или другое.")
    content = store_file(files_dir, source)
    same = session.scalar(select(Evidence).where(
        Evidence.event_id == event_id, Evidence.occurrence_id.is_not_distinct_from(occurrence_id),
        Evidence.sha256 == content.sha256, alive(Evidence)))
    if same is not None:
        return same
    evidence = Evidence(event_id=event_id, occurrence_id=occurrence_id, kind=kind,
                        **file_columns(source, content, title))
    session.add(evidence)
    session.flush()
    return evidence


def list_evidence(session: Session, event_id: str) -> list[Evidence]:
    """The event's live evidence, oldest first."""
    return list(session.scalars(select(Evidence).where(Evidence.event_id == event_id, alive(Evidence))
                                .order_by(Evidence.created_at)))


def remove_evidence(session: Session, evidence_id: str) -> None:
    """Mark evidence deleted (the tombstone travels in packets); the stored file stays for other records."""
    evidence = session.get(Evidence, evidence_id)
    if evidence is None or evidence.deleted_at is not None:
        raise KuratorError("Документ не найден (возможно, уже удалён).")
    evidence.deleted_at = utcnow()
    session.flush()
