"""Accounts for the tests: one of each role in the session's own account store (a temporary
SQLite file, never the developer's), with a password, an API token and a session each."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.accounts import api_tokens, passwords, users
from app.accounts.audit import Actor
from app.accounts.config import Limits
from app.accounts.credentials import digest, new_session_id
from app.accounts.roles import Role
from app.accounts.store import AccountStore, sessions
from app.settings import Settings

ROLES = list(Role)
TESTS = Actor("tests", "local")


@dataclass
class RoleAccounts:
    """``names[role]``, ``passwords[role]``, ``tokens[role]``, ``sessions[role]``."""

    store: AccountStore
    limits: Limits
    names: dict[Role, str] = field(default_factory=dict)
    passwords: dict[Role, str] = field(default_factory=dict)
    tokens: dict[Role, str] = field(default_factory=dict)
    session_ids: dict[Role, str] = field(default_factory=dict)

    def bearer(self, role: Role | str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[Role(role)]}"}

    def new_session(self, role: Role | str) -> str:
        """A fresh session of the role's account, as signing in would make (no password check,
        so the argon2 cost and the sign-in throttle stay out of tests about something else)."""
        import time

        account = users.get(self.store, self.names[Role(role)])
        session_id = new_session_id()
        now = time.time()
        with self.store.write() as conn:
            conn.execute(
                sessions.insert().values(
                    id_hash=digest(session_id),
                    account_id=account.id,
                    created_at=now,
                    last_seen_at=now,
                    address="tests",
                )
            )
        return session_id


def make_role_accounts(settings: Settings, prefix: str = "test") -> RoleAccounts:
    from app.accounts.config import store_url

    made = RoleAccounts(AccountStore(store_url(settings)), Limits.of(settings))
    for role in ROLES:
        name = f"{prefix}-{role}"
        password = passwords.generate()
        users.add(made.store, name, role, password, TESTS)
        token, _ = api_tokens.create(made.store, name, "tests", role, None, TESTS)
        made.names[role] = name
        made.passwords[role] = password
        made.tokens[role] = token
        made.session_ids[role] = made.new_session(role)
    return made


class Current:
    """The session's accounts, for helpers that take no fixtures (browser tests' httpx calls)."""

    accounts: RoleAccounts | None = None


def auth(role: Role | str = Role.RESEARCHER) -> dict[str, str]:
    assert Current.accounts is not None, "the role_accounts fixture makes them first"
    return Current.accounts.bearer(role)
