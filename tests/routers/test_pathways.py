"""The pathways router against the real seeded Neo4j: upstream, downstream, to the impact and
the paths between two nodes."""

from __future__ import annotations

from fastapi.testclient import TestClient
from neo4j import Driver

from tests.support.api import MTC, OUTPUTS, ids


def test_upstream_of_the_impact_holds_every_output_and_change(client: TestClient) -> None:
    body = client.get("/api/pathways/mirps.impact/upstream").json()
    got = ids(body)
    assert set(OUTPUTS) <= got
    assert set(MTC) <= got
    assert body["meta"]["truncated"] is False


def test_upstream_depth_limits_hops(client: TestClient) -> None:
    body = client.get("/api/pathways/mirps.impact/upstream", params={"depth": 1}).json()
    hops = {n["id"]: n["properties"]["hops"] for n in body["nodes"]}
    assert hops["mirps.impact"] == 0
    assert hops["mirps.manifestation"] == 1
    assert {"mirps-rf.outcome-1", "mirps-rf.outcome-2", "mirps-rf.outcome-3"} <= set(hops)
    assert not set(MTC) & set(hops)
    assert max(hops.values()) == 1


def test_downstream_and_chain_to_impact(client: TestClient) -> None:
    body = client.get("/api/pathways/mirps-toc.mtc-07/downstream").json()
    assert "mirps.impact" in ids(body)
    chain = client.get("/api/pathways/pledge.grf-08068/to-impact").json()
    assert "mirps.impact" in ids(chain)
    assert chain["meta"]["query"] == "to-impact"


def test_pledges_reaching_skills_recognition(client: TestClient, seeded_db: Driver) -> None:
    body = client.get("/api/pathways/mirps-rf.outcome-3/upstream").json()
    codes = {n["properties"].get("code") for n in body["nodes"] if n["label"] == "Pledge"}
    # Guatemala's certification model and Costa Rica's recognition of skills are about
    # skills recognition in the pledges' own words.
    assert {"GRF 08068", "GRF 09055"} <= codes
    records, _, _ = seeded_db.execute_query(
        "MATCH (p:Pledge)-[:CONTRIBUTES_TO]->+(:Result {id: 'mirps-rf.outcome-3'}) "
        "RETURN collect(DISTINCT p.code) AS codes"
    )
    assert codes == set(records[0]["codes"])


def test_paths_between(client: TestClient) -> None:
    body = client.get(
        "/api/pathways/between",
        params={"source": "pledge.grf-08068", "target": "mirps.impact", "max_hops": 6},
    ).json()
    paths = body["meta"]["extra"]["paths"]
    assert paths
    assert all(p[0] == "pledge.grf-08068" and p[-1] == "mirps.impact" for p in paths)
    assert all(len(p) - 1 <= 6 for p in paths)
    lengths = [len(p) for p in paths]
    assert lengths == sorted(lengths)
    r = client.get("/api/pathways/between", params={"source": "x-none", "target": "mirps.impact"})
    assert r.status_code == 404
    r = client.get("/api/pathways/between", params={"source": "a", "target": "b", "max_hops": 99})
    assert r.status_code == 422
