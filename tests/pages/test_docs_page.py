"""``/docs`` (Swagger UI) in headless Chromium, offline: every request it makes stays on
127.0.0.1 (the `page` fixture aborts and records any other), and its Content-Security-Policy
lets no script run but the app's files and Swagger UI's hashed start-up call."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page

from tests.support.browser.harness import PageGuard

pytestmark = pytest.mark.browser


def test_docs_list_every_operation_from_local_files_only(
    page: Page, base_url: str, guard: PageGuard
) -> None:
    response = page.goto(f"{base_url}/docs")
    assert response is not None and response.ok
    csp = response.headers["content-security-policy"]
    assert "script-src 'self' 'sha256-" in csp and "unsafe-inline" not in csp
    spec = httpx.get(f"{base_url}/openapi.json", timeout=30).json()
    operations = [
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    page.wait_for_selector(".opblock", timeout=30_000)
    shown = page.locator(".opblock").count()
    assert shown == len(operations), (shown, len(operations))
    for method, path in [("GET", "/api/nodes/{node_id}"), ("POST", "/api/console")]:
        block = page.locator(f".opblock-{method.lower()} [data-path='{path}']")
        assert block.count() == 1, (method, path)
    assert not guard.foreign, guard.foreign
    assert any("/static/vendor/swagger-ui/swagger-ui-bundle.js" in u for u in guard.requests)


def test_redoc_is_not_offered(base_url: str) -> None:
    # ReDoc needs inline styles and blob: workers, which the pages' policy forbids.
    assert httpx.get(f"{base_url}/redoc", timeout=30).status_code == 404
