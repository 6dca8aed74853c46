"""Every shared fixture: one real Neo4j for the session, a driver, the seeded graph, the app
(also with a small node cap); an account of each role in the session's own account store,
and clients signed in as each; the app served on loopback and Debian's Chromium for the browser
tests; the sample payload and the real Mermaid parser for the export tests.

Helpers that are not fixtures are in tests/support/."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver, GraphDatabase
from playwright.sync_api import Browser, Page, sync_playwright

from app.accounts.roles import Role
from app.accounts.web.context import SESSION_COOKIE
from app.database.connection import Connection
from app.main import create_app
from app.settings import Settings
from tests.support.accounts import Current, RoleAccounts, make_role_accounts
from tests.support.browser.harness import PageGuard, guarded_page, launch_chromium, serve
from tests.support.exports import need_tool, sample_payload
from tests.support.neo4j_server import Neo4jUnderTest, start_test_server
from tests.support.paths import JS_DIR
from tests.support.seed import SEED_DIR, DbState

# -- the database and the app --------------------------------------------------------------


# Starlette's TestClient sends `Host: testserver`; the app refuses hosts it does not know.
TEST_HOSTS = ["localhost", "127.0.0.1", "::1", "testserver"]


@pytest.fixture(scope="session")
def accounts_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's account store: never the developer's (.neo4j/instances/dev)."""
    return tmp_path_factory.mktemp("accounts") / "accounts.sqlite"


@pytest.fixture(scope="session")
def test_settings(accounts_file: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None, accounts_url=f"sqlite:///{accounts_file}", allowed_hosts=TEST_HOSTS
    )


@pytest.fixture(scope="session")
def role_accounts(test_settings: Settings) -> Iterator[RoleAccounts]:
    """One account of each role (``test-viewer`` ... ``test-admin``) with a token and a session."""
    made = make_role_accounts(test_settings)
    Current.accounts = made
    yield made
    Current.accounts = None
    made.store.dispose()


@pytest.fixture(scope="session")
def neo4j_server(test_settings: Settings) -> Iterator[Neo4jUnderTest]:
    try:
        server = start_test_server(test_settings)
    except Exception as e:  # a failure here must fail the suite, never skip it
        pytest.fail(f"no Neo4j server for the tests: {e}", pytrace=False)
    yield server
    server.close()


@pytest.fixture(scope="session")
def connection(neo4j_server: Neo4jUnderTest) -> Connection:
    return neo4j_server.connection


@pytest.fixture(scope="session")
def neo4j_driver(connection: Connection) -> Iterator[Driver]:
    with GraphDatabase.driver(connection.uri, auth=(connection.user, connection.password)) as d:
        d.verify_connectivity()
        yield d


@pytest.fixture
def empty_db(neo4j_driver: Driver) -> Driver:
    """An empty database (constraints and indexes may remain); the seed graph is gone."""
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
    DbState.seeded = False
    return neo4j_driver


@pytest.fixture
def seeded_db(neo4j_driver: Driver) -> Driver:
    """The database holding exactly the seed graph from seed/ (loaded once, reloaded after a test
    that emptied it)."""
    if not DbState.seeded:
        from app.loader import load_seed

        neo4j_driver.execute_query("MATCH (n) DETACH DELETE n")
        load_seed(neo4j_driver, SEED_DIR)
        DbState.seeded = True
    return neo4j_driver


@pytest.fixture
def client(
    seeded_db: Driver, connection: Connection, test_settings: Settings, role_accounts: RoleAccounts
) -> Iterator[TestClient]:
    """The app as a researcher's script sees it (an API token): every route of the app but
    the editors' and admins' is open to it. ``anon_client`` and ``client_as`` for the others."""
    app = create_app(test_settings, connection)
    with TestClient(app, headers=role_accounts.bearer(Role.RESEARCHER)) as c:
        yield c


@pytest.fixture
def anon_client(
    seeded_db: Driver, connection: Connection, test_settings: Settings
) -> Iterator[TestClient]:
    """Nobody signed in (anonymous visitors are viewers on loopback)."""
    with TestClient(create_app(test_settings, connection)) as c:
        yield c


@pytest.fixture
def client_as(
    seeded_db: Driver, connection: Connection, test_settings: Settings, role_accounts: RoleAccounts
) -> Iterator[Callable[..., TestClient]]:
    """``client_as(role, via="token"|"session", settings=...)``: a client of that role's account."""
    opened: list[TestClient] = []

    def make(role: Role | str, via: str = "token", settings: Settings | None = None) -> TestClient:
        app = create_app(settings or test_settings, connection)
        if via == "token":
            c = TestClient(app, headers=role_accounts.bearer(role))
        else:
            c = TestClient(app, cookies={SESSION_COOKIE: role_accounts.new_session(role)})
        opened.append(c.__enter__())
        return c

    yield make
    for c in opened:
        c.__exit__(None, None, None)


@pytest.fixture
def bare_client(
    connection: Connection, test_settings: Settings, role_accounts: RoleAccounts
) -> Iterator[TestClient]:
    """The app against the test server, whatever the database holds (as a researcher)."""
    app = create_app(test_settings, connection)
    with TestClient(app, headers=role_accounts.bearer(Role.RESEARCHER)) as c:
        yield c


@pytest.fixture
def small_cap_client(
    seeded_db: Driver, connection: Connection, test_settings: Settings, role_accounts: RoleAccounts
) -> Iterator[TestClient]:
    settings = test_settings.model_copy(update={"max_payload_nodes": 10})
    with TestClient(
        create_app(settings, connection), headers=role_accounts.bearer(Role.RESEARCHER)
    ) as c:
        yield c


# -- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def base_url(
    connection: Connection, test_settings: Settings, role_accounts: RoleAccounts
) -> Iterator[str]:
    app = create_app(test_settings, connection)
    with serve(app) as url:
        yield url


@pytest.fixture
def guard() -> PageGuard:
    return PageGuard()


@pytest.fixture
def page(
    browser: Browser,
    guard: PageGuard,
    seeded_db: Driver,
    base_url: str,
    role_accounts: RoleAccounts,
) -> Iterator[Page]:
    """A page in a browser signed in as a researcher (every page but the admins' is open)."""
    page = guarded_page(browser, guard)
    session_id = role_accounts.new_session(Role.RESEARCHER)
    page.context.add_cookies([{"name": SESSION_COOKIE, "value": session_id, "url": base_url}])
    yield page
    page.context.close()
    assert not guard.foreign, f"requests left 127.0.0.1: {guard.foreign}"
    assert not guard.unexpected_errors(), f"the page logged errors: {guard.unexpected_errors()}"


@pytest.fixture
def anon_page(
    browser: Browser, guard: PageGuard, seeded_db: Driver, base_url: str
) -> Iterator[Page]:
    """A page in a browser where nobody is signed in."""
    page = guarded_page(browser, guard)
    yield page
    page.context.close()
    assert not guard.foreign, f"requests left 127.0.0.1: {guard.foreign}"
    assert not guard.unexpected_errors(), f"the page logged errors: {guard.unexpected_errors()}"


# -- exports -------------------------------------------------------------------------------


@pytest.fixture
def no_graphviz(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A server without Graphviz: PATH holds no `dot` for the rest of the test (the app runs in
    this process, so it sees the same PATH)."""
    import shutil

    empty = tmp_path_factory.mktemp("path-without-dot")
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("dot") is None


@pytest.fixture(scope="module")
def payload() -> dict[str, Any]:
    return sample_payload()


def _node_with_packages() -> str:
    """Node.js, with tests/js's packages installed (``npm ci``) when one of them is missing."""
    node = need_tool("node", "nodejs (node >= 20)")
    wanted = json.loads((JS_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]
    if not all((JS_DIR / "node_modules" / name).is_dir() for name in wanted):
        npm = need_tool("npm", "npm")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=JS_DIR,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            pytest.fail(f"npm ci in tests/js failed:\n{done.stderr[-3000:]}", pytrace=False)
    return node


@pytest.fixture(scope="module")
def mermaid_checker() -> list[str]:
    return [_node_with_packages(), str(JS_DIR / "check-mermaid.mjs")]


@pytest.fixture(scope="module")
def graph_reader() -> list[str]:
    """``node read-graphs.mjs FILE...``: GraphML through graphology-graphml (Gephi Lite's
    reader), ``.cyjs`` through cytoscape.js."""
    return [_node_with_packages(), str(JS_DIR / "read-graphs.mjs")]
