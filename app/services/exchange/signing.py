"""The installation's own signing key: made once, kept encrypted with the signer's passphrase, used at sign-off.

`init` makes the key pair when KURATOR_PASSPHRASE is set; otherwise the first sign-off makes it. The private key
never leaves the database unencrypted; the public key and its fingerprint are shown and exported freely.
"""

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import Installation
from app.services.exchange import keys
from app.services.installation import get_installation, require_installation

NO_KEYS = "У этой установки ещё нет ключа подписи: он создаётся при первом подписании пакета."


def has_keys(installation: Installation) -> bool:
    return bool(installation.public_key_pem and installation.private_key_pem)


def ensure_keys(session: Session, passphrase: str) -> Installation:
    """Create the installation's Ed25519 key pair if it has none; an existing pair is kept as it is."""
    installation = require_installation(session)
    if not has_keys(installation):
        pair = keys.generate_keypair(passphrase)
        installation.private_key_pem = pair.private_pem.decode("ascii")
        installation.public_key_pem = pair.public_pem.decode("ascii")
        session.flush()
    return installation


def public_key(session: Session) -> bytes:
    """The installation's public key PEM; refuses when no key has been made yet."""
    installation = require_installation(session)
    if not has_keys(installation):
        raise KuratorError(NO_KEYS)
    return installation.public_key_pem.encode("ascii")


def fingerprint_of_installation(session: Session) -> str | None:
    """The short fingerprint of this installation's key, to read aloud over the phone; None before a key is made."""
    installation = get_installation(session)
    if installation is None or not has_keys(installation):
        return None
    return keys.fingerprint(installation.public_key_pem.encode("ascii"))


def signing_key(session: Session, passphrase: str) -> Ed25519PrivateKey:
    """The decrypted private key (created first if missing); a wrong passphrase is a KuratorError. A key encrypted
    at a lower cost than today's is re-encrypted at today's (same key, same passphrase) once it unlocked."""
    installation = ensure_keys(session, passphrase)
    private_pem = installation.private_key_pem.encode("ascii")
    private_key = keys.load_private_key(private_pem, passphrase)
    if keys.wrapped_weaker_than_now(private_pem):
        installation.private_key_pem = keys.rewrapped(private_key, passphrase).decode("ascii")
        session.flush()
    return private_key


def change_passphrase(session: Session, old: str, new: str) -> None:
    """Re-encrypt the private key under a new passphrase; the key and its fingerprint stay the same."""
    installation = require_installation(session)
    if not has_keys(installation):
        raise KuratorError(NO_KEYS)
    installation.private_key_pem = keys.change_passphrase(installation.private_key_pem.encode("ascii"), old, new).decode("ascii")
