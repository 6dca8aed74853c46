"""The export formats (app/exports), checked with the real readers of each format: the
registry and its dispatcher, GraphML/GEXF read back by networkx, GEXF against its official XSD
(tests/exports/schemas), GraphML through graphology (Gephi Lite's reader), Cytoscape JSON
through networkx and cytoscape.js (tests/js), the CSV zip by the csv module, and the JSON backup
by its own strict reader. The sample payloads are in tests/support/exports.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest
import xmlschema

from app.exports import FORMATS, UnknownFormat, content_disposition, filename
from app.exports.backup import (
    BACKUP_FORMAT,
    BackupError,
    backup_to_payload,
    dumps_backup,
    loads_backup,
    make_backup,
    payload_to_backup,
)
from tests.support.exports import (
    JAP_DOC,
    NAP_DOC,
    RF_DOC,
    SCRIPT_ID,
    SCRIPT_NAME,
    TAKEN_AT,
    TAKEN_AT_TEXT,
    TITLE,
    TOC_DOC,
    edge_triples,
    empty_payload,
    hostile_ids_payload,
    nasty_payload,
    need_tool,
    payload_edge,
    read_graphs,
    recorded,
    run_export,
    sample_payload,
    strict_json,
)
from tests.support.paths import REPO

# --------------------------------------------------------------------------- registry


def test_registry_has_every_format_with_media_type_and_extension() -> None:
    assert set(FORMATS) == {
        "html",
        "svg",
        "png",
        "pdf",
        "mermaid",
        "dot",
        "graphml",
        "gexf",
        "cytoscape",
        "csv",
        "json",
    }
    for name, (media_type, extension, function) in FORMATS.items():
        assert "/" in media_type and extension and not extension.startswith("."), name
        assert callable(function)
    assert FORMATS["pdf"].media_type == "application/pdf"
    assert filename('Upstream of "x" / <y>', "graphml") == "Upstream-of--x-----y.graphml"


def test_unknown_format_and_paper_are_refused(payload: dict[str, Any]) -> None:
    with pytest.raises(UnknownFormat, match="known: html"):
        run_export(payload, "docx")
    with pytest.raises(ValueError, match="paper"):
        run_export(payload, "pdf", paper="Letter")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_handles_an_empty_graph(fmt: str) -> None:
    if fmt in ("svg", "png", "pdf"):
        need_tool("dot", "graphviz")
    assert run_export(empty_payload(), fmt)


def test_an_edge_to_a_missing_node_is_an_error(payload: dict[str, Any]) -> None:
    broken = {
        **payload,
        "edges": [*payload["edges"], payload_edge("MEASURES", "ghost", "mirps.impact")],
    }
    for fmt in ("mermaid", "graphml", "csv"):
        with pytest.raises(ValueError, match="ghost"):
            run_export(broken, fmt)


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "graphml", "gexf", "cytoscape", "csv", "json"])
def test_exports_are_pure_functions_of_their_inputs(payload: dict[str, Any], fmt: str) -> None:
    assert run_export(payload, fmt) == run_export(sample_payload(), fmt)


def test_only_the_render_layer_imports_pyvis_and_no_layer_here_imports_web_or_db() -> None:
    pyvis_import = re.compile(r"^\s*(from|import)\s+pyvis\b", re.M)
    web_or_db = re.compile(r"^\s*(from|import)\s+(fastapi|starlette|neo4j)\b", re.M)
    for path in [*REPO.glob("app/**/*.py"), *REPO.glob("graph/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(REPO).as_posix()
        if not rel.startswith("app/render/"):
            assert not pyvis_import.search(text), f"{rel} imports pyvis"
        if rel.startswith(("app/render/", "app/exports/")):
            assert not web_or_db.search(text), f"{rel} imports a web or database package"


# --------------------------------------------------------------------------- data formats


def test_graphml_reads_back_with_the_same_nodes_edges_and_provenance(
    payload: dict[str, Any],
) -> None:
    G = nx.read_graphml(
        io.BytesIO(run_export(payload, "graphml")), force_multigraph=True, edge_key_type=str
    )
    assert set(G.nodes) == {n["id"] for n in payload["nodes"]}
    assert set(G.edges(keys=True)) == edge_triples(payload)
    script = G.nodes[SCRIPT_ID]
    assert script["label"] == SCRIPT_NAME and script["node_label"] == "Result"
    assert script["level"] == "output" and script["rank"] == 50
    # Lists and dicts arrive as JSON text; a key with mixed types as text everywhere.
    assert json.loads(G.nodes["mirps.impact"]["framework"]) == ["mirps-toc", "mirps-rf"]
    assert json.loads(G.nodes["mirps-rf.output-1.1"]["details"]) == {
        "target": 5,
        "unit": "countries",
    }
    assert G.nodes["mirps-toc"]["year"] == "2023" and G.nodes["mirps-rf"]["year"] == "2022-2024"
    assert "acronym" not in G.nodes["actor.cr"]  # None is left out
    edge = G.edges[
        "actor.cr",
        "nap.cr.labour-integration-lgbti",
        "MAKES:actor.cr->nap.cr.labour-integration-lgbti",
    ]
    assert edge["rel_type"] == "MAKES" and edge["prop_source"] == NAP_DOC
    assert G.graph["taken_at"] == TAKEN_AT_TEXT and G.graph["query"] == "upstream"
    assert json.loads(G.graph["params"]) == {"id": "mirps.impact", "depth": 4}
    assert G.graph["title"] == TITLE
    assert json.loads(G.graph["sources"]) == [TOC_DOC, RF_DOC, JAP_DOC, NAP_DOC]


def test_gexf_reads_back_with_the_same_nodes_edges_and_provenance(
    payload: dict[str, Any],
) -> None:
    data = run_export(payload, "gexf")
    G = nx.read_gexf(io.BytesIO(data))
    assert set(G.nodes) == {n["id"] for n in payload["nodes"]}
    assert {(u, v, d["id"]) for u, v, d in G.edges(data=True)} == edge_triples(payload)
    assert G.nodes[SCRIPT_ID]["label"] == SCRIPT_NAME
    assert G.nodes["mirps.impact"]["node_label"] == "Result"
    ns = {"g": "http://www.gexf.net/1.2draft"}
    meta = ElementTree.fromstring(data).find("g:meta", ns)
    assert meta is not None and meta.get("lastmodifieddate") == "2025-03-14"
    description = meta.findtext("g:description", namespaces=ns) or ""
    assert f"Taken at: {TAKEN_AT_TEXT}" in description and "Query: upstream" in description


def test_cytoscape_json_has_elements_data_and_provenance(payload: dict[str, Any]) -> None:
    doc = json.loads(run_export(payload, "cytoscape"))
    nodes = {n["data"]["id"]: n for n in doc["elements"]["nodes"]}
    edges = doc["elements"]["edges"]
    assert set(nodes) == {n["id"] for n in payload["nodes"]}
    assert {(e["data"]["source"], e["data"]["target"], e["data"]["id"]) for e in edges} == (
        edge_triples(payload)
    )
    assert nodes[SCRIPT_ID]["data"]["label"] == SCRIPT_NAME
    assert nodes["mirps.impact"]["data"]["framework"] == ["mirps-toc", "mirps-rf"]
    assert nodes["mirps.impact"]["classes"] == "Result impact"
    makes = next(e["data"] for e in edges if e["data"]["type"] == "MAKES")
    assert makes["source"] == "actor.cr" and makes["prop_source"] == NAP_DOC
    assert doc["data"]["taken_at"] == TAKEN_AT_TEXT and doc["data"]["query"] == "upstream"


def test_csv_zip_has_nodes_and_edges_with_level_and_provenance(payload: dict[str, Any]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(run_export(payload, "csv")))
    assert set(archive.namelist()) == {"nodes.csv", "edges.csv", "meta.json"}

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))

    nodes = {r["id"]: r for r in rows("nodes.csv")}
    edges = rows("edges.csv")
    assert set(nodes) == {n["id"] for n in payload["nodes"]}
    assert {(r["source"], r["target"], r["id"]) for r in edges} == edge_triples(payload)
    ltc = nodes["mirps-toc.ltc-1"]
    assert (ltc["label"], ltc["level"], ltc["rank"]) == ("Result", "long_term_change", "80")
    assert ltc["source_document"] == TOC_DOC and ltc["section"].endswith("Long-term changes")
    assert ltc["quote"] == ltc["name"] and json.loads(ltc["properties"]) == {"number": "1"}
    assert nodes[SCRIPT_ID]["name"] == SCRIPT_NAME
    # A cell a spreadsheet would run as a formula is defused.
    assert nodes["nap.cr.labour-integration-lgbti"]["name"].startswith("'=HYPERLINK")
    inferred_id = "CONTRIBUTES_TO:mirps-toc.mtc-07->mirps-toc.ltc-1"
    inferred = next(r for r in edges if r["id"] == inferred_id)
    assert inferred["basis"] == "inferred" and inferred["rationale"].startswith("Work documents")
    meta = json.loads(archive.read("meta.json"))
    assert meta["taken_at"] == TAKEN_AT_TEXT and meta["params"]["depth"] == 4
    assert TAKEN_AT_TEXT.encode() in archive.comment


# --------------------------------------------------------------------------- backup format


def test_json_export_is_a_backup_that_restores_to_the_same_payload(
    payload: dict[str, Any],
) -> None:
    doc = loads_backup(run_export(payload, "json"))
    assert doc["format"] == BACKUP_FORMAT and doc["version"] == 1
    assert doc["taken_at"] == TAKEN_AT_TEXT and doc["meta"]["query"] == "upstream"
    assert {n["id"] for n in doc["nodes"]} == {n["id"] for n in payload["nodes"]}
    node = next(n for n in doc["nodes"] if n["id"] == "mirps.impact")
    assert node["labels"] == ["Result"] and node["properties"]["level"] == "impact"
    assert "id" not in node["properties"]
    rel = doc["relationships"][0]
    assert rel["properties"]["id"] == "CONTRIBUTES_TO:mirps.manifestation->mirps.impact"
    restored = backup_to_payload(doc)
    assert edge_triples(restored) == edge_triples(payload)
    by_id = {n["id"]: n for n in restored["nodes"]}
    assert by_id[SCRIPT_ID]["name"] == SCRIPT_NAME
    assert by_id["mirps.impact"]["framework"] == ["mirps-toc", "mirps-rf"]
    # A map is not a Neo4j property value: the backup carries it as JSON text.
    assert json.loads(by_id["mirps-rf.output-1.1"]["properties"]["details"]) == {
        "target": 5,
        "unit": "countries",
    }
    assert "acronym" not in by_id["actor.cr"]["properties"]
    assert restored["meta"]["params"] == payload["meta"]["params"]


def test_backup_round_trips_through_bytes() -> None:
    doc = make_backup(
        [
            {"id": "a", "labels": ["Result"], "properties": {"name": "A ✓", "tags": ["x", "y"]}},
            {"id": "b", "labels": ["Actor", "Donor"], "properties": {"amount": 1.5}},
        ],
        [{"type": "FUNDS", "start": "b", "end": "a", "properties": {"id": "FUNDS:b->a"}}],
        taken_at=TAKEN_AT,
        meta={"query": "full-graph"},
    )
    assert loads_backup(dumps_backup(doc)) == doc
    assert loads_backup(dumps_backup(doc).decode("utf-8")) == doc


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d.update(version=2), "version"),
        (lambda d: d.update(format="other"), "format"),
        (lambda d: d.update(extra=1), "unknown keys"),
        (lambda d: d["nodes"][0].update(labels=["Result) DETACH DELETE (x"]), "nodes[0].labels[0]"),
        (lambda d: d["relationships"][0].update(type="X`]->() DELETE"), "relationships[0].type"),
        (lambda d: d["relationships"][0].update(end="ghost"), "relationships[0].end"),
        (lambda d: d["nodes"][0]["properties"].update(x=None), "nodes[0].properties.x"),
        (lambda d: d["nodes"][0]["properties"].update(x={"a": 1}), "nodes[0].properties.x"),
        (lambda d: d["nodes"][0]["properties"].update(x=[1, "a"]), "one type"),
        (lambda d: d["nodes"][0]["properties"].update(x=float("nan")), "nodes[0].properties.x"),
        (lambda d: d["nodes"][0]["properties"].update(id="a"), "properties.id"),
        (lambda d: d["nodes"].append(dict(d["nodes"][0])), "duplicate id"),
    ],
)
def test_backup_reader_refuses_documents_that_break_the_rules(change: Any, where: str) -> None:
    doc: Any = json.loads(dumps_backup(payload_to_backup(sample_payload(), taken_at=TAKEN_AT)))
    change(doc)
    with pytest.raises(BackupError, match=re.escape(where)):
        loads_backup(json.dumps(doc))
    with pytest.raises(BackupError, match="not JSON"):
        loads_backup(b"{")


# --------------------------------------------------------------------------- what other tools read

GEXF_XSD = Path(__file__).resolve().parent / "schemas" / "gexf-1.2draft" / "gexf.xsd"
GEXF_NS = "{http://www.gexf.net/1.2draft}"
SAMPLES = {
    "sample": sample_payload,
    "hostile": hostile_ids_payload,
    "empty": empty_payload,
    "nasty": nasty_payload,
}


@pytest.fixture(scope="module")
def gexf_schema() -> xmlschema.XMLSchema:
    # allow="local": the schema's own imports only, never a fetch (the files say where the
    # official copies live online).
    return xmlschema.XMLSchema(str(GEXF_XSD), allow="local")


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_gexf_is_valid_gexf_1_2draft_written_by_us(
    gexf_schema: xmlschema.XMLSchema, sample: str
) -> None:
    data = run_export(SAMPLES[sample](), "gexf")
    root = ElementTree.fromstring(data)
    problems = [f"{e.path}: {e.reason}" for e in gexf_schema.iter_errors(root)]
    assert problems == [], problems
    assert root.findtext(f"{GEXF_NS}meta/{GEXF_NS}creator") == "toc-explorer"
    titles = {a.get("title") for a in root.iter(f"{GEXF_NS}attribute")}
    assert "networkx_key" not in titles and b"networkx_key" not in data


def test_graphml_provenance_reaches_graphology(
    graph_reader: list[str], payload: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "view.graphml"
    path.write_bytes(run_export(payload, "graphml"))
    [seen] = read_graphs(graph_reader, [path])
    assert seen["ok"], seen
    graph = seen["graph"]
    assert graph["title"] == TITLE and graph["query"] == "upstream"
    assert graph["taken_at"] == TAKEN_AT_TEXT and graph["generator"] == "toc-explorer"
    assert json.loads(graph["params"]) == payload["meta"]["params"]
    assert json.loads(graph["options"]) == {"format": "graphml"}
    assert json.loads(graph["sources"]) == [TOC_DOC, RF_DOC, JAP_DOC, NAP_DOC]
    assert set(seen["nodes"]) == {n["id"] for n in payload["nodes"]}
    assert {(e["source"], e["target"], e["id"]) for e in seen["edges"]} == edge_triples(payload)
    assert seen["nodes"][SCRIPT_ID]["label"] == SCRIPT_NAME


def test_cytoscape_json_loads_in_networkx_and_cytoscape_js(
    graph_reader: list[str], payload: dict[str, Any], tmp_path: Path
) -> None:
    data = run_export(payload, "cytoscape")
    G = nx.cytoscape_graph(strict_json(data))
    assert isinstance(G, nx.MultiDiGraph)
    assert set(G.nodes) == {n["id"] for n in payload["nodes"]}
    # Each edge once, under its own id, parallel edges included.
    assert set(G.edges(keys=True)) == edge_triples(payload)
    assert G.nodes[SCRIPT_ID]["name"] == SCRIPT_NAME
    assert G.graph["query"] == "upstream" and G.graph["params"] == payload["meta"]["params"]

    path = tmp_path / "view.cyjs"
    path.write_bytes(data)
    [seen] = read_graphs(graph_reader, [path])
    assert seen["ok"] and seen["complaints"] == [], seen
    assert set(seen["nodes"]) == {n["id"] for n in payload["nodes"]}
    assert {(e["source"], e["target"], e["id"]) for e in seen["edges"]} == edge_triples(payload)
    assert seen["graph"]["taken_at"] == TAKEN_AT_TEXT


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_awkward_but_valid_payloads_export_in_every_format(fmt: str) -> None:
    """NaN and Infinity, properties that repeat a node's own fields, text outside Latin-1."""
    if fmt in ("svg", "png", "pdf"):
        need_tool("dot", "graphviz")
    nasty = nasty_payload()
    body = run_export(nasty, fmt)
    if fmt in ("json", "cytoscape"):
        strict_json(body)
    if fmt == "cytoscape":
        data = {n["data"]["id"]: n["data"] for n in strict_json(body)["elements"]["nodes"]}
        assert data["a"]["score"] == "NaN" and data["a"]["series"] == [1.0, "-Infinity"]
        # The node's own fields win over the properties that repeat them; an empty one loses.
        assert data["a"]["name"] == "Łódź output" and data["a"]["level"] == "output"
        assert data["a"]["prop_label"] == "My Label" and data["b"]["name"] == "Named in properties"
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            strict_json(z.read("meta.json"))
            for row in csv.DictReader(io.StringIO(z.read("nodes.csv").decode("utf-8-sig"))):
                strict_json(row["properties"])
    if fmt in ("graphml", "gexf"):
        read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
        G = read(io.BytesIO(body))
        assert G.nodes["a"]["label"] == "Łódź output" and G.nodes["a"]["prop_label"] == "My Label"
        assert G.nodes["a"]["score"] == "NaN"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_records_the_view_its_parameters_and_its_options(fmt: str) -> None:
    if fmt in ("svg", "png", "pdf"):
        need_tool("dot", "graphviz")
    options = {"format": fmt} | ({"paper": "A3"} if fmt in ("svg", "png", "pdf") else {})
    options |= {"dpi": 150} if fmt == "png" else {}
    assert recorded(fmt, run_export(sample_payload(), fmt, paper="A3")) == {
        "query": "upstream",
        "params": {"id": "mirps.impact", "depth": 4},
        "options": options,
    }


# --------------------------------------------------------------------------- download names


def test_download_names_keep_their_letters_and_have_an_ascii_fallback() -> None:
    assert filename("framework-Łódź", "svg") == "framework-Łódź.svg"
    assert content_disposition("framework-Łódź", "svg") == (
        'attachment; filename="framework-Lodz.svg"; '
        "filename*=UTF-8''framework-%C5%81%C3%B3d%C5%BA.svg"
    )
    assert content_disposition("Café", "pdf") == (
        "attachment; filename=\"Cafe.pdf\"; filename*=UTF-8''Caf%C3%A9.pdf"
    )
    assert content_disposition("Москва", "gexf").startswith('attachment; filename="Moskva.gexf"')
    assert content_disposition('plain "x" / <y>', "csv") == (
        'attachment; filename="plain--x-----y.zip"'
    )
    for stem in ("", "😀", "---", "\x00\r\n"):
        header = content_disposition(stem, "json")
        header.encode("ascii")  # a header the web server can always send
        assert header == 'attachment; filename="export.json"'
