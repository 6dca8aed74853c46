"""Random session ids and API tokens, and the digest under which the store keeps them.

Both are 256-bit random values, so a fast hash is enough (nothing to brute-force); the store
holds only the SHA-256, so reading the store does not give a working session or token.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "toc_"  # API tokens say what they are (and secret scanners can find them)


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def new_api_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()
