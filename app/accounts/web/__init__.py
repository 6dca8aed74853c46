"""The accounts on the web: ``install_accounts(app, settings)`` is the one call that adds the
gate (permission table), CSRF protection, the sign-in, token and admin routes and pages, and
the OpenAPI security schemes. Call it before adding middleware that should wrap every answer
(security headers, trusted hosts): middleware added later is outside the gate."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from app.accounts.config import Limits, anonymous_role, store_url
from app.accounts.permissions import PERMISSIONS
from app.accounts.store import AccountStore
from app.accounts.web import pages, routes
from app.accounts.web.context import AccountsContext
from app.accounts.web.csrf import CsrfGuard
from app.accounts.web.gate import Gate, PermissionTable
from app.accounts.web.openapi import install_openapi
from app.settings import Settings


def install_accounts(app: FastAPI, settings: Settings) -> None:
    store = AccountStore(store_url(settings))
    accounts = AccountsContext(
        store=store,
        limits=Limits.of(settings),
        anonymous_role=anonymous_role(settings),
        cookie_secure=settings.cookie_secure,
    )
    app.state.accounts = accounts
    app.include_router(routes.router)
    # Its own router, not nested in the one above, so its operations carry one tag only.
    app.include_router(routes.admin)
    app.include_router(pages.router)
    # add_middleware wraps what was added before: the gate runs first, then CSRF.
    app.add_middleware(CsrfGuard, accounts=accounts)
    app.add_middleware(Gate, accounts=accounts)
    install_openapi(app, PermissionTable(PERMISSIONS), accounts)

    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        async with inner(a) as state:
            yield state
        store.dispose()

    app.router.lifespan_context = lifespan


__all__ = ["install_accounts"]
