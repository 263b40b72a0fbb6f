"""PKCS#8 EncryptedPrivateKeyInfo written with a chosen key-derivation cost, in the layout OpenSSL writes:
PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC (RFC 8018). cryptography reads it (`load_pem_private_key`) but
writes it only with 2,048 PBKDF2 rounds (`BestAvailableEncryption`), far too few for a passphrase today.
"""

import base64
import os

from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

PEM_BEGIN, PEM_END = b"-----BEGIN ENCRYPTED PRIVATE KEY-----", b"-----END ENCRYPTED PRIVATE KEY-----"
_SEQUENCE, _OCTETS, _INTEGER, _OID, _NULL = 0x30, 0x04, 0x02, 0x06, 0x05
# The object identifiers, DER-encoded: PBES2 and PBKDF2 (RFC 8018), hmacWithSHA256, AES-256-CBC.
_PBES2 = bytes.fromhex("2a864886f70d01050d")
_PBKDF2 = bytes.fromhex("2a864886f70d01050c")
_HMAC_SHA256 = bytes.fromhex("2a864886f70d0209")
_AES256_CBC = bytes.fromhex("60864801650304012a")


def encrypted_pem(private_key_der: bytes, passphrase: bytes, iterations: int) -> bytes:
    """The unencrypted PKCS#8 DER of a key, encrypted under `passphrase` with `iterations` PBKDF2 rounds, as PEM."""
    salt, iv = os.urandom(16), os.urandom(16)
    key = PBKDF2HMAC(hashes.SHA256(), 32, salt, iterations).derive(passphrase)
    padder = padding.PKCS7(128).padder()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    encrypted = encryptor.update(padder.update(private_key_der) + padder.finalize()) + encryptor.finalize()
    prf = _der(_SEQUENCE, _der(_OID, _HMAC_SHA256) + _der(_NULL, b""))
    kdf = _der(_SEQUENCE, _der(_OID, _PBKDF2) + _der(_SEQUENCE, _der(_OCTETS, salt) + _integer(iterations) + prf))
    scheme = _der(_SEQUENCE, _der(_OID, _AES256_CBC) + _der(_OCTETS, iv))
    algorithm = _der(_SEQUENCE, _der(_OID, _PBES2) + _der(_SEQUENCE, kdf + scheme))
    body = base64.b64encode(_der(_SEQUENCE, algorithm + _der(_OCTETS, encrypted)))
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return b"\n".join([PEM_BEGIN, *lines, PEM_END]) + b"\n"


def pbkdf2_iterations(pem: bytes) -> int | None:
    """The PBKDF2 rounds an encrypted PKCS#8 PEM was written with; None when it is laid out otherwise."""
    try:
        der = base64.b64decode(b"".join(pem.strip().splitlines()[1:-1]), validate=True)
        algorithm = _children(_children(der)[0][1])[0][1]
        oid, params = _children(algorithm)
        kdf = _children(_children(params[1])[0][1])
        if oid[1] != _PBES2 or kdf[0][1] != _PBKDF2:
            return None
        return int.from_bytes(_children(kdf[1][1])[1][1], "big")
    except (ValueError, IndexError):
        return None


def _der(tag: int, body: bytes) -> bytes:
    size = len(body)
    if size < 0x80:
        return bytes([tag, size]) + body
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + body


def _integer(value: int) -> bytes:
    return _der(_INTEGER, value.to_bytes(value.bit_length() // 8 + 1, "big"))  # a leading zero keeps it positive


def _children(der: bytes) -> list[tuple[int, bytes]]:
    """The (tag, body) elements one after another in `der` (definite lengths only, as DER has)."""
    found, at = [], 0
    while at < len(der):
        tag, size, at = der[at], der[at + 1], at + 2
        if size & 0x80:
            count = size & 0x7F
            size, at = int.from_bytes(der[at:at + count], "big"), at + count
        if at + size > len(der):
            raise ValueError("truncated DER")
        found.append((tag, der[at:at + size]))
        at += size
    return found
