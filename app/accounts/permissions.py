"""The one permission table: every route of the app, by method and path template, with what it
needs. ``app.accounts.web.gate`` applies it to every request before the route runs.

- A request whose path no row matches, but a route of the app would, is refused (fail
  closed): a new route is unreachable until it has a row here. ``tests/accounts`` checks
  that every route of the app has exactly one row and every row a route.
- When several rows match one path (``/api/gaps/{kind}`` and a later ``/api/gaps/summary``,
  say), the strictest applies, so the table can never grant more than one of its rows says.
- HEAD is answered as GET.

Editing routes (issue: editing with history) add rows with ``EDITOR``; restore and seed
reloads, if they get routes, ``ADMIN``.
"""

from __future__ import annotations

from app.accounts.roles import Need
from app.queries import saved_queries

PUBLIC, ANYONE, PERSON = Need.PUBLIC, Need.ANYONE, Need.PERSON
VIEWER, RESEARCHER, EDITOR, ADMIN = Need.VIEWER, Need.RESEARCHER, Need.EDITOR, Need.ADMIN

PERMISSIONS: dict[tuple[str, str], Need] = {
    # -- open to all: liveness, the pages' scripts and styles, signing in ------------------
    ("GET", "/health"): PUBLIC,
    ("GET", "/static/{path:path}"): PUBLIC,
    ("GET", "/login"): ANYONE,
    ("POST", "/auth/login"): ANYONE,
    ("POST", "/auth/logout"): ANYONE,
    ("GET", "/auth/me"): ANYONE,
    # -- a person's own API tokens (a token cannot mint or revoke tokens) -------------------
    ("GET", "/account"): PERSON,
    ("GET", "/auth/tokens"): PERSON,
    ("POST", "/auth/tokens"): PERSON,
    ("DELETE", "/auth/tokens/{token_id}"): PERSON,
    # -- the API's documentation: as open as the API it describes --------------------------
    ("GET", "/openapi.json"): VIEWER,
    ("GET", "/docs"): VIEWER,
    # -- viewer: browse, search, export ----------------------------------------------------
    ("GET", "/"): VIEWER,
    ("GET", "/toc/{framework_id}"): VIEWER,
    ("GET", "/cross"): VIEWER,
    ("GET", "/gaps"): VIEWER,
    ("GET", "/node/{node_id}"): VIEWER,
    ("GET", "/views/data/toc/{framework_id}"): VIEWER,
    ("GET", "/views/data/cross"): VIEWER,
    ("POST", "/views/data/vis"): VIEWER,  # draws a posted payload; reads nothing else
    ("GET", "/api/frameworks"): VIEWER,
    ("GET", "/api/frameworks/{framework_id}/graph"): VIEWER,
    ("GET", "/api/nodes"): VIEWER,
    ("GET", "/api/nodes/{node_id}"): VIEWER,
    ("GET", "/api/actors"): VIEWER,
    ("GET", "/api/pledges"): VIEWER,
    ("GET", "/api/commitments"): VIEWER,
    ("GET", "/api/indicators"): VIEWER,
    ("GET", "/api/lines-of-action"): VIEWER,
    ("GET", "/api/search"): VIEWER,
    ("GET", "/api/pathways/{node_id}/upstream"): VIEWER,
    ("GET", "/api/pathways/{node_id}/downstream"): VIEWER,
    ("GET", "/api/pathways/{node_id}/to-impact"): VIEWER,
    ("GET", "/api/pathways/between"): VIEWER,
    ("GET", "/api/gaps"): VIEWER,
    ("GET", "/api/gaps/{kind}"): VIEWER,
    ("GET", "/api/analysis/centrality"): VIEWER,
    ("GET", "/api/analysis/structure"): VIEWER,
    ("GET", "/api/export/formats"): VIEWER,
    ("GET", "/api/export/framework/{framework_id}"): VIEWER,
    ("GET", "/api/export/cross"): VIEWER,
    ("GET", "/api/export/gaps/{framework_id}"): VIEWER,
    ("GET", "/api/export/focus/{node_id}"): VIEWER,
    ("GET", "/api/export/between"): VIEWER,
    ("POST", "/api/export"): VIEWER,  # renders a posted payload; reads nothing else
    # -- researcher: Cypher, saved queries, the whole graph at once ------------------------
    ("GET", "/console"): RESEARCHER,
    ("POST", "/api/console"): RESEARCHER,
    ("GET", "/api/queries"): RESEARCHER,
    ("GET", "/api/queries/{name}"): RESEARCHER,
    ("POST", "/api/queries/{name}/run"): RESEARCHER,
    # each saved query's own documented run route (app/console/saved.py), added below
    ("GET", "/api/export/backup"): RESEARCHER,
    # -- admin: accounts and the audit log -------------------------------------------------
    ("GET", "/admin"): ADMIN,
    ("GET", "/api/admin/accounts"): ADMIN,
    ("POST", "/api/admin/accounts"): ADMIN,
    ("PUT", "/api/admin/accounts/{name}/role"): ADMIN,
    ("POST", "/api/admin/accounts/{name}/password"): ADMIN,
    ("DELETE", "/api/admin/accounts/{name}"): ADMIN,
    ("GET", "/api/admin/audit"): ADMIN,
}

# Each saved query has its own run route (so OpenAPI states its parameters): one row each.
for _named in saved_queries():
    PERMISSIONS[("POST", f"/api/queries/{_named.name}/run")] = RESEARCHER
