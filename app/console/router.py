"""POST /api/console: one read-only, bounded Cypher statement from a researcher."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import Response

from app.console.pool import ConsoleWorkers
from app.console.runner import Bounds
from app.console.schemas import (
    BusyBody,
    ConsoleRequest,
    ConsoleResult,
    CypherErrorBody,
    ForbiddenBody,
    ResultTooLargeBody,
    TimeoutBody,
)
from app.deps import SettingsDep
from app.models.errors import ErrorBody

router = APIRouter(tags=["console"])


def get_console_workers(request: Request) -> ConsoleWorkers:
    """The console's worker processes, opened in the app's lifespan."""
    workers: ConsoleWorkers = request.app.state.console_workers
    return workers


WorkersDep = Annotated[ConsoleWorkers, Depends(get_console_workers)]

# The error answers every route that runs Cypher shares, documented once.
RUN_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "description": "Refused before running (`forbidden`), failed in Neo4j (`cypher_error`), "
        "too big to read (`result_too_large`), or a body that could not be read (`bad_request`)",
        "model": ForbiddenBody | CypherErrorBody | ResultTooLargeBody | ErrorBody,
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
    408: {
        "description": "The query reached its time limit (Neo4j or the console stopped it)",
        "model": TimeoutBody,
    },
    422: {
        "description": "The body is not valid: the field and the reason are named",
        "model": ErrorBody,
    },
    503: {
        "description": "Neo4j cannot be reached (`database_unavailable`), or every console "
        "worker stayed busy for as long as a request may wait (`console_busy`)",
        "model": ErrorBody | BusyBody,
    },
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
async def run_console(
    body: Annotated[ConsoleRequest, Body(openapi_examples=_EXAMPLES)],
    workers: WorkersDep,
    settings: SettingsDep,
) -> Response:
    bounds = Bounds.for_request(settings, body.max_rows, body.timeout_s)
    answer = await workers.run_guarded(body.query, body.params, bounds)
    return Response(answer, media_type="application/json")
