"""A lone UTF-16 surrogate in a JSON body (app/body_text.py) is refused with 422 naming where
it is, before it reaches the driver, an export or a page (each answered 500 before)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

NODE = '{"id": "a", "label": "Result", "level": "output", "name": "%s"}'


@pytest.mark.parametrize(
    ("path", "body", "loc"),
    [
        ("/api/console", '{"query": "RETURN $s AS s", "params": {"s": "\\ud800"}}',
         ["body", "params", "s"]),
        ("/api/console", '{"query": "RETURN \'\\udfff\' AS s"}', ["body", "query"]),
        ("/api/queries/q_find_text/run", '{"params": {"text": "x\\udc00y"}}',
         ["body", "params", "text"]),
        ("/api/export?format=svg", '{"nodes": [%s], "edges": []}' % (NODE % "\\ud800"),
         ["body", "nodes", 0, "name"]),
        ("/api/export?format=json", '{"nodes": [%s], "edges": []}' % (NODE % "a\\udbff"),
         ["body", "nodes", 0, "name"]),
        ("/views/data/vis", '{"nodes": [%s], "edges": []}' % (NODE % "\\ude00"),
         ["body", "nodes", 0, "name"]),
    ],
)  # fmt: skip
def test_a_lone_surrogate_is_refused_naming_its_field(
    client: TestClient, path: str, body: str, loc: list[object]
) -> None:
    r = client.post(path, content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    [problem] = r.json()["detail"]
    assert problem["loc"] == loc and "surrogate" in problem["msg"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_a_surrogate_pair_is_one_character_and_passes(client: TestClient) -> None:
    body = '{"query": "RETURN $s AS s", "params": {"s": "\\ud83d\\ude00"}}'
    r = client.post("/api/console", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [["\U0001f600"]]


def test_a_null_byte_in_a_console_parameter_reaches_neo4j_as_text(client: TestClient) -> None:
    body = '{"query": "RETURN $s AS s", "params": {"s": "a\\u0000b"}}'
    r = client.post("/api/console", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["rows"] == [["a\x00b"]]
