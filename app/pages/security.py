"""Security headers: the pages' strict set, and the baseline every other answer carries.

The pages load scripts and styles from the app only: no inline script or style may run,
so text from the graph that slipped through escaping still could not execute. vis-network
sets styles through the CSSOM (``element.style``), which ``style-src 'self'`` allows.

Every other answer (JSON, exports, errors, 413s from the body bound) gets
:data:`BASELINE_HEADERS` from :class:`SecurityHeadersMiddleware`: ``nosniff`` so a browser never
reads JSON or a download as a page or script, and a policy that lets nothing load or frame it.
A header a route already set (the pages' stricter ones) is kept as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        # vis-network's stylesheet draws its navigation buttons from data: images.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecureRoute(APIRoute):
    """An APIRoute whose responses all carry :data:`SECURITY_HEADERS`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def with_headers(request: Request) -> Response:
            response = await handler(request)
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
            return response

        return with_headers


BASELINE_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}


class SecurityHeadersMiddleware:
    """Add :data:`BASELINE_HEADERS` to every HTTP answer that lacks them (pure ASGI, so it also
    covers answers no route produced: 404s, 405s, the body bound's 413s)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in BASELINE_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
