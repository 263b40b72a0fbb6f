"""Who owns a record (DESIGN.md «Data rules»), decided from the table's `owner_kind` and the record's school.

Owners are ("district",), ("school", school_id) or ("origin", installation_id). A school-owned child row
(a teacher's position, an enrolment…) belongs to the school of its teacher; a roadmap's sections, events,
occurrences and evidence belong to whoever owns the roadmap: the district for a municipal one, the school for
a school-level one; a risk profile's levels and programs, and a program's measures and indicators, belong to the
school of the profile; an answer to a recommendation (and its files) belongs to the school the recommendation is
addressed to. Parents are looked up first among the packet's records, then in the database.
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .rows import MODELS

Owner = tuple[str, ...]
UNKNOWN: Owner = ("unknown",)
DISTRICT: Owner = ("district",)

# table → (column holding the parent's id, parent table): follow until the row that carries the scope.
PARENT_HOPS: dict[str, tuple[str, str]] = {
    "teacher_position": ("teacher_id", "teacher"), "teacher_subject": ("teacher_id", "teacher"),
    "diagnostic": ("teacher_id", "teacher"), "individual_route": ("teacher_id", "teacher"),
    "enrollment": ("teacher_id", "teacher"), "external_course": ("teacher_id", "teacher"),
    "recommendation_answer": ("recommendation_id", "recommendation"), "answer_file": ("answer_id", "recommendation_answer"),
    "roadmap_section": ("roadmap_id", "roadmap"), "roadmap_event": ("roadmap_id", "roadmap"),
    "event_occurrence": ("event_id", "roadmap_event"), "evidence": ("event_id", "roadmap_event"),
    "roadmap_event_school": ("event_id", "roadmap_event"), "roadmap_correction": ("roadmap_id", "roadmap"),
    "roadmap_change": ("correction_id", "roadmap_correction"),
    "risk_level": ("profile_id", "risk_profile"), "risk_program": ("profile_id", "risk_profile"),
    "risk_measure": ("program_id", "risk_program"), "risk_indicator": ("program_id", "risk_program"),
}
CHUNK = 500


class RowSource:
    """Rows by table and id: the packet's first, then the database's (fetched in chunks and cached)."""

    def __init__(self, session: Session, packet: dict[str, dict[str, dict[str, Any]]] | None = None):
        self._session = session
        self._packet = packet or {}
        self._db: dict[str, dict[str, dict[str, Any] | None]] = {}

    def get(self, table: str, record_id: Any) -> dict[str, Any] | None:
        found = self._packet.get(table, {}).get(record_id)
        return found if found is not None else self.local(table, record_id)

    def local(self, table: str, record_id: Any) -> dict[str, Any] | None:
        cache = self._db.setdefault(table, {})
        if record_id not in cache:
            self.prefetch(table, [record_id])
        return cache.get(record_id)

    def prefetch(self, table: str, ids: list[Any]) -> None:
        """Load the database rows of `ids` (absent ones are remembered as absent)."""
        cache = self._db.setdefault(table, {})
        wanted = [i for i in dict.fromkeys(ids) if i not in cache and isinstance(i, str)]
        sql_table = MODELS[table].__table__
        for start in range(0, len(wanted), CHUNK):
            part = wanted[start:start + CHUNK]
            cache.update(dict.fromkeys(part))
            for row in self._session.execute(select(sql_table).where(sql_table.c.id.in_(part))).mappings():
                cache[row["id"]] = dict(row)
        for record_id in ids:
            cache.setdefault(record_id, None)


def owner_of(table: str, row: dict[str, Any], rows: RowSource) -> Owner:
    """The owner of a record; UNKNOWN when a parent it depends on is nowhere to be found."""
    kind = MODELS[table].owner_kind
    if kind == "district":
        return DISTRICT
    if kind == "origin":
        return ("origin", row.get("origin"))
    scope_row = _scope_row(table, row, rows)
    if scope_row is None:
        return UNKNOWN
    if kind == "by_level" and scope_row.get("level") != "school":
        return DISTRICT
    return ("school", scope_row.get("school_id"))


def _scope_row(table: str, row: dict[str, Any] | None, rows: RowSource) -> dict[str, Any] | None:
    while table in PARENT_HOPS and row is not None:
        column, table = PARENT_HOPS[table]
        row = rows.get(table, row.get(column))
    return row


def sender_may_own(sender_kind: str, sender_school_id: str | None, sender_installation_id: str,
                   handed_over: str | None = None) -> Callable[[Owner], bool]:
    """The owner rule: a school sends only its own school's records, a district only district-owned ones;
    either may send the practices it created; a district's handover also brings the records it kept for the
    receiving school (`handed_over`) before that school registered its key."""
    allowed = {("origin", sender_installation_id)}
    allowed.add(("school", sender_school_id) if sender_kind == "school" else DISTRICT)
    if handed_over is not None:
        allowed.add(("school", handed_over))
    return lambda owner: owner in allowed
