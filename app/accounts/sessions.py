"""Server-side sessions: a random id in the browser's cookie, its SHA-256 in the store, so any
worker or server that shares the store can check it. A session ends when its owner signs out,
after ``session_idle_minutes`` without a request, ``session_max_hours`` after sign-in, or when
its account's password is reset or the account removed; the account's role is read at every
request, so a role change applies at once."""

from __future__ import annotations

import time

from sqlalchemy import Connection, delete, insert, select, update

from app.accounts import audit
from app.accounts.audit import Actor
from app.accounts.config import Limits
from app.accounts.credentials import digest, new_session_id
from app.accounts.principal import Principal
from app.accounts.roles import Role
from app.accounts.store import AccountStore, accounts, sessions

# A session's last request is written at most this often: one write a minute per session
# rather than one per request.
TOUCH_EVERY_S = 60.0


def start(conn: Connection, limits: Limits, account_id: int, address: str | None) -> str:
    now = time.time()
    conn.execute(
        delete(sessions).where(
            (sessions.c.last_seen_at < now - limits.session_idle_s)
            | (sessions.c.created_at < now - limits.session_max_s)
        )
    )
    session_id = new_session_id()
    conn.execute(
        insert(sessions).values(
            id_hash=digest(session_id),
            account_id=account_id,
            created_at=now,
            last_seen_at=now,
            address=(address or "")[:64],
        )
    )
    return session_id


def principal(store: AccountStore, limits: Limits, session_id: str) -> Principal | None:
    """Who the session is, or None when it is unknown or has expired (and is then removed)."""
    key = digest(session_id)
    query = (
        select(
            sessions.c.created_at,
            sessions.c.last_seen_at,
            accounts.c.id,
            accounts.c.name,
            accounts.c.role,
        )
        .join(accounts, accounts.c.id == sessions.c.account_id)
        .where(sessions.c.id_hash == key)
    )
    with store.read() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    now = time.time()
    expired = (
        now - row.last_seen_at > limits.session_idle_s
        or now - row.created_at > limits.session_max_s
    )
    if expired or now - row.last_seen_at > TOUCH_EVERY_S:
        with store.write() as conn:
            if expired:
                conn.execute(delete(sessions).where(sessions.c.id_hash == key))
            else:
                conn.execute(
                    update(sessions).where(sessions.c.id_hash == key).values(last_seen_at=now)
                )
    if expired:
        return None
    return Principal(role=Role(row.role), account=row.name, account_id=row.id, via="session")


def end(store: AccountStore, session_id: str, actor: Actor) -> bool:
    """Sign out: the session is deleted, so no worker accepts it again."""
    key = digest(session_id)
    with store.write() as conn:
        row = conn.execute(
            select(accounts.c.name)
            .join(sessions, accounts.c.id == sessions.c.account_id)
            .where(sessions.c.id_hash == key)
        ).first()
        if row is None:
            return False
        conn.execute(delete(sessions).where(sessions.c.id_hash == key))
        audit.record(conn, "sign_out", row.name, actor)
    return True
