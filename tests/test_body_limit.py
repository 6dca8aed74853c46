"""Every request body is bounded before a route reads it (app/body_limit.py): 413 with the one
error body, whether the body declares its length or streams past the bound."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response

from app.database.connection import Connection
from app.main import create_app
from app.settings import Settings
from tests.conftest import TEST_HOSTS

LIMIT = 4096
NODE = {"id": "a", "label": "Result", "level": "output", "name": "a"}


@pytest.fixture
def small_body_client(connection: Connection) -> Iterator[TestClient]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, max_body_bytes=LIMIT, allowed_hosts=TEST_HOSTS
    )
    with TestClient(create_app(settings, connection)) as c:
        yield c


def _too_large(r: Response) -> None:
    assert r.status_code == 413, r.text
    body = r.json()
    assert body["error"] == "too_large" and str(LIMIT) in body["detail"]
    assert "TOC_MAX_BODY_BYTES" in body["detail"] and body["max_bytes"] == LIMIT
    assert r.headers["x-content-type-options"] == "nosniff"


def test_a_body_declaring_more_than_the_bound_is_refused(small_body_client: TestClient) -> None:
    big = {"nodes": [{**NODE, "name": "x" * (LIMIT * 2)}], "edges": []}
    for path in ["/api/export?format=dot", "/views/data/vis", "/api/console"]:
        _too_large(small_body_client.post(path, json=big))


def test_a_body_streaming_past_the_bound_is_refused(small_body_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: Transfer-Encoding: chunked
        yield b'{"nodes": [], "edges": [], "pad": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    r = small_body_client.post(
        "/api/export?format=dot", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.request.headers.get("transfer-encoding") == "chunked"
    _too_large(r)


def test_a_body_within_the_bound_is_read_whole(small_body_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"nodes": [{"id": "a", "label": "Result",'
        yield b' "level": "output", "name": "a"}], "edges": []}'

    r = small_body_client.post(
        "/api/export?format=dot", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 200, r.text
    assert b"digraph" in r.content


def test_even_a_route_that_reads_no_body_refuses_a_big_one(small_body_client: TestClient) -> None:
    r = small_body_client.request("GET", "/api/export/formats", content=b"x" * (LIMIT + 1))
    _too_large(r)


def test_a_20_mb_node_name_is_refused_by_default(client: TestClient) -> None:
    # Issue 11: a 20 MB name was accepted and made 20 MB pages.
    payload = {"nodes": [{**NODE, "name": "x" * 20_000_000}], "edges": []}
    r = client.post("/api/export?format=svg", json=payload)
    assert r.status_code == 413 and r.json()["error"] == "too_large"
