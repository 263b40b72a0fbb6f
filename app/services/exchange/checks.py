"""Checks of an incoming packet that need the database: who sent it, for whom, which sequence, which schema."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import head_revision
from app.errors import IntegrityRefused
from app.models import Installation, PacketLog, Peer
from app.services.exchange.peers import find_district_peer, find_school_peer

REPLAY_REASON = "Пакет уже был принят ранее"


def registered_peer(session: Session, installation: Installation, manifest: dict[str, Any]) -> Peer:
    """The trusted peer the packet claims to come from; a school accepts the district, a district its schools."""
    sender = manifest["sender"]
    if sender["kind"] == installation.kind:
        raise IntegrityRefused(f"Пакет отклонён: он отправлен другой установкой того же типа («{sender['name']}»), "
                               "а обмен идёт только между школой и органом управления образованием.")
    if sender["kind"] == "school":
        peer = find_school_peer(session, sender["school_code"])
        who = f"школы с кодом {sender['school_code']}"
    else:
        peer = find_district_peer(session)
        who = "органа управления образованием"
    if peer is None:
        raise IntegrityRefused(f"Пакет отклонён: ключ {who} не зарегистрирован (kurator keys trust). "
                               "Отправитель неизвестен.")
    return peer


def check_recipient(installation: Installation, manifest: dict[str, Any]) -> None:
    recipient = manifest["recipient"]
    kind = recipient.get("kind") if isinstance(recipient, dict) else None
    code = recipient.get("school_code") if isinstance(recipient, dict) else None
    if kind != installation.kind or (kind == "school" and code != installation.school_code):
        whom = f"школы {code}" if kind == "school" else "органа управления образованием"
        raise IntegrityRefused(f"Пакет отклонён: он предназначен для {whom}, а не для «{installation.name}».")


def already_applied(session: Session, manifest: dict[str, Any]) -> bool:
    return session.scalars(select(PacketLog.id).where(
        PacketLog.direction == "in", PacketLog.accepted.is_(True), PacketLog.packet_id == manifest["packet_id"])).first() is not None


def check_sequence(peer: Peer, manifest: dict[str, Any]) -> None:
    if manifest["sequence"] <= peer.last_sequence:
        raise IntegrityRefused(f"Пакет отклонён: его номер {manifest['sequence']} не новее уже принятого "
                               f"№ {peer.last_sequence} от «{peer.name}» (повтор старого пакета).")


def check_schema(manifest: dict[str, Any]) -> None:
    ours = head_revision()
    if manifest["schema_revision"] != ours:
        raise IntegrityRefused(f"Пакет отклонён: он сделан для схемы данных «{manifest['schema_revision']}», "
                               f"а в этой программе схема «{ours}». Обновите Куратор у той стороны, где он старее.")
