"""GET /health: is the database there, and which one is it."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.deps import DbDep, SettingsDep
from app.error_handlers import error_body
from app.errors import DatabaseUnavailable
from app.models.errors import responses
from app.repository.health import server_info

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    neo4j_version: str
    neo4j_edition: str
    database: str


@router.get(
    "/health",
    response_model=Health,
    responses=responses(503, descriptions={503: "Neo4j cannot be reached"}),
    summary="Database health and the Neo4j version really in use",
)
def health(db: DbDep, settings: SettingsDep) -> Health | JSONResponse:
    try:
        info = server_info(db, settings.neo4j_connect_timeout_s)
    except DatabaseUnavailable as down:
        # Answered here rather than by the handlers: a health report has its own status field.
        body = {"status": "unavailable", **error_body(down.error, down.detail)}
        return JSONResponse(status_code=503, content=body)
    return Health(
        status="ok",
        neo4j_version=info.version,
        neo4j_edition=info.edition,
        database=settings.neo4j_database,
    )
