"""POST /api/console: one read-only, bounded Cypher statement from a researcher."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, ServiceUnavailable, SessionExpired

from app.console.errors import CypherFailed, QueryForbidden, QueryTimedOut
from app.deps import DriverDep, SettingsDep
from app.errors import database_unavailable_body
from app.models.console import (
    ConsoleRequest,
    ConsoleResult,
    CypherErrorBody,
    ForbiddenBody,
    TimeoutBody,
)
from app.repository.console import Bounds, run_guarded

router = APIRouter(tags=["console"])

# The error answers every route that runs Cypher shares, documented once.
RUN_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "description": "Refused before running (`forbidden`) or failed in Neo4j (`cypher_error`)",
        "model": ForbiddenBody | CypherErrorBody,
        "content": {
            "application/json": {
                "examples": {
                    "forbidden": {
                        "summary": "a write clause",
                        "value": {
                            "error": "forbidden",
                            "detail": "write clause CREATE at 1:1: the console is read-only",
                            "refusals": [
                                {
                                    "what": "write clause CREATE",
                                    "line": 1,
                                    "column": 1,
                                    "why": "the console is read-only",
                                }
                            ],
                        },
                    },
                    "cypher_error": {
                        "summary": "a syntax error",
                        "value": {
                            "error": "cypher_error",
                            "code": "Neo.ClientError.Statement.SyntaxError",
                            "detail": "Invalid input 'RETURN': expected ... (line 1, column 10)",
                        },
                    },
                }
            }
        },
    },
    408: {"description": "Neo4j stopped the query at the time limit", "model": TimeoutBody},
    422: {"description": "The body is not valid: the field and the reason are named"},
    503: {"description": "Neo4j cannot be reached"},
}

_EXAMPLES: dict[str, Any] = {
    "nodes": {
        "summary": "Results with their graph",
        "value": {"query": "MATCH (n:Result) RETURN n LIMIT 5"},
    },
    "params": {
        "summary": "Pledges reaching an outcome ($params)",
        "value": {
            "query": "MATCH p = (pl:Pledge)-[:CONTRIBUTES_TO*1..4]->(o:Result {id: $outcome})\n"
            "RETURN pl.code AS pledge, length(p) AS hops, p",
            "params": {"outcome": "mirps-rf.outcome-3"},
        },
    },
    "bounded": {
        "summary": "A lower row cap and time limit",
        "value": {
            "query": "UNWIND range(1, 1000000) AS x RETURN x",
            "max_rows": 50,
            "timeout_s": 2,
        },
    },
}


def run_or_refuse(run: Callable[[], ConsoleResult]) -> ConsoleResult | JSONResponse:
    """Call `run` and turn every way it can fail into the console's documented answers."""
    try:
        return run()
    except QueryForbidden as e:
        refusals = [vars(r) for r in e.refusals]
        body = ForbiddenBody(detail=e.detail, refusals=refusals)
        return JSONResponse(status_code=400, content=body.model_dump())
    except CypherFailed as e:
        body_error = CypherErrorBody(code=e.code, detail=e.detail)
        return JSONResponse(status_code=400, content=body_error.model_dump())
    except QueryTimedOut as e:
        body_timeout = TimeoutBody(timeout_s=e.timeout_s, detail=e.detail)
        return JSONResponse(status_code=408, content=body_timeout.model_dump())
    except (ServiceUnavailable, SessionExpired):
        raise  # answered 503 by the app's handlers
    except DriverError as e:
        # No connection from the pool in time and the like: the database is not usable now.
        return JSONResponse(status_code=503, content=database_unavailable_body(str(e)))


@router.post(
    "/console",
    response_model=ConsoleResult,
    responses=RUN_ERRORS,
    summary="Run one read-only Cypher statement",
    description=(
        "Runs one Cypher statement against the graph, **read-only and bounded**. A static "
        "check first refuses writes (CREATE, MERGE, SET, DELETE, REMOVE, FOREACH, "
        "`CALL {...} IN TRANSACTIONS`), schema and administration commands, `USE`, "
        "`LOAD CSV`, procedures outside a small read-only allow-list (db.labels, "
        "db.relationshipTypes, db.propertyKeys, db.schema.*, db.index.fulltext.query*, "
        "dbms.components) and file/network/write namespaces such as `apoc.load`; then the "
        "statement runs in a READ transaction that Neo4j itself keeps read-only. The server "
        "stops it after `console_timeout_s` and at most `console_max_rows` rows come back "
        "(`truncated` says there were more); a request may lower both. Rows hold nodes, "
        "relationships and paths as small maps, and `graph` holds them as a graph payload."
    ),
)
def run_console(
    body: Annotated[ConsoleRequest, Body(openapi_examples=_EXAMPLES)],
    driver: DriverDep,
    settings: SettingsDep,
) -> ConsoleResult | JSONResponse:
    bounds = Bounds.for_request(settings, body.max_rows, body.timeout_s)
    return run_or_refuse(
        lambda: run_guarded(driver, settings.neo4j_database, body.query, body.params, bounds)
    )
