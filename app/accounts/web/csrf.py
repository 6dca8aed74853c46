"""CSRF protection for the requests a session cookie authorises: starlette-csrf's double
submit cookie (a signed random ``csrftoken`` cookie the pages' scripts copy into an
``x-csrftoken`` header, which a page on another site can neither read nor set).

- Checked on every unsafe method (POST, PUT, DELETE, ...) that carries the session cookie,
  and always on ``/auth/login`` (no signing in someone else's browser into your account).
- Not checked when the request has an ``Authorization: Bearer`` header: the gate then ignores
  the cookie and uses the token, which a cross-site page cannot send.
- The signing secret comes from the account store (made once, shared by every worker and
  server), so the middleware is built at the first request rather than with the app.
- A refusal is the explorer's error body, 403 ``csrf_failed``.
"""

from __future__ import annotations

import re

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette_csrf import CSRFMiddleware

from app.accounts.web.context import CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, AccountsContext
from app.error_handlers import error_body

ALWAYS_CHECKED = [re.compile(r"^/auth/login/?$")]


class _Csrf(CSRFMiddleware):
    def _get_error_response(self, request: Request) -> Response:
        return JSONResponse(
            error_body(
                "csrf_failed",
                "the x-csrftoken header is missing or does not match the csrftoken cookie: "
                "reload the page and try again (scripts: use an API token, which needs none)",
            ),
            status_code=403,
        )


class CsrfGuard:
    def __init__(self, app: ASGIApp, accounts: AccountsContext) -> None:
        self.app = app
        self.accounts = accounts
        self._inner: _Csrf | None = None

    async def _middleware(self) -> _Csrf:
        if self._inner is None:
            secret = await run_in_threadpool(self.accounts.store.signing_secret)
            self._inner = _Csrf(
                self.app,
                secret,
                required_urls=ALWAYS_CHECKED,
                sensitive_cookies={SESSION_COOKIE},
                cookie_name=CSRF_COOKIE,
                header_name=CSRF_HEADER,
                cookie_secure=self.accounts.cookie_secure,
                cookie_samesite="strict",
            )
        return self._inner

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        authorization = Headers(scope=scope).get("authorization", "")
        if authorization.lower().startswith("bearer "):
            await self.app(scope, receive, send)
            return
        await (await self._middleware())(scope, receive, send)
