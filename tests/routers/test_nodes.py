"""The nodes router against the real seeded Neo4j: one node with its provenance and
neighbours, and the filtered, paginated lists."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.support.api import MTC
from tests.support.expectations import mirps


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
