"""The gate: one ASGI middleware that finds who is asking and applies the permission table
(:mod:`app.accounts.permissions`) before any route runs.

Who is asking: an ``Authorization: Bearer`` token when the header is there (a wrong, expired
or revoked one is 401 at once, whatever the route), else the session cookie, else an anonymous
visitor with ``TOC_ANONYMOUS``'s role. The principal is put in ``request.state.principal``
(``CurrentUser`` in ``app/deps.py`` reads it).

The table is matched on the request's path with Starlette's own path compiler; several rows
matching take the strictest; a path that some route of the app answers but no row matches is
refused (fail closed). Refusals: 401 ``not_signed_in`` (a page redirects to sign-in), 403
``not_allowed`` (a page explains whom to ask), each in the one error body.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Match, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.accounts import api_tokens, sessions
from app.accounts.permissions import PERMISSIONS
from app.accounts.principal import Principal
from app.accounts.roles import Need
from app.accounts.web.context import SESSION_COOKIE, AccountsContext
from app.error_handlers import error_body
from app.pages.security import SECURITY_HEADERS
from app.pages.templates import page

log = logging.getLogger("toc.accounts")

# When several rows match one path, the one latest in this order applies.
_STRICTNESS: dict[Need, int] = {
    need: i
    for i, need in enumerate(
        [
            Need.PUBLIC,
            Need.ANYONE,
            Need.VIEWER,
            Need.PERSON,
            Need.RESEARCHER,
            Need.EDITOR,
            Need.ADMIN,
        ]
    )
}


@dataclass(frozen=True)
class Row:
    method: str
    template: str
    pattern: re.Pattern[str]
    need: Need


class PermissionTable:
    def __init__(self, table: dict[tuple[str, str], Need]) -> None:
        self.rows = [Row(m, t, compile_path(t)[0], need) for (m, t), need in table.items()]

    def matching(self, path: str) -> list[Row]:
        return [row for row in self.rows if row.pattern.match(path)]

    def need(self, method: str, path: str) -> tuple[Need | None, bool]:
        """What the request needs (None: no row for this method) and whether any row names the
        path at all (for another method: the router answers 405)."""
        rows = self.matching(path)
        method = "GET" if method == "HEAD" else method
        needs = [row.need for row in rows if row.method == method]
        if not needs:
            return None, bool(rows)
        strictest = max(needs, key=_STRICTNESS.__getitem__)
        return strictest, True


def _route_path(scope: Scope) -> str:
    path: str = scope["path"]
    root = scope.get("root_path", "")
    return path[len(root) :] or "/" if root and path.startswith(root) else path


def _app_answers(scope: Scope) -> bool:
    """Whether a route of the app matches the path (any method): the table must name it."""
    app = scope.get("app")
    routes = getattr(getattr(app, "router", None), "routes", [])
    probe = dict(scope)
    return any(route.matches(probe)[0] != Match.NONE for route in routes)


def _wants_html(scope: Scope) -> bool:
    headers = Headers(scope=scope)
    return scope["method"] in ("GET", "HEAD") and "text/html" in headers.get("accept", "")


class Gate:
    def __init__(self, app: ASGIApp, accounts: AccountsContext) -> None:
        self.app = app
        self.accounts = accounts
        self.table = PermissionTable(PERMISSIONS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = _route_path(scope)
        need, named = self.table.need(scope["method"], path)
        state = scope.setdefault("state", {})
        state["principal"] = self.accounts.anonymous()
        if need is None:
            if not named and _app_answers(scope):
                log.error("refused %s %s: no row in the permission table", scope["method"], path)
                await self._refuse(scope, receive, send, 403, "not_allowed",
                                   "this route is not in the permission table")  # fmt: skip
                return
            await self.app(scope, receive, send)  # the router answers 404 or 405
            return
        if need is Need.PUBLIC:
            await self.app(scope, receive, send)
            return
        try:
            principal, stale_cookie = await self._who(scope)
        except SQLAlchemyError:
            log.exception("the account store cannot be reached")
            detail = "the account store cannot be reached; see the server's log"
            await self._refuse(scope, receive, send, 503, "unavailable", detail)
            return
        if principal is None:
            await self._refuse(scope, receive, send, 401, "not_signed_in",
                               "the API token is wrong, expired or revoked",
                               {"WWW-Authenticate": 'Bearer error="invalid_token"'})  # fmt: skip
            return
        state["principal"] = principal
        if not principal.meets(need):
            await self._deny(scope, receive, send, principal, need)
            return
        if stale_cookie:
            send = _clearing_session_cookie(send)
        await self.app(scope, receive, send)

    async def _who(self, scope: Scope) -> tuple[Principal | None, bool]:
        """The principal (None: a bad token) and whether the session cookie is stale."""
        headers = Headers(scope=scope)
        authorization = headers.get("authorization")
        store = self.accounts.store
        if authorization is not None:
            scheme, _, token = authorization.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                return None, False
            return await run_in_threadpool(api_tokens.principal, store, token.strip()), False
        session_id = Request(scope).cookies.get(SESSION_COOKIE)
        if session_id:
            found = await run_in_threadpool(
                sessions.principal, store, self.accounts.limits, session_id
            )
            if found is not None:
                return found, False
            return self.accounts.anonymous(), True
        return self.accounts.anonymous(), False

    async def _deny(
        self, scope: Scope, receive: Receive, send: Send, principal: Principal, need: Need
    ) -> None:
        request = Request(scope)
        if not principal.signed_in:
            if _wants_html(scope):
                target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                response: Response = RedirectResponse(
                    "/login?next=" + quote(target, safe=""), status_code=303
                )
                await response(scope, receive, send)
                return
            how = (
                "sign in (POST /auth/login, or the page /login) or send an API token as "
                "'Authorization: Bearer ...'"
            )
            await self._refuse(scope, receive, send, 401, "not_signed_in",
                               f"{how}: this needs {_needs_text(need)}",
                               {"WWW-Authenticate": 'Bearer realm="toc-explorer"'})  # fmt: skip
            return
        detail = (
            f"the account {principal.account!r} ({principal.role}, signed in by "
            f"{principal.via}) may not do this: it needs {_needs_text(need)}. " + _ask(need)
        )
        if _wants_html(scope):
            response = page(request, "not_allowed.html", status_code=403, detail=detail)
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
            await response(scope, receive, send)
            return
        body = error_body("not_allowed", detail, needs=need.value, role=str(principal.role))
        await JSONResponse(body, status_code=403)(scope, receive, send)

    async def _refuse(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        status: int,
        code: str,
        detail: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        response = JSONResponse(error_body(code, detail), status_code=status, headers=headers)
        await response(scope, receive, send)


def _needs_text(need: Need) -> str:
    if need is Need.PERSON:
        return "a person signed in on the sign-in page (an API token cannot do it)"
    return f"the {need.value} role or higher"


def _ask(need: Need) -> str:
    if need is Need.PERSON:
        return "Sign in on /login."
    return "Ask an admin for a role that allows it."


def _clearing_session_cookie(send: Send) -> Send:
    """Tell the browser to forget a session that has ended (expired, or its password reset)."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            headers.append(
                "set-cookie", f"{SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=lax"
            )
        await send(message)

    return sending
