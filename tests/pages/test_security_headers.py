"""Every answer carries `X-Content-Type-Options: nosniff` and a Content-Security-Policy: the
pages their strict one, everything else (JSON, files, errors) one that lets nothing load or
frame it (app/pages/security.py)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.pages.security import BASELINE_HEADERS, CONTENT_SECURITY_POLICY

NODE = {"id": "a", "label": "Result", "level": "output", "name": "a"}
BASELINE_CSP = BASELINE_HEADERS["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/health", 200),
        ("GET", "/api/frameworks", 200),
        ("GET", "/api/nodes/mirps.impact", 200),
        ("GET", "/api/nodes/mirps.nothing", 404),
        ("GET", "/api/search?q=", 422),
        ("GET", "/api/no-such-route", 404),
        ("DELETE", "/api/frameworks", 405),
        ("GET", "/openapi.json", 200),
        ("GET", "/api/export/framework/mirps-toc?format=json", 200),
        ("GET", "/api/export/framework/mirps-toc?format=svg", 200),
        ("POST", "/api/console", 422),
    ],
)
def test_api_answers_are_never_sniffed_or_framed(
    client: TestClient, method: str, path: str, status: int
) -> None:
    r = client.request(method, path, json={} if method == "POST" else None)
    assert r.status_code == status, r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-security-policy"] == BASELINE_CSP


def test_pages_keep_their_own_stricter_headers(client: TestClient) -> None:
    for path in ["/", "/toc/mirps-toc", "/static/css/explorer.css", "/views/data/toc/mirps-toc"]:
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
    r = client.post("/views/data/vis", json={"nodes": [NODE], "edges": []})
    assert r.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_the_docs_page_allows_only_its_own_inline_script(client: TestClient) -> None:
    r = client.get("/docs")
    csp = r.headers["content-security-policy"]
    assert r.status_code == 200 and "unsafe-inline" not in csp
    assert csp.startswith("default-src 'none'; script-src 'self' 'sha256-")
    assert r.headers["x-content-type-options"] == "nosniff"
    # Assets come from the app itself, never a CDN.
    assert (
        "cdn" not in r.text.lower() and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in r.text
    )
    for asset in ["swagger-ui-bundle.js", "swagger-ui.css"]:
        served = client.get(f"/static/vendor/swagger-ui/{asset}")
        assert served.status_code == 200 and len(served.content) > 10_000
