"""The search router against the real seeded Neo4j: ranked full-text search."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_is_ranked_with_snippets(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "work permits"}).json()
    assert hits, "no hit for 'work permits'"
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert any(h["node"]["id"] == "mirps-toc.mtc-07" for h in hits)
    assert any("[[" in h["snippet"] for h in hits)


def test_search_survives_lucene_syntax(client: TestClient) -> None:
    for q in ['"unbalanced', "AND OR", "skills~ [x TO", "*", "a:b"]:
        assert client.get("/api/search", params={"q": q}).status_code == 200, q
    assert client.get("/api/search", params={"q": ""}).status_code == 422
