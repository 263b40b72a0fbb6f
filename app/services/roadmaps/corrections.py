"""Corrections of an approved roadmap, kept as versions with their basis.

Version 1 is the roadmap as approved («УТВЕРЖДЕНА приказом …»). After approval every edit belongs to an open
correction (date, basis, author): `ChangeLog` records what each edit changed (added, removed, moved, renumbered,
deadline moved, text changed) and keeps the correction's snapshot — the roadmap as that version reads — up to date,
so any version can be shown and exported later. Before approval the roadmap is a draft: edits are not logged.
A moved deadline is re-planned from the correction's date on (`plans.replan_event`): occurrences that fell due
before it stay judged against the deadline then in force.
"""

import json
import re
from datetime import date
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit import current_user
from app.errors import KuratorError, ValidationError
from app.models import Roadmap, RoadmapChange, RoadmapCorrection, alive, utcnow
from app.models.reference import CHANGE_KINDS
from app.services.roadmaps.plans import get_roadmap, require_keeper
from app.services.roadmaps.versions import roadmap_snapshot

BASIS_LIMIT = 400
NEEDS_CORRECTION = ("Дорожная карта утверждена{order}: изменения в неё вносятся корректировкой. Начните корректировку "
                    "и укажите её основание (например, «приказ УО № 112 от 14.03.2023»).")


def by_order(basis: str) -> str:
    """«приказ УО № 112 от 14.03.2023» → «приказом УО № 112 от 14.03.2023», as «перенесён …», «утверждена …» say it."""
    text = basis.strip()
    return "приказом " + text[len("приказ "):] if text.lower().startswith("приказ ") else text


def approval_phrase(order: str, on: date | None) -> str:
    """«приказом УО № 5 от 20.01.2023» from the order as written and its date (added when the text has none)."""
    phrase = by_order(order)
    if on is None or re.search(r"\bот\s+\d", phrase):
        return phrase
    return f"{phrase} от {on:%d.%m.%Y}".strip()


def moved_phrase(basis: str) -> str:
    """How the analysis states a moved deadline."""
    phrase = by_order(basis)
    return f"срок перенесён {phrase}" if phrase.startswith("приказом ") else f"срок перенесён (основание: {phrase})"


def _corrections(session: Session, roadmap_id: str) -> list[RoadmapCorrection]:
    return list(session.scalars(select(RoadmapCorrection).where(
        RoadmapCorrection.roadmap_id == roadmap_id, alive(RoadmapCorrection)).order_by(RoadmapCorrection.version)))


def open_correction_of(session: Session, roadmap_id: str) -> RoadmapCorrection | None:
    """The correction edits now join, if one is open."""
    return session.scalar(select(RoadmapCorrection).where(
        RoadmapCorrection.roadmap_id == roadmap_id, RoadmapCorrection.closed_at.is_(None), alive(RoadmapCorrection)))


def current_version(session: Session, roadmap_id: str) -> int:
    """The number of the roadmap's latest version (1 for a roadmap as approved, and for a draft)."""
    return session.scalar(select(func.max(RoadmapCorrection.version)).where(
        RoadmapCorrection.roadmap_id == roadmap_id, alive(RoadmapCorrection))) or 1


def _check_basis(basis: str, on: date, since: date | None, field: str = "basis") -> dict[str, str]:
    errors: dict[str, str] = {}
    if not basis.strip():
        errors[field] = "Укажите основание: приказ или протокол (например, «приказ УО № 112 от 14.03.2023»)."
    elif len(basis) > BASIS_LIMIT:
        errors[field] = f"Основание длиннее {BASIS_LIMIT} символов."
    if on > date.today():
        errors["date"] = "Дата не может быть в будущем."
    elif since is not None and on < since:
        errors["date"] = f"Дата не может быть раньше утверждения дорожной карты ({since:%d.%m.%Y})."
    return errors


def approve_roadmap(session: Session, roadmap_id: str, order: str, approved_on: date) -> RoadmapCorrection:
    """Approve a draft roadmap by an order: version 1 is fixed as it reads now; later edits need a correction."""
    roadmap = get_roadmap(session, roadmap_id)
    require_keeper(session, roadmap)
    if roadmap.approved_on is not None:
        raise KuratorError(f"Дорожная карта уже утверждена {roadmap.approved_on:%d.%m.%Y}: вносите корректировку.")
    errors = _check_basis(order, approved_on, None, "order")
    if errors:
        raise ValidationError(errors)
    roadmap.approved_by, roadmap.approved_on = order.strip(), approved_on
    version = RoadmapCorrection(roadmap_id=roadmap.id, version=1, corrected_on=approved_on, basis=order.strip(),
                                author=_author(session), closed_at=utcnow(), origin=roadmap.origin,
                                snapshot=json.dumps(roadmap_snapshot(session, roadmap), ensure_ascii=False))
    session.add(version)
    session.flush()
    return version


def open_correction(session: Session, roadmap_id: str, basis: str, corrected_on: date | None = None,
                    author: str | None = None) -> RoadmapCorrection:
    """Start a correction that the following edits belong to (an open one is closed first)."""
    roadmap = get_roadmap(session, roadmap_id)
    require_keeper(session, roadmap)
    if roadmap.approved_on is None:
        raise KuratorError("Дорожная карта ещё не утверждена: её можно изменять без корректировки. "
                           "Корректировка вносится в утверждённую дорожную карту.")
    corrected_on = corrected_on or date.today()
    errors = _check_basis(basis, corrected_on, roadmap.approved_on)
    if errors:
        raise ValidationError(errors)
    close_correction(session, roadmap_id)
    correction = RoadmapCorrection(
        roadmap_id=roadmap.id, version=current_version(session, roadmap.id) + 1, corrected_on=corrected_on,
        basis=basis.strip(), author=(author or _author(session))[:200], origin=roadmap.origin,
        snapshot=json.dumps(roadmap_snapshot(session, roadmap), ensure_ascii=False))
    session.add(correction)
    session.flush()
    return correction


def close_correction(session: Session, roadmap_id: str) -> RoadmapCorrection | None:
    """Close the open correction (its version is final); the closed one, or None when none was open."""
    correction = open_correction_of(session, roadmap_id)
    if correction is not None:
        correction.closed_at = utcnow()
        session.flush()
    return correction


def _author(session: Session) -> str:
    return session.info.get("user") or current_user()


class ChangeLog:
    """What one edit changes, recorded in the open correction of an approved roadmap (nothing for a draft)."""

    def __init__(self, session: Session, roadmap: Roadmap):
        require_keeper(session, roadmap)
        self.session, self.roadmap = session, roadmap
        self.correction = open_correction_of(session, roadmap.id) if roadmap.approved_on else None
        if roadmap.approved_on is not None and self.correction is None:
            order = f" ({roadmap.approved_by})" if roadmap.approved_by else ""
            raise KuratorError(NEEDS_CORRECTION.format(order=order))
        self.seq = self._last_seq()

    @property
    def since(self) -> date | None:
        """From when a changed deadline is in force: the correction's date (None for a draft: from the start)."""
        return self.correction.corrected_on if self.correction else None

    def _last_seq(self) -> int:
        if self.correction is None:
            return 0
        return self.session.scalar(select(func.max(RoadmapChange.seq)).where(
            RoadmapChange.correction_id == self.correction.id)) or 0

    def note(self, target: str, record_id: str, label: str, kind: str, field: str | None = None,
             before: str | None = None, after: str | None = None) -> None:
        if self.correction is None:
            return
        self.seq += 1
        self.session.add(RoadmapChange(correction_id=self.correction.id, seq=self.seq, target=target,
                                       record_id=record_id, label=label[:2000], kind=kind, field=field,
                                       before=before, after=after, origin=self.roadmap.origin))

    def finish(self) -> None:
        """Keep the correction's snapshot equal to the roadmap as it now reads; the roadmap's loaded lists of events
        and sections are read again next time (they may have gained or reordered rows)."""
        self.session.flush()
        self.session.expire(self.roadmap, ["events", "sections"])
        if self.correction is not None:
            self.correction.snapshot = json.dumps(roadmap_snapshot(self.session, self.roadmap), ensure_ascii=False)
            self.session.flush()


class ChangeJson(TypedDict):
    target: str
    record_id: str
    label: str
    kind: str
    kind_label: str
    field: str | None
    before: str | None
    after: str | None


class VersionJson(TypedDict):
    """One version in `roadmap history --json`: 1 is the approval, later ones are corrections."""

    version: int
    date: str
    basis: str
    author: str
    open: bool
    changes: list[ChangeJson]


class RoadmapHistory(TypedDict):
    roadmap_id: str
    title: str
    approved_by: str | None
    approved_on: str | None
    current_version: int
    versions: list[VersionJson]


def roadmap_history(session: Session, roadmap_id: str) -> RoadmapHistory:
    """Every version with its date, basis, author and the list of what it changed."""
    roadmap = get_roadmap(session, roadmap_id)
    corrections = _corrections(session, roadmap_id)
    changes: dict[str, list[ChangeJson]] = {c.id: [] for c in corrections}
    query = (select(RoadmapChange).where(RoadmapChange.correction_id.in_(list(changes)), alive(RoadmapChange))
             .order_by(RoadmapChange.seq))
    for change in session.scalars(query):
        changes[change.correction_id].append({
            "target": change.target, "record_id": change.record_id, "label": change.label, "kind": change.kind,
            "kind_label": CHANGE_KINDS[change.kind], "field": change.field, "before": change.before,
            "after": change.after})
    return {
        "roadmap_id": roadmap.id, "title": roadmap.title, "approved_by": roadmap.approved_by,
        "approved_on": roadmap.approved_on.isoformat() if roadmap.approved_on else None,
        "current_version": current_version(session, roadmap_id),
        "versions": [{"version": c.version, "date": c.corrected_on.isoformat(), "basis": c.basis,
                      "author": c.author or "", "open": c.closed_at is None, "changes": changes[c.id]}
                     for c in corrections],
    }


def version_snapshot(session: Session, roadmap_id: str, version: int | None) -> dict:
    """The roadmap as version `version` reads (the live roadmap when None)."""
    roadmap = get_roadmap(session, roadmap_id)
    if version is None:
        snapshot = dict(roadmap_snapshot(session, roadmap))
        latest = session.scalar(select(RoadmapCorrection).where(
            RoadmapCorrection.roadmap_id == roadmap_id, alive(RoadmapCorrection))
            .order_by(RoadmapCorrection.version.desc()).limit(1))
        if latest is not None:
            snapshot["version"] = {"number": latest.version, "date": latest.corrected_on.isoformat(),
                                   "basis": latest.basis}
        return snapshot
    stored = session.scalar(select(RoadmapCorrection).where(
        RoadmapCorrection.roadmap_id == roadmap_id, RoadmapCorrection.version == version, alive(RoadmapCorrection)))
    if stored is None:
        last = current_version(session, roadmap_id)
        raise KuratorError(f"У дорожной карты нет версии {version}: версии 1–{last}." if roadmap.approved_on else
                           "Дорожная карта ещё не утверждена: у неё нет сохранённых версий.")
    snapshot = json.loads(stored.snapshot)
    snapshot["version"] = {"number": version, "date": stored.corrected_on.isoformat(), "basis": stored.basis}
    return snapshot


class MovedDeadline(TypedDict):
    """A deadline a correction moved, as the analysis states it: «срок перенесён приказом …»."""

    event_id: str
    label: str
    before: str
    after: str
    basis: str
    date: str


def moved_deadlines(session: Session, roadmap_id: str, event_id: str | None = None) -> list[MovedDeadline]:
    """Every deadline moved by a correction (of one event, when given), oldest first."""
    query = (select(RoadmapChange, RoadmapCorrection)
             .join(RoadmapCorrection, RoadmapCorrection.id == RoadmapChange.correction_id)
             .where(RoadmapCorrection.roadmap_id == roadmap_id, RoadmapChange.kind == "deadline",
                    alive(RoadmapChange), alive(RoadmapCorrection))
             .order_by(RoadmapCorrection.version, RoadmapChange.seq))
    if event_id is not None:
        query = query.where(RoadmapChange.record_id == event_id)
    return [{"event_id": change.record_id, "label": change.label, "before": change.before or "",
             "after": change.after or "", "basis": correction.basis, "date": correction.corrected_on.isoformat()}
            for change, correction in session.execute(query)]
