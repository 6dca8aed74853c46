"""What a user sees is what a user exports: for every framework and every include set, the
page's data and the exports of the same view hold the same node and link ids."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import zipfile
from collections.abc import Callable
from xml.etree import ElementTree

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from graph.vocabulary import INCLUDE_KINDS

Ids = tuple[set[str], set[str]]  # node ids, edge ids

INCLUDE_SETS = [
    list(combo) for k in range(len(INCLUDE_KINDS) + 1)
    for combo in itertools.combinations(INCLUDE_KINDS, k)
]  # fmt: skip


def _frameworks(client: TestClient) -> list[str]:
    return sorted(f["id"] for f in client.get("/api/frameworks").json())


def _page_ids(client: TestClient, framework: str, include: list[str]) -> Ids:
    r = client.get(f"/views/data/toc/{framework}", params=[("include", i) for i in include])
    assert r.status_code == 200, r.text
    data = r.json()
    return {n["id"] for n in data["nodes"]}, {e["id"] for e in data["edges"]}


def _export(client: TestClient, framework: str, include: list[str], fmt: str) -> bytes:
    params = [("format", fmt), *(("include", i) for i in include)]
    r = client.get(f"/api/export/framework/{framework}", params=params)
    assert r.status_code == 200, (fmt, r.text[:300])
    return r.content


def _json_ids(body: bytes) -> Ids:
    doc = json.loads(body)
    return {n["id"] for n in doc["nodes"]}, {r["properties"]["id"] for r in doc["relationships"]}


def _cytoscape_ids(body: bytes) -> Ids:
    elements = json.loads(body)["elements"]
    return {n["data"]["id"] for n in elements["nodes"]}, {
        e["data"]["id"] for e in elements["edges"]
    }


def _networkx_ids(read: Callable[[io.BytesIO], nx.Graph]) -> Callable[[bytes], Ids]:
    def ids(body: bytes) -> Ids:
        g = read(io.BytesIO(body))
        if g.is_multigraph():
            edge_ids = {str(d.get("id") or k) for _, _, k, d in g.edges(keys=True, data=True)}
        else:
            edge_ids = {str(d["id"]) for _, _, d in g.edges(data=True)}
        return set(g.nodes), edge_ids

    return ids


def _csv_ids(body: bytes) -> Ids:
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        nodes = csv.DictReader(io.StringIO(z.read("nodes.csv").decode("utf-8-sig")))
        edges = csv.DictReader(io.StringIO(z.read("edges.csv").decode("utf-8-sig")))
        return {row["id"] for row in nodes}, {row["id"] for row in edges}


def _dot_ids(body: bytes) -> Ids:
    text = body.decode("utf-8")
    nodes = set(re.findall(r'\[label=.*?toc_id="([^"]*)"', text))
    edges = set(re.findall(r'-> n\d+ \[.*?toc_id="([^"]*)"', text))
    return nodes, edges


def _html_ids(body: bytes) -> Ids:
    text = body.decode("utf-8")
    data = json.loads(re.search(r"var data = (\{.*?\});\n", text, re.S).group(1))  # type: ignore[union-attr]
    return {n["id"] for n in data["nodes"]}, {e["id"] for e in data["edges"]}


READERS: dict[str, Callable[[bytes], Ids]] = {
    "json": _json_ids,
    "cytoscape": _cytoscape_ids,
    "graphml": _networkx_ids(nx.read_graphml),
    "gexf": _networkx_ids(nx.read_gexf),
    "csv": _csv_ids,
    "dot": _dot_ids,
    "html": _html_ids,
}


def test_page_data_and_json_export_agree_for_every_framework_and_include_set(
    client: TestClient,
) -> None:
    frameworks = _frameworks(client)
    assert len(frameworks) == 9
    for framework in frameworks:
        for include in INCLUDE_SETS:
            page = _page_ids(client, framework, include)
            exported = _json_ids(_export(client, framework, include, "json"))
            assert exported == page, (framework, include)


@pytest.mark.parametrize("include", [[], list(INCLUDE_KINDS)], ids=["bare", "everything"])
def test_every_export_format_holds_the_page_view(client: TestClient, include: list[str]) -> None:
    for framework in _frameworks(client):
        nodes, edges = _page_ids(client, framework, include)
        api = client.get(
            f"/api/frameworks/{framework}/graph", params=[("include", i) for i in include]
        ).json()
        assert ({n["id"] for n in api["nodes"]}, {e["id"] for e in api["edges"]}) == (nodes, edges)
        for fmt, read in READERS.items():
            assert read(_export(client, framework, include, fmt)) == (nodes, edges), (
                framework,
                fmt,
            )
        # Drawings carry ids in their tooltips ("id: ...") and one group per link.
        svg = ElementTree.fromstring(_export(client, framework, include, "svg"))
        ns = "{http://www.w3.org/2000/svg}"
        titles = [a.get("{http://www.w3.org/1999/xlink}title", "") for a in svg.iter(f"{ns}a")]
        drawn = {line[4:] for t in titles for line in t.splitlines() if line.startswith("id: ")}
        assert drawn == nodes, framework
        edge_groups = [g for g in svg.iter(f"{ns}g") if g.get("class") == "edge"]
        real_edges = [g for g in edge_groups if g.find(f"{ns}g") is not None]
        assert len(real_edges) == len(edges), framework
        mermaid = _export(client, framework, include, "mermaid").decode("utf-8")
        node_lines = re.findall(r"^  n_\S+?(?:\[|\(\[)", mermaid, re.M)
        assert len(node_lines) == len(nodes), framework
