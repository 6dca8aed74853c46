"""The permission table is the whole truth about who may do what: every route of the app has
exactly one row, and for every row and every kind of caller (nobody; each role by API token;
each role by session) the app answers as the row says, through HTTP against the real Neo4j."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.accounts.permissions import PERMISSIONS
from app.accounts.principal import Principal
from app.accounts.roles import Need, Role
from app.accounts.web.context import CSRF_COOKIE, SESSION_COOKIE
from app.accounts.web.gate import PermissionTable
from app.database.connection import Connection
from app.main import create_app
from app.settings import Settings
from tests.support.accounts import RoleAccounts
from tests.support.routes import app_routes, sample

ROWS = sorted(PERMISSIONS.items(), key=lambda kv: (kv[0][1], kv[0][0]))
CALLERS = ["anonymous"] + [f"{via}:{role}" for via in ("token", "session") for role in Role]


def test_every_route_of_the_app_has_a_row_and_every_row_a_route(test_settings: Settings) -> None:
    routes = app_routes(create_app(test_settings))
    table = set(PERMISSIONS)
    assert routes - table == set(), "routes missing from app/accounts/permissions.py"
    assert table - routes == set(), "rows of app/accounts/permissions.py that no route answers"


def test_each_route_finds_its_own_row() -> None:
    table = PermissionTable(PERMISSIONS)
    for (method, template), need in PERMISSIONS.items():
        path, _ = sample(method, template)
        assert table.need(method, path) == (need, True), (method, template)


def test_the_strictest_of_several_matching_rows_applies() -> None:
    table = PermissionTable(
        {("GET", "/api/gaps/{kind}"): Need.VIEWER, ("GET", "/api/gaps/secret"): Need.ADMIN}
    )
    assert table.need("GET", "/api/gaps/secret") == (Need.ADMIN, True)
    assert table.need("GET", "/api/gaps/unmeasured") == (Need.VIEWER, True)
    assert table.need("HEAD", "/api/gaps/secret") == (Need.ADMIN, True)
    assert table.need("POST", "/api/gaps/secret") == (None, True)
    assert table.need("GET", "/elsewhere") == (None, False)


def _principal(caller: str) -> Principal:
    if caller == "anonymous":
        return Principal(role=Role.VIEWER)  # loopback default
    via, role = caller.split(":")
    return Principal(role=Role(role), account=f"test-{role}", via=via)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def callers(
    connection: Connection, test_settings: Settings, role_accounts: RoleAccounts
) -> Iterator[dict[str, TestClient]]:
    app = create_app(test_settings, connection)
    clients: dict[str, TestClient] = {"anonymous": TestClient(app)}
    for role in Role:
        clients[f"token:{role}"] = TestClient(app, headers=role_accounts.bearer(role))
        session = TestClient(app, cookies={SESSION_COOKIE: role_accounts.session_ids[role]})
        clients[f"session:{role}"] = session
    for c in clients.values():
        c.__enter__()
    # A page sets the CSRF cookie that browsers' requests send back (sign-in always needs it).
    for name in ["anonymous", *(f"session:{role}" for role in Role)]:
        browser = clients[name]
        browser.get("/login")
        browser.headers["x-csrftoken"] = browser.cookies[CSRF_COOKIE]
    yield clients
    for c in clients.values():
        c.__exit__(None, None, None)


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(
    ("route", "need"), ROWS, ids=[f"{m} {t}" for (m, t), _ in ROWS]
)  # fmt: skip
def test_each_caller_gets_what_the_table_says(
    callers: dict[str, TestClient],
    role_accounts: RoleAccounts,
    seeded_db: Driver,
    route: tuple[str, str],
    need: Need,
    caller: str,
) -> None:
    method, template = route
    path, kwargs = sample(method, template)
    r = callers[caller].request(method, path, follow_redirects=False, **kwargs)
    if template == "/auth/logout" and caller.startswith("session:"):  # sign in again
        fresh = role_accounts.new_session(caller.split(":")[1])
        callers[caller].cookies.set(SESSION_COOKIE, fresh)
    principal = _principal(caller)
    if principal.meets(need):
        assert r.status_code not in (401, 403), (caller, method, path, r.status_code, r.text)
        assert r.status_code < 500, r.text
        return
    body: dict[str, Any] = r.json()
    if principal.signed_in:
        assert (r.status_code, body["error"]) == (403, "not_allowed"), r.text
        assert body["needs"] == need.value and body["role"] == principal.role
        assert "ask an admin" in body["detail"].lower() or "/login" in body["detail"]
    else:
        assert (r.status_code, body["error"]) == (401, "not_signed_in"), r.text
        assert "sign in" in body["detail"]


def test_a_viewer_cannot_run_cypher_or_download_the_backup(
    client_as: Any, seeded_db: Driver
) -> None:
    viewer = client_as(Role.VIEWER)
    r = viewer.post("/api/console", json={"query": "MATCH (n) RETURN count(n)"})
    assert r.status_code == 403 and r.json()["error"] == "not_allowed"
    assert viewer.get("/api/export/backup").status_code == 403
    assert viewer.get("/api/frameworks").status_code == 200  # but browses


def test_a_viewers_write_attempt_is_403(client_as: Any) -> None:
    viewer = client_as(Role.VIEWER, via="session")
    viewer.get("/login")
    csrf = {"x-csrftoken": viewer.cookies[CSRF_COOKIE]}
    for method, path, body in [
        ("POST", "/api/admin/accounts", {"name": "mallory", "role": "admin"}),
        ("PUT", "/api/admin/accounts/test-viewer/role", {"role": "admin"}),
        ("DELETE", "/api/admin/accounts/test-admin", None),
        ("POST", "/api/admin/accounts/test-admin/password", {"password": "x" * 20}),
    ]:
        r = viewer.request(method, path, json=body, headers=csrf)
        assert r.status_code == 403, (method, path, r.text)
        assert r.json()["error"] == "not_allowed"


def test_pages_say_what_to_do(client_as: Any, anon_client: TestClient) -> None:
    html = {"accept": "text/html"}
    r = anon_client.get("/account?tab=tokens", headers=html, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Faccount%3Ftab%3Dtokens"
    viewer = client_as(Role.VIEWER, via="session")
    r = viewer.get("/console", headers=html)
    assert r.status_code == 403
    assert "Ask an admin" in r.text and "researcher" in r.text
    assert r.headers["content-security-policy"].startswith("default-src 'none'")


def test_the_header_offers_only_what_the_role_allows(
    client_as: Any, anon_client: TestClient
) -> None:
    def nav(c: TestClient) -> str:
        return c.get("/cross", headers={"accept": "text/html"}).text

    page = nav(anon_client)
    assert (
        'href="/console"' not in page and 'href="/login"' in page and 'data-role="viewer"' in page
    )
    page = nav(client_as(Role.VIEWER, via="session"))
    assert 'href="/console"' not in page and "test-viewer" in page and 'data-role="viewer"' in page
    page = nav(client_as(Role.RESEARCHER, via="session"))
    assert 'href="/console"' in page and 'href="/admin"' not in page
    page = nav(client_as(Role.ADMIN, via="session"))
    assert 'href="/console"' in page and 'href="/admin"' in page and 'data-role="admin"' in page
