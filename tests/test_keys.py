"""Ed25519 keys of an installation: passphrase protection, fingerprints, signatures."""

import hashlib
import os
import re
import shutil
import subprocess

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key

from app.errors import KuratorError
from app.services.exchange import keys

PASSPHRASE = "школа-0101-ключ"


@pytest.fixture(scope="module")
def pair() -> keys.KeyPair:
    return keys.generate_keypair(PASSPHRASE)


@pytest.mark.parametrize("passphrase", ["", "short7!", None])
def test_empty_or_short_passphrase_is_refused_in_russian(passphrase):
    with pytest.raises(KuratorError, match="Парольная фраза"):
        keys.generate_keypair(passphrase)


def test_private_key_pem_is_encrypted_pkcs8(pair):
    assert pair.private_pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert pair.public_pem.startswith(b"-----BEGIN PUBLIC KEY-----")


def test_private_key_loads_with_its_passphrase_and_matches_the_public_key(pair):
    private_key = keys.load_private_key(pair.private_pem, PASSPHRASE)
    assert keys.public_pem_of(private_key) == pair.public_pem


def test_wrong_passphrase_is_a_clear_refusal(pair):
    with pytest.raises(KuratorError, match="^Неверная парольная фраза"):
        keys.load_private_key(pair.private_pem, "не та фраза")


def test_unencrypted_or_garbage_private_key_is_refused(pair):
    plain = keys.load_private_key(pair.private_pem, PASSPHRASE).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    for pem in (plain, b"", b"garbage", pair.public_pem):
        with pytest.raises(KuratorError):
            keys.load_private_key(pem, PASSPHRASE)


def test_public_key_must_be_an_ed25519_pem(pair):
    ec_pem = generate_private_key(SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    for pem in (ec_pem, b"", b"\xff\xfe", pair.private_pem, pair.public_pem[:-30]):
        with pytest.raises(KuratorError):
            keys.load_public_key(pem)
    assert keys.load_public_key(pair.public_pem) is not None


def test_fingerprint_is_eight_groups_from_sha256_of_the_raw_public_key(pair):
    der = keys.load_public_key(pair.public_pem).public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    expected = hashlib.sha256(der[-32:]).hexdigest().upper()
    short = keys.fingerprint(pair.public_pem)
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){7}", short)
    assert short.replace(" ", "") == expected[:32]
    assert keys.fingerprint_full(pair.public_pem).replace(" ", "") == expected
    assert keys.fingerprint(keys.load_public_key(pair.public_pem)) == short


def test_two_keys_have_different_fingerprints(pair):
    other = keys.generate_keypair(PASSPHRASE)
    assert keys.fingerprint(other.public_pem) != keys.fingerprint(pair.public_pem)


def test_changed_passphrase_keeps_the_key_and_retires_the_old_phrase(pair):
    renewed = keys.change_passphrase(pair.private_pem, PASSPHRASE, "новая длинная фраза")
    assert keys.public_pem_of(keys.load_private_key(renewed, "новая длинная фраза")) == pair.public_pem
    with pytest.raises(KuratorError, match="Неверная парольная фраза"):
        keys.load_private_key(renewed, PASSPHRASE)


def test_change_passphrase_refuses_wrong_old_or_short_new(pair):
    with pytest.raises(KuratorError, match="Неверная"):
        keys.change_passphrase(pair.private_pem, "не та фраза", "новая длинная фраза")
    with pytest.raises(KuratorError, match="короткая"):
        keys.change_passphrase(pair.private_pem, PASSPHRASE, "123")


def test_signature_is_64_bytes_and_verifies_only_for_the_same_data_and_key(pair):
    private_key = keys.load_private_key(pair.private_pem, PASSPHRASE)
    public_key = keys.load_public_key(pair.public_pem)
    signature = keys.sign(private_key, b"manifest")
    assert len(signature) == 64
    assert keys.verify(public_key, b"manifest", signature)
    assert not keys.verify(public_key, b"manifest!", signature)
    assert not keys.verify(public_key, b"manifest", signature[:63])
    assert not keys.verify(public_key, b"manifest", bytes(64))
    other = keys.load_public_key(keys.generate_keypair(PASSPHRASE).public_pem)
    assert not keys.verify(other, b"manifest", signature)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl binary")
def test_openssl_decrypts_the_private_key_with_the_passphrase(pair, tmp_path):
    (tmp_path / "key.pem").write_bytes(pair.private_pem)
    result = subprocess.run(
        ["openssl", "pkey", "-in", "key.pem", "-passin", "env:PASS", "-pubout"],
        cwd=tmp_path, capture_output=True, env={**os.environ, "PASS": PASSPHRASE}, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == pair.public_pem
