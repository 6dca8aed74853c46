"""The accounts' pages: sign-in, one's own account and tokens, and the admins' accounts and
audit log. Shells rendered with autoescaping, like every page (``app/pages``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from app.accounts import api_tokens, audit, users
from app.accounts.roles import RANK, Role
from app.accounts.web.context import accounts_of, principal_of
from app.accounts.web.routes import account_out, token_out, when
from app.pages.templates import PageRoute, page

router = APIRouter(route_class=PageRoute, include_in_schema=False)


def _safe_next(target: str | None) -> str:
    """Only a path on this site: never another site, never back to the sign-in page."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\", "/login")):
        return "/"
    return target


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, next: Annotated[str | None, Query(max_length=2000)] = None
) -> Response:
    anonymous_role = accounts_of(request).anonymous_role
    return page(request, "login.html", next=_safe_next(next), anonymous_role=anonymous_role)


@router.get("/account", response_class=HTMLResponse)
def account_page(request: Request) -> Response:
    me = principal_of(request)
    tokens = api_tokens.list_for(accounts_of(request).store, me.account or "")
    mine = RANK[me.role] if me.role else 0
    roles = [r for r in Role if RANK[r] <= mine]
    return page(request, "account.html", tokens=[token_out(t) for t in tokens], roles=roles)


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request) -> Response:
    store = accounts_of(request).store
    entries = audit.read(store, 200)
    return page(
        request,
        "admin.html",
        accounts=[account_out(a) for a in users.list_all(store)],
        audit=[{**e.__dict__, "at": when(e.at)} for e in entries],
    )
