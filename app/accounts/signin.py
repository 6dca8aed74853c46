"""Signing in and out: the throttle, the password check, the session, the audit entry."""

from __future__ import annotations

import logging
import time

from sqlalchemy import update

from app.accounts import audit, sessions, throttle, users
from app.accounts.audit import Actor
from app.accounts.config import Limits
from app.accounts.store import AccountStore, accounts
from app.accounts.users import Account
from app.errors import NotSignedIn, TooManyAttempts

log = logging.getLogger("toc.accounts")

WRONG = "wrong account name or password"


def sign_in(
    store: AccountStore, limits: Limits, name: str, password: str, address: str | None
) -> tuple[str, Account]:
    """A new session id for the account; raises when throttled or wrong (recorded either way)."""
    name = name[:200]
    keys = throttle.keys(name, address)
    with store.read() as conn:
        wait = throttle.wait_s(conn, limits, keys)
    if wait:
        # Refused before the password is checked; logged, not audited, so that a flood of
        # tries cannot fill the audit log.
        log.warning("sign-in throttled for account %r from %s", name, address)
        raise TooManyAttempts(
            f"too many failed sign-ins for this account or from this address: try again in "
            f"{wait} s",
            wait,
        )
    account = users.check_password(store, name, password)
    actor = Actor(name=None, address=address)
    if account is None:
        with store.write() as conn:
            throttle.record_failure(conn, limits, keys)
            audit.record(conn, "sign_in_failed", name, actor)
        raise NotSignedIn(WRONG)
    with store.write() as conn:
        throttle.forget(conn, keys[0])
        session_id = sessions.start(conn, limits, account.id, address)
        conn.execute(
            update(accounts).where(accounts.c.id == account.id).values(last_sign_in_at=time.time())
        )
        audit.record(conn, "sign_in", account.name, Actor(account.name, address))
    return session_id, account
