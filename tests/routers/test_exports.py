"""Exports of real views (the MIRPS theory of change, a focused pathway) through the API and
the command line, each read back by a real reader; backup then restore into an empty database.
Also: download names outside Latin-1, posted payloads refused naming the field, ids that are
not frameworks, provenance that rebuilds every view exactly, and Mermaid's size limits."""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from neo4j import Driver
from PIL import Image

from app import views
from app.exports import FORMATS
from app.exports.backup import loads_backup
from app.models.posted import MAX_NODES, MAX_TEXT
from app.render.mermaid import MAX_EDGES as MERMAID_MAX_EDGES
from app.render.mermaid import MAX_TEXT_SIZE, _measured_size, mermaid_warnings
from app.repository.backup import dump, restore
from app.repository.base import Db
from app.views import View
from graph.vocabulary import INCLUDE_KINDS
from tests.support.exports import need_tool, parse_mermaid, recorded
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


# -- names, bad payloads, ids that are not frameworks --------------------------------------

ONE_NODE = {"nodes": [{"id": "a", "label": "Result", "level": "output", "name": "a"}], "edges": []}


def _disposition(header: str) -> tuple[str, str | None]:
    """(the ASCII ``filename``, the decoded ``filename*`` or None), as RFC 6266 readers do."""
    plain = re.search(r'filename="([^"]*)"', header)
    utf8 = re.search(r"filename\*=UTF-8''([^;\s]+)", header)
    assert plain is not None, header
    return plain.group(1), unquote(utf8.group(1), errors="strict") if utf8 else None


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_download_names_outside_latin1_are_sent_per_rfc_6266(client: TestClient, fmt: str) -> None:
    ext = FORMATS[fmt].extension
    for title, ascii_name, utf8_name in (
        ("Łódź", f"Lodz.{ext}", f"Łódź.{ext}"),
        ("Café", f"Cafe.{ext}", f"Café.{ext}"),
        ("Plain", f"Plain.{ext}", None),
    ):
        r = client.post("/api/export", params={"format": fmt, "title": title}, json=ONE_NODE)
        assert r.status_code == 200, r.text
        header = r.headers["content-disposition"]
        header.encode("ascii")  # never raw Latin-1 bytes
        assert header.startswith("attachment; ")
        assert _disposition(header) == (ascii_name, utf8_name)


POSTED_ROUTES = ["/api/export?format=json", "/views/data/vis"]
LONG = "x" * (MAX_TEXT + 1)


def _node(node_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": node_id, "label": "Result", "level": "output", "name": node_id, **fields}


def _edge(edge_id: str, source: str, target: str, **fields: Any) -> dict[str, Any]:
    return {"id": edge_id, "source": source, "target": target, "type": "CONTRIBUTES_TO", **fields}


BAD_PAYLOADS: dict[str, tuple[dict[str, Any], list[Any], str]] = {
    # name: (payload, where the 422 says the problem is, what its message says)
    "duplicate node id": (
        {"nodes": [_node("a"), _node("b"), _node("a")], "edges": []},
        ["body", "nodes"],
        "nodes[2].id: 'a' is already the id of nodes[0]",
    ),
    "duplicate edge id": (
        {"nodes": [_node("a"), _node("b")], "edges": [_edge("e", "a", "b"), _edge("e", "b", "a")]},
        ["body", "edges"],
        "edges[1].id: 'e' is already the id of edges[0]",
    ),
    "edge to nowhere": (
        {"nodes": [_node("a")], "edges": [_edge("e", "a", "ghost")]},
        ["body", "edges"],
        "edges[0].target: 'ghost' is not the id of a node",
    ),
    "label that is not a name": (
        {"nodes": [_node("a", label="My Label")], "edges": []},
        ["body", "nodes", 0, "label"],
        "should match pattern",
    ),
    "type that is not a name": (
        {"nodes": [_node("a")], "edges": [_edge("e", "a", "a", type="LEADS TO")]},
        ["body", "edges", 0, "type"],
        "should match pattern",
    ),
    "empty id": ({"nodes": [_node("")], "edges": []}, ["body", "nodes", 0, "id"], "at least 1"),
    "name too long": (
        {"nodes": [_node("a", name=LONG)], "edges": []},
        ["body", "nodes", 0, "name"],
        f"at most {MAX_TEXT}",
    ),
    "property too long": (
        {"nodes": [_node("a", properties={"quote": LONG})], "edges": []},
        ["body", "nodes", 0, "properties"],
        f"properties.quote: text of {MAX_TEXT + 1} characters",
    ),
    "property nested too deep": (
        {"nodes": [_node("a", properties={"x": [[[[[[["deep"]]]]]]]})], "edges": []},
        ["body", "nodes", 0, "properties"],
        "nested more than",
    ),
    "not a number": (
        {"nodes": [_node("a", properties={"score": float("nan")})], "edges": []},
        ["body", "nodes", 0, "properties"],
        "properties.score: nan is not a number JSON can hold",
    ),
    "parameter too long": (
        {"nodes": [], "edges": [], "meta": {"params": {"q": LONG}}},
        ["body", "meta", "params"],
        "params.q: text of",
    ),
    "too many nodes": (
        {"nodes": [_node(f"n{i}") for i in range(MAX_NODES + 1)], "edges": []},
        ["body", "nodes"],
        f"at most {MAX_NODES}",
    ),
}


@pytest.mark.parametrize("route", POSTED_ROUTES)
@pytest.mark.parametrize("case", sorted(BAD_PAYLOADS))
def test_posted_payloads_are_refused_naming_the_field(
    client: TestClient, route: str, case: str
) -> None:
    payload, loc, message = BAD_PAYLOADS[case]
    # httpx writes NaN as JSON does not; a client may still send it.
    body = json.dumps(payload, allow_nan=True)
    r = client.post(route, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text[:500]
    problems = r.json()["detail"]
    assert r.json()["error"] == "invalid_request" and len(problems) >= 1
    assert problems[0]["loc"] == loc, problems
    assert message in problems[0]["msg"], problems[0]["msg"]
    # The refused value is described, not sent back (a 5,001-node list, a 10 KB text).
    assert len(r.content) < 2_000, r.text[:300]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "cytoscape"])
def test_properties_that_repeat_a_node_field_are_tolerated(client: TestClient, fmt: str) -> None:
    props = {"name": "n", "level": "outcome", "framework": "fw", "label": "X"}
    payload = {"nodes": [_node("a", properties=props)], "edges": []}
    r = client.post("/api/export", params={"format": fmt}, json=payload)
    assert r.status_code == 200, r.text


def test_an_id_that_is_not_a_framework_is_not_found(client: TestClient) -> None:
    for path in (
        "/api/export/framework/mirps.impact?format=svg",
        "/api/export/gaps/mirps.impact?format=json",
        "/api/frameworks/mirps.impact/graph",
        "/views/data/toc/mirps.impact",
    ):
        r = client.get(path)
        assert r.status_code == 404, (path, r.status_code)
        assert r.json() == {
            "error": "not_found",
            "detail": "no framework with id 'mirps.impact'; 'mirps.impact' is a Result",
        }
    # A framework is still found, and an unknown id still says only that.
    assert client.get("/api/export/framework/mirps-toc?format=json").status_code == 200
    assert client.get("/api/frameworks/nope/graph").json()["detail"] == (
        "no framework with id 'nope'"
    )


def test_focus_depth_zero_means_every_hop(client: TestClient) -> None:
    def ids(depth: int | None) -> set[str]:
        params: dict[str, Any] = {"format": "json", "direction": "upstream"}
        if depth is not None:
            params["depth"] = depth
        r = client.get("/api/export/focus/mirps.impact", params=params)
        assert r.status_code == 200, r.text
        return {n["id"] for n in r.json()["nodes"]}

    assert ids(0) == ids(None) and len(ids(0)) > len(ids(1))
    assert client.get("/api/export/focus/mirps.impact?depth=-1").status_code == 422


# -- provenance that rebuilds the view --------------------------------------------------------

# One request per export route, every parameter away from its default.
ROUTE_REQUESTS: dict[str, tuple[str, dict[str, Any]]] = {
    "framework": ("/api/export/framework/mirps-toc", {"include": ["pledges", "actors"]}),
    "cross": (
        "/api/export/cross",
        {
            "framework": ["mirps-toc", "rcm-plan", "jap"],
            "theme": "theme.skills-recognition",
            "include": ["indicators", "alignments"],
        },
    ),
    "gaps": (
        "/api/export/gaps/mirps-rf",
        {"kind": ["without_indicator", "unaligned"], "include": ["pledges"]},
    ),
    "focus": ("/api/export/focus/mirps-rf.outcome-3", {"direction": "upstream", "depth": 2}),
    "between": (
        "/api/export/between",
        {"source": "pledge.grf-08068", "target": "mirps.impact", "max_hops": 5, "max_paths": 1},
    ),
}


def _rebuild(db: Db, query: str, recorded_params: dict[str, Any]) -> View:
    """The view again, from what the file recorded and nothing else: each of the view
    builder's parameters is taken from the record (a missing one is a KeyError)."""
    p = dict(recorded_params)
    if query == "framework":
        cap = p.pop("max_nodes") if "max_nodes" in p else None
        view = views.framework_view(db, p.pop("id"), p.pop("include"), cap=cap)
    elif query == "cross":
        view = views.cross_view(db, p.pop("frameworks"), p.pop("theme"), p.pop("include"))
    elif query == "gaps":
        view = views.gaps_view(db, p.pop("id"), p.pop("kinds"), p.pop("include"))
    elif query == "focus":
        view = views.focus_view(
            db, p.pop("id"), p.pop("direction"), p.pop("depth"), p.pop("max_nodes")
        )
    else:
        assert query == "between", query
        view = views.between_view(
            db, p.pop("source"), p.pop("target"), p.pop("max_hops"), p.pop("max_paths")
        )
    assert p == {}, f"recorded, but no parameter of the {query} view: {p}"
    return view


@pytest.mark.parametrize("route", sorted(ROUTE_REQUESTS))
def test_every_export_records_what_rebuilds_its_view_exactly(
    client: TestClient, seeded_db: Driver, route: str
) -> None:
    path, params = ROUTE_REQUESTS[route]
    r = client.get(path, params={**params, "format": "json", "paper": "A3"})
    assert r.status_code == 200, r.text
    exported = r.json()
    stamp = recorded("json", r.content)
    assert stamp["query"] == route and stamp["options"] == {"format": "json"}

    rebuilt = _rebuild(Db(seeded_db, "neo4j"), stamp["query"], stamp["params"]).payload
    assert {n.id for n in rebuilt.nodes} == {n["id"] for n in exported["nodes"]}
    assert {e.id for e in rebuilt.edges} == {
        r["properties"]["id"] for r in exported["relationships"]
    }

    # Every other format of the same request records the same view and parameters, with its
    # own options.
    for fmt in sorted(set(FORMATS) - {"json"}):
        r = client.get(path, params={**params, "format": fmt, "paper": "A3"})
        assert r.status_code == 200, (fmt, r.text[:300])
        options = {"format": fmt} | ({"paper": "A3"} if fmt in ("svg", "png", "pdf") else {})
        options |= {"dpi": 150} if fmt == "png" else {}
        assert recorded(fmt, r.content) == {**stamp, "options": options}, fmt


def test_a_posted_export_records_the_posted_view_and_its_options(client: TestClient) -> None:
    posted = {
        **ONE_NODE,
        "meta": {"query": "framework (as shown)", "params": {"id": "mirps-toc", "level": "output"}},
    }
    r = client.post(
        "/api/export", params={"format": "pdf", "paper": "A3", "title": "Outputs"}, json=posted
    )
    assert r.status_code == 200, r.text
    assert recorded("pdf", r.content) == {
        "query": "framework (as shown)",
        "params": {"id": "mirps-toc", "level": "output"},
        "options": {"format": "pdf", "paper": "A3"},
    }


# -- Mermaid's limits ----------------------------------------------------------------------


@pytest.mark.slow
def test_the_whole_cross_view_in_mermaid_warns_that_mermaid_would_refuse_it(
    client: TestClient, mermaid_checker: list[str], tmp_path: Path
) -> None:
    whole = "/api/export/cross?format=mermaid" + "".join(f"&include={k}" for k in INCLUDE_KINDS)
    r = client.get(whole)
    assert r.status_code == 200, r.text
    text = r.text
    warnings = mermaid_warnings(text)
    assert warnings and r.headers["x-toc-warning"] == " | ".join(warnings)
    edges = len(client.get(whole.replace("mermaid", "json")).json()["relationships"])
    path = tmp_path / "cross.mmd"
    path.write_text(text, encoding="utf-8")
    [parsed] = parse_mermaid(mermaid_checker, [path])
    if edges > MERMAID_MAX_EDGES:
        assert f"{edges} links" in warnings[0]
        assert "Edge limit exceeded" in parsed["error"]  # what the warning warned of
    if any("characters" in w for w in warnings):
        assert _measured_size(text) > MAX_TEXT_SIZE
    # A small view carries no warning.
    small = client.get("/api/export/framework/mirps-rf?format=mermaid")
    assert "x-toc-warning" not in small.headers and mermaid_warnings(small.text) == []


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_control_characters_in_a_posted_label_do_not_break_graphviz(
    client: TestClient, fmt: str
) -> None:
    # Found by Schemathesis: Graphviz's XML parser refused a label holding \x01 (a 500).
    # A label must be a name (the posted-graph model says so, naming the field); control
    # characters elsewhere are drawn.
    bad = {"id": "a", "label": "Re\x01sult\x1b", "name": "a"}
    r = client.post(f"/api/export?format={fmt}", json={"nodes": [bad], "edges": []})
    assert r.status_code == 422 and "label" in str(r.json()["detail"]), r.text
    node = {"id": "a", "label": "Result", "level": "out\x02put", "name": "a\x00b"}
    r = client.post(f"/api/export?format={fmt}", json={"nodes": [node], "edges": []})
    assert r.status_code == 200, r.text
    # Also found by Schemathesis: an empty (or blank) title made an empty <B></B>, a 500.
    for title in ["", "%01%20"]:
        r = client.post(f"/api/export?format={fmt}&title={title}", json={"nodes": [node]})
        assert r.status_code == 200, r.text
