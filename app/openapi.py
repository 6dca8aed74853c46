"""The OpenAPI document, completed with the answers every route shares.

Each route documents its own outcomes (``responses(404)``, the exports' media types). What the
app's shared machinery answers is added here, once, so that no route can forget it and the
document stays true as routes are added:

- 422 from validation is the one error body (``ErrorBody``, ``docs/errors.md``), not FastAPI's
  own ``HTTPValidationError``;
- every route that reads a body can answer 400 (a body FastAPI cannot read as JSON, e.g. not
  UTF-8) and 413 (:mod:`app.body_limit`);
- every route that uses the database can answer 503 (``DatabaseUnavailable``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute, iter_route_contexts

from app.deps import get_db
from app.models.errors import DEFAULT_DESCRIPTIONS, ErrorBody

ERROR_REF = "#/components/schemas/ErrorBody"
_FASTAPI_422 = ("HTTPValidationError", "ValidationError")


def install_openapi(app: FastAPI) -> None:
    """Make ``app.openapi()`` answer the completed document (built once, then cached)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = complete(doc, app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def complete(doc: dict[str, Any], app: FastAPI) -> dict[str, Any]:
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in _error_schemas().items():
        schemas.setdefault(name, schema)
    for route in iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        for method in route.methods or ():
            operation = doc["paths"].get(route.path_format, {}).get(method.lower())
            if operation is None:
                continue
            answers = operation.setdefault("responses", {})
            if route.body_field is not None:
                answers.setdefault("400", _error("The body could not be read (not UTF-8 JSON)"))
                answers.setdefault("413", _error(DEFAULT_DESCRIPTIONS[413]))
            if _uses(route.dependant, get_db):
                answers.setdefault("503", _error(DEFAULT_DESCRIPTIONS[503]))
    _replace_refs(doc, {f"#/components/schemas/{name}": ERROR_REF for name in _FASTAPI_422})
    for name in _FASTAPI_422:
        schemas.pop(name, None)
    return doc


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
    }


def _error_schemas() -> dict[str, Any]:
    schema = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs", {})
    return {"ErrorBody": schema, **defs}


def _uses(dependant: Dependant, call: Any) -> bool:
    return any(d.call is call for d in _walk(dependant))


def _walk(dependant: Dependant) -> Iterator[Dependant]:
    for sub in dependant.dependencies:
        yield sub
        yield from _walk(sub)


def _replace_refs(node: Any, mapping: dict[str, str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in mapping:
            node["$ref"] = mapping[ref]
        for value in node.values():
            _replace_refs(value, mapping)
    elif isinstance(node, list):
        for value in node:
            _replace_refs(value, mapping)
