"""Trusted peers: the schools a district accepts packets from, or the district a school accepts packets from.

A key is trusted only by an explicit act (`kurator keys trust`), after the two sides compared its fingerprint
over the phone. Trusting a school at a district also adds the school to the register when it is missing, with
its stable id `school_id(code)`. A different key for a peer already trusted is taken only with `replace=True`,
and the change is written to the audit log.
"""

from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.audit import current_user
from app.errors import IntegrityRefused, KuratorError
from app.models import AuditEntry, Peer, School, utcnow
from app.services.exchange import keys
from app.services.ids import school_id
from app.services.installation import SCHOOL_CODE, require_installation


@dataclass(frozen=True)
class TrustResult:
    peer: Peer
    created: bool
    replaced: bool
    school_added: bool


def find_school_peer(session: Session, code: str) -> Peer | None:
    return session.scalars(select(Peer).where(Peer.kind == "school", Peer.school_code == code)).first()


def find_district_peer(session: Session) -> Peer | None:
    return session.scalars(select(Peer).where(Peer.kind == "district")).first()


def peers_with_key(session: Session, public_pem: bytes) -> list[Peer]:
    """The peers registered with this public key (one at most, unless an older database let a key in twice)."""
    candidates = session.scalars(select(Peer).where(Peer.fingerprint == keys.fingerprint(public_pem)))
    raw = keys.raw_public_key(public_pem)
    return [peer for peer in candidates if keys.raw_public_key(peer.public_key_pem.encode("ascii")) == raw]


def describe_peer(peer: Peer) -> str:
    """The peer in the genitive, as refusals name it: «школы 0701001 «…»» or «органа управления образованием «…»»."""
    if peer.kind == "school":
        return f"школы {peer.school_code} «{peer.name}»"
    return f"органа управления образованием «{peer.name}»"


def list_peers(session: Session) -> list[Peer]:
    return list(session.scalars(select(Peer).order_by(Peer.kind, Peer.school_code, Peer.name)))


def trust(session: Session, public_pem: bytes, *, school_code: str | None = None, district: bool = False,
          name: str | None = None, replace: bool = False) -> TrustResult:
    """Register a peer's public key: a school by its code (at a district) or the district (at a school)."""
    installation = require_installation(session)
    key_pem = _normalised_pem(public_pem)
    if district == bool(school_code):
        raise KuratorError("Укажите либо --school КОД (ключ школы), либо --district (ключ органа управления).")
    if district and installation.kind != "school":
        raise KuratorError("Ключ органа управления образованием регистрируется в базе школы, а не района.")
    if school_code and installation.kind != "district":
        raise KuratorError("Ключи школ регистрируются в базе органа управления образованием.")
    if school_code:
        school_code = _checked_code(school_code)
    peer = find_school_peer(session, school_code) if school_code else find_district_peer(session)
    _refuse_key_of_another_identity(session, key_pem.encode("ascii"), peer)
    label = name.strip() if name and name.strip() else None
    school_added = _ensure_school(session, school_code, label) if school_code else False
    if peer is None:
        peer = Peer(kind="school" if school_code else "district", school_code=school_code,
                    name=label or _default_name(session, school_code), public_key_pem=key_pem,
                    fingerprint=keys.fingerprint(key_pem.encode("ascii")))
        session.add(peer)
        _log(session, "trust", peer, None)
        session.flush()
        return TrustResult(peer, True, False, school_added)
    replaced = _update_key(session, peer, key_pem, replace)
    if label:
        peer.name = label
    session.flush()
    return TrustResult(peer, False, replaced, school_added)


def _normalised_pem(public_pem: bytes) -> str:
    key = keys.load_public_key(public_pem)
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def _refuse_key_of_another_identity(session: Session, key_pem: bytes, peer: Peer | None) -> None:
    """One key, one identity: a key this installation signs with, or one registered for another peer, is refused."""
    installation = require_installation(session)
    own = installation.public_key_pem
    if own and keys.raw_public_key(own.encode("ascii")) == keys.raw_public_key(key_pem):
        raise IntegrityRefused(f"Это открытый ключ самой этой установки («{installation.name}»). Зарегистрировать "
                               "нужно ключ, полученный от школы или органа управления образованием.")
    for holder in peers_with_key(session, key_pem):
        if holder is not peer:
            raise IntegrityRefused(f"Этот ключ уже зарегистрирован для {describe_peer(holder)}: один ключ — одна "
                                   "установка. Попросите прислать ключ именно этой установки и сверьте его отпечаток.")


def _checked_code(code: str) -> str:
    code = code.strip()
    if not SCHOOL_CODE.match(code):
        raise KuratorError("Код школы: до 32 букв, цифр, точек, дефисов.")
    return code


def _update_key(session: Session, peer: Peer, key_pem: str, replace: bool) -> bool:
    if keys.raw_public_key(peer.public_key_pem.encode("ascii")) == keys.raw_public_key(key_pem.encode("ascii")):
        return False
    if not replace:
        raise IntegrityRefused(
            f"Для «{peer.name}» уже зарегистрирован другой ключ (отпечаток {peer.fingerprint}). "
            "Замена ключа — только явно, с --replace, после сверки отпечатка по телефону."
        )
    old = peer.fingerprint
    peer.public_key_pem = key_pem
    peer.fingerprint = keys.fingerprint(key_pem.encode("ascii"))
    peer.installation_id = None  # a new key usually means a reinstalled program: learn the id from its packet
    _log(session, "rekey", peer, {"fingerprint": [old, peer.fingerprint]})
    return True


def _ensure_school(session: Session, code: str, name: str | None) -> bool:
    if session.get(School, school_id(code)) is not None or session.scalars(select(School).where(School.code == code)).first():
        return False
    session.add(School(id=school_id(code), code=code, name=name or f"Школа {code}", kind="СОШ", locality="rural"))
    return True


def _default_name(session: Session, code: str | None) -> str:
    if code is None:
        return "Орган управления образованием"
    school = session.get(School, school_id(code))
    return school.name if school else f"Школа {code}"


def _log(session: Session, action: str, peer: Peer, changes: dict | None) -> None:
    session.flush()
    session.add(AuditEntry(at=utcnow(), user=session.info.get("user") or current_user(), action=action,
                           table_name="peer", record_id=peer.id, changes=changes or {"fingerprint": peer.fingerprint}))
