"""Exports of real views (the MIRPS theory of change, a focused pathway) through the API and
the command line, each read back by a real reader; backup then restore into an empty database."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from PIL import Image

from app.exports import FORMATS
from app.exports.backup import loads_backup
from app.repository.backup import dump, restore
from app.repository.base import Db
from tests.support.exports import need_tool, parse_mermaid
from tests.support.seed import mark_dirty

VIEWS = {
    "toc": "/api/export/framework/mirps-toc",
    "focus": "/api/export/focus/mirps-rf.outcome-3?depth=2&direction=both",
}


def _api_payload(client: TestClient, view: str) -> dict[str, Any]:
    if view == "toc":
        return client.get("/api/frameworks/mirps-toc/graph").json()
    up = client.get("/api/pathways/mirps-rf.outcome-3/upstream", params={"depth": 2}).json()
    down = client.get("/api/pathways/mirps-rf.outcome-3/downstream", params={"depth": 2}).json()
    nodes = {n["id"]: n for n in up["nodes"] + down["nodes"]}
    edges = {e["id"]: e for e in up["edges"] + down["edges"]}
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}


def _get(client: TestClient, view: str, fmt: str) -> bytes:
    sep = "&" if "?" in VIEWS[view] else "?"
    r = client.get(f"{VIEWS[view]}{sep}format={fmt}")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == FORMATS[fmt].media_type.split(";")[0]
    assert r.headers["content-disposition"].endswith(f'.{FORMATS[fmt].extension}"')
    return r.content


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_graph_files_read_back_with_the_same_nodes_and_edges(client: TestClient, view: str) -> None:
    expected = _api_payload(client, view)
    node_ids = {n["id"] for n in expected["nodes"]}
    edge_pairs = {(e["source"], e["target"]) for e in expected["edges"]}
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        g = reader(io.BytesIO(_get(client, view, fmt)))
        assert set(g.nodes) == node_ids, fmt
        assert {(u, v) for u, v, *_ in g.edges} == edge_pairs, fmt
    cy = json.loads(_get(client, view, "cytoscape"))
    assert {n["data"]["id"] for n in cy["elements"]["nodes"]} == node_ids
    with zipfile.ZipFile(io.BytesIO(_get(client, view, "csv"))) as z:
        names = set(z.namelist())
        assert {"nodes.csv", "edges.csv"} <= names
        lines = z.read("nodes.csv").decode("utf-8").splitlines()
        assert len(lines) - 1 == len(node_ids)


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_svg_png_pdf_open(client: TestClient, view: str, tmp_path: Path) -> None:
    expected = _api_payload(client, view)
    svg = ElementTree.fromstring(_get(client, view, "svg"))
    text = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text")).replace(
        "  ", " "
    )
    for node in expected["nodes"]:
        # Labels are wrapped and may be truncated: their first words are always there.
        first = node["name"].split()[0]
        assert first in text, node["id"]
    png = Image.open(io.BytesIO(_get(client, view, "png")))
    png.verify()
    pdf = tmp_path / "view.pdf"
    pdf.write_bytes(_get(client, view, "pdf"))
    info = subprocess.run(
        [need_tool("pdfinfo", "poppler-utils"), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Pages:" in info


@pytest.mark.slow
def test_mermaid_parses(client: TestClient, mermaid_checker: list[str], tmp_path: Path) -> None:
    files = []
    for view in sorted(VIEWS):
        path = tmp_path / f"{view}.mmd"
        path.write_bytes(_get(client, view, "mermaid"))
        files.append(path)
    results = parse_mermaid(mermaid_checker, files)
    assert all(r.get("ok") for r in results), results


@pytest.mark.browser
def test_standalone_html_renders_the_toc_offline(
    client: TestClient,
    browser: Any,
    tmp_path: Path,
) -> None:
    expected = _api_payload(client, "toc")
    path = tmp_path / "toc.html"
    path.write_bytes(_get(client, "toc", "html"))
    url = path.as_uri()
    page = browser.new_page()
    requested: list[str] = []

    def only_the_file(route: Any) -> None:
        requested.append(route.request.url)
        route.continue_() if route.request.url == url else route.abort()

    page.route("**/*", only_the_file)
    try:
        page.goto(url)
        page.wait_for_selector("body[data-rendered=true]", timeout=20_000)
        assert page.evaluate("window.tocNetwork.body.nodeIndices.length") == len(expected["nodes"])
        assert requested == [url]
    finally:
        page.close()


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_drawings_without_graphviz_answer_503_saying_what_to_install(
    client: TestClient, no_graphviz: None, fmt: str
) -> None:
    for r in (
        client.get(f"/api/export/framework/mirps-toc?format={fmt}"),
        client.post(
            f"/api/export?format={fmt}",
            json={"nodes": [{"id": "a", "label": "Result", "level": "output", "name": "a"}]},
        ),
    ):
        assert r.status_code == 503, r.text
        body = r.json()
        assert body["error"] == "unavailable"
        assert "graphviz" in body["detail"].lower() and "apt-get install graphviz" in body["detail"]


def test_other_formats_work_without_graphviz(client: TestClient, no_graphviz: None) -> None:
    for fmt in ("mermaid", "dot", "html", "graphml", "json"):
        r = client.get(f"/api/export/framework/mirps-toc?format={fmt}")
        assert r.status_code == 200, (fmt, r.text)


def test_export_any_payload_and_refuse_bad_ones(client: TestClient) -> None:
    payload = _api_payload(client, "focus")
    r = client.post("/api/export?format=dot&title=Filtered", json=payload)
    assert r.status_code == 200
    assert b"digraph" in r.content
    payload["edges"].append({"id": "x", "source": "nowhere", "target": "mirps.impact", "type": "T"})
    r = client.post("/api/export?format=svg", json=payload)
    assert r.status_code == 422
    assert client.get("/api/export/framework/mirps-toc?format=docx").status_code == 422
    assert client.get("/api/export/framework/nope?format=svg").status_code == 404


def test_cli_exports_a_view(connection: Any, seeded_db: Driver, tmp_path: Path) -> None:
    from app.cli import main

    env_keys = {
        "TOC_NEO4J_URI": connection.uri,
        "TOC_NEO4J_USER": connection.user,
        "TOC_NEO4J_PASSWORD": connection.password,
    }
    mp = pytest.MonkeyPatch()
    try:
        for k, v in env_keys.items():
            mp.setenv(k, v)
        from app.settings import get_settings

        get_settings.cache_clear()
        out = tmp_path / "toc.graphml"
        assert main(["export", "framework", "mirps-toc", "-f", "graphml", "-o", str(out)]) == 0
        g = nx.read_graphml(out)
        assert sum(1 for _, d in g.nodes(data=True) if d.get("level") == "medium_term_change") == 41
    finally:
        mp.undo()
        get_settings.cache_clear()


def test_backup_then_restore_into_an_empty_database_loses_nothing(
    seeded_db: Driver, client: TestClient
) -> None:
    empty_db = seeded_db
    # `client` seeded the database; take the backup through the API, as a user would.
    raw = client.get("/api/export/backup")
    assert raw.status_code == 200
    before = loads_backup(raw.content)
    assert len(before["nodes"]) > 400
    empty_db.execute_query("MATCH (n) DETACH DELETE n")
    mark_dirty()
    counts = restore(Db(empty_db, "neo4j"), before)
    assert counts == {"nodes": len(before["nodes"]), "relationships": len(before["relationships"])}
    after = dump(Db(empty_db, "neo4j"))
    assert after["nodes"] == before["nodes"]
    key = lambda r: (r["type"], r["start"], r["end"])  # noqa: E731
    assert sorted(after["relationships"], key=key) == sorted(before["relationships"], key=key)
    # A restore refuses a database that is not empty.
    from app.exports.backup import BackupError

    with pytest.raises(BackupError, match="not empty"):
        restore(Db(empty_db, "neo4j"), before)
