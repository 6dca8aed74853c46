"""Personal API tokens for scripts, sent as ``Authorization: Bearer toc_...``.

Made and revoked by their owner only (a person signed in, or the owner's CLI command),
shown once, kept as a SHA-256. A token's role is at most its owner's, and stays so: the role
in force is the lower of the token's and the owner's current one. Revoking deletes the row,
so every worker refuses the token at its next request.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, delete, insert, select, update

from app.accounts import audit
from app.accounts.audit import Actor
from app.accounts.credentials import digest, new_api_token
from app.accounts.principal import Principal
from app.accounts.roles import RANK, Role, lower
from app.accounts.store import AccountStore, accounts, api_tokens
from app.errors import InvalidInput, NotFound

MAX_DAYS = 3650
TOUCH_EVERY_S = 60.0
SHOWN_PREFIX = 8  # characters of the token kept in clear to tell tokens apart in a list


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    prefix: str
    role: Role
    created_at: float
    expires_at: float | None
    last_used_at: float | None


def _info(r: Row[Any]) -> TokenInfo:
    return TokenInfo(
        r.id, r.name, r.prefix, Role(r.role), r.created_at, r.expires_at, r.last_used_at
    )


def create(
    store: AccountStore,
    owner: str,
    name: str,
    role: Role | None,
    expires_in_days: float | None,
    actor: Actor,
) -> tuple[str, TokenInfo]:
    """A new token for ``owner``; the clear token is returned once and never stored."""
    if not name.strip() or len(name) > 100:
        raise InvalidInput(("body", "name"), "a token's name is 1-100 characters")
    if expires_in_days is not None and not 0 < expires_in_days <= MAX_DAYS:
        raise InvalidInput(("body", "expires_in_days"), f"between 0 and {MAX_DAYS} days")
    token = new_api_token()
    now = time.time()
    expires_at = now + expires_in_days * 86400 if expires_in_days is not None else None
    with store.write() as conn:
        row = conn.execute(select(accounts).where(accounts.c.name == owner)).first()
        if row is None:
            raise NotFound("account", owner)
        owner_role = Role(row.role)
        role = role or owner_role
        if RANK[role] > RANK[owner_role]:
            raise InvalidInput(
                ("body", "role"), f"a token's role is at most its owner's ({owner_role})"
            )
        values = {
            "account_id": row.id,
            "name": name.strip(),
            "token_hash": digest(token),
            "prefix": token[:SHOWN_PREFIX],
            "role": role.value,
            "created_at": now,
            "expires_at": expires_at,
        }
        new_id = conn.execute(insert(api_tokens).values(**values)).inserted_primary_key
        assert new_id is not None
        audit.record(conn, "token_created", owner, actor, f"token {name.strip()!r}, role {role}")
    info = TokenInfo(int(new_id[0]), values["name"], values["prefix"], role, now, expires_at, None)
    return token, info


def list_for(store: AccountStore, owner: str) -> list[TokenInfo]:
    query = (
        select(api_tokens)
        .join(accounts, accounts.c.id == api_tokens.c.account_id)
        .where(accounts.c.name == owner)
        .order_by(api_tokens.c.id)
    )
    with store.read() as conn:
        return [_info(r) for r in conn.execute(query)]


def revoke(store: AccountStore, owner: str, token_id: int, actor: Actor) -> None:
    with store.write() as conn:
        row = conn.execute(
            select(api_tokens.c.id, api_tokens.c.name)
            .join(accounts, accounts.c.id == api_tokens.c.account_id)
            .where(accounts.c.name == owner, api_tokens.c.id == token_id)
        ).first()
        if row is None:
            raise NotFound("API token", str(token_id), "GET /auth/tokens lists yours")
        conn.execute(delete(api_tokens).where(api_tokens.c.id == token_id))
        audit.record(conn, "token_revoked", owner, actor, f"token {row.name!r}")


def principal(store: AccountStore, token: str) -> Principal | None:
    """Whom the token acts for, or None when it is wrong, revoked or expired."""
    if len(token) > 200:
        return None
    key = digest(token)
    query = (
        select(
            api_tokens.c.id,
            api_tokens.c.role,
            api_tokens.c.expires_at,
            api_tokens.c.last_used_at,
            accounts.c.id.label("account_id"),
            accounts.c.name,
            accounts.c.role.label("account_role"),
        )
        .join(accounts, accounts.c.id == api_tokens.c.account_id)
        .where(api_tokens.c.token_hash == key)
    )
    with store.read() as conn:
        row = conn.execute(query).first()
    now = time.time()
    if row is None or (row.expires_at is not None and row.expires_at <= now):
        return None
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY_S:
        with store.write() as conn:
            conn.execute(
                update(api_tokens).where(api_tokens.c.id == row.id).values(last_used_at=now)
            )
    return Principal(
        role=lower(Role(row.role), Role(row.account_role)),
        account=row.name,
        account_id=row.account_id,
        via="token",
        token_id=row.id,
    )
