"""The saved-query library: the researcher-facing files in `cypher/` (`// saved: true`), listed,
shown and run by name through the console's read-only, bounded path."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path
from fastapi.responses import Response

from app.console.params import bind, default_value, is_required
from app.console.router import RUN_ERRORS, WorkersDep
from app.console.runner import Bounds
from app.console.schemas import ConsoleResult, SavedQuery, SavedQueryParam, SavedQueryRun
from app.deps import SettingsDep
from app.errors import NotFound
from app.models.errors import responses
from app.queries import NamedQuery, saved_queries

router = APIRouter(tags=["saved queries"])

NameParam = Annotated[
    str,
    Path(
        description="the query's file name in cypher/ without .cypher",
        examples=["q_pledges_by_outcome"],
        max_length=100,
    ),
]
_NOT_FOUND = responses(404, descriptions={404: "No saved query has that name"})


def _saved(name: str) -> NamedQuery:
    found = next((q for q in saved_queries() if q.name == name), None)
    if found is None:
        raise NotFound("saved query", name, "GET /api/queries lists them")
    return found


def _describe(named: NamedQuery) -> SavedQuery:
    return SavedQuery(
        name=named.name,
        title=named.title,
        description=named.description,
        params=[
            SavedQueryParam(
                name=p.name,
                type=p.type,  # type: ignore[arg-type]  # the header regex admits only these
                default=default_value(p),
                required=is_required(p),
                doc=p.description,
            )
            for p in named.params
        ],
        cypher=named.text,
    )


@router.get(
    "/queries",
    response_model=list[SavedQuery],
    summary="List the saved queries",
    description="Every researcher-facing query with its parameters (type, default, doc) and "
    "its Cypher, sorted by name.",
)
def list_queries() -> list[SavedQuery]:
    return [_describe(q) for q in saved_queries()]


@router.get(
    "/queries/{name}",
    response_model=SavedQuery,
    responses=_NOT_FOUND,
    summary="One saved query",
)
def get_query(name: NameParam) -> SavedQuery:
    return _describe(_saved(name))


@router.post(
    "/queries/{name}/run",
    response_model=ConsoleResult,
    responses={**RUN_ERRORS, **_NOT_FOUND},
    summary="Run a saved query",
    description="Runs the named query exactly like the console does (static guard, READ "
    "transaction, time limit, row cap). `params` are checked against the query's header: an "
    "unknown or missing one, or a value of the wrong type, is a 422 naming it; numbers and "
    "booleans given as text are converted.",
)
async def run_query(
    name: NameParam,
    workers: WorkersDep,
    settings: SettingsDep,
    body: Annotated[
        SavedQueryRun,
        Body(
            openapi_examples={
                "defaults": {"summary": "Run with the defaults", "value": {}},
                "params": {
                    "summary": "With parameters and a lower row cap",
                    "value": {"params": {"framework": "mirps-rf"}, "max_rows": 100},
                },
            }
        ),
    ] = SavedQueryRun(),  # noqa: B008  # an empty body runs with the defaults
) -> Response:
    named = _saved(name)
    params = bind(named, body.params)
    bounds = Bounds.for_request(settings, body.max_rows, body.timeout_s)
    answer = await workers.run_guarded(named.text, params, bounds, label=named.name)
    return Response(answer, media_type="application/json")
