"""Ed25519 signing keys of an installation: generation, passphrase protection, fingerprints, signatures.

The private key is kept as PKCS#8 PEM encrypted with the signer's passphrase through PBKDF2-HMAC-SHA256 with
KDF_ITERATIONS rounds (OWASP's 600,000); a key written with fewer (before: 2,048) is re-wrapped when it is next
unlocked (`signing.signing_key`). Tests lower KDF_ITERATIONS (tests/conftest.py) to stay fast.

Fingerprint: SHA-256 of the raw 32-byte public key. `fingerprint` shows its first 16 bytes (128 bits) as
8 groups of 4 uppercase hex digits, short enough to read aloud over the phone, and 2^128 work is still far
out of reach for forging a key with the same short print; `fingerprint_full` shows all 32 bytes (16 groups).
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from app.errors import KuratorError, ValidationError
from app.services.exchange import pkcs8

KDF_ITERATIONS = 600_000
MIN_PASSPHRASE_LENGTH = 8
SIGNATURE_BYTES = 64
FINGERPRINT_SHORT_BYTES = 16
FINGERPRINT_GROUP_CHARS = 4
MAX_PUBLIC_KEY_FILE = 16 * 1024

_KEY_ERRORS = (ValueError, TypeError, UnsupportedAlgorithm)


@dataclass(frozen=True)
class KeyPair:
    """A new key pair: the private key PEM encrypted with the passphrase, the public key PEM in clear."""

    private_pem: bytes
    public_pem: bytes


def generate_keypair(passphrase: str) -> KeyPair:
    """Create an Ed25519 key pair; the private key is PKCS#8 PEM encrypted with `passphrase`."""
    accept_passphrase(passphrase)
    private_key = Ed25519PrivateKey.generate()
    return KeyPair(_encrypted_pem(private_key, passphrase), public_pem_of(private_key))


def load_private_key(private_pem: bytes, passphrase: str) -> Ed25519PrivateKey:
    """Decrypt an encrypted Ed25519 private key PEM; a wrong passphrase is a KuratorError."""
    if not isinstance(private_pem, bytes) or pkcs8.PEM_BEGIN not in private_pem:
        raise KuratorError("Файл закрытого ключа повреждён или не защищён парольной фразой.")
    try:
        key = serialization.load_pem_private_key(private_pem, password=_encode(passphrase))
    except _KEY_ERRORS:
        raise KuratorError("Неверная парольная фраза: закрытый ключ не расшифрован.", field="passphrase") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KuratorError("Закрытый ключ не является ключом Ed25519.")
    return key


def load_public_key(public_pem: bytes) -> Ed25519PublicKey:
    """Read an Ed25519 public key from PEM; anything else, two keys in one file included, is a KuratorError."""
    blocks = public_pem.count(b"-----BEGIN ") if isinstance(public_pem, bytes) else 0
    if blocks > 1:
        raise KuratorError(f"В файле несколько ключей или сертификатов ({blocks}), а должен быть один открытый ключ: "
                           "непонятно, какой из них регистрировать.")
    try:
        key = serialization.load_pem_public_key(public_pem)
    except _KEY_ERRORS:
        raise KuratorError("Файл не содержит открытого ключа в формате PEM.") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KuratorError("Открытый ключ не является ключом Ed25519.")
    return key


def read_public_key_file(path: Path) -> bytes:
    """The bytes of a .pem file holding an Ed25519 public key; a missing, huge or wrong file is a KuratorError."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_PUBLIC_KEY_FILE:
            raise KuratorError(f"Файл «{path.name}» слишком велик для открытого ключа.")
        data = path.read_bytes()
    except OSError as error:
        raise KuratorError(f"Не удалось прочитать «{path}»: {error.strerror or error}.") from None
    load_public_key(data)
    return data


def public_pem_of(private_key: Ed25519PrivateKey) -> bytes:
    """The public key PEM (SubjectPublicKeyInfo) that belongs to `private_key`."""
    return private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def raw_public_key(public_pem_or_key: bytes | Ed25519PublicKey) -> bytes:
    """The raw 32 bytes of a public key given as PEM or as a key object."""
    key = load_public_key(public_pem_or_key) if isinstance(public_pem_or_key, bytes) else public_pem_or_key
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_pem_or_key: bytes | Ed25519PublicKey) -> str:
    """Short fingerprint to compare aloud: 8 groups of 4 hex digits, e.g. «3F2A 91C0 … 7B1E»."""
    return _grouped(_digest(public_pem_or_key)[:FINGERPRINT_SHORT_BYTES])


def fingerprint_full(public_pem_or_key: bytes | Ed25519PublicKey) -> str:
    """Full fingerprint: the whole SHA-256 of the raw public key in 16 groups of 4 hex digits."""
    return _grouped(_digest(public_pem_or_key))


def wrapped_weaker_than_now(private_pem: bytes) -> bool:
    """True when the private key PEM was encrypted with fewer PBKDF2 rounds than KDF_ITERATIONS (or otherwise)."""
    rounds = pkcs8.pbkdf2_iterations(private_pem)
    return rounds is None or rounds < KDF_ITERATIONS


def rewrapped(private_key: Ed25519PrivateKey, passphrase: str) -> bytes:
    """The private key PEM encrypted anew with the same passphrase at today's cost."""
    return _encrypted_pem(private_key, passphrase)


def change_passphrase(private_pem: bytes, old: str, new: str) -> bytes:
    """Re-encrypt the private key PEM under a new passphrase (the key itself does not change)."""
    accept_passphrase(new)
    return _encrypted_pem(load_private_key(private_pem, old), new)


def sign(private_key: Ed25519PrivateKey, data: bytes) -> bytes:
    """The raw 64-byte Ed25519 signature of `data`."""
    return private_key.sign(data)


def verify(public_key: Ed25519PublicKey, data: bytes, signature: bytes) -> bool:
    """True when `signature` is a valid Ed25519 signature of `data` by `public_key`."""
    if not isinstance(signature, bytes) or len(signature) != SIGNATURE_BYTES:
        return False
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def accept_passphrase(passphrase: str, repeated: str | None = None) -> str:
    """Check a new signing passphrase (≥ 8 characters, typed twice alike when `repeated` is given); stores nothing."""
    if not isinstance(passphrase, str) or len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ValidationError({"passphrase": "Парольная фраза подписи слишком короткая: она должна быть "
                                              f"не короче {MIN_PASSPHRASE_LENGTH} символов."})
    if repeated is not None and repeated != passphrase:
        raise ValidationError({"passphrase_repeat": "Фразы не совпадают: введите ту же парольную фразу ещё раз."})
    return passphrase


def _encode(passphrase: str) -> bytes:
    if not isinstance(passphrase, str) or not passphrase:
        raise KuratorError("Парольная фраза не задана.", field="passphrase")
    return passphrase.encode("utf-8")


def _encrypted_pem(private_key: Ed25519PrivateKey, passphrase: str) -> bytes:
    der = private_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    return pkcs8.encrypted_pem(der, _encode(passphrase), KDF_ITERATIONS)


def _digest(public_pem_or_key: bytes | Ed25519PublicKey) -> bytes:
    return hashlib.sha256(raw_public_key(public_pem_or_key)).digest()


def _grouped(digest: bytes) -> str:
    hex_digits = digest.hex().upper()
    step = FINGERPRINT_GROUP_CHARS
    return " ".join(hex_digits[i : i + step] for i in range(0, len(hex_digits), step))
