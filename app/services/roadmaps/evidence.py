"""Evidence files (приказ, протокол, справка): copied into the data folder under their SHA-256, listed, removed.

Files are stored by content (`evidence/<sha256[:2]>/<sha256><suffix>`), so the same file attached twice takes
disk space once; attaching it twice to the same occurrence gives back the record already there.
"""

import hashlib
import os
import re
import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import make_private_folder
from app.errors import KuratorError
from app.models import EventOccurrence, Evidence, RoadmapEvent, alive, utcnow
from app.models.reference import EVIDENCE_KINDS
from app.services.roadmaps.plans import require_keeper

MAX_BYTES = 100 * 1024 * 1024
CHUNK = 1024 * 1024
SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")
NAME_LIMIT = 400


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    return suffix if SAFE_SUFFIX.fullmatch(suffix) else ""


def _check_source(source: Path) -> int:
    if not source.is_file():
        raise KuratorError(f"Файл не найден: {source.name or source}. Выберите существующий файл.")
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise KuratorError(f"Файл «{source.name}» слишком большой ({size / 1024 / 1024:.0f} МБ): "
                           f"можно прикрепить файл не больше {MAX_BYTES // 1024 // 1024} МБ.")
    return size


def _copy_hashed(source: Path, store: Path) -> tuple[str, Path]:
    """Copy `source` into a temporary file inside `store` while hashing it; returns (sha256, temporary file)."""
    digest, size = hashlib.sha256(), 0
    store.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=store, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, source.open("rb") as src:
            while chunk := src.read(CHUNK):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise KuratorError(f"Файл «{source.name}» больше {MAX_BYTES // 1024 // 1024} МБ.")
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return digest.hexdigest(), Path(temp)


def evidence_path(files_dir: Path, evidence: Evidence) -> Path:
    """Where an evidence file is kept in the data folder."""
    return Path(files_dir) / "evidence" / evidence.sha256[:2] / evidence.stored_name


def _store(files_dir: Path, source: Path) -> tuple[str, str, int]:
    """Put the file's content into the store once; returns (sha256, stored name, size)."""
    store = make_private_folder(Path(files_dir)) / "evidence"
    sha256, temp = _copy_hashed(source, store)
    size = temp.stat().st_size
    stored_name = sha256 + _suffix(source)
    target = store / sha256[:2] / stored_name
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and target.stat().st_size == size:
        temp.unlink()
    else:
        os.replace(temp, target)
    return sha256, stored_name, size


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
    _check_source(source)
    sha256, stored_name, size = _store(files_dir, source)
    same = session.scalar(select(Evidence).where(
        Evidence.event_id == event_id, Evidence.occurrence_id.is_not_distinct_from(occurrence_id),
        Evidence.sha256 == sha256, alive(Evidence)))
    if same is not None:
        return same
    evidence = Evidence(event_id=event_id, occurrence_id=occurrence_id, kind=kind,
                        title=(title or source.stem)[:NAME_LIMIT], file_name=source.name[:NAME_LIMIT],
                        stored_name=stored_name, sha256=sha256, size_bytes=size)
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
