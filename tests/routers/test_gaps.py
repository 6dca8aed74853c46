"""The gaps router against the real seeded Neo4j."""

from __future__ import annotations

from fastapi.testclient import TestClient
from neo4j import Driver


def test_gaps_are_real_gaps(client: TestClient, seeded_db: Driver) -> None:
    gaps = {g["kind"]: g for g in client.get("/api/gaps").json()}
    assert set(gaps) == {
        "without_indicator",
        "without_commitment",
        "outputs_without_actor",
        "unaligned",
        "actors_without_outcome",
    }
    unmeasured = {i["node"]["id"] for i in gaps["without_indicator"]["items"]}
    assert unmeasured
    records, _, _ = seeded_db.execute_query(
        "MATCH (:Indicator)-[:MEASURES]->(r:Result) RETURN collect(DISTINCT r.id) AS ids"
    )
    assert not unmeasured & set(records[0]["ids"])
    one = client.get("/api/gaps/without_indicator", params={"framework": "mirps-rf"}).json()
    assert all(i["node"]["framework"] in ("mirps-rf", "mirps-toc") for i in one["items"])
    assert client.get("/api/gaps/everything").status_code == 422
