"""Rendering and export formats, checked with the real readers of each format.

GraphML/GEXF are read back by networkx, SVG by an XML parser, PNG by Pillow,
PDF by poppler's ``pdfinfo``/``pdftotext``, DOT by Graphviz itself, Mermaid by
Mermaid's own parser (``tests/js``), and the standalone page is opened in
headless Chromium with the network cut off. A missing tool FAILS the test with
the package to install: see ``scripts/system-packages.txt``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import networkx as nx
import pytest

from app.exports import FORMATS, UnknownFormat, export, filename
from app.exports.backup import (
    BACKUP_FORMAT,
    BackupError,
    backup_to_payload,
    dumps_backup,
    loads_backup,
    make_backup,
    payload_to_backup,
)
from app.render.diagram import build_diagram
from app.render.model import graph_view
from app.render.network_page import vis_asset_paths, vis_data
from app.render.style import ELLIPSIS, node_caption, wrap_label

REPO = Path(__file__).resolve().parent.parent
JS_DIR = REPO / "tests" / "js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TAKEN_AT = datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)
TAKEN_AT_TEXT = "2025-03-14T09:26:53+00:00"
TITLE = "Upstream of the MIRPS impact <script>window.__tocXss = 'title'</script> & \"co\""

TOC_DOC = "000_d500e281cf569632.txt"
RF_DOC = "001_5b1f0c2e9a7d4e10.txt"
JAP_DOC = "004_a7c3e5d1b2f86e09.txt"
NAP_DOC = "007_c0ffee5eed1ab0b2.txt"
SCRIPT_ID = "mirps-rf.output-1.2"
SCRIPT_NAME = 'Employers\' guidance on "work permits" & <script>alert(1)</script> hiring'
PLEDGE_TEXT = "MIRPS States pledge to promote the labour inclusion of refugees."
IMG_SECTION = "Outputs > <img src=x onerror=\"window.__tocXss='img';alert(2)\">"


# --------------------------------------------------------------------------- sample payloads


def _result(
    node_id: str, level: str, framework: Any, name: str, source: str, section: str, **extra: Any
) -> dict[str, Any]:
    props = {"source": source, "section": section, "quote": name, "origin": "seed", **extra}
    return {
        "id": node_id,
        "label": "Result",
        "level": level,
        "name": name,
        "framework": framework,
        "properties": props,
    }


def _edge(kind: str, start: str, end: str, basis: str = "stated", **props: Any) -> dict[str, Any]:
    return {
        "id": f"{kind}:{start}->{end}",
        "source": start,
        "target": end,
        "type": kind,
        "properties": {"basis": basis, "origin": "seed", **props},
    }


def sample_payload() -> dict[str, Any]:
    """A small MIRPS theory of change as the API would return it for ``upstream``."""
    toc, ltc, mtc = "Step 2: Theory of Change", "Long-term changes", "Medium-term changes"
    nodes = [
        {
            "id": "mirps-toc",
            "label": "Framework",
            "name": "MIRPS Theory of Change — Jobs and Livelihoods",
            "properties": {
                "kind": "theory_of_change",
                "source": TOC_DOC,
                "section": toc,
                "quote": "Theory of Change",
                "year": 2023,
            },
        },
        {
            "id": "mirps-rf",
            "label": "Framework",
            "name": "MIRPS Regional Results Framework",
            "properties": {
                "kind": "results_framework",
                "source": RF_DOC,
                "section": "Results",
                "quote": "Results framework",
                "budget": 1250000.5,
                "currency": "USD",
                "year": "2022-2024",
            },
        },
        _result(
            "mirps.impact",
            "impact",
            ["mirps-toc", "mirps-rf"],
            "Refugees, asylum seekers, returnees and other displaced persons achieve "
            "self-reliance and socio-economic inclusion through decent work in their host "
            "communities across the whole region",
            TOC_DOC,
            f"{toc} > Impact",
        ),
        _result(
            "mirps.manifestation",
            "manifestation",
            "mirps-toc",
            "Displaced persons access formal employment and entrepreneurship opportunities",
            TOC_DOC,
            f"{toc} > Manifestation",
        ),
        _result(
            "mirps-toc.ltc-1",
            "long_term_change",
            "mirps-toc",
            "Regulations, legislation and public policies facilitate labour integration",
            TOC_DOC,
            f"{toc} > {ltc}",
            number="1",
        ),
        _result(
            "mirps-toc.ltc-2",
            "long_term_change",
            "mirps-toc",
            "The private sector hires displaced persons",
            TOC_DOC,
            f"{toc} > {ltc}",
            number="2",
        ),
        _result(
            "mirps-toc.mtc-07",
            "medium_term_change",
            "mirps-toc",
            "Displaced persons obtain work permits and identity documents in a timely manner",
            TOC_DOC,
            f"{toc} > {mtc}",
            number="7",
        ),
        _result(
            "mirps-toc.mtc-08",
            "medium_term_change",
            "mirps-toc",
            "Employers know the rights of displaced workers",
            TOC_DOC,
            f"{toc} > {mtc}",
            number="8",
        ),
        _result(
            "mirps-rf.outcome-1",
            "outcome",
            "mirps-rf",
            "Outcome 1: Labour markets are more inclusive of displaced persons",
            RF_DOC,
            "Outcomes",
            number="1",
            themes=["theme.public-policy", "theme.private-sector"],
        ),
        _result(
            "mirps-rf.output-1.1",
            "output",
            "mirps-rf",
            "Output 1.1: National employment services register displaced jobseekers",
            RF_DOC,
            "Outputs",
            number="1.1",
            year=2024,
            details={"target": 5, "unit": "countries"},
        ),
        _result(SCRIPT_ID, "output", "mirps-rf", SCRIPT_NAME, RF_DOC, IMG_SECTION, number="1.2"),
        _result(
            "jap.goal-1",
            "goal",
            "ilo-unhcr-jap",
            "Goal 1: Improved policy environment for the right to work",
            JAP_DOC,
            "Goals",
        ),
        {
            "id": "pledge.grf-08001",
            "label": "Pledge",
            "name": "Regional pledge on labour inclusion",
            "framework": "grf-pledges",
            "properties": {
                "code": "GRF 08001",
                "scope": "regional",
                "source": RF_DOC,
                "section": "Pledges",
                "text": PLEDGE_TEXT,
                "quote": PLEDGE_TEXT,
            },
        },
        {
            "id": "nap.cr.labour-integration-lgbti",
            "label": "Commitment",
            "name": '=HYPERLINK("http://example.invalid") Labour integration of LGBTI refugees',
            "framework": "nap-cr",
            "properties": {
                "country": "actor.cr",
                "number": "3",
                "source": NAP_DOC,
                "section": "Commitments",
                "quote": "Labour integration of LGBTI refugees",
            },
        },
        {
            "id": "ind.gt.work-permits-refugees",
            "label": "Indicator",
            "name": "Number of work permits issued to refugees",
            "framework": "mirps-rf",
            "properties": {
                "theme": "On access to work permits",
                "country": "actor.gt",
                "source": RF_DOC,
                "section": "Indicators",
                "quote": "Number of work permits issued to refugees",
            },
        },
        {
            "id": "actor.cr",
            "label": "Actor",
            "name": "Costa Rica",
            "properties": {
                "actor_type": "country",
                "source": NAP_DOC,
                "section": "Introduction",
                "quote": "Costa Rica",
                "acronym": None,
            },
        },
    ]
    edges = [
        _edge(
            "CONTRIBUTES_TO",
            "mirps.manifestation",
            "mirps.impact",
            source=TOC_DOC,
            section=toc,
            quote="Manifestation of the impact",
        ),
        _edge("CONTRIBUTES_TO", "mirps-toc.ltc-1", "mirps.manifestation", source=TOC_DOC),
        _edge("CONTRIBUTES_TO", "mirps-toc.ltc-2", "mirps.manifestation", source=TOC_DOC),
        _edge(
            "CONTRIBUTES_TO",
            "mirps-toc.mtc-07",
            "mirps-toc.ltc-1",
            basis="inferred",
            rationale="Work documents are a regulatory precondition for labour integration.",
        ),
        _edge("CONTRIBUTES_TO", "mirps-toc.mtc-08", "mirps-toc.ltc-2", source=TOC_DOC),
        _edge("CONTRIBUTES_TO", "mirps-rf.output-1.1", "mirps-rf.outcome-1", source=RF_DOC),
        _edge("CONTRIBUTES_TO", SCRIPT_ID, "mirps-rf.outcome-1", source=RF_DOC),
        _edge("CONTRIBUTES_TO", "mirps-rf.outcome-1", "mirps.impact", source=RF_DOC),
        _edge(
            "CONTRIBUTES_TO",
            "pledge.grf-08001",
            "mirps-toc.mtc-07",
            basis="inferred",
            rationale='Labour inclusion includes <i>work permits</i> & "IDs".',
        ),
        _edge(
            "CONTRIBUTES_TO",
            "nap.cr.labour-integration-lgbti",
            SCRIPT_ID,
            basis="inferred",
            rationale="Same change, national scale.",
        ),
        _edge("MEASURES", "ind.gt.work-permits-refugees", "mirps-toc.mtc-07", source=RF_DOC),
        _edge(
            "ALIGNS_WITH",
            "jap.goal-1",
            "mirps-toc.ltc-1",
            basis="inferred",
            rationale="Both speak of the policy environment for the right to work.",
        ),
        _edge("MAKES", "actor.cr", "nap.cr.labour-integration-lgbti", source=NAP_DOC),
        _edge("PART_OF", "mirps-toc.ltc-1", "mirps-toc", source=TOC_DOC),
        # A second relationship between the same pair: the formats must keep both.
        _edge(
            "ALIGNS_WITH",
            "mirps-toc.mtc-07",
            "ind.gt.work-permits-refugees",
            basis="inferred",
            rationale="Parallel edge on purpose.",
        ),
    ]
    meta = {"query": "upstream", "params": {"id": "mirps.impact", "depth": 4}, "truncated": False}
    return {"nodes": nodes, "edges": edges, "meta": meta}


def hostile_ids_payload() -> dict[str, Any]:
    """Ids and names that are Mermaid or DOT syntax if written out carelessly."""
    ids = ["end", "graph", "subgraph", "o", "x", "a-->b", "style", "click", "n_end", "n.end"]
    names = [
        "end",
        'say "hi"',
        "a --> b",
        "[x]",
        "{y}",
        "(z)",
        "100% #1; `tick`",
        "\\l\\n",
        "style:#fff;",
        "%%{init}%%",
    ]
    nodes = [
        {"id": i, "label": "Result", "level": "output", "name": n, "properties": {}}
        for i, n in zip(ids, names, strict=True)
    ]
    edges = [_edge("CONTRIBUTES_TO", ids[k], ids[k + 1]) for k in range(len(ids) - 1)]
    return {"nodes": nodes, "edges": edges, "meta": {"query": "hostile", "params": {}}}


def empty_payload() -> dict[str, Any]:
    return {"nodes": [], "edges": [], "meta": {"query": "search", "params": {"q": "nothing"}}}


@pytest.fixture(scope="module")
def payload() -> dict[str, Any]:
    return sample_payload()


def _export(payload: dict[str, Any], fmt: str, **options: Any) -> bytes:
    return export(payload, fmt, title=TITLE, taken_at=TAKEN_AT, **options)


def _captions(payload: dict[str, Any]) -> dict[str, list[str]]:
    return {node.id: node_caption(node) for node in graph_view(payload).nodes}


def _edge_triples(payload: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(e["source"], e["target"], e["id"]) for e in payload["edges"]}


def _need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"`{tool}` is not installed: apt-get install -y {package} "
            "(scripts/system-packages.txt lists what the tests need)",
            pytrace=False,
        )
    return path


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
        _export(payload, "docx")
    with pytest.raises(ValueError, match="paper"):
        _export(payload, "pdf", paper="Letter")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_handles_an_empty_graph(fmt: str) -> None:
    if fmt in ("svg", "png", "pdf"):
        _need("dot", "graphviz")
    assert _export(empty_payload(), fmt)


def test_an_edge_to_a_missing_node_is_an_error(payload: dict[str, Any]) -> None:
    broken = {**payload, "edges": [*payload["edges"], _edge("MEASURES", "ghost", "mirps.impact")]}
    for fmt in ("mermaid", "graphml", "csv"):
        with pytest.raises(ValueError, match="ghost"):
            _export(broken, fmt)


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "graphml", "gexf", "cytoscape", "csv", "json"])
def test_exports_are_pure_functions_of_their_inputs(payload: dict[str, Any], fmt: str) -> None:
    assert _export(payload, fmt) == _export(sample_payload(), fmt)


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


# --------------------------------------------------------------------------- labels


def test_labels_wrap_and_truncate_while_tooltips_keep_the_full_text(
    payload: dict[str, Any],
) -> None:
    lines = wrap_label("word " * 60)
    assert len(lines) == 4 and lines[-1].endswith(ELLIPSIS)
    assert all(len(line) <= 28 for line in lines)
    assert wrap_label("short") == ["short"]
    data = vis_data(payload)
    impact = next(n for n in data["nodes"] if n["id"] == "mirps.impact")
    assert impact["label"].endswith(ELLIPSIS)
    assert impact["title"].startswith(payload["nodes"][2]["name"])
    assert "Source: 000_d500e281cf569632.txt > Step 2" in impact["title"]


def test_vis_data_puts_the_impact_on_top_and_colours_by_level(payload: dict[str, Any]) -> None:
    data = vis_data(payload)
    json.dumps(data)  # the browser views send it as JSON
    level = {n["id"]: n["level"] for n in data["nodes"]}
    chain = [
        "mirps.impact",
        "mirps.manifestation",
        "mirps-toc.ltc-1",
        "mirps-rf.outcome-1",
        "mirps-toc.mtc-07",
        "mirps-rf.output-1.1",
        "pledge.grf-08001",
        "ind.gt.work-permits-refugees",
        "actor.cr",
    ]
    assert [level[c] for c in chain] == sorted(level[c] for c in chain)
    assert len({level[c] for c in chain}) == len(chain)
    assert level["mirps-toc"] < level["mirps.impact"]  # frameworks above, as context
    assert level["jap.goal-1"] == level["mirps-toc.ltc-1"]  # same rank, same band
    colour = {n["id"]: n["color"]["background"] for n in data["nodes"]}
    assert colour["mirps-toc.ltc-1"] == colour["mirps-toc.ltc-2"] != colour["mirps.impact"]
    border = {n["id"]: n["color"]["border"] for n in data["nodes"]}
    assert border["mirps-toc.ltc-1"] != border["mirps-rf.outcome-1"]  # framework tells
    shape = {n["id"]: n["shape"] for n in data["nodes"]}
    assert shape["pledge.grf-08001"] != shape["mirps.impact"]
    edges = {e["id"]: e for e in data["edges"]}
    aligns = edges["ALIGNS_WITH:jap.goal-1->mirps-toc.ltc-1"]
    assert aligns["arrows"]["to"]["enabled"] is False and aligns["dashes"] is True
    assert edges["CONTRIBUTES_TO:mirps-toc.mtc-07->mirps-toc.ltc-1"]["dashes"] is True
    assert edges["CONTRIBUTES_TO:mirps-toc.ltc-1->mirps.manifestation"]["dashes"] is False
    assert data["options"]["layout"]["hierarchical"]["direction"] == "UD"


# --------------------------------------------------------------------------- data formats


def test_graphml_reads_back_with_the_same_nodes_edges_and_provenance(
    payload: dict[str, Any],
) -> None:
    G = nx.read_graphml(
        io.BytesIO(_export(payload, "graphml")), force_multigraph=True, edge_key_type=str
    )
    assert set(G.nodes) == {n["id"] for n in payload["nodes"]}
    assert set(G.edges(keys=True)) == _edge_triples(payload)
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
    data = _export(payload, "gexf")
    G = nx.read_gexf(io.BytesIO(data))
    assert set(G.nodes) == {n["id"] for n in payload["nodes"]}
    assert {(u, v, d["id"]) for u, v, d in G.edges(data=True)} == _edge_triples(payload)
    assert G.nodes[SCRIPT_ID]["label"] == SCRIPT_NAME
    assert G.nodes["mirps.impact"]["node_label"] == "Result"
    ns = {"g": "http://www.gexf.net/1.2draft"}
    meta = ElementTree.fromstring(data).find("g:meta", ns)
    assert meta is not None and meta.get("lastmodifieddate") == "2025-03-14"
    description = meta.findtext("g:description", namespaces=ns) or ""
    assert f"Taken at: {TAKEN_AT_TEXT}" in description and "Query: upstream" in description


def test_cytoscape_json_has_elements_data_and_provenance(payload: dict[str, Any]) -> None:
    doc = json.loads(_export(payload, "cytoscape"))
    nodes = {n["data"]["id"]: n for n in doc["elements"]["nodes"]}
    edges = doc["elements"]["edges"]
    assert set(nodes) == {n["id"] for n in payload["nodes"]}
    assert {(e["data"]["source"], e["data"]["target"], e["data"]["id"]) for e in edges} == (
        _edge_triples(payload)
    )
    assert nodes[SCRIPT_ID]["data"]["label"] == SCRIPT_NAME
    assert nodes["mirps.impact"]["data"]["framework"] == ["mirps-toc", "mirps-rf"]
    assert nodes["mirps.impact"]["classes"] == "Result impact"
    makes = next(e["data"] for e in edges if e["data"]["type"] == "MAKES")
    assert makes["source"] == "actor.cr" and makes["prop_source"] == NAP_DOC
    assert doc["data"]["taken_at"] == TAKEN_AT_TEXT and doc["data"]["query"] == "upstream"


def test_csv_zip_has_nodes_and_edges_with_level_and_provenance(payload: dict[str, Any]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(_export(payload, "csv")))
    assert set(archive.namelist()) == {"nodes.csv", "edges.csv", "meta.json"}

    def rows(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))

    nodes = {r["id"]: r for r in rows("nodes.csv")}
    edges = rows("edges.csv")
    assert set(nodes) == {n["id"] for n in payload["nodes"]}
    assert {(r["source"], r["target"], r["id"]) for r in edges} == _edge_triples(payload)
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
    doc = loads_backup(_export(payload, "json"))
    assert doc["format"] == BACKUP_FORMAT and doc["version"] == 1
    assert doc["taken_at"] == TAKEN_AT_TEXT and doc["meta"]["query"] == "upstream"
    assert {n["id"] for n in doc["nodes"]} == {n["id"] for n in payload["nodes"]}
    node = next(n for n in doc["nodes"] if n["id"] == "mirps.impact")
    assert node["labels"] == ["Result"] and node["properties"]["level"] == "impact"
    assert "id" not in node["properties"]
    rel = doc["relationships"][0]
    assert rel["properties"]["id"] == "CONTRIBUTES_TO:mirps.manifestation->mirps.impact"
    restored = backup_to_payload(doc)
    assert _edge_triples(restored) == _edge_triples(payload)
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


# --------------------------------------------------------------------------- Graphviz diagrams


def _svg_texts(svg: bytes) -> list[str]:
    root = ElementTree.fromstring(svg)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_parses_and_shows_every_label_title_legend_and_sources(
    payload: dict[str, Any],
) -> None:
    _need("dot", "graphviz")
    svg = _export(payload, "svg")
    root = ElementTree.fromstring(svg)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    texts = _svg_texts(svg)
    for node_id, lines in _captions(payload).items():
        for line in lines:
            assert line in texts, f"{node_id}: {line!r} not drawn"
    assert "<script>alert(1)</script>" in texts  # drawn as text, not markup
    joined = "\n".join(texts)
    assert "Legend" in texts and "Long-term change / Goal" in texts
    assert "Upstream of the MIRPS impact" in joined
    for document in (TOC_DOC, RF_DOC, JAP_DOC, NAP_DOC):
        assert document in joined
    assert TAKEN_AT_TEXT in joined


def test_diagram_bands_run_bottom_to_top_with_one_rank_per_level(
    payload: dict[str, Any],
) -> None:
    source = build_diagram(payload, title=TITLE, taken_at=TAKEN_AT).source
    assert "rankdir=BT" in source
    assert source.count("rank=same") == len(graph_view(payload).ranks())
    _need("dot", "graphviz")
    svg = _export(payload, "svg")
    svg_ns = "{http://www.w3.org/2000/svg}"
    # Where each band title is drawn (Graphviz names the node in its <title>):
    # the impact's band must be above (smaller y) the outputs'.
    y: dict[str, float] = {}
    for group in ElementTree.fromstring(svg).iter(f"{svg_ns}g"):
        name = group.findtext(f"{svg_ns}title", "")
        if group.get("class") == "node" and name.startswith("band_"):
            text = next(group.iter(f"{svg_ns}text"))
            y[text.text or ""] = float(text.get("y", "0"))
    order = [
        "Framework",
        "Impact",
        "Manifestation",
        "Long-term change / Goal",
        "Outcome",
        "Medium-term change",
        "Output",
        "Pledge / Commitment",
        "Indicator",
        "Actor",
    ]
    assert [y[band] for band in order] == sorted(y[band] for band in order)


def test_png_opens_with_pillow_at_a_sane_landscape_size(payload: dict[str, Any]) -> None:
    _need("dot", "graphviz")
    from PIL import Image

    image = Image.open(io.BytesIO(_export(payload, "png")))
    image.load()
    assert image.format == "PNG"
    width, height = image.size
    assert width > height  # landscape
    assert 1500 <= width <= 2000 and 1000 <= height <= 1400  # A4 at 150 dpi: 1754 x 1240
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50  # drawn, not blank


@pytest.mark.parametrize(("paper", "size"), [("A4", (842, 595)), ("A3", (1191, 842))])
def test_pdf_page_is_landscape_paper_with_the_footer(
    payload: dict[str, Any], tmp_path: Path, paper: str, size: tuple[int, int]
) -> None:
    pdfinfo = _need("pdfinfo", "poppler-utils")
    pdftotext = _need("pdftotext", "poppler-utils")
    _need("dot", "graphviz")
    path = tmp_path / f"toc-{paper}.pdf"
    path.write_bytes(_export(payload, "pdf", paper=paper))
    info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert match, info
    width, height = float(match[1]), float(match[2])
    assert width > height, info
    assert abs(width - size[0]) <= 3 and abs(height - size[1]) <= 3, info
    assert re.search(r"Pages:\s+1\b", info), info
    text = subprocess.run(
        [pdftotext, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert TOC_DOC in flat and TAKEN_AT_TEXT in flat and "Legend" in flat


def test_dot_text_is_read_by_graphviz_with_exact_labels(payload: dict[str, Any]) -> None:
    dot = _need("dot", "graphviz")
    hostile = hostile_ids_payload()
    for sample in (payload, hostile):
        text = _export(sample, "dot").decode("utf-8")
        assert f"// Taken at: {TAKEN_AT_TEXT}" in text
        svg = subprocess.run(
            [dot, "-Tsvg"], input=text.encode(), capture_output=True, check=True
        ).stdout
        texts = _svg_texts(svg)
        for node_id, lines in _captions(sample).items():
            for line in lines:
                assert line in texts, f"{node_id}: {line!r} not drawn as written"
        layout = json.loads(
            subprocess.run(
                [dot, "-Tjson"], input=text.encode(), capture_output=True, check=True
            ).stdout
        )
        ids = {o["toc_id"] for o in layout["objects"] if "toc_id" in o}
        assert ids == {n["id"] for n in sample["nodes"]}
        assert len([e for e in layout.get("edges", []) if "toc_id" in e]) == len(sample["edges"])


# --------------------------------------------------------------------------- Mermaid


@pytest.fixture(scope="module")
def mermaid_checker() -> list[str]:
    node = _need("node", "nodejs (node >= 20)")
    if not (JS_DIR / "node_modules" / "mermaid").is_dir():
        npm = _need("npm", "npm")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=JS_DIR,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode != 0:
            pytest.fail(f"npm ci in tests/js failed:\n{done.stderr[-3000:]}", pytrace=False)
    return [node, str(JS_DIR / "check-mermaid.mjs")]


def _parse_mermaid(checker: list[str], files: list[Path]) -> list[dict[str, Any]]:
    done = subprocess.run([*checker, *map(str, files)], capture_output=True, text=True, timeout=120)
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(files), done.stderr
    return results


@pytest.mark.slow
def test_mermaid_parses_with_the_real_mermaid_parser(
    mermaid_checker: list[str], payload: dict[str, Any], tmp_path: Path
) -> None:
    samples = {"sample": payload, "hostile": hostile_ids_payload(), "empty": empty_payload()}
    files = []
    for name, sample in samples.items():
        path = tmp_path / f"{name}.mmd"
        path.write_bytes(_export(sample, "mermaid"))
        files.append(path)
    results = _parse_mermaid(mermaid_checker, files)
    for (name, sample), result in zip(samples.items(), results, strict=True):
        assert result["ok"], f"{name}: {result.get('error')}"
        assert result["type"].startswith("flowchart"), result
        if not sample["nodes"]:
            continue
        # The parser saw every node once, with exactly the label text we meant.
        assert sorted(map(tuple, result["vertices"].values())) == sorted(
            map(tuple, _captions(sample).values())
        ), name
        assert result["edges"] == len(sample["edges"]), name
    text = files[0].read_text(encoding="utf-8")
    assert text.splitlines()[0] == "---" and "flowchart BT" in text
    assert f"%% Taken at: {TAKEN_AT_TEXT}" in text and f"%% Sources: {TOC_DOC}" in text


@pytest.mark.slow
def test_mermaid_checker_rejects_broken_text(mermaid_checker: list[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.mmd"
    path.write_text('flowchart BT\n  a["x"] --> --> b\n', encoding="utf-8")
    assert _parse_mermaid(mermaid_checker, [path])[0]["ok"] is False


# --------------------------------------------------------------------------- standalone page


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.meta_json = ""
        self._in_meta = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_meta = tag == "script" and dict(attrs).get("id") == "toc-export-meta"

    def handle_data(self, data: str) -> None:
        if self._in_meta:
            self.meta_json += data

    def handle_endtag(self, tag: str) -> None:
        self._in_meta = False


def test_html_is_one_self_contained_file(payload: dict[str, Any]) -> None:
    html = _export(payload, "html").decode("utf-8")
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        for attr in ("src", "href"):
            assert not attrs.get(attr), f"<{tag} {attr}=...> loads something"
    assert [t for t, _ in parser.tags].count("script") == 3  # meta JSON, vis-network, boot
    assert "link" not in [t for t, _ in parser.tags]
    js, css = (p.read_text(encoding="utf-8") for p in vis_asset_paths())
    assert js in html and css in html  # inlined from pyvis's own copy
    meta = json.loads(parser.meta_json)
    assert meta["taken_at"] == TAKEN_AT_TEXT and meta["params"] == payload["meta"]["params"]
    assert meta["title"] == TITLE


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.mark.browser
def test_html_renders_offline_in_chromium_and_runs_no_injected_script(
    browser: Any, payload: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "toc.html"
    path.write_bytes(_export(payload, "html"))
    url = path.as_uri()
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requested: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []

    def only_the_file(route: Any) -> None:
        requested.append(route.request.url)
        if route.request.url == url:
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_the_file)

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        page.goto(url)
        page.wait_for_selector("body[data-rendered=true]", timeout=15_000)
        assert page.evaluate("window.tocNodes.length") == len(payload["nodes"])
        assert page.evaluate("window.tocEdges.length") == len(payload["edges"])
        assert page.evaluate("window.tocNetwork.body.nodeIndices.length") == len(payload["nodes"])
        # Hierarchical: the impact is drawn above the manifestation, which is above an output.
        ys = page.evaluate(
            "(ids) => { const p = window.tocNetwork.getPositions(ids);"
            " return ids.map((id) => p[id].y); }",
            ["mirps.impact", "mirps.manifestation", "mirps-rf.output-1.1"],
        )
        assert ys == sorted(ys) and ys[0] < ys[-1]
        assert page.text_content("h1") == TITLE
        label = page.evaluate(f"window.tocNodes.get({json.dumps(SCRIPT_ID)}).label")
        assert label.replace("\n", " ") == SCRIPT_NAME

        # Hover the <script> node: its tooltip is plain text showing the markup literally.
        point = page.evaluate(
            "(id) => { const c = window.tocNetwork.canvasToDOM(window.tocNetwork.getPosition(id));"
            " const r = document.getElementById('toc-network').getBoundingClientRect();"
            " return [r.left + c.x, r.top + c.y]; }",
            SCRIPT_ID,
        )
        page.mouse.move(point[0] + 1, point[1] + 1)
        page.mouse.move(point[0], point[1])
        tooltip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
        assert tooltip is not None
        tip = tooltip.inner_text()
        assert SCRIPT_NAME in tip and IMG_SECTION in tip
        assert tooltip.query_selector("script, img") is None

        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__tocXss") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert dialogs == []
        assert errors == []
        assert requested == [url], requested
    finally:
        page.close()
