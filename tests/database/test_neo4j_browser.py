"""Neo4j Browser, which `./toc up` prints for researchers, connects at the printed address.

The local server listens on its own ports (17687, or the tests'); Neo4j advertised its
defaults (bolt://127.0.0.1:7687), so the Browser's form offered an address where nothing
answers. This opens the Browser address the test server reports in Debian's Chromium, signs
in with the generated password without touching the offered address, and runs a query.
Requests that would leave 127.0.0.1 (web fonts, the Browser's own analytics scripts) are
aborted: nothing leaves the machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse

import httpx
import pytest
import yaml
from playwright.sync_api import Browser, Page, Route

from app.settings import REPO_ROOT
from tests.support.neo4j_server import Neo4jUnderTest

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    aborted: list[str] = []

    def loopback_only(route: Route) -> None:
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("**/*", loopback_only)
    yield context.new_page(), aborted
    context.close()


def test_the_server_advertises_the_ports_it_listens_on(neo4j_server: Neo4jUnderTest) -> None:
    if neo4j_server.local is None:
        # A container (not on this machine): compose publishes Neo4j's own ports unchanged,
        # so its default advertised addresses are the right ones.
        compose = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())
        ports = {p.split(":", 1)[1] for p in compose["services"]["neo4j"]["ports"]}
        assert ports == {"7474:7474", "7687:7687"}
        return
    local = neo4j_server.local
    discovery = httpx.get(f"http://127.0.0.1:{local.http_port}/", timeout=10).json()
    assert discovery["bolt_direct"] == f"bolt://127.0.0.1:{local.bolt_port}"
    assert discovery["bolt_routing"] == f"neo4j://127.0.0.1:{local.bolt_port}"
    assert discovery["transaction"].startswith(f"http://127.0.0.1:{local.http_port}/")


def test_neo4j_browser_connects_at_the_printed_address_and_runs_a_query(
    neo4j_server: Neo4jUnderTest, browser_page: tuple[Page, list[str]]
) -> None:
    page, aborted = browser_page
    conn = neo4j_server.connection
    if neo4j_server.local is None:
        assert neo4j_server.kind == "docker"  # the check above covers the container's ports
        return
    assert conn.browser_url == f"http://127.0.0.1:{neo4j_server.local.http_port}/browser/"

    page.goto(conn.browser_url)
    address = page.locator("[data-testid=boltaddress]")
    address.wait_for(timeout=60_000)
    # The form offers what the server advertises; it is used as offered.
    assert address.input_value() == f"127.0.0.1:{neo4j_server.local.bolt_port}"
    page.locator("[data-testid=username]").fill(conn.user)
    page.locator("[data-testid=password]").fill(conn.password)
    page.locator("[data-testid=connect]").click()
    page.get_by_text(f"You are connected as user {conn.user}").wait_for(timeout=60_000)

    page.locator("[data-testid=activeEditor]").click()
    page.keyboard.type("RETURN 6 * 7 AS answer")
    page.locator("[data-testid=editor-Run]").click()
    result = page.locator("[data-testid=frame]").filter(has_text="RETURN 6 * 7 AS answer")
    result.get_by_text("Started streaming 1 records").wait_for(timeout=60_000)
    text = str(result.text_content())
    assert "answer" in text and "42" in text
    assert all(urlparse(u).hostname != "127.0.0.1" for u in aborted)
