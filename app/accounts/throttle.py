"""Failed sign-ins counted per account and per address in the store, so that the limit holds
across workers and servers: past ``max_failures`` in ``window_s`` the next try is refused
(429) before its password is even checked."""

from __future__ import annotations

import math
import time

from sqlalchemy import Connection, delete, func, insert, select

from app.accounts.config import Limits
from app.accounts.store import failed_sign_ins

KEY_LENGTH = 200


def keys(name: str, address: str | None) -> list[str]:
    return [f"account:{name}"[:KEY_LENGTH], f"address:{address or 'unknown'}"[:KEY_LENGTH]]


def wait_s(conn: Connection, limits: Limits, keys: list[str]) -> int:
    """Seconds until a sign-in for these keys may be tried again; 0 when it may now."""
    since = time.time() - limits.window_s
    longest = 0.0
    for key in keys:
        rows = conn.execute(
            select(func.count(), func.min(failed_sign_ins.c.at)).where(
                failed_sign_ins.c.key == key, failed_sign_ins.c.at > since
            )
        ).one()
        n, oldest = rows
        if n >= limits.max_failures and oldest is not None:
            longest = max(longest, oldest + limits.window_s - time.time())
    return max(1, math.ceil(longest)) if longest > 0 else 0


def record_failure(conn: Connection, limits: Limits, keys: list[str]) -> None:
    now = time.time()
    conn.execute(delete(failed_sign_ins).where(failed_sign_ins.c.at <= now - limits.window_s))
    conn.execute(insert(failed_sign_ins), [{"key": k, "at": now} for k in keys])


def forget(conn: Connection, key: str) -> None:
    """A right password clears the account's failures (not the address's)."""
    conn.execute(delete(failed_sign_ins).where(failed_sign_ins.c.key == key))
