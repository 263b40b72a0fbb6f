"""Each school's sections of data for a year and their state — нет данных, получено (when, in which packet, signed by
whom), принято, возвращено на доработку (with the comment) — and the methodologist's decisions on them.

A section's state is its `Submission` record when there is one: written when a school's packet brings the section,
and when the district accepts it, returns it or opens it again. Without one, a section whose records are here is
«получено» (entered here — the district keeps that school's data, or it came before such records were kept), else
«нет данных»; in a school's own database its records without a Submission are «нет данных» for the district yet. An accepted section of a closed year (`ProgramYear.closed_at`) is locked: later packets do not change
it until the district opens it again. Submission records travel to the school, so its checklist shows the same."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import current_user
from app.errors import KuratorError, ValidationError
from app.models import ProgramYear, School, Submission, alive, utcnow
from app.models.reference import SUBMISSION_SECTIONS, SUBMISSION_STATES
from app.services.records.ownership import DISTRICT_KEEPS, current_scope, key_registered
from app.services.submissions.sections import BY_CODE, SECTIONS, held

ENTERED_HERE = "внесено здесь"
NOT_AT_DISTRICT_YET = "район ещё не получил"


class SectionStateJson(TypedDict):
    state: str
    label: str
    received_at: str | None
    packet_id: str | None
    signed_off_by: str | None
    source: str | None
    comment: str | None
    decided_at: str | None
    locked: bool


@dataclass(frozen=True)
class SectionState:
    """One section of one school for a year: its state (`SUBMISSION_STATES`) and what stands behind it.

    `source`: "packet" (a school's packet brought it: `packet_id`, `signed_off_by`), "entered" (its records were
    entered or imported here), None (no data). `has_data`: records of the section are in this database (at a school:
    its own, whether or not the district has them yet)."""

    section: str
    state: str
    has_data: bool
    received_at: datetime | None = None
    packet_id: str | None = None
    signed_off_by: str | None = None
    source: str | None = None
    comment: str | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    locked: bool = False

    @property
    def title(self) -> str:
        return SUBMISSION_SECTIONS[self.section]

    @property
    def label(self) -> str:
        """The state's name; at a school, a section entered but not yet at the district is not «нет данных»."""
        return NOT_AT_DISTRICT_YET if self.state == "missing" and self.has_data else SUBMISSION_STATES[self.state]

    def describe(self) -> str:
        """The state in a sentence: «получено 12.02.2023; подписал …», «возвращено на доработку; комментарий: …»."""
        when = f" {self.received_at:%d.%m.%Y}" if self.received_at and self.state == "received" else ""
        return "; ".join([self.label + when, *self.details()])

    def details(self) -> list[str]:
        """What stands behind the state, beyond its label: where it came from, who signed, the comment, the lock."""
        if self.state == "missing":
            return ["данные внесены, их отвезёт следующий пакет"] if self.has_data else []
        parts = [ENTERED_HERE] if self.source == "entered" else []
        if self.signed_off_by:
            parts.append(f"подписал {self.signed_off_by}")
        if self.comment and self.state == "returned":
            parts.append(f"комментарий: {self.comment}")
        if self.locked:
            parts.append("год закрыт, раздел закреплён")
        return parts

    def to_json(self) -> SectionStateJson:
        iso = (lambda value: value.isoformat(timespec="seconds") if value else None)
        return {"state": self.state, "label": self.label, "received_at": iso(self.received_at),
                "packet_id": self.packet_id, "signed_off_by": self.signed_off_by, "source": self.source,
                "comment": self.comment, "decided_at": iso(self.decided_at), "locked": self.locked}


class SchoolRowJson(TypedDict):
    school_code: str
    school: str
    keeper: str
    sections: dict[str, SectionStateJson]


@dataclass(frozen=True)
class SchoolSubmissions:
    """One school's row of the submissions table: who keeps its data (`registered`: the school — its key is registered
    here, or this is the school's own installation), and its sections in order."""

    school_id: str
    code: str
    name: str
    registered: bool
    sections: tuple[SectionState, ...]

    def to_json(self) -> SchoolRowJson:
        return {"school_code": self.code, "school": self.name, "keeper": "школа" if self.registered else "район",
                "sections": {state.section: state.to_json() for state in self.sections}}


def closed_years(session: Session) -> set[int]:
    return set(session.scalars(select(ProgramYear.year).where(ProgramYear.closed_at.is_not(None))))


def _state(section: str, stored: Submission | None, since: datetime | None, closed: bool,
           at_school: bool) -> SectionState:
    if stored is not None:
        source = "packet" if stored.packet_id else None if at_school else "entered"  # at a school: the district's word
        return SectionState(section, stored.state, since is not None, stored.received_at, stored.packet_id,
                            stored.signed_off_by, source, stored.comment,
                            stored.decided_at, stored.decided_by, closed and stored.state == "accepted")
    if since is None:
        return SectionState(section, "missing", False)
    if at_school:  # the school's own records, which the district has not confirmed receiving
        return SectionState(section, "missing", True)
    return SectionState(section, "received", True, since, source="entered")


def submissions_table(session: Session, year: int, school: str | None = None) -> list[SchoolSubmissions]:
    """Every live school (or one) × section for the year, with its state; schools by name."""
    schools = select(School.id, School.code, School.short_name, School.name, key_registered(School.code)).where(
        alive(School)).order_by(School.name)
    if school is not None:
        schools = schools.where(School.id == school)
    stored = {(s.school_id, s.section): s for s in session.scalars(select(Submission).where(
        Submission.year == year, alive(Submission)))}
    present = {section.code: held(session, section, year, school) for section in SECTIONS}
    closed = year in closed_years(session)
    at_school = _at_school(session)
    return [SchoolSubmissions(school_id, code, short or name, registered or at_school, tuple(
        _state(section.code, stored.get((school_id, section.code)), present[section.code].get(school_id), closed,
               at_school) for section in SECTIONS))
        for school_id, code, short, name, registered in session.execute(schools)]


def _at_school(session: Session) -> bool:
    scope = current_scope(session)
    return scope is not None and scope.is_school


def school_sections(session: Session, school: str, year: int) -> list[SectionState]:
    """The sections of one school for a year, in order (the school's checklist shows these: a returned section
    with the district's comment)."""
    rows = submissions_table(session, year, school)
    return list(rows[0].sections) if rows else [SectionState(section.code, "missing", False) for section in SECTIONS]


def states_summary(sections: Iterable[SectionState]) -> tuple[str, dict[str, int]]:
    """How many sections are in each state, said in order («нет данных — 3, получено — 0, …»), and the counts."""
    counts = dict.fromkeys(SUBMISSION_STATES, 0)
    for section in sections:
        counts[section.state] += 1
    return ", ".join(f"{label} — {counts[code]}" for code, label in SUBMISSION_STATES.items()), counts


def own_sections(session: Session, year: int) -> list[SectionState]:
    """A school installation's checklist for the year: its sections as the district's packets last said them."""
    scope = current_scope(session)
    if scope is None or not scope.is_school:
        raise KuratorError("Перечень разделов для района ведёт школа; в районе — страница «Приём данных».")
    return school_sections(session, scope.school_id, year)


# decisions ---------------------------------------------------------------------------------------------------------
def _stored(session: Session, school: str, year: int, section: str) -> Submission | None:
    return session.scalars(select(Submission).where(Submission.school_id == school, Submission.year == year,
                                                    Submission.section == section)).first()


def _school(session: Session, code: str) -> School:
    school = session.scalars(select(School).where(School.code == code.strip(), alive(School))).first()
    if school is None:
        raise KuratorError(f"Школы с кодом {code} нет в реестре.")
    return school


def _checked(session: Session, code: str, section: str, year: int) -> tuple[School, SectionState]:
    scope = current_scope(session)
    if scope is None or scope.is_school:
        raise KuratorError(DISTRICT_KEEPS)
    if section not in BY_CODE:
        raise ValidationError({"section": "Раздел: " + ", ".join(f"{code} — {title.lower()}"
                                                                 for code, title in SUBMISSION_SECTIONS.items()) + "."})
    school = _school(session, code)
    return school, next(s for s in school_sections(session, school.id, year) if s.section == section)


def _record(session: Session, school: School, year: int, state: SectionState) -> Submission:
    record = _stored(session, school.id, year, state.section)
    if record is None:
        record = Submission(school_id=school.id, year=year, section=state.section, state=state.state,
                            received_at=state.received_at)
        session.add(record)
    record.deleted_at = None
    return record


def _decide(session: Session, school: School, year: int, state: SectionState, new_state: str,
            comment: str | None) -> Submission:
    record = _record(session, school, year, state)
    record.state, record.comment = new_state, comment
    record.decided_at, record.decided_by = utcnow(), session.info.get("user") or current_user()
    session.flush()
    return record


def accept(session: Session, code: str, section: str, year: int) -> Submission:
    """Accept a school's section for the year (it must have been received)."""
    school, state = _checked(session, code, section, year)
    if state.state == "missing":
        raise KuratorError(f"Принимать нечего: раздела «{state.title}» школы {code} за {year} год нет.")
    if state.state == "accepted":
        raise KuratorError(f"Раздел «{state.title}» школы {code} за {year} год уже принят.")
    return _decide(session, school, year, state, "accepted", None)


def return_section(session: Session, code: str, section: str, year: int, comment: str | None) -> Submission:
    """Return a section to the school for correction, with the comment it will see in the next district packet."""
    school, state = _checked(session, code, section, year)
    if not (comment or "").strip():
        raise ValidationError({"comment": "Напишите школе, что исправить: комментарий обязателен."})
    if state.state == "missing":
        raise KuratorError(f"Возвращать нечего: раздела «{state.title}» школы {code} за {year} год нет.")
    return _decide(session, school, year, state, "returned", comment.strip())


def reopen(session: Session, code: str, section: str, year: int) -> Submission:
    """Open an accepted section again: packets may change it, and it waits for a decision as «получено»."""
    school, state = _checked(session, code, section, year)
    if state.state != "accepted":
        raise KuratorError(f"Раздел «{state.title}» школы {code} за {year} год не принят: открывать заново нечего.")
    return _decide(session, school, year, state, "received", None)
