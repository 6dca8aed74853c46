"""Errors the API answers with, and the handlers that turn database failures into clear replies."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import ServiceUnavailable, SessionExpired


def database_unavailable_body(detail: str) -> dict[str, str]:
    return {
        "status": "unavailable",
        "error": "database_unavailable",
        "detail": f"Neo4j cannot be reached: {detail}",
    }


def install_handlers(app: FastAPI) -> None:
    async def unavailable(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(status_code=503, content=database_unavailable_body(str(exc)))

    app.add_exception_handler(ServiceUnavailable, unavailable)
    app.add_exception_handler(SessionExpired, unavailable)
