"""Static files and every other path parameter, fuzzed: a null byte, a surrogate, a
traversal or any other odd text in a path never reaches the file system or the database, and
never answers 500."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient

from app.main import create_app
from app.pages.static_files import resolve_static
from app.settings import Settings

HOSTILE = [
    "%00",
    "a%00b",
    "%00.css",
    "x%00/../../etc/passwd",
    "%ED%A0%80",  # a UTF-8-encoded surrogate (invalid UTF-8)
    "%F0%9F%98%80",  # an emoji
    "%C0%AF",  # an overlong "/"
    "..%2F..%2Fetc%2Fpasswd",
    "%2e%2e",
    "%5C..%5Cwindows",
    "a" * 300,
    "%0A%0D",
    "%FF%FE",
]


@pytest.mark.parametrize("name", ["%00.css", "css/%00.css", "css/x%00", "%00", "js/%ED%A0%80.js"])
def test_a_null_byte_or_surrogate_in_a_static_path_is_404(client: TestClient, name: str) -> None:
    r = client.get(f"/static/{name}")
    assert r.status_code == 404, r.text
    assert r.json()["error"] == "not_found"


@pytest.mark.parametrize(
    "path",
    ["\x00.css", "css/\x00.css", "\udcff.js", "css/\ud800.css", "../app/main.py", "css/.", ".."],
)
def test_resolve_static_refuses_odd_names_without_touching_the_file_system(path: str) -> None:
    assert resolve_static(path) is None


def _path_templates() -> list[str]:
    app = create_app(Settings(_env_file=None))  # type: ignore[call-arg]
    return sorted(
        {
            route.path_format
            for route in iter_route_contexts(app.routes)
            if isinstance(route.original_route, APIRoute) and "{" in (route.path_format or "")
        }
    )


def test_every_path_parameter_refuses_hostile_text(client: TestClient) -> None:
    templates = _path_templates()
    assert len(templates) >= 10, templates
    for template in templates:
        for text in HOSTILE:
            path = re.sub(r"\{[^}]+\}", text, template)
            r = client.get(path)
            # 404 (nothing has that id, or no route), 405 (a POST-only route), 422 (the
            # parameter's pattern refused it): never a 2xx, never a 500.
            assert r.status_code in (404, 405, 422), (path, r.status_code, r.text[:200])
            if r.status_code == 422:
                assert r.json()["detail"][0]["loc"][0] == "path", (path, r.text[:200])
