"""The review of last year's statuses proposed for a new year: each is kept, changed to another status or dropped,
always with its basis (a decision, an order, the selection's figures). Keeping or changing makes the status of the
new year; a decision taken again replaces the earlier one."""

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import current_user
from app.errors import KuratorError, ValidationError
from app.models import School, StatusProposal, alive
from app.models.reference import SCHOOL_STATUSES, STATUS_DECISIONS
from app.services.records import create, get_entity, soft_delete
from app.services.records.ownership import can_edit

PENDING = "ждёт решения"


@dataclass(frozen=True)
class ProposalRow:
    """A proposed status with its school and the decision so far (None: not reviewed)."""

    id: str
    school_id: str
    school_code: str
    school: str
    status: str
    source_year: int
    source_basis: str | None
    decision: str | None
    new_status: str | None
    basis: str | None
    decided_on: date | None

    @property
    def outcome(self) -> str:
        """The decision in Russian: «ждёт решения», «Оставлен», «Изменён → ШНСУ», «Снят»."""
        if self.decision is None:
            return PENDING
        label = STATUS_DECISIONS[self.decision]
        return f"{label} → {SCHOOL_STATUSES[self.new_status]}" if self.decision == "changed" else label

    def to_json(self) -> dict[str, Any]:
        """`kurator year proposals Y --json`: the fields as they are, the decision's date in ISO."""
        return {**asdict(self), "decided_on": self.decided_on.isoformat() if self.decided_on else None}


def list_proposals(session: Session, year: int) -> list[ProposalRow]:
    """The statuses proposed for `year`, school by school."""
    query = (select(StatusProposal, School).join(School, School.id == StatusProposal.school_id)
             .where(StatusProposal.year == year, alive(School))
             .order_by(School.name, StatusProposal.status))
    return [ProposalRow(p.id, school.id, school.code, school.short_name or school.name, p.status, p.source_year,
                        p.source_basis, p.decision, p.new_status, p.basis, p.decided_on)
            for p, school in session.execute(query)]


def find_proposal(session: Session, year: int, school_code: str, status: str) -> StatusProposal:
    found = session.scalars(select(StatusProposal).join(School, School.id == StatusProposal.school_id).where(
        StatusProposal.year == year, School.code == school_code, StatusProposal.status == status)).first()
    if found is None:
        label = SCHOOL_STATUSES.get(status, status)
        raise KuratorError(f"Статус «{label}» школы {school_code} не предлагался на {year} год "
                           "(см. kurator year proposals).")
    return found


def _checked(proposal: StatusProposal, decision: str, basis: str | None, new_status: str | None) -> str:
    errors: dict[str, str] = {}
    if decision not in STATUS_DECISIONS:
        errors["decision"] = "Решение: оставить, изменить или снять."
    if not (basis or "").strip():
        errors["basis"] = "Укажите основание решения: приказ, протокол, результаты отбора."
    if decision == "changed" and new_status not in SCHOOL_STATUSES:
        errors["new_status"] = "Выберите новый статус."
    elif decision == "changed" and new_status == proposal.status:
        errors["new_status"] = "Новый статус совпадает с прежним: выберите «Оставить»."
    if errors:
        raise ValidationError(errors)
    return basis.strip()


def decide(session: Session, proposal_id: str, decision: str, basis: str | None,
           new_status: str | None = None) -> StatusProposal:
    """Keep, change or drop a proposed status with its basis; the status of the new year follows the decision."""
    proposal = session.get(StatusProposal, proposal_id)
    if proposal is None:
        raise KuratorError("Предложение не найдено: возможно, год начат заново.")
    allowed, reason = can_edit(session, get_entity("school_status"))
    if not allowed:
        raise KuratorError(reason)
    basis = _checked(proposal, decision, basis, new_status)
    if proposal.status_id is not None:
        soft_delete(session, "school_status", proposal.status_id)
    made = None
    if decision != "dropped":
        status = new_status if decision == "changed" else proposal.status
        try:
            made = create(session, "school_status", {"school_id": proposal.school_id, "year": proposal.year,
                                                     "status": status, "decided_on": date.today(), "basis": basis})
        except ValidationError as error:
            raise ValidationError({"new_status": next(iter(error.errors.values()))}) from None
    proposal.decision, proposal.new_status = decision, new_status if decision == "changed" else None
    proposal.basis, proposal.decided_on = basis, date.today()
    proposal.decided_by = session.info.get("user") or current_user()
    proposal.status_id = made.id if made else None
    session.flush()
    return proposal
