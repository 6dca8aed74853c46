"""The saved-query library: the researcher-facing files in `cypher/` (`// saved: true`), listed,
shown and run by name through the console's read-only, bounded path."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from app.console.params import ParamsInvalid, bind, default_value, is_required
from app.deps import DriverDep, SettingsDep
from app.models.console import (
    ConsoleResult,
    NotFoundBody,
    SavedQuery,
    SavedQueryParam,
    SavedQueryRun,
)
from app.queries import NamedQuery, saved_queries
from app.repository.console import Bounds, run_guarded
from app.routers.console import RUN_ERRORS, run_or_refuse

router = APIRouter(tags=["saved queries"])

NameParam = Annotated[
    str,
    Path(
        description="the query's file name in cypher/ without .cypher",
        examples=["q_pledges_by_outcome"],
        max_length=100,
    ),
]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No saved query has that name", "model": NotFoundBody}
}


def _saved(name: str) -> NamedQuery | None:
    return next((q for q in saved_queries() if q.name == name), None)


def _not_found(name: str) -> JSONResponse:
    body = NotFoundBody(detail=f"no saved query named {name!r}; GET /api/queries lists them")
    return JSONResponse(status_code=404, content=body.model_dump())


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
def get_query(name: NameParam) -> SavedQuery | JSONResponse:
    named = _saved(name)
    return _describe(named) if named else _not_found(name)


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
def run_query(
    name: NameParam,
    driver: DriverDep,
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
) -> ConsoleResult | JSONResponse:
    named = _saved(name)
    if named is None:
        return _not_found(name)
    try:
        params = bind(named, body.params)
    except ParamsInvalid as e:
        raise RequestValidationError(
            [
                {
                    "type": f"param_{p.kind}",
                    "loc": ("body", "params", p.name),
                    "msg": p.message,
                    "input": body.params.get(p.name),
                }
                for p in e.problems
            ]
        ) from e
    bounds = Bounds.for_request(settings, body.max_rows, body.timeout_s)
    return run_or_refuse(
        lambda: run_guarded(
            driver, settings.neo4j_database, named.text, params, bounds, label=named.name
        )
    )
