"""One concrete request for every row of the permission table: the path with its parameters
filled in, and a body for the methods that take one. Chosen to be cheap (JSON exports, not
Graphviz) and harmless (accounts and tokens that do not exist, so nothing is removed)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

PATH_VALUES = {
    "framework_id": "mirps-rf",
    "node_id": "mirps.impact",
    "kind": "unmeasured",
    "name": "q_theme_coverage",
    "token_id": "999999",
    "path": "css/explorer.css",
}
ADMIN_PATH_VALUES = {"name": "no-such-account"}

QUERIES: dict[str, dict[str, Any]] = {
    "/api/search": {"q": "skills"},
    "/api/pathways/between": {"source": "mirps.impact", "target": "mirps.impact"},
    "/api/export/between": {"source": "mirps.impact", "target": "mirps.impact", "format": "json"},
    "/api/export/framework/{framework_id}": {"format": "json"},
    "/api/export/cross": {"format": "json"},
    "/api/export/gaps/{framework_id}": {"format": "json"},
    "/api/export/focus/{node_id}": {"format": "json", "depth": 1},
    "/api/export": {"format": "json"},
    "/api/pathways/{node_id}/upstream": {"depth": 1},
    "/api/pathways/{node_id}/downstream": {"depth": 1},
    "/api/pathways/{node_id}/to-impact": {"depth": 1},
}
BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/api/console"): {"query": "RETURN 1 AS one"},
    ("POST", "/api/queries/{name}/run"): {"params": {}},
    ("POST", "/api/export"): {"nodes": [], "edges": [], "meta": {}},
    ("POST", "/views/data/vis"): {"nodes": [], "edges": [], "meta": {}},
    # Invalid on purpose: an allowed caller gets 422 and nothing is made or changed.
    ("POST", "/auth/login"): {},
    ("POST", "/auth/tokens"): {},
    ("POST", "/api/admin/accounts"): {},
    ("PUT", "/api/admin/accounts/{name}/role"): {},
    ("POST", "/api/admin/accounts/{name}/password"): {"password": "short"},
}


def sample(method: str, template: str) -> tuple[str, dict[str, Any]]:
    """The path and the keyword arguments of ``TestClient.request`` for one row."""
    values = {**PATH_VALUES, **(ADMIN_PATH_VALUES if template.startswith("/api/admin") else {})}
    path = template
    for key, value in values.items():
        path = path.replace(f"{{{key}}}", value).replace(f"{{{key}:path}}", value)
    kwargs: dict[str, Any] = {"params": QUERIES.get(template, {})}
    if method != "GET":
        kwargs["json"] = BODIES.get((method, template), {})
    return path, kwargs


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path template) the app answers (HEAD left out: it is answered as GET)."""
    from fastapi.routing import iter_route_contexts

    found: set[tuple[str, str]] = set()
    for route in iter_route_contexts(app.routes):
        path = route.path
        assert path is not None
        for method in route.methods or {"GET"}:
            if method != "HEAD":
                found.add((method, path))
    return found
