"""The files an accepted packet brings for its records (evidence, answer files), placed in the data folder.

Only after the packet was checked whole (`importing.inspect_import`): the packet is opened again and verified again
with the sender's REGISTERED key, and only the files that records being created or changed refer to, and that are
not here yet, are read — each streamed to a staging folder, cut off past its signed size and checked against its
signed SHA-256. They reach the store only after the records are written; a refusal at any point discards them.
"""

from pathlib import Path

from sqlalchemy import select

from app.db import Database
from app.errors import IntegrityRefused
from app.models import Peer
from app.services import file_store
from app.services.exchange import packet as packet_format

from .attachments import FILE_TABLES, Staging, listed_attachments
from .import_plan import ImportPlan, Row


def needed_files(plan: ImportPlan, files_dir: Path) -> dict[str, Row]:
    """sha256 → a record being created or changed that refers to it, for files the packet carries and the data
    folder lacks."""
    listed = listed_attachments(plan.manifest)
    needed: dict[str, Row] = {}
    for table in FILE_TABLES:
        changes = plan.tables.get(table)
        for row in (*changes.create, *changes.update) if changes else ():
            path = file_store.content_path(files_dir, row["sha256"], row["stored_name"])
            if row["sha256"] in listed and not row.get("deleted_at") and not path.is_file():
                needed.setdefault(row["sha256"], row)
    return needed


def stage_files(database: Database, plan: ImportPlan) -> tuple[Staging, list[Row]]:
    """The staged files the plan's records need (see the module's docstring), and those records."""
    files_dir = database.location.files_dir
    staging = Staging(files_dir, plan.manifest["packet_id"])
    needed = needed_files(plan, files_dir)
    if not needed:
        return staging, []
    with database.session() as session:
        trusted = session.scalars(select(Peer.public_key_pem).where(Peer.id == plan.peer_id)).one()
    listed = listed_attachments(plan.manifest)
    try:
        with packet_format.open_packet(plan.path) as packet:
            packet.verify(trusted.encode("ascii"))
            if packet.head.manifest != plan.manifest:
                raise IntegrityRefused("Пакет отклонён: файл пакета изменился, пока он проверялся.")
            for sha256 in needed:
                staging.receive(sha256, listed[sha256], packet.attachment(sha256, listed[sha256]))
    except BaseException:
        staging.discard()
        raise
    return staging, list(needed.values())
