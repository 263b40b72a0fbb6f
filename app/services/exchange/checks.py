"""Checks of an incoming packet that need the database: who sent it, for whom, which sequence, which schema.

Who sent a packet is decided by the key that verifies its signature and the identity that key is registered for
(DESIGN.md «Data rules»), never by what the manifest says about its sender: a manifest whose sender disagrees with
that identity is refused, naming both.
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import head_revision
from app.errors import IntegrityRefused
from app.models import Installation, PacketLog, Peer
from app.services.exchange.attachments import FILE_TABLES, stored_names_problem
from app.services.exchange.peers import describe_peer, find_district_peer, find_school_peer, peers_with_key
from app.services.ids import school_id

REPLAY_REASON = "Пакет уже был принят ранее"
MAX_SEQUENCE_GAP = 1000  # packets a sender may have made since the last one accepted here, without confirmation


@dataclass(frozen=True)
class SenderIdentity:
    """The verified sender: the registered peer's kind and school, and the installation it is bound to."""

    kind: str
    school_id: str | None
    installation_id: str


def registered_peer(session: Session, installation: Installation, manifest: dict[str, Any],
                    sender_pem: bytes) -> Peer:
    """The peer whose registered key must verify the packet: the one holding sender.pem's key when that key is
    registered (its identity, whatever the manifest claims), else the one the manifest names."""
    sender = manifest["sender"]
    if sender["kind"] == installation.kind:
        raise IntegrityRefused(f"Пакет отклонён: он отправлен другой установкой того же типа («{sender['name']}»), "
                               "а обмен идёт только между школой и органом управления образованием.")
    holders = peers_with_key(session, sender_pem)
    if len(holders) > 1:
        names = " и ".join(describe_peer(peer) for peer in holders)
        raise IntegrityRefused(f"Пакет отклонён: его ключ зарегистрирован сразу для {names}. Один ключ — одна "
                               "установка: зарегистрируйте ключ каждой из них заново (kurator keys trust --replace).")
    if holders:
        return holders[0]
    if sender["kind"] == "school":
        peer, who = find_school_peer(session, sender["school_code"]), f"школы с кодом {sender['school_code']}"
    else:
        peer, who = find_district_peer(session), "органа управления образованием"
    if peer is None:
        raise IntegrityRefused(f"Пакет отклонён: ключ {who} не зарегистрирован (kurator keys trust). "
                               "Отправитель неизвестен.")
    return peer


def verified_sender(session: Session, installation: Installation, peer: Peer,
                    manifest: dict[str, Any]) -> SenderIdentity:
    """The identity of the peer whose key verified the signature; the manifest's sender must agree with it (its
    kind does: registered_peer refused a sender of this installation's own kind)."""
    sender = manifest["sender"]
    if peer.kind == "school" and sender["school_code"] != peer.school_code:
        raise IntegrityRefused(f"Пакет отклонён: он подписан ключом, зарегистрированным для {describe_peer(peer)}, "
                               f"а в манифесте отправитель — школа {sender['school_code']} «{sender['name']}».")
    claimed = sender["installation_id"]
    if peer.installation_id is not None and claimed != peer.installation_id:
        raise IntegrityRefused(f"Пакет отклонён: ключ {describe_peer(peer)} здесь привязан к установке "
                               f"{peer.installation_id}, а в манифесте назван номер установки {claimed}.")
    _refuse_taken_installation_id(session, installation, peer, claimed)
    return SenderIdentity(peer.kind, school_id(peer.school_code) if peer.kind == "school" else None, claimed)


def _refuse_taken_installation_id(session: Session, installation: Installation, peer: Peer, claimed: str) -> None:
    if claimed == installation.id:
        raise IntegrityRefused(f"Пакет отклонён: в манифесте {describe_peer(peer)} назван номер установки {claimed}, "
                               f"а это номер самой этой установки — «{installation.name}».")
    other = session.scalars(select(Peer).where(Peer.installation_id == claimed, Peer.id != peer.id)).first()
    if other is not None:
        raise IntegrityRefused(f"Пакет отклонён: в манифесте {describe_peer(peer)} назван номер установки {claimed}, "
                               f"а это номер {describe_peer(other)}.")


def check_recipient(installation: Installation, manifest: dict[str, Any]) -> None:
    """The packet is addressed to this installation: by its id when the sender knew it, else by kind and code."""
    recipient = manifest["recipient"] if isinstance(manifest["recipient"], dict) else {}
    kind, code, intended = recipient.get("kind"), recipient.get("school_code"), recipient.get("installation_id")
    if intended is not None and intended != installation.id:
        name = recipient.get("name") if isinstance(recipient.get("name"), str) else "другой установки"
        raise IntegrityRefused(f"Пакет предназначен для «{name}» (установка {intended}), а не для "
                               f"«{installation.name}»: передайте его тому, кому он адресован.")
    if kind != installation.kind or (kind == "school" and code != installation.school_code):
        whom = f"школы {code}" if kind == "school" else "органа управления образованием"
        raise IntegrityRefused(f"Пакет отклонён: он предназначен для {whom}, а не для «{installation.name}».")


def already_applied(session: Session, manifest: dict[str, Any]) -> bool:
    return session.scalars(select(PacketLog.id).where(
        PacketLog.direction == "in", PacketLog.accepted.is_(True), PacketLog.packet_id == manifest["packet_id"])).first() is not None


def check_sequence(peer: Peer, manifest: dict[str, Any], accept_gap: bool = False) -> None:
    """Newer than the last packet accepted from the peer, and by at most MAX_SEQUENCE_GAP unless confirmed."""
    sequence = manifest["sequence"]
    if sequence <= peer.last_sequence:
        raise IntegrityRefused(f"Пакет отклонён: его номер {sequence} не новее уже принятого "
                               f"№ {peer.last_sequence} от «{peer.name}» (повтор старого пакета).")
    if sequence - peer.last_sequence > MAX_SEQUENCE_GAP and not accept_gap:
        raise IntegrityRefused(
            f"Пакет отклонён: его номер {sequence} больше последнего принятого от «{peer.name}» "
            f"(№ {peer.last_sequence}) на {sequence - peer.last_sequence} — допустимо не больше {MAX_SEQUENCE_GAP}. "
            "Если отправитель подтверждает номер (по телефону), примите пакет командой "
            "kurator packet import ФАЙЛ --accept-sequence-gap.")


def check_schema(manifest: dict[str, Any]) -> None:
    ours = head_revision()
    if manifest["schema_revision"] != ours:
        raise IntegrityRefused(f"Пакет отклонён: он сделан для схемы данных «{manifest['schema_revision']}», "
                               f"а в этой программе схема «{ours}». Обновите Куратор у той стороны, где он старее.")



def check_records(installation: Installation, incoming: dict[str, dict[str, dict[str, Any]]]) -> None:
    """What the owner rule alone does not settle: a file record's stored name is its hash (never a path), and a
    school takes the district's summary of itself only."""
    problem = stored_names_problem(row for table in FILE_TABLES for row in incoming.get(table, {}).values())
    if problem:
        raise IntegrityRefused(f"Пакет отклонён: {problem}.")
    own = school_id(installation.school_code) if installation.kind == "school" else None
    others = sorted({row["school_id"] for row in incoming.get("district_summary", {}).values()} - {own})
    if own is not None and others:
        raise IntegrityRefused("Пакет отклонён: в нём сводка района о другой школе, а этой установке пакет "
                               f"передаёт сведения только о школе {installation.school_code}.")
