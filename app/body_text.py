"""JSON bodies whose text cannot be written out: lone UTF-16 surrogates.

JSON may spell a surrogate half on its own (``"\\ud800"``); Python's JSON reader keeps it, and
then the Neo4j driver, the exports and the pages all fail to encode it as UTF-8 (a 500). A
pure ASGI middleware, inside the body bound (:mod:`app.body_limit`, which hands on the whole
body in one message), looks for such escapes in a JSON body and refuses the request with 422
naming where the text is, before any route reads it. Paired halves (an emoji written as two
escapes) are one character once read, and pass.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.error_handlers import error_body

# A cheap first look: only bodies with a surrogate escape in them are read here.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE = re.compile("[\ud800-\udfff]")


class LoneSurrogates:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or []) if scope["type"] == "http" else {}
        if b"json" not in headers.get(b"content-type", b""):
            await self.app(scope, receive, send)
            return
        message = await receive()
        body = message.get("body", b"") if message["type"] == "http.request" else b""
        where = _find_lone(body) if not message.get("more_body") else None
        if where is None:
            await self.app(scope, _first(message, receive), send)
            return
        problem = {
            "type": "string_unicode",
            "loc": ["body", *where],
            "msg": "text holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not a "
            "character and cannot be stored or written",
        }
        content = json.dumps(error_body("invalid_request", [problem])).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 422,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(content)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": content})


def _find_lone(body: bytes) -> list[str | int] | None:
    """Where in the JSON ``body`` a lone surrogate is, or None (also for JSON that does not
    parse: the route's own validation names that)."""
    if not _SURROGATE_ESCAPE.search(body):
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return _walk(value, [])


def _walk(value: Any, path: list[str | int]) -> list[str | int] | None:
    if isinstance(value, str):
        return path if _LONE.search(value) else None
    items: Any = ()
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    for key, item in items:
        if isinstance(key, str) and _LONE.search(key):
            return [*path, key.encode("utf-8", "backslashreplace").decode()]
        found = _walk(item, [*path, key])
        if found is not None:
            return found
    return None


def _first(message: Message, receive: Receive) -> Receive:
    sent = False

    async def again() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return message
        return await receive()

    return again
