"""GET /health: is the database there, and which one is it."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError
from pydantic import BaseModel

from app.deps import DriverDep, SettingsDep
from app.errors import database_unavailable_body
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
    responses={503: {"description": "Neo4j cannot be reached"}},
    summary="Database health and the Neo4j version really in use",
)
def health(driver: DriverDep, settings: SettingsDep) -> Health | JSONResponse:
    try:
        info = server_info(driver, settings.neo4j_database, settings.neo4j_connect_timeout_s)
    except (DriverError, Neo4jError, OSError) as e:
        return JSONResponse(status_code=503, content=database_unavailable_body(str(e)))
    return Health(
        status="ok",
        neo4j_version=info.version,
        neo4j_edition=info.edition,
        database=settings.neo4j_database,
    )
