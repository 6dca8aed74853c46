"""The audit log: who signed in, failed to, signed out, made or revoked a token, and every
change to an account, with time, account, actor and address. Admins read it (``toc user
audit``, ``GET /api/admin/audit``, the admin page); nothing secret is ever written to it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection, insert, select

from app.accounts.store import AccountStore, audit_log

Event = Literal[
    "sign_in",
    "sign_in_failed",
    "sign_in_throttled",
    "sign_out",
    "token_created",
    "token_revoked",
    "account_created",
    "role_changed",
    "password_reset",
    "account_removed",
]


@dataclass(frozen=True)
class Actor:
    """Who does something: an account's name, ``cli:USER``, or nobody; and from where."""

    name: str | None
    address: str | None = None


def record(
    conn: Connection, event: Event, account: str | None, actor: Actor, detail: str = ""
) -> None:
    """Record in the caller's transaction, so an event is logged if and only if it happened."""
    conn.execute(
        insert(audit_log).values(
            at=time.time(),
            event=event,
            account=account,
            actor=actor.name,
            address=actor.address,
            detail=detail,
        )
    )


@dataclass(frozen=True)
class Entry:
    at: float
    event: str
    account: str | None
    actor: str | None
    address: str | None
    detail: str


def read(store: AccountStore, limit: int = 100, account: str | None = None) -> list[Entry]:
    """The latest entries first."""
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if account is not None:
        query = query.where(audit_log.c.account == account)
    with store.read() as conn:
        return [
            Entry(r.at, r.event, r.account, r.actor, r.address, r.detail or "")
            for r in conn.execute(query)
        ]
