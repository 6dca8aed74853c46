"""Accounts: add, list, change role, reset password, remove; and checking a password.

Names are 1-64 letters, digits and ``._-@`` so that they print safely everywhere (logs, the
audit, the page). The last admin can be neither demoted nor removed: someone must always be
able to manage accounts.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from app.accounts import audit, passwords
from app.accounts.audit import Actor
from app.accounts.roles import Role
from app.accounts.store import AccountStore, accounts, sessions
from app.errors import Conflict, InvalidInput, NotFound

NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"
_NAME = re.compile(NAME_PATTERN)


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: Role
    created_at: float
    last_sign_in_at: float | None


def _account(r: Row[Any]) -> Account:
    return Account(r.id, r.name, Role(r.role), r.created_at, r.last_sign_in_at)


def check_name(name: str, loc: tuple[str | int, ...] = ("body", "name")) -> str:
    if not _NAME.fullmatch(name):
        raise InvalidInput(
            loc, "an account name is 1-64 letters, digits and . _ @ -, a letter or digit first"
        )
    return name


def parse_role(role: str, loc: tuple[str | int, ...] = ("body", "role")) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InvalidInput(loc, f"the role is one of {', '.join(Role)}, not {role!r}") from None


def add(store: AccountStore, name: str, role: Role, password: str, actor: Actor) -> Account:
    check_name(name)
    password_hash = passwords.hash_password(password)
    now = time.time()
    try:
        with store.write() as conn:
            new_id = conn.execute(
                insert(accounts).values(
                    name=name,
                    role=role.value,
                    password_hash=password_hash,
                    created_at=now,
                    password_set_at=now,
                )
            ).inserted_primary_key
            audit.record(conn, "account_created", name, actor, f"role {role}")
    except IntegrityError:
        raise Conflict(f"an account named {name!r} already exists") from None
    assert new_id is not None
    return Account(int(new_id[0]), name, role, now, None)


def count(store: AccountStore) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(accounts)).scalar_one())


def list_all(store: AccountStore) -> list[Account]:
    with store.read() as conn:
        return [_account(r) for r in conn.execute(select(accounts).order_by(accounts.c.name))]


def get(store: AccountStore, name: str) -> Account:
    with store.read() as conn:
        return _get(conn, name)


def _get(conn: Connection, name: str) -> Account:
    row = conn.execute(select(accounts).where(accounts.c.name == name)).first()
    if row is None:
        raise NotFound("account", name, "`toc user list` lists them")
    return _account(row)


def _admins(conn: Connection) -> int:
    query = select(func.count()).select_from(accounts).where(accounts.c.role == Role.ADMIN)
    return int(conn.execute(query).scalar_one())


def set_role(store: AccountStore, name: str, role: Role, actor: Actor) -> Account:
    with store.write() as conn:
        account = _get(conn, name)
        if account.role == Role.ADMIN and role != Role.ADMIN and _admins(conn) == 1:
            raise Conflict(f"{name!r} is the last admin: make another admin first")
        conn.execute(update(accounts).where(accounts.c.id == account.id).values(role=role.value))
        audit.record(conn, "role_changed", name, actor, f"{account.role} -> {role}")
    return Account(account.id, name, role, account.created_at, account.last_sign_in_at)


def set_password(store: AccountStore, name: str, password: str, actor: Actor) -> None:
    """A new password ends every session of the account (its API tokens stay)."""
    password_hash = passwords.hash_password(password)
    with store.write() as conn:
        account = _get(conn, name)
        conn.execute(
            update(accounts)
            .where(accounts.c.id == account.id)
            .values(password_hash=password_hash, password_set_at=time.time())
        )
        conn.execute(delete(sessions).where(sessions.c.account_id == account.id))
        audit.record(conn, "password_reset", name, actor)


def remove(store: AccountStore, name: str, actor: Actor) -> None:
    """Removes the account with its sessions and tokens; the audit keeps its name."""
    with store.write() as conn:
        account = _get(conn, name)
        if account.role == Role.ADMIN and _admins(conn) == 1:
            raise Conflict(f"{name!r} is the last admin and cannot be removed")
        conn.execute(delete(accounts).where(accounts.c.id == account.id))
        audit.record(conn, "account_removed", name, actor)


def check_password(store: AccountStore, name: str, password: str) -> Account | None:
    """The account when ``password`` is right, else None (the same work either way)."""
    with store.read() as conn:
        row = conn.execute(select(accounts).where(accounts.c.name == name)).first()
    if not passwords.verify(row.password_hash if row is not None else None, password):
        return None
    assert row is not None
    if passwords.needs_rehash(row.password_hash):
        with store.write() as conn:
            conn.execute(
                update(accounts)
                .where(accounts.c.id == row.id)
                .values(password_hash=passwords.hash_password(password))
            )
    return _account(row)
