"""The big-view guards the framework and pathway routers share: layered positions on request
(positions=true, app/routers/params.py) and the node cap (max_payload_nodes) with a message
saying how to narrow down."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_positions_on_request(client: TestClient) -> None:
    plain = client.get("/api/frameworks/mirps-toc/graph").json()
    assert all("x" not in n["properties"] for n in plain["nodes"])
    placed = client.get("/api/frameworks/mirps-toc/graph", params={"positions": "true"}).json()
    assert [n["id"] for n in placed["nodes"]] == [n["id"] for n in plain["nodes"]]
    y = {n["id"]: n["properties"]["y"] for n in placed["nodes"]}
    assert y["mirps.impact"] < y["mirps.manifestation"] < y["mirps-toc.ltc-1"]
    assert y["mirps-toc.mtc-07"] > y["mirps-toc.ltc-1"]
    for path in (
        "/api/pathways/mirps.impact/upstream",
        "/api/pathways/mirps-toc.mtc-07/downstream",
        "/api/pathways/pledge.grf-08068/to-impact",
    ):
        body = client.get(path, params={"positions": "true", "depth": 3}).json()
        assert all({"x", "y"} <= set(n["properties"]) for n in body["nodes"]), path
    between = client.get(
        "/api/pathways/between",
        params={"source": "pledge.grf-08068", "target": "mirps.impact", "positions": "true"},
    ).json()
    assert between["nodes"] and all("x" in n["properties"] for n in between["nodes"])


def test_big_views_are_capped_with_a_way_to_narrow_down(small_cap_client: TestClient) -> None:
    body = small_cap_client.get("/api/frameworks/mirps-toc/graph").json()
    assert len(body["nodes"]) == 10
    assert body["meta"]["truncated"] is True
    assert "include" in body["meta"]["message"] and "depth" in body["meta"]["message"]
    # The top of the chain is kept first, and no edge dangles.
    ids = {n["id"] for n in body["nodes"]}
    assert {"mirps.impact", "mirps.manifestation"} <= ids
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    walk = small_cap_client.get("/api/pathways/mirps.impact/upstream").json()
    assert len(walk["nodes"]) == 10 and walk["meta"]["truncated"] is True
    assert "depth" in walk["meta"]["message"]
    hops = [n["properties"]["hops"] for n in walk["nodes"]]
    assert hops == sorted(hops) and hops[0] == 0


def test_small_views_are_not_capped(client: TestClient) -> None:
    body = client.get("/api/frameworks/mirps-toc/graph").json()
    assert body["meta"]["truncated"] is False and body["meta"]["message"] is None
