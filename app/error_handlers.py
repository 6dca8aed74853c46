"""Every failure answered once, in one shape: ``{"error": code, "detail": ...}``.

Routers and pages never catch to answer: the repository, the views, the console and the
exports raise :mod:`app.errors` where things go wrong, and these handlers turn them (and
FastAPI's validation errors, HTTP errors and the driver's connection failures) into the
body ``docs/errors.md`` documents. A page route (``app.pages``) answers a missing node or
framework with the "not found" page instead of JSON. Nothing answers with a stack trace.
"""

from __future__ import annotations

import json
import logging
import math
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from neo4j.exceptions import DriverError, ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.errors import AppError, DatabaseUnavailable

log = logging.getLogger("toc.errors")

# The error code of a bare HTTP status (a route that does not exist, a wrong method, ...).
STATUS_CODES: dict[int, str] = {
    400: "bad_request",
    401: "not_signed_in",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "timeout",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    503: "unavailable",
}


def error_body(error: str, detail: Any, **extra: Any) -> dict[str, Any]:
    return {"error": error, "detail": detail, **extra}


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(status_code=status, content=body, headers=headers)


def _page_answer(request: Request, exc: AppError) -> Response | None:
    """The HTML answer of a page route, or None when the route answers JSON."""
    route = request.scope.get("route")
    render = getattr(route, "render_error", None)
    return render(request, exc) if render is not None else None


def install_handlers(app: FastAPI) -> None:
    async def app_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, AppError)
        page = _page_answer(request, exc)
        if page is not None:
            return page
        problems = exc.problems()
        detail = problems if problems is not None else exc.detail
        return _json(exc.status_code, error_body(exc.error, detail, **exc.extra()))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        # A route that takes secrets (sign-in, passwords) never has its input echoed back.
        echo = getattr(request.scope.get("route"), "echo_input", True)
        kept = ("type", "loc", "msg", "input", "ctx") if echo else ("type", "loc", "msg")
        problems = [
            {k: _echoed(v) if k == "input" else v for k, v in e.items() if k in kept}
            for e in exc.errors()
        ]
        return _json(422, error_body("invalid_request", _jsonable(problems)))

    async def http_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return _json(exc.status_code, error_body(code, exc.detail), dict(exc.headers or {}))

    async def database_error(request: Request, exc: Exception) -> Response:
        # Connection refused, no connection from the pool in time, a server gone mid-query.
        return await app_error(request, DatabaseUnavailable(str(exc)))

    async def unexpected(_: Request, exc: Exception) -> Response:
        log.exception("unexpected failure", exc_info=exc)
        return _json(500, error_body("internal_error", "the explorer failed; see its log"))

    app.add_exception_handler(AppError, app_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    for driver_error in (ServiceUnavailable, SessionExpired, DriverError):
        app.add_exception_handler(driver_error, database_error)
    app.add_exception_handler(Exception, unexpected)


# The most of a refused value an error echoes; past it, what it is and how big.
ECHO_LIMIT = 200


def _echoed(value: Any) -> Any:
    """A refused input as the error shows it: itself when short, else its type and size (a
    20 MB name or a 5,001-node list is not sent back)."""
    if isinstance(value, str | bytes) and len(value) > ECHO_LIMIT:
        return f"{type(value).__name__} of {len(value):,} characters"
    if isinstance(value, dict | list | tuple):
        text = json.dumps(_jsonable(value), ensure_ascii=False)
        if len(text) > ECHO_LIMIT:
            return f"{type(value).__name__} of {len(value):,} entries"
    return value


def _jsonable(value: Any) -> Any:
    """Validation inputs and contexts can hold anything (bytes, exceptions, NaN): make them
    JSON."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
