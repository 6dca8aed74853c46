"""The API against the real seeded Neo4j: browse, search, pathways, gaps, analysis."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

from app.database.connection import Connection
from app.main import create_app
from app.settings import Settings
from tests.expectations import mirps
from tests.neo4j_server import free_port

MTC = [f"mirps-toc.mtc-{i:02d}" for i in range(1, 42)]
OUTPUTS = [f"mirps-rf.output-{i}" for i in range(1, 8)]


def ids(payload: dict) -> set[str]:
    return {n["id"] for n in payload["nodes"]}


# -- browse ----------------------------------------------------------------------------------


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


def test_one_node_with_provenance_and_neighbours(client: TestClient) -> None:
    body = client.get("/api/nodes/mirps-toc.mtc-07").json()
    assert body["node"]["name"] == mirps.EXACT_TEXTS["mirps-toc.mtc-07"]
    assert body["node"]["level"] == "medium_term_change"
    assert body["provenance"]["source"] == mirps.SOURCE
    assert body["provenance"]["section"]
    assert body["provenance"]["quote"]
    assert "Entity" in body["labels"] and "Result" in body["labels"]
    assert "Framework" in body["related"]
    assert any(e["type"] == "CONTRIBUTES_TO" for e in body["edges"])


def test_unknown_and_malformed_ids(client: TestClient) -> None:
    assert client.get("/api/nodes/no-such-node").status_code == 404
    r = client.get("/api/nodes/Bad%20Id!")
    assert r.status_code == 422
    assert "node_id" in str(r.json()["detail"])


@pytest.mark.parametrize(("country", "n"), sorted(mirps.COMMITMENTS_BY_COUNTRY.items()))
def test_commitments_by_country(client: TestClient, country: str, n: int) -> None:
    body = client.get("/api/commitments", params={"country": country}).json()
    assert body["total"] == n


@pytest.mark.parametrize(("country", "n"), sorted(mirps.PLEDGES_BY_COUNTRY.items()))
def test_pledges_by_country(client: TestClient, country: str, n: int) -> None:
    assert client.get("/api/pledges", params={"country": country}).json()["total"] == n


def test_lists_filter_and_paginate(client: TestClient) -> None:
    page1 = client.get("/api/nodes", params={"level": "medium_term_change", "limit": 10}).json()
    page5 = client.get(
        "/api/nodes", params={"level": "medium_term_change", "limit": 10, "offset": 40}
    ).json()
    assert page1["total"] == page5["total"] == 41
    assert [n["id"] for n in page1["items"]] == MTC[:10]
    assert [n["id"] for n in page5["items"]] == MTC[40:]
    themed = client.get("/api/nodes", params={"theme": "theme.skills-recognition"}).json()
    assert themed["total"] > 0
    countries = client.get("/api/actors", params={"actor_type": "country"}).json()
    assert set(mirps.COUNTRIES) <= {n["id"] for n in countries["items"]}
    assert client.get("/api/lines-of-action").json()["total"] == 4


def test_bad_filters_are_422_with_the_field(client: TestClient) -> None:
    for params, field in [
        ({"label": "User"}, "label"),
        ({"level": "sideways"}, "level"),
        ({"limit": 0}, "limit"),
        ({"country": "DROP TABLE"}, "country"),
    ]:
        r = client.get("/api/nodes", params=params)
        assert r.status_code == 422, params
        assert field in str(r.json()["detail"]), params


# -- search ----------------------------------------------------------------------------------


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


# -- pathways --------------------------------------------------------------------------------


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


# -- gaps and analysis -----------------------------------------------------------------------


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


def test_analysis_centrality_and_structure(client: TestClient) -> None:
    c = client.get("/api/analysis/centrality", params={"framework": "mirps-toc"}).json()
    assert set(MTC) <= set(c["betweenness"])
    top = c["top_through"][0]["id"]
    assert top in {"mirps.manifestation", *[f"mirps-toc.ltc-{i}" for i in range(1, 5)]}
    assert c["reach"]["mirps.impact"]["in"] >= 46
    s = client.get("/api/analysis/structure").json()
    assert s["cycles"] == []
    assert s["level_violations"] == []


def test_database_down_gives_503_not_500(test_settings: Settings) -> None:
    nobody = Connection(
        uri=f"bolt://127.0.0.1:{free_port()}", user="neo4j", password="x", source="uri"
    )
    with TestClient(create_app(test_settings, nobody)) as c:
        for path in ["/api/frameworks", "/api/nodes/mirps.impact", "/api/search?q=work"]:
            r = c.get(path)
            assert r.status_code == 503, (path, r.text)
            assert r.json()["error"] == "database_unavailable"


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in [
        "/health", "/api/frameworks", "/api/nodes/{node_id}", "/api/search",
        "/api/pathways/{node_id}/upstream", "/api/pathways/between", "/api/gaps",
        "/api/analysis/centrality",
    ]:  # fmt: skip
        assert path in spec["paths"], path
