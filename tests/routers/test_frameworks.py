"""The frameworks router against the real seeded Neo4j: the list with counts, one framework's
graph."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.api import ids
from tests.support.expectations import mirps


def test_frameworks_list_counts_by_level(client: TestClient) -> None:
    r = client.get("/api/frameworks")
    assert r.status_code == 200
    by_id = {f["id"]: f for f in r.json()}
    for (framework, level), n in mirps.COUNTS_BY_LEVEL.items():
        assert by_id[framework]["counts"].get(level) == n, (framework, level)


def test_framework_graph_is_the_layered_chain(client: TestClient) -> None:
    body = client.get("/api/frameworks/mirps-toc/graph").json()
    levels = [n["level"] for n in body["nodes"]]
    assert levels.count("medium_term_change") == 41
    assert levels.count("long_term_change") == 4
    assert {e["type"] for e in body["edges"]} == {"CONTRIBUTES_TO"}
    node_ids = ids(body)
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in body["edges"])


def test_framework_graph_can_include_pledges_and_indicators(client: TestClient) -> None:
    body = client.get(
        "/api/frameworks/mirps-rf/graph", params=[("include", "pledges"), ("include", "indicators")]
    ).json()
    labels = {n["label"] for n in body["nodes"]}
    assert {"Result", "Pledge", "Indicator"} <= labels
    # The links that brought them come along: an indicator MEASURES a result shown.
    assert "MEASURES" in {e["type"] for e in body["edges"]}
    assert client.get("/api/frameworks/nope/graph").status_code == 404
    bad = client.get("/api/frameworks/mirps-rf/graph", params={"include": "passwords"})
    assert bad.status_code == 422
    assert "include" in str(bad.json()["detail"])
