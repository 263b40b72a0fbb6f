"""What an import does beyond the owner rule, on each side of the exchange.

At a school: a district packet marked `handover` brings the school's own records the district kept for it before the
school registered its key. They are taken as the school's records — created where the school has none, never over
a record the school already keeps (that one is held back: the school's version stays), and a clash with a record
the school entered itself (the same passport year…) holds the district's copy back instead of refusing the packet.

At the district: a school's packet is received section by section (`submissions.receiving`): its rows of an accepted
section of a closed year are held back (locked), and the sections its applied rows belong to become «получено»."""

from typing import Any

from sqlalchemy.orm import Session

from app.models import Installation
from app.services.ids import school_id
from app.services.submissions.receiving import locked_sections, record_received, section_year

from .checks import SenderIdentity
from .import_plan import ImportPlan, Row
from .rows import MODELS
from .scope import RowSource, owner_of

KEPT_BY_SCHOOL = "эту запись школа уже ведёт сама: её версия сохраняется"
CLASH_AT_SCHOOL = "у школы уже есть своя такая запись: её версия сохраняется"


def handover_school(installation: Installation, sender: SenderIdentity, manifest: dict[str, Any]) -> str | None:
    """The school a packet hands records over to: this school installation's own, when the packet's signed manifest
    says so and the district's registered key verified it (the only way a district-kept record reaches a school)."""
    if installation.kind != "school" or sender.kind != "district" or manifest.get("handover") is not True:
        return None
    return school_id(installation.school_code)


def school_tables() -> frozenset[str]:
    """The tables a school keeps (its own data): those a handover may bring."""
    return frozenset(table for table, model in MODELS.items() if model.owner_kind in ("school", "by_level"))


def hold_kept_locally(incoming: dict[str, dict[str, Row]], rows: RowSource, local_rows: RowSource,
                      held: dict[str, dict[str, str]], school: str) -> None:
    """Handed-over records the school already keeps, differently: the school's version stays."""
    for table in school_tables():
        for record_id, row in incoming.get(table, {}).items():
            local = local_rows.local(table, record_id)
            if record_id in held[table] or local is None or owner_of(table, row, rows) != ("school", school):
                continue
            if any(_plain(local.get(key)) != _plain(value) for key, value in row.items()):
                held[table][record_id] = KEPT_BY_SCHOOL


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def hold_locked(session: Session, incoming: dict[str, dict[str, Row]], held: dict[str, dict[str, str]], school: str,
                period: Any) -> None:
    """A school's rows of a section the district accepted for a closed year wait until it is opened again."""
    locked = locked_sections(session, school)
    if not locked:
        return
    for table, records in incoming.items():
        for record_id, row in records.items():
            reason = locked.get(section_year(table, row, period))
            if reason and record_id not in held[table]:
                held[table][record_id] = reason


def note_received(session: Session, plan: ImportPlan) -> None:
    """At the district, after a school's packet is applied: its sections are «получено» (packet, signer)."""
    if plan.sender_school is None:
        return
    signed = plan.manifest.get("signed_off_by") or {}
    changed = {t.table: [*t.create, *t.update] for t in plan.tables.values()}
    signer = ", ".join(str(signed[key]) for key in ("name", "position") if signed.get(key)) or None
    record_received(session, plan.sender_school, plan.manifest["period"], changed,
                    plan.manifest["packet_id"], signer)
