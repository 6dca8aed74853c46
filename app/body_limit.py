"""One bound on the size of every request body, before any route reads it.

A pure ASGI middleware rather than a dependency: it must hold for every route (the JSON API,
the pages' ``/views/data``, the console) and for bodies that announce no length
(``Transfer-Encoding: chunked``), and it must refuse before a route has parsed anything. A body
that declares a ``Content-Length`` above the bound is refused without reading it; any other is
read up to the bound and handed on, or refused the moment it streams past it. The answer is
413 with the one error body (``docs/errors.md``).

FastAPI's own ``max_body_size`` is not used: it answers a body whose declared length is too big
with a plain-text 413, which is not the one error body, and offers no way to change that.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.error_handlers import error_body

STATUS = 413
ERROR = "too_large"


class BodySizeLimit:
    """Refuse request bodies over ``max_bytes`` with 413; pass everything else through."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is None and b"transfer-encoding" not in headers:
            await self.app(scope, receive, send)  # no body to bound
            return
        if declared is not None and declared.strip().isdigit() and int(declared) > self.max_bytes:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, send: Send) -> None:
        detail = (
            f"the request body is larger than {self.max_bytes} bytes, the most this server "
            "accepts (setting TOC_MAX_BODY_BYTES)"
        )
        body = json.dumps(error_body(ERROR, detail, max_bytes=self.max_bytes)).encode()
        await send(
            {
                "type": "http.response.start",
                "status": STATUS,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    # The rest of the body is not read: the connection cannot be reused.
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands over the body read so far, then waits on the client again."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
