"""Sign-off and export: what a packet will carry (`plan_export`), then the signed file (`write_export`).

A district's packet also carries its summary of the school's year (`district_summary`: ИСБ, result index, group,
district averages, decisions), computed afresh for each packet because it compares the school with all the others.
A school's packet names the sections its signer declared unfinished (`declared_incomplete`, from the sign-off
checklist of the period), so the district sees what is still to come.

Scope. A school sends its own school's school-owned records (child rows through their teacher), its school
roadmaps with sections, events, occurrences and evidence, its risk profiles with their levels, programs, measures and
indicators of success, its answers to the recommendations addressed to it (with their files), and the practices it
created. A district sends one school its register record (and those of its partner schools and of the hosts of its
events) and statuses, the district record, the course catalogue, the risk factors, the indicators and their targets,
the municipal roadmap with sections and events, that school's partnerships, the methodological events it took part
in with its participation, its recommendations, support actions and curators, the states of its submitted data
(accepted, returned with a comment), plus the practices the district created (general or for that school). To a
school that has registered its key, the district's packets also hand over the school's own records the district
entered while it kept them, until the school has applied such a packet.

Incremental by default: rows whose `updated_at` is after the moment the last packet the peer acknowledged was
planned (a peer acknowledges a packet by naming its sequence in `acknowledges` of its own next packet).
Tombstones (`deleted_at`) travel like any change. The files the records refer to (evidence, answer files) travel
with them within the limits of `attachments`; a record whose file does not fit waits for the next packet (its
`updated_at` is moved to the signing, so the next packet carries it again).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypedDict

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db import head_revision
from app.errors import KuratorError, ValidationError
from app.models import (
    SYNCED_MODELS,
    Installation,
    MethodEvent,
    PacketLog,
    Participation,
    Partnership,
    Peer,
    Recommendation,
    RecommendationAnswer,
    RiskProfile,
    RiskProgram,
    Roadmap,
    RoadmapCorrection,
    RoadmapEvent,
    School,
    Teacher,
    utcnow,
)
from app.models.titles import table_title
from app.services import file_store
from app.services.analytics.district_summary import summary_row
from app.services.exchange import packet as packet_format
from app.services.exchange.attachments import CarriedFiles, carry_files
from app.services.exchange.peers import find_district_peer, find_school_peer
from app.services.exchange.signing import signing_key
from app.services.ids import school_id
from app.services.installation import require_installation
from app.services.records.ownership import district_keeps
from app.services.school.checklist import Checklist, DeclaredSection, sign_off_checklist

from .rows import MODELS, json_row

Row = dict[str, Any]


class Recipient(TypedDict):
    """Whom a packet is for: the kind and school code, and the installation once its first packet told us its id."""

    kind: str  # "district" or "school"
    school_code: str | None
    installation_id: str | None  # None until the recipient's first packet arrived here
    name: str


class TableRows(TypedDict):
    table: str
    title: str  # Russian
    rows: int


class ExportSummary(TypedDict):
    """What the sign-off dialog shows and `packet export --json` prints after the file's name."""

    recipient: Recipient
    period: int | str
    full: bool
    since: str | None
    total: int
    tombstones: int
    tables: list[TableRows]
    declared_incomplete: list[DeclaredSection]  # a school's sections signed off unfinished (its checklist's gaps)
    files: "FilesSummary"
    handover: bool  # the records the district kept for the school go to it with this packet


class FilesSummary(TypedDict):
    """The files a packet carries with its records."""

    carried: int
    bytes: int
    waiting: int  # records left for the next packet: their files did not fit this one
    absent: int  # records travelling without their file: it is not in this data folder


def files_phrase(files: FilesSummary) -> str | None:
    """The files line of a packet's summary, in Russian; None when its records refer to no file."""
    parts = []
    if files["carried"]:
        parts.append(f"с пакетом едут файлы: {files['carried']} ({file_store.megabytes(files['bytes'])})")
    if files["waiting"]:
        parts.append(f"ждут следующего пакета (не поместились): {files['waiting']}")
    if files["absent"]:
        parts.append(f"записи без файла (файла нет в папке данных): {files['absent']}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else None


@dataclass
class ExportPlan:
    """What a packet will carry, before sign-off: records by table (JSON-ready), recipient, period, since-when."""

    sender_kind: str
    sender_name: str
    sender_school_code: str | None
    recipient: Recipient
    period: int | str
    full: bool
    since: datetime | None  # None: everything (full, or nothing acknowledged yet)
    acknowledges: int  # the last sequence we applied from the recipient
    planned_at: datetime
    tables: dict[str, list[Row]] = field(default_factory=dict)
    checklist: Checklist | None = None  # a school's sign-off checklist of the period
    files: CarriedFiles = field(default_factory=CarriedFiles)
    handover: bool = False  # carries the records the district kept for the school before it registered its key

    @property
    def declared_incomplete(self) -> list[DeclaredSection]:
        """The sections a school's signer signs off unfinished (nothing from a district)."""
        return self.checklist.declared() if self.checklist else []

    @property
    def total(self) -> int:
        return sum(len(rows) for rows in self.tables.values())

    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.tables.items() if rows}

    def summary(self) -> ExportSummary:
        """What the sign-off dialog shows: counts by kind (with Russian titles), period, since when, recipient."""
        return {
            "recipient": self.recipient,
            "period": self.period,
            "full": self.full,
            "since": self.since.isoformat(timespec="seconds") if self.since else None,
            "total": self.total,
            "tombstones": sum(1 for rows in self.tables.values() for row in rows if row.get("deleted_at")),
            "tables": [{"table": t, "title": table_title(t), "rows": n} for t, n in self.counts().items()],
            "declared_incomplete": self.declared_incomplete,
            "files": {"carried": len(self.files.attachments), "bytes": self.files.total_bytes,
                      "waiting": sum(len(ids) for ids in self.files.deferred.values()), "absent": self.files.absent},
            "handover": self.handover,
        }


@dataclass
class _Scope:
    """What the sender may send to this recipient: the school in question and the ids of its parents."""

    installation_id: str
    school_id: str
    teachers: set[str] = field(default_factory=set)
    roadmaps: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    recommendations: set[str] = field(default_factory=set)
    answers: set[str] = field(default_factory=set)
    schools: set[str] = field(default_factory=set)  # the school, its partners and the hosts of its events
    method_events: set[str] = field(default_factory=set)  # those the school took part in or hosted
    corrections: set[str] = field(default_factory=set)
    profiles: set[str] = field(default_factory=set)
    programs: set[str] = field(default_factory=set)


Rule = Callable[[Row, _Scope], bool]


def _own_school(row: Row, scope: _Scope) -> bool:
    return row["school_id"] == scope.school_id


def _by_teacher(row: Row, scope: _Scope) -> bool:
    return row["teacher_id"] in scope.teachers


def _by_roadmap(row: Row, scope: _Scope) -> bool:
    return row["roadmap_id"] in scope.roadmaps


def _by_event(row: Row, scope: _Scope) -> bool:
    return row["event_id"] in scope.events


def _by_correction(row: Row, scope: _Scope) -> bool:
    return row["correction_id"] in scope.corrections


ROADMAP_HISTORY: dict[str, Rule] = {  # a roadmap's versions go with it, and a school learns the measures meant for it
    "roadmap_event_school": lambda row, scope: _by_event(row, scope) and _own_school(row, scope),
    "roadmap_correction": _by_roadmap, "roadmap_change": _by_correction,
}


def _by_profile(row: Row, scope: _Scope) -> bool:
    return row["profile_id"] in scope.profiles


def _by_program(row: Row, scope: _Scope) -> bool:
    return row["program_id"] in scope.programs


def _everything(_row: Row, _scope: _Scope) -> bool:
    return True


def _own_practice(row: Row, scope: _Scope) -> bool:
    return row["origin"] == scope.installation_id and row["school_id"] in (None, scope.school_id)


SCHOOL_SENDS: dict[str, Rule] = {
    "social_passport": _own_school, "teacher": _own_school, "staffing_slot": _own_school,
    "exam_result": _own_school, "vpr_result": _own_school, "graduation": _own_school, "olympiad_result": _own_school,
    "teacher_position": _by_teacher, "teacher_subject": _by_teacher, "diagnostic": _by_teacher,
    "individual_route": _by_teacher, "enrollment": _by_teacher, "external_course": _by_teacher,
    "recommendation_answer": lambda row, scope: row["recommendation_id"] in scope.recommendations,
    "answer_file": lambda row, scope: row["answer_id"] in scope.answers,
    "roadmap": lambda row, scope: row["id"] in scope.roadmaps,
    "roadmap_section": _by_roadmap, "roadmap_event": _by_roadmap, "event_occurrence": _by_event, "evidence": _by_event,
    "practice": _own_practice, **ROADMAP_HISTORY,
    "risk_profile": _own_school, "risk_level": _by_profile, "risk_program": _by_profile,
    "risk_measure": _by_program, "risk_indicator": _by_program,
}
DISTRICT_SENDS: dict[str, Rule] = {
    "district": _everything, "school": lambda row, scope: row["id"] in scope.schools,
    "school_status": _own_school, "course": _everything, "indicator": _everything, "indicator_target": _everything,
    "vpr_reference": _everything,
    "partnership": lambda row, scope: scope.school_id in (row["school_id"], row["mentor_school_id"]),
    "method_event": lambda row, scope: row["id"] in scope.method_events, "participation": _own_school,
    "roadmap": lambda row, scope: row["id"] in scope.roadmaps,
    "roadmap_section": _by_roadmap, "roadmap_event": _by_roadmap,
    "recommendation": _own_school, "support_action": _own_school, "assignment": _own_school,
    "practice": _own_practice, **ROADMAP_HISTORY, "risk_factor": _everything, "submission": _own_school,
}
HANDED_OVER = frozenset(SCHOOL_SENDS) - {"practice"}  # a school's own tables: what a district may have kept for it


ALWAYS_SENT = frozenset({"school", "method_event"})
"""Rows the recipient's records point at (a partner school, an event the school took part in), few per school:
sent in every packet, changed or not, so a partnership or a participation never waits for its parent."""


def plan_export(session: Session, recipient: str | None = None, full: bool = False,
                period: int | None = None, files_dir: Path | None = None) -> ExportPlan:
    """Select what a packet to `recipient` (a school code at a district; nothing at a school) will carry, with the
    files of `files_dir` its records refer to (none without it)."""
    installation = require_installation(session)
    code = _recipient_code(session, installation, recipient)
    peer = find_school_peer(session, code) if installation.kind == "district" else find_district_peer(session)
    planned_at = utcnow()
    since = None if full else _acknowledged_at(session, peer)
    scope = _scope(session, installation.kind, installation.id, school_id(code))
    rules = SCHOOL_SENDS if installation.kind == "school" else DISTRICT_SENDS
    tables = {model.__tablename__: _select(session, model, rules[model.__tablename__], scope,
                                           None if model.__tablename__ in ALWAYS_SENT else since)
              for model in SYNCED_MODELS if model.__tablename__ in rules}
    year = period or installation.program_year or planned_at.year
    checklist = None
    if installation.kind == "district":  # computed afresh for every packet: it compares with all the schools
        tables["district_summary"] = [summary_row(session, scope.school_id, year)]
    else:
        checklist = sign_off_checklist(session, scope.school_id, year)
    handover = _handover(session, installation, peer, school_id(code)) if installation.kind == "district" else {}
    for table, rows in handover.items():
        known = {row["id"] for row in tables.get(table, [])}
        tables[table] = tables.get(table, []) + [row for row in rows if row["id"] not in known]
    files = carry_files(files_dir, tables) if files_dir is not None else CarriedFiles()
    return ExportPlan(
        sender_kind=installation.kind, sender_name=installation.name, sender_school_code=installation.school_code,
        recipient=_recipient(session, installation, code, peer),
        period=year, full=full or since is None, since=since,
        acknowledges=peer.last_sequence if peer else 0, planned_at=planned_at,
        tables={table: rows for table, rows in tables.items() if rows}, checklist=checklist, files=files,
        handover=bool(handover),
    )


def _recipient(session: Session, installation: Installation, code: str, peer: Peer | None) -> Recipient:
    if installation.kind == "district":
        school = session.get(School, school_id(code))
        return {"kind": "school", "school_code": code, "installation_id": peer.installation_id if peer else None,
                "name": school.name if school else f"Школа {code}"}
    return {"kind": "district", "school_code": None, "installation_id": peer.installation_id if peer else None,
            "name": peer.name if peer else "Орган управления образованием"}


def _recipient_code(session: Session, installation: Installation, recipient: str | None) -> str:
    if installation.kind == "school":
        if recipient and recipient.strip() != installation.school_code:
            raise KuratorError("Школа отправляет пакет только органу управления образованием: --school не нужен.")
        return installation.school_code
    if not recipient or not recipient.strip():
        raise KuratorError("Укажите школу-получателя: --school КОД.")
    code = recipient.strip()
    if session.get(School, school_id(code)) is None:
        raise KuratorError(f"Школы с кодом {code} нет в реестре: сначала зарегистрируйте её ключ (kurator keys trust).")
    return code


def _acknowledged_at(session: Session, peer: Peer | None) -> datetime | None:
    if peer is None or not peer.acknowledged_sequence:
        return None
    return session.scalars(select(PacketLog.logged_at).where(
        PacketLog.direction == "out", PacketLog.accepted.is_(True),
        PacketLog.sequence == peer.acknowledged_sequence)).first()


def _handover(session: Session, installation: Installation, peer: Peer | None, school: str) -> dict[str, list[Row]]:
    """The school's own records the district entered while it kept the school's data (the owner rule,
    `records.ownership`): all of them travel to a school that has registered its key, packet after packet, until
    the school has applied one that carried them; from then on the school keeps them."""
    if district_keeps(session, school) or peer is None or (
            peer.handover_sequence and peer.acknowledged_sequence >= peer.handover_sequence):
        return {}
    scope = _scope(session, "school", installation.id, school)
    found = {model.__tablename__: [row for row in _select(session, model, SCHOOL_SENDS[model.__tablename__], scope,
                                                          None) if row["origin"] == installation.id]
             for model in SYNCED_MODELS if model.__tablename__ in HANDED_OVER}
    return {table: rows for table, rows in found.items() if rows}


def _scope(session: Session, kind: str, installation_id: str, target_school: str) -> _Scope:
    """The parents of what goes to `target_school`: from a school (`kind`), its own teachers, roadmaps and
    profiles; from the district, the municipal roadmaps."""
    scope = _Scope(installation_id, target_school)
    if kind == "school":
        scope.teachers = set(session.scalars(select(Teacher.id).where(Teacher.school_id == target_school)))
        scope.recommendations = set(session.scalars(select(Recommendation.id).where(
            Recommendation.school_id == target_school)))
        scope.answers = set(session.scalars(select(RecommendationAnswer.id).where(
            RecommendationAnswer.recommendation_id.in_(scope.recommendations))))
        level_rule = (Roadmap.level == "school") & (Roadmap.school_id == target_school)
    else:
        level_rule = Roadmap.level == "municipal"
        scope.method_events = set(session.scalars(select(Participation.event_id).where(
            Participation.school_id == target_school))) | set(session.scalars(select(MethodEvent.id).where(
                MethodEvent.host_school_id == target_school)))
        scope.schools = {target_school} | set(session.scalars(
            select(Partnership.mentor_school_id).where(Partnership.school_id == target_school))) | set(
            session.scalars(select(Partnership.school_id).where(Partnership.mentor_school_id == target_school))) | set(
            session.scalars(select(MethodEvent.host_school_id).where(MethodEvent.id.in_(scope.method_events),
                                                                     MethodEvent.host_school_id.is_not(None))))
    scope.roadmaps = set(session.scalars(select(Roadmap.id).where(level_rule)))
    scope.events = set(session.scalars(select(RoadmapEvent.id).where(RoadmapEvent.roadmap_id.in_(scope.roadmaps))))
    scope.corrections = set(session.scalars(select(RoadmapCorrection.id).where(
        RoadmapCorrection.roadmap_id.in_(scope.roadmaps))))
    if kind == "school":
        scope.profiles = set(session.scalars(select(RiskProfile.id).where(RiskProfile.school_id == target_school)))
        scope.programs = set(session.scalars(select(RiskProgram.id).where(RiskProgram.profile_id.in_(scope.profiles))))
    return scope


def _select(session: Session, model, rule: Rule, scope: _Scope, since: datetime | None) -> list[Row]:
    table = model.__table__
    query = select(table).order_by(table.c.id)
    if since is not None:
        query = query.where(table.c.updated_at > since)
    return [json_row(dict(row)) for row in session.execute(query).mappings() if rule(row, scope)]


# --- sign-off -----------------------------------------------------------------------------------------


def packet_file_name(plan: ExportPlan, sequence: int, day: datetime) -> str:
    """`0701001_2026-11-25_seq0003.kpkt` from a school; `0701001_from-district_…` from the district."""
    code = plan.sender_school_code or plan.recipient["school_code"]
    middle = "" if plan.sender_kind == "school" else "_from-district"
    return f"{code}{middle}_{day:%Y-%m-%d}_seq{sequence:04d}{packet_format.FILE_SUFFIX}"


def next_packet_name(session: Session, plan: ExportPlan) -> str:
    """The file name the next packet would get today (to offer in a save dialog)."""
    return packet_file_name(plan, require_installation(session).packet_sequence + 1, utcnow())


def write_export(session: Session, plan: ExportPlan, target: Path, signer_name: str, position: str,
                 passphrase: str) -> Path:
    """Sign the planned packet and write it to `target` (a file, or a folder to name the file in); logs it."""
    signer_name, position = check_sign_off(signer_name, position)
    installation = require_installation(session)
    private_key = signing_key(session, passphrase)
    sequence = installation.packet_sequence + 1
    now = utcnow()
    path = Path(target)
    if path.is_dir():
        path = path / packet_file_name(plan, sequence, now)
    manifest = packet_format.write_packet(path, _manifest(installation, plan, sequence, signer_name, position, now),
                                          plan.tables, private_key, installation.public_key_pem.encode("ascii"),
                                          tuple(plan.files.attachments))
    installation.packet_sequence = sequence
    for table, ids in plan.files.deferred.items():  # so that the next packet carries them again
        session.execute(update(MODELS[table]).where(MODELS[table].id.in_(ids)).values(updated_at=now))
    _note_handover(session, plan, sequence)
    session.add(PacketLog(direction="out", packet_id=manifest["packet_id"], sender_installation_id=installation.id,
                          sender_name=installation.name, school_code=plan.sender_school_code or plan.recipient["school_code"],
                          sequence=sequence, file_name=path.name, logged_at=plan.planned_at, accepted=True,
                          reason="Пакет подписан и записан", counts=plan.counts(),
                          signed_off_by=f"{signer_name}, {position}"[:300],
                          declared_incomplete=plan.declared_incomplete or None))
    session.flush()
    return path


def _note_handover(session: Session, plan: ExportPlan, sequence: int) -> None:
    """Remember the first packet that handed the school its records: once it applies one, the handover is done."""
    peer = find_school_peer(session, plan.recipient["school_code"]) if plan.handover else None
    if peer is not None and peer.handover_sequence is None:
        peer.handover_sequence = sequence


SIGN_OFF_FIELDS = {"signer_name": "ФИО подписывающего", "position": "должность подписывающего"}


def check_sign_off(signer_name: str | None, position: str | None) -> tuple[str, str]:
    """The signer's name and position, trimmed; a missing one is a ValidationError naming its field."""
    values = {"signer_name": signer_name, "position": position}
    errors = {key: f"Укажите {what}." for key, what in SIGN_OFF_FIELDS.items() if not (values[key] or "").strip()}
    if errors:
        raise ValidationError(errors)
    return signer_name.strip()[:300], position.strip()[:300]


def _manifest(installation: Installation, plan: ExportPlan, sequence: int, signer: str, position: str,
              now: datetime) -> dict[str, Any]:
    return {
        "sender": {"installation_id": installation.id, "kind": installation.kind,
                   "school_code": installation.school_code, "name": installation.name},
        "recipient": plan.recipient,
        "sequence": sequence,
        "schema_revision": head_revision(),
        "period": plan.period,
        "full": plan.full,
        "since": plan.since.isoformat() if plan.since else None,
        "acknowledges": plan.acknowledges,
        "handover": plan.handover,
        "signed_off_by": {"name": signer, "position": position, "at": now.isoformat(timespec="seconds")},
        "declared_incomplete": plan.declared_incomplete,
    }
