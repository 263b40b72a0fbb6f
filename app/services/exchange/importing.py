"""Import: read and check a packet completely (`inspect_import`), then apply it in one transaction (`apply_import`).

Order of checks: the container's head (packet_format: members, manifest shape), the manifest's signature with the
sender's REGISTERED key (sender.pem is never trusted) and the declared file sizes against the limits, the recipient,
replay (a packet already applied is a no-op), the sequence (an older one is refused), the schema revision (must
equal ours) — all before any data is decompressed; then the data files streamed against their signed hash, size and
row count, then every record:
exact columns and types, UUID keys, CHECK constraints, unique keys, and the owner rule on the incoming AND the
local version of each record. Any of these failing refuses the whole packet (IntegrityRefused, exit 3).

Held back (not a refusal): a record whose parent is neither in the packet nor in the database (for example an
enrolment in a course the district's catalogue does not have), and its children; and a practice whose local copy
was created here. They are counted in `refused`, listed in the plan, and come again with a full packet.

Updates: the owner is the last writer, so an incoming record replaces the local one in full. Open local
proposals about incoming records are listed as conflicts and kept untouched.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from sqlalchemy import UniqueConstraint, insert, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.audit import current_user
from app.db import Database
from app.errors import IntegrityRefused, KuratorError, StorageError
from app.models import (
    SYNCED_MODELS,
    AuditEntry,
    Installation,
    PacketLog,
    Peer,
    Proposal,
    references,
    utcnow,
)
from app.models.titles import table_title
from app.services.backup import packet_backup
from app.services.exchange import packet as packet_format
from app.services.exchange.peers import describe_peer
from app.services.installation import require_installation

from . import checks, received
from .import_plan import (
    Conflict,
    ImportPlan,
    ImportPreview,
    ImportResult,
    Row,
    TableChanges,
)
from .received_files import stage_files
from .rows import MODELS, CheckEvaluator, RecordProblem, convert_row, to_json
from .scope import UNKNOWN, RowSource, owner_of, sender_may_own

ORDER = [model.__tablename__ for model in SYNCED_MODELS]
MAX_LISTED = 5
WRITE_BATCH = 1000


class PacketRefused(IntegrityRefused):
    """A refused packet; `refused` counts the records at fault (0 when the packet as a whole is at fault)."""

    def __init__(self, message: str, refused: int = 0):
        super().__init__(message)
        self.refused = refused


# --- inspect ------------------------------------------------------------------------------------------


def inspect_import(session: Session, path: Path, limits: packet_format.PacketLimits = packet_format.DEFAULT_LIMITS,
                   accept_sequence_gap: bool = False) -> ImportPlan:
    """Read and check a packet against the database without writing; raises KuratorError or IntegrityRefused.

    A refusal raised after the manifest was read carries it as `error.manifest` (for the packet log).
    `accept_sequence_gap`: the user confirmed a sequence more than MAX_SEQUENCE_GAP past the last one accepted.
    """
    installation = require_installation(session)
    with packet_format.open_packet(Path(path), limits) as packet:
        try:
            return _inspect(session, installation, Path(path), packet, accept_sequence_gap)
        except KuratorError as error:
            error.manifest = packet.head.manifest
            raise


def _inspect(session: Session, installation: Installation, path: Path, packet: packet_format.PacketReader,
             accept_sequence_gap: bool) -> ImportPlan:
    manifest = packet.head.manifest
    peer = checks.registered_peer(session, installation, manifest, packet.head.sender_pem)
    packet.verify(peer.public_key_pem.encode("ascii"), describe_peer(peer))
    sender = checks.verified_sender(session, installation, peer, manifest)
    checks.check_recipient(installation, manifest)
    plan = ImportPlan(path, manifest, peer.id)
    plan.replay = checks.already_applied(session, manifest)
    if plan.replay:
        packet.check_files()  # so that `packet verify` vouches for a replay's data too
        return plan
    checks.check_sequence(peer, manifest, accept_sequence_gap)
    checks.check_schema(manifest)
    _check_tables(manifest)
    incoming = _validated(packet.records())
    checks.check_records(installation, incoming)
    handover = received.handover_school(installation, sender, manifest)
    allowed = sender_may_own(sender.kind, sender.school_id, sender.installation_id, handover)
    plan.sender_school = sender.school_id
    plan.tables = _diff(session, incoming, allowed, handover, sender.school_id, manifest["period"])
    plan.conflicts = _conflicts(session, plan.tables)
    return plan


def _check_tables(manifest: dict[str, Any]) -> None:
    names = [packet_format.DATA_MEMBER.fullmatch(entry["name"]).group(1) for entry in manifest["files"]]
    unknown = sorted(set(names) - set(MODELS))
    if unknown:
        raise PacketRefused(f"Пакет отклонён: таблица «{unknown[0]}» не может передаваться в пакете.")


def _validated(records: Iterator[tuple[str, int, Row]]) -> dict[str, dict[str, Row]]:
    """Every record converted to database values as it streams in (the raw record is not kept)."""
    problems: list[str] = []
    incoming: dict[str, dict[str, Row]] = {table: {} for table in ORDER}
    evaluator = CheckEvaluator()
    try:
        for table, number, raw in records:
            try:
                row = _valid_row(table, raw, evaluator, incoming[table])
            except RecordProblem as problem:
                problems.append(f"«{table_title(table)}», запись {number}: {problem}")
                continue
            incoming[table][row["id"]] = row
    finally:
        evaluator.close()
    if problems:
        raise PacketRefused(f"Пакет отклонён: {len(problems)} записей не прошли проверку; {'; '.join(problems[:MAX_LISTED])}.",
                            refused=len(problems))
    return incoming


def _valid_row(table: str, raw: Row, evaluator: CheckEvaluator, seen: dict[str, Row]) -> Row:
    row = convert_row(table, raw)
    if row["id"] in seen:
        raise RecordProblem(f"идентификатор {row['id']} повторяется")
    broken = evaluator.failed(table, row)
    if broken:
        raise RecordProblem(f"нарушено условие {broken}")
    return row


def _diff(session: Session, incoming: dict[str, dict[str, Row]], allowed, handover: str | None,
          sender_school: str | None, period: Any) -> dict[str, TableChanges]:
    rows, local_rows = RowSource(session, incoming), RowSource(session)
    for table, records in incoming.items():
        rows.prefetch(table, list(records))
        local_rows.prefetch(table, list(records))
    held: dict[str, dict[str, str]] = {table: {} for table in ORDER}
    _apply_owner_rule(incoming, rows, local_rows, allowed, held)
    if handover:
        received.hold_kept_locally(incoming, rows, local_rows, held, handover)
    if sender_school:
        received.hold_locked(session, incoming, held, sender_school, period)
    _hold_back_dangling(incoming, rows, held)
    _check_unique(session, incoming, held, received.school_tables() if handover else frozenset())
    return {table: _changes(table, records, local_rows, held[table]) for table, records in incoming.items() if records}


def _apply_owner_rule(incoming, rows: RowSource, local_rows: RowSource, allowed, held) -> None:
    violations: dict[str, int] = {}
    for table in ORDER:
        for record_id, row in incoming[table].items():
            owner = owner_of(table, row, rows)
            local = local_rows.local(table, record_id)
            local_owner = owner_of(table, local, local_rows) if local is not None else owner
            if owner == UNKNOWN:
                held[table][record_id] = "нет родительской записи ни в пакете, ни в базе"
            elif not allowed(owner) or (local_owner not in (owner, UNKNOWN) and not _origin_clash(table)):
                violations[table] = violations.get(table, 0) + 1
            elif local_owner != owner and local_owner != UNKNOWN:
                held[table][record_id] = "эта запись создана здесь, её автор — эта установка"
    if violations:
        listed = ", ".join(f"«{table_title(t)}» — {n}" for t, n in violations.items())
        raise PacketRefused(f"Пакет отклонён: он меняет записи, которые отправителю не принадлежат ({listed}).",
                            refused=sum(violations.values()))


def _origin_clash(table: str) -> bool:
    return MODELS[table].owner_kind == "origin"


def _foreign_keys(table: str) -> list[tuple[str, str]]:
    return references(MODELS[table])


def _hold_back_dangling(incoming, rows: RowSource, held) -> None:
    for table in ORDER:
        for column, target in _foreign_keys(table):
            outside = [r[column] for r in incoming[table].values() if r[column] and r[column] not in incoming[target]]
            rows.prefetch(target, outside)
    changed = True
    while changed:
        changed = False
        for table in ORDER:
            for record_id, row in incoming[table].items():
                if record_id in held[table]:
                    continue
                missing = _missing_parent(table, row, incoming, rows, held)
                if missing:
                    held[table][record_id] = f"ссылается на запись «{table_title(missing)}», которой нет в базе"
                    changed = True


def _missing_parent(table: str, row: Row, incoming, rows: RowSource, held) -> str | None:
    for column, target in _foreign_keys(table):
        value = row[column]
        if value is None:
            continue
        if value in incoming[target]:
            if value in held[target]:
                return target
        elif rows.local(target, value) is None:
            return target
    return None


def _unique_sets(table: str) -> list[tuple[str, ...]]:
    sql_table = MODELS[table].__table__
    sets = [tuple(c.name for c in con.columns) for con in sql_table.constraints if isinstance(con, UniqueConstraint)]
    return sets + [(c.name,) for c in sql_table.columns if c.unique]


def _check_unique(session: Session, incoming, held, tolerant: frozenset[str]) -> None:
    """Unique keys within the packet and against the database; in `tolerant` tables (a handover) a clash with a local
    record holds the incoming one back instead of refusing the packet."""
    for table in ORDER:
        live = {rid: row for rid, row in incoming[table].items() if rid not in held[table]}
        for columns in _unique_sets(table) if live else ():
            keys: dict[tuple, str] = {}
            for record_id, row in live.items():
                key = tuple(row[c] for c in columns)
                if None in key:
                    continue
                if key in keys:
                    raise PacketRefused(f"Пакет отклонён: в таблице «{table_title(table)}» две записи с одинаковыми "
                                        f"значениями {', '.join(columns)}.", refused=2)
                keys[key] = record_id
            clashes = _check_unique_against_db(session, table, columns, keys, incoming[table], table in tolerant)
            held[table].update(dict.fromkeys(clashes, received.CLASH_AT_SCHOOL))


def _check_unique_against_db(session: Session, table: str, columns: tuple[str, ...], keys: dict[tuple, str],
                             records: dict[str, Row], tolerant: bool) -> list[str]:
    sql_table = MODELS[table].__table__
    first_values = list({key[0] for key in keys})
    clashes: list[str] = []
    for start in range(0, len(first_values), 500):
        query = select(sql_table.c.id, *(sql_table.c[c] for c in columns)).where(
            sql_table.c[columns[0]].in_(first_values[start:start + 500]))
        for local_id, *values in session.execute(query):
            other = keys.get(tuple(values))
            if other and other != local_id and local_id not in records:
                if not tolerant:
                    raise PacketRefused(
                        f"Пакет отклонён: запись таблицы «{table_title(table)}» ({', '.join(map(str, values))}) уже "
                        "есть в базе под другим идентификатором.", refused=1)
                clashes.append(other)
    return clashes


def _changes(table: str, records: dict[str, Row], local_rows: RowSource, held: dict[str, str]) -> TableChanges:
    changes = TableChanges(table, held_back=list(held.items()))
    for record_id, row in records.items():
        if record_id in held:
            continue
        local = local_rows.local(table, record_id)
        if local is None:
            changes.create.append(row)
        elif _same(local, row):
            changes.unchanged += 1
        else:
            changes.update.append(row)
    return changes


def _same(local: Row, incoming: Row) -> bool:
    return all(to_json(local.get(key)) == to_json(value) for key, value in incoming.items())


def _conflicts(session: Session, tables: dict[str, TableChanges]) -> list[Conflict]:
    touched = {row["id"]: t.table for t in tables.values() for row in (*t.create, *t.update)}
    ids = list(touched)
    found: list[Conflict] = []
    for start in range(0, len(ids), 500):
        query = select(Proposal).where(Proposal.status == "open", Proposal.record_id.in_(ids[start:start + 500]))
        found += [Conflict(p.id, p.table_name, p.record_id, p.changes, p.author) for p in session.scalars(query)
                  if touched.get(p.record_id) == p.table_name]
    return found


# --- apply --------------------------------------------------------------------------------------------


def apply_import(database: Database, plan: ImportPlan) -> ImportResult:
    """Apply a checked plan in one transaction (after the day's backup, when it is the day's first packet); logs the
    packet either way."""
    if plan.replay:
        log_packet(database, plan.manifest, plan.path, False, checks.REPLAY_REASON + " — ничего не изменено.")
        return ImportResult(False, 0, 0, 0, checks.REPLAY_REASON, plan)
    try:
        staging, file_rows = stage_files(database, plan)
    except KuratorError as error:
        log_packet(database, plan.manifest, plan.path, False, error.message)
        raise
    try:
        copy = packet_backup(database)
        _write_logged(database, plan)
    except BaseException:
        staging.discard()
        raise
    files = staging.commit(file_rows)
    reason = f"Пакет принят: создано {plan.created}, обновлено {plan.updated}"
    if plan.refused:
        reason += f", отложено {plan.refused} (нет родительских записей)"
    if files:
        reason += f", получено файлов {files}"
    return ImportResult(True, plan.created, plan.updated, plan.refused, reason + ".", plan, backup=copy)


def _write_logged(database: Database, plan: ImportPlan) -> None:
    """Write the plan in one transaction; a refusal by the database or a late check is logged and raised."""
    try:
        with database.session() as session:
            _write(session, plan)
    except DBAPIError as error:
        reason = f"База данных отклонила записи пакета: {str(getattr(error, 'orig', error))[:300]}. Ничего не изменено."
        log_packet(database, plan.manifest, plan.path, False, reason)
        raise PacketRefused(reason) from None
    except PacketRefused as error:
        log_packet(database, plan.manifest, plan.path, False, error.message)
        raise


def _write(session: Session, plan: ImportPlan) -> None:
    peer = session.get(Peer, plan.peer_id)
    if peer is None or plan.manifest["sequence"] <= peer.last_sequence:
        raise PacketRefused("Пакет отклонён: пока он проверялся, был принят другой пакет того же отправителя.")
    for table in ORDER:
        changes = plan.tables.get(table)
        if changes is None:
            continue
        for statement, rows in ((insert, _parents_first(table, changes.create)), (update, changes.update)):
            for start in range(0, len(rows), WRITE_BATCH):  # in batches: the driver's copy of them stays small
                session.execute(statement(MODELS[table]), rows[start:start + WRITE_BATCH])
    _advance_peer(session, peer, plan.manifest)
    received.note_received(session, plan)
    counts = {t.table: {"created": len(t.create), "updated": len(t.update), "held_back": len(t.held_back)}
              for t in plan.tables.values()}
    session.add(AuditEntry(at=utcnow(), user=session.info.get("user") or current_user(), action="packet",
                           table_name="*", record_id=plan.manifest["packet_id"], changes=counts))
    session.add(_log_line(plan.manifest, plan.path, True, f"Принят: создано {plan.created}, обновлено {plan.updated}, "
                                                          f"отложено {plan.refused}", counts))
    session.flush()


def _parents_first(table: str, records: list[Row]) -> list[Row]:
    """Rows of a self-referencing table (sections within sections) ordered so a parent precedes its children."""
    self_refs = [column for column, target in _foreign_keys(table) if target == table]
    if not self_refs:
        return records
    pending = {row["id"]: row for row in records}
    ordered: list[Row] = []
    while pending:
        ready = [r for r in pending.values() if all(r[c] not in pending for c in self_refs)] or list(pending.values())
        for row in ready:
            ordered.append(pending.pop(row["id"]))
    return ordered


def _advance_peer(session: Session, peer: Peer, manifest: dict[str, Any]) -> None:
    installation = require_installation(session)
    peer.last_sequence = manifest["sequence"]
    acknowledges = manifest.get("acknowledges")
    if isinstance(acknowledges, int) and not isinstance(acknowledges, bool):
        peer.acknowledged_sequence = max(peer.acknowledged_sequence, min(acknowledges, installation.packet_sequence))
    if peer.installation_id is None:  # the first packet binds the key to its installation (checked not taken)
        peer.installation_id = manifest["sender"]["installation_id"]


def _log_line(manifest: dict[str, Any] | None, path: Path, accepted: bool, reason: str, counts: dict | None = None) -> PacketLog:
    manifest = manifest or {}
    sender = manifest.get("sender") if isinstance(manifest.get("sender"), dict) else {}
    signed = manifest.get("signed_off_by") if isinstance(manifest.get("signed_off_by"), dict) else {}
    return PacketLog(direction="in", packet_id=_text(manifest.get("packet_id"), 36),
                     sender_installation_id=_text(sender.get("installation_id"), 36),
                     sender_name=_text(sender.get("name"), 300), school_code=_text(sender.get("school_code"), 32),
                     sequence=manifest.get("sequence") if isinstance(manifest.get("sequence"), int) else None,
                     file_name=Path(path).name[:500], accepted=accepted, reason=reason, counts=counts,
                     signed_off_by=_text(", ".join(str(v) for v in (signed.get("name"), signed.get("position")) if v), 300))


def _text(value: Any, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def log_packet(database: Database, manifest: dict[str, Any] | None, path: Path, accepted: bool, reason: str) -> None:
    """Write one packet log line in its own transaction (after a refusal rolled everything else back)."""
    with database.session() as session:
        session.add(_log_line(manifest, path, accepted, reason))


# --- the whole flow, as the command line and the window run it ----------------------------------------


def import_packet(database: Database, path: Path, dry_run: bool = False,
                  accept_sequence_gap: bool = False) -> ImportResult:
    """Check and (unless `dry_run`) apply a packet file; refusals are logged (not in a dry run) and re-raised."""
    try:
        with database.session() as session:
            plan = inspect_import(session, Path(path), accept_sequence_gap=accept_sequence_gap)
    except KuratorError as error:
        if not dry_run and not isinstance(error, StorageError):  # a busy or full database cannot take the log line
            log_packet(database, getattr(error, "manifest", None), Path(path), False, error.message)
        raise
    if dry_run:
        reason = checks.REPLAY_REASON if plan.replay else "Проверка без записи: ничего не изменено."
        return ImportResult(False, plan.created, plan.updated, plan.refused, reason, plan, dry_run=True)
    return apply_import(database, plan)


class PacketIdentity(TypedDict):
    """Who sent a packet and which one it is, as far as its manifest could be read."""

    sender: str | None
    sender_kind: str | None
    school_code: str | None
    packet_id: str | None
    sequence: int | None


class VerifyReport(PacketIdentity):
    """`kurator packet verify --json`: valid, the identity, the reason; a valid packet's preview as `summary`."""

    valid: bool
    reason: str | None
    summary: NotRequired[ImportPreview]


def verify_report(database: Database, path: Path) -> VerifyReport:
    """`kurator packet verify`: the checks of an import, nothing written; raises on refusal like inspect_import."""
    with database.session() as session:
        plan = inspect_import(session, Path(path))
    return {"valid": True, **_identity(plan.manifest),
            "reason": checks.REPLAY_REASON if plan.replay else None, "summary": plan.summary()}


def _identity(manifest: dict[str, Any] | None) -> PacketIdentity:
    manifest = manifest or {}
    sender = manifest.get("sender") if isinstance(manifest.get("sender"), dict) else {}
    return {"sender": sender.get("name"), "sender_kind": sender.get("kind"), "school_code": sender.get("school_code"),
            "packet_id": manifest.get("packet_id"), "sequence": manifest.get("sequence")}


def refusal_report(error: KuratorError) -> VerifyReport:
    """The verify JSON of a refused packet."""
    return {"valid": False, **_identity(getattr(error, "manifest", None)), "reason": error.message}
