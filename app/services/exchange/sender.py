"""Who sent a packet whose key is not registered here: what the user compares over the phone before trusting it."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.services.exchange import keys
from app.services.exchange import packet as packet_format
from app.services.exchange.peers import find_district_peer, find_school_peer, peers_with_key
from app.services.installation import require_installation


@dataclass(frozen=True)
class PacketSender:
    """The sender a packet names, with the key it carries (sender.pem) and that key's fingerprint."""

    kind: str
    name: str
    school_code: str | None
    public_pem: bytes
    fingerprint: str


def unregistered_sender(session: Session, path: Path) -> PacketSender | None:
    """The packet's sender when it may send here but its key is not registered yet; otherwise None."""
    installation = require_installation(session)
    try:
        head = packet_format.read_head(Path(path))  # the manifest and sender.pem only: the data stays unread
    except KuratorError:
        return None
    sender = head.manifest["sender"]
    if sender["kind"] == installation.kind:
        return None
    peer = find_school_peer(session, sender["school_code"]) if sender["kind"] == "school" else find_district_peer(session)
    if peer is not None or peers_with_key(session, head.sender_pem):
        return None  # registered already, by what it claims or by its key
    return PacketSender(sender["kind"], sender["name"], sender.get("school_code"), head.sender_pem,
                        keys.fingerprint(head.sender_pem))
