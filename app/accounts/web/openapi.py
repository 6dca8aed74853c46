"""OpenAPI: the two ways to sign in as security schemes (so ``/docs`` offers "Authorize"
with a token), each operation's requirement from the permission table, and its 401 and 403
answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from app.accounts.roles import Need
from app.accounts.web.context import SESSION_COOKIE, AccountsContext
from app.accounts.web.gate import PermissionTable

SCHEMES: dict[str, Any] = {
    "apiToken": {
        "type": "http",
        "scheme": "bearer",
        "description": "A personal API token (`toc_...`), made on /account or with "
        "`POST /auth/tokens`, sent as `Authorization: Bearer <token>`.",
    },
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": SESSION_COOKIE,
        "description": "The session cookie the sign-in page sets (POST /auth/login). Requests "
        "that change anything also need the `x-csrftoken` header.",
    },
}
_ERROR = {"$ref": "#/components/schemas/ErrorBody"}


def install_openapi(app: FastAPI, table: PermissionTable, accounts: AccountsContext) -> None:
    original: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = original()
        schema.setdefault("components", {}).setdefault("securitySchemes", {}).update(SCHEMES)
        has_error_body = "ErrorBody" in schema["components"].get("schemas", {})
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                need, _ = table.need(method.upper(), path)
                if need is None:
                    continue
                _describe(operation, need, accounts, has_error_body)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _describe(
    operation: dict[str, Any], need: Need, accounts: AccountsContext, has_error_body: bool
) -> None:
    operation["x-toc-needs"] = need.value
    if need is Need.PUBLIC:
        operation["security"] = []
        return
    # Finding who asks reads the account store, which may be out of reach.
    unavailable: dict[str, Any] = {"description": "The account store cannot be reached"}
    if has_error_body:
        unavailable["content"] = {"application/json": {"schema": _ERROR}}
    operation.setdefault("responses", {}).setdefault("503", unavailable)
    if need is Need.ANYONE:
        operation["security"] = [{}, {"apiToken": []}, {"session": []}]
        return
    ways: list[dict[str, list[str]]] = [{"apiToken": []}, {"session": []}]
    if need is Need.PERSON:
        ways = [{"session": []}]
    elif need is Need.VIEWER and accounts.anonymous_role is not None:
        ways = [{}, *ways]  # anonymous visitors may, on this server
    operation["security"] = ways
    answers = operation.setdefault("responses", {})
    for status, text in (("401", "Not signed in (`not_signed_in`)"),
                         ("403", "The role does not allow it (`not_allowed`)")):  # fmt: skip
        answer: dict[str, Any] = {"description": text}
        if has_error_body:
            answer["content"] = {"application/json": {"schema": _ERROR}}
        answers.setdefault(status, answer)
