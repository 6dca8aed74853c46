"""The analysis router against the real seeded Neo4j: centrality and structure."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.api import MTC


def test_analysis_centrality_and_structure(client: TestClient) -> None:
    c = client.get("/api/analysis/centrality", params={"framework": "mirps-toc"}).json()
    assert set(MTC) <= set(c["betweenness"])
    top = c["top_through"][0]["id"]
    assert top in {"mirps.manifestation", *[f"mirps-toc.ltc-{i}" for i in range(1, 5)]}
    assert c["reach"]["mirps.impact"]["in"] >= 46
    s = client.get("/api/analysis/structure").json()
    assert s["cycles"] == []
    assert s["level_violations"] == []
