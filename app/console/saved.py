"""The saved-query library: the researcher-facing files in `cypher/` (`// saved: true`), listed,
shown and run by name through the console's read-only, bounded path.

Each saved query's run is its own documented operation (`POST /api/queries/q_.../run`) whose
body schema states that query's parameters exactly as `bind` checks them (names, types,
which are required), so a client, Swagger UI or a fuzzer knows what will be accepted. The
generic `POST /api/queries/{name}/run` answers the same runs and a 404 for any other name; it
is left out of the document, since no one schema could say what its body must hold.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path
from fastapi.responses import Response
from pydantic import AfterValidator, ConfigDict, Field, WithJsonSchema, create_model

from app.console.params import bind, default_value, example_value, is_required, params_schema
from app.console.router import RUN_ERRORS, WorkersDep
from app.console.runner import Bounds
from app.console.schemas import (
    ConsoleResult,
    SavedQuery,
    SavedQueryParam,
    SavedQueryRun,
    check_params,
)
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


RUN_DESCRIPTION = (
    "Runs the query exactly like the console does (static guard, READ transaction, time limit, "
    "row cap). `params` are checked against the query's header: an unknown or missing one, or a "
    "value of the wrong type, is a 422 naming it; numbers and booleans given as text are "
    "converted."
)


async def _run(
    named: NamedQuery, body: SavedQueryRun, workers: WorkersDep, settings: SettingsDep
) -> Response:
    params = bind(named, body.params)
    bounds = Bounds.for_request(settings, body.max_rows, body.timeout_s)
    # The worker's JSON is the answer as it is (a ConsoleResult, documented as such).
    answer = await workers.run_guarded(named.text, params, bounds, label=named.name)
    return Response(answer, media_type="application/json")


def _example(named: NamedQuery) -> dict[str, Any]:
    return {p.name: example_value(p) for p in named.params}


def _run_body(named: NamedQuery) -> type[SavedQueryRun]:
    """The run body of one saved query: `params` documented as exactly what `bind` accepts."""

    class Base(SavedQueryRun):
        model_config = ConfigDict(
            extra="forbid", json_schema_extra={"examples": [{"params": _example(named)}]}
        )

    schema = params_schema(named)
    params_type = Annotated[dict[str, Any], AfterValidator(check_params), WithJsonSchema(schema)]
    required = bool(schema["required"])
    field = Field(description="values for the query's parameters, by name")
    if not required:
        field = Field(default_factory=dict, description=field.description)
    model: type[SavedQueryRun] = create_model(
        "Run_" + named.name,
        __base__=Base,
        params=(params_type, field),
    )
    return model


def _add_run_route(named: NamedQuery) -> None:
    model = _run_body(named)
    body = Body(
        openapi_examples={
            "example": {"summary": "Every parameter", "value": {"params": _example(named)}}
        }
    )

    async def run(workers: WorkersDep, settings: SettingsDep, body: Any) -> Response:
        return await _run(named, body, workers, settings)

    # The body's type is built at run time, so the signature is given to FastAPI as objects.
    required = bool(params_schema(named)["required"])
    run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("workers", inspect.Parameter.KEYWORD_ONLY, annotation=WorkersDep),
            inspect.Parameter("settings", inspect.Parameter.KEYWORD_ONLY, annotation=SettingsDep),
            inspect.Parameter(
                "body",
                inspect.Parameter.KEYWORD_ONLY,
                annotation=Annotated[model, body],
                **({} if required else {"default": model()}),
            ),
        ],
        return_annotation=Response,
    )
    router.add_api_route(
        f"/queries/{named.name}/run",
        run,
        methods=["POST"],
        response_model=ConsoleResult,
        responses=RUN_ERRORS,
        summary=f"Run {named.name}: {named.title}",
        description=f"{named.description}\n\n{RUN_DESCRIPTION}",
        operation_id=f"run_{named.name}",
    )


for _named in saved_queries():
    _add_run_route(_named)


@router.post(
    "/queries/{name}/run",
    response_model=ConsoleResult,
    responses={**RUN_ERRORS, **_NOT_FOUND},
    summary="Run a saved query",
    description=RUN_DESCRIPTION,
    include_in_schema=False,
)
async def run_query(
    name: NameParam,
    workers: WorkersDep,
    settings: SettingsDep,
    body: Annotated[SavedQueryRun, Body()] = SavedQueryRun(),  # noqa: B008  # empty: the defaults
) -> Response:
    return await _run(_saved(name), body, workers, settings)
