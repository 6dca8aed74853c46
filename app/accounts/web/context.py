"""What the web parts of the accounts share: the store, the limits, what anonymous visitors
may do, and the cookie's name and flags. One per app, in ``app.state.accounts``."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection

from app.accounts.audit import Actor
from app.accounts.config import Limits
from app.accounts.principal import Principal, anonymous
from app.accounts.roles import Role
from app.accounts.store import AccountStore

SESSION_COOKIE = "toc_session"
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrftoken"


@dataclass(frozen=True)
class AccountsContext:
    store: AccountStore
    limits: Limits
    anonymous_role: Role | None
    cookie_secure: bool

    def anonymous(self) -> Principal:
        return anonymous(self.anonymous_role)

    def secure(self, conn: HTTPConnection) -> bool:
        """Cookies are Secure when a setting says so or the request came over HTTPS."""
        return self.cookie_secure or conn.url.scheme == "https"


def accounts_of(conn: HTTPConnection) -> AccountsContext:
    context: AccountsContext = conn.app.state.accounts
    return context


def principal_of(conn: HTTPConnection) -> Principal:
    """Who is asking, as the gate found (anonymous when the gate read no credentials)."""
    found = getattr(conn.state, "principal", None)
    return found if isinstance(found, Principal) else accounts_of(conn).anonymous()


def address_of(conn: HTTPConnection) -> str | None:
    """The client's address (behind a proxy: run uvicorn with --proxy-headers and
    --forwarded-allow-ips so that this is the browser's, not the proxy's)."""
    return conn.client.host if conn.client else None


def actor_of(conn: HTTPConnection) -> Actor:
    return Actor(principal_of(conn).account, address_of(conn))
