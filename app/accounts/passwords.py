"""Passwords: hashed with Argon2id (argon2-cffi's defaults, RFC 9106's low-memory profile),
checked in constant time, generated when an admin does not choose one. Never stored, logged
or answered in clear."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app.errors import InvalidInput

MIN_LENGTH = 12
MAX_LENGTH = 256  # Argon2 takes any length; a bound keeps a hostile sign-in cheap to refuse

_hasher = PasswordHasher()
# Checked against when the account does not exist, so that a wrong name costs as much time as
# a wrong password and answers cannot tell which accounts exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def check_policy(password: str, loc: tuple[str | int, ...] = ("body", "password")) -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidInput(loc, f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise InvalidInput(loc, f"a password has at most {MAX_LENGTH} characters")
    if not password.strip():
        raise InvalidInput(loc, "a password cannot be only spaces")


def hash_password(password: str) -> str:
    check_policy(password)
    return _hasher.hash(password)


def verify(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; False for no account (after the same work)."""
    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def generate() -> str:
    """20 random URL-safe characters (about 120 bits)."""
    return secrets.token_urlsafe(15)
