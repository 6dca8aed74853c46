"""The one error body every route answers with (``docs/errors.md``)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Problem(BaseModel):
    """One thing wrong with a request, and where: ``loc`` names the field."""

    type: str
    loc: list[str | int]
    msg: str


class ErrorBody(BaseModel):
    """``error`` is a stable code; ``detail`` says what went wrong in words (a list of problems,
    each naming its field, for ``invalid_request``). Some errors add fields of their own."""

    model_config = ConfigDict(extra="allow")

    error: str = Field(
        description="not_found, invalid_request, forbidden, cypher_error, timeout, "
        "not_signed_in, not_allowed, csrf_failed, conflict, too_many_attempts, "
        "database_unavailable, unavailable, method_not_allowed, internal_error, ...",
        examples=["not_found"],
    )
    detail: str | list[Problem] = Field(examples=["no node with id 'mirps.nothing'"])


DEFAULT_DESCRIPTIONS: dict[int, str] = {
    400: "The request was refused",
    404: "Nothing has that id",
    408: "The time limit was reached",
    413: "The request body is larger than the server accepts (TOC_MAX_BODY_BYTES)",
    422: "A field is not valid: each problem names it",
    503: "Neo4j, or a program the request needs, is not available",
}


def responses(
    *statuses: int, descriptions: dict[int, str] | None = None
) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these statuses, each with the error body as its model."""
    said = {**DEFAULT_DESCRIPTIONS, **(descriptions or {})}
    return {s: {"description": said.get(s, "Error"), "model": ErrorBody} for s in statuses}
