"""The export tests' shared material: sample payloads (a small MIRPS theory of change, ids and
names that are Mermaid or DOT syntax, an empty graph), the fixed title and time every sample is
exported with, and the readers' helpers. A missing tool FAILS the test with the package to
install: see ``scripts/system-packages-runtime.txt`` and ``scripts/system-packages-test.txt``."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from app.exports import export
from app.render.model import graph_view
from app.render.style import node_caption

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


def result_node(
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


def payload_edge(
    kind: str, start: str, end: str, basis: str = "stated", **props: Any
) -> dict[str, Any]:
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
        result_node(
            "mirps.impact",
            "impact",
            ["mirps-toc", "mirps-rf"],
            "Refugees, asylum seekers, returnees and other displaced persons achieve "
            "self-reliance and socio-economic inclusion through decent work in their host "
            "communities across the whole region",
            TOC_DOC,
            f"{toc} > Impact",
        ),
        result_node(
            "mirps.manifestation",
            "manifestation",
            "mirps-toc",
            "Displaced persons access formal employment and entrepreneurship opportunities",
            TOC_DOC,
            f"{toc} > Manifestation",
        ),
        result_node(
            "mirps-toc.ltc-1",
            "long_term_change",
            "mirps-toc",
            "Regulations, legislation and public policies facilitate labour integration",
            TOC_DOC,
            f"{toc} > {ltc}",
            number="1",
        ),
        result_node(
            "mirps-toc.ltc-2",
            "long_term_change",
            "mirps-toc",
            "The private sector hires displaced persons",
            TOC_DOC,
            f"{toc} > {ltc}",
            number="2",
        ),
        result_node(
            "mirps-toc.mtc-07",
            "medium_term_change",
            "mirps-toc",
            "Displaced persons obtain work permits and identity documents in a timely manner",
            TOC_DOC,
            f"{toc} > {mtc}",
            number="7",
        ),
        result_node(
            "mirps-toc.mtc-08",
            "medium_term_change",
            "mirps-toc",
            "Employers know the rights of displaced workers",
            TOC_DOC,
            f"{toc} > {mtc}",
            number="8",
        ),
        result_node(
            "mirps-rf.outcome-1",
            "outcome",
            "mirps-rf",
            "Outcome 1: Labour markets are more inclusive of displaced persons",
            RF_DOC,
            "Outcomes",
            number="1",
            themes=["theme.public-policy", "theme.private-sector"],
        ),
        result_node(
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
        result_node(
            SCRIPT_ID, "output", "mirps-rf", SCRIPT_NAME, RF_DOC, IMG_SECTION, number="1.2"
        ),
        result_node(
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
        payload_edge(
            "CONTRIBUTES_TO",
            "mirps.manifestation",
            "mirps.impact",
            source=TOC_DOC,
            section=toc,
            quote="Manifestation of the impact",
        ),
        payload_edge("CONTRIBUTES_TO", "mirps-toc.ltc-1", "mirps.manifestation", source=TOC_DOC),
        payload_edge("CONTRIBUTES_TO", "mirps-toc.ltc-2", "mirps.manifestation", source=TOC_DOC),
        payload_edge(
            "CONTRIBUTES_TO",
            "mirps-toc.mtc-07",
            "mirps-toc.ltc-1",
            basis="inferred",
            rationale="Work documents are a regulatory precondition for labour integration.",
        ),
        payload_edge("CONTRIBUTES_TO", "mirps-toc.mtc-08", "mirps-toc.ltc-2", source=TOC_DOC),
        payload_edge("CONTRIBUTES_TO", "mirps-rf.output-1.1", "mirps-rf.outcome-1", source=RF_DOC),
        payload_edge("CONTRIBUTES_TO", SCRIPT_ID, "mirps-rf.outcome-1", source=RF_DOC),
        payload_edge("CONTRIBUTES_TO", "mirps-rf.outcome-1", "mirps.impact", source=RF_DOC),
        payload_edge(
            "CONTRIBUTES_TO",
            "pledge.grf-08001",
            "mirps-toc.mtc-07",
            basis="inferred",
            rationale='Labour inclusion includes <i>work permits</i> & "IDs".',
        ),
        payload_edge(
            "CONTRIBUTES_TO",
            "nap.cr.labour-integration-lgbti",
            SCRIPT_ID,
            basis="inferred",
            rationale="Same change, national scale.",
        ),
        payload_edge("MEASURES", "ind.gt.work-permits-refugees", "mirps-toc.mtc-07", source=RF_DOC),
        payload_edge(
            "ALIGNS_WITH",
            "jap.goal-1",
            "mirps-toc.ltc-1",
            basis="inferred",
            rationale="Both speak of the policy environment for the right to work.",
        ),
        payload_edge("MAKES", "actor.cr", "nap.cr.labour-integration-lgbti", source=NAP_DOC),
        payload_edge("PART_OF", "mirps-toc.ltc-1", "mirps-toc", source=TOC_DOC),
        # A second relationship between the same pair: the formats must keep both.
        payload_edge(
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
    edges = [payload_edge("CONTRIBUTES_TO", ids[k], ids[k + 1]) for k in range(len(ids) - 1)]
    return {"nodes": nodes, "edges": edges, "meta": {"query": "hostile", "params": {}}}


def empty_payload() -> dict[str, Any]:
    return {"nodes": [], "edges": [], "meta": {"query": "search", "params": {"q": "nothing"}}}


# --------------------------------------------------------------------------- helpers


def run_export(payload: dict[str, Any], fmt: str, **options: Any) -> bytes:
    return export(payload, fmt, title=TITLE, taken_at=TAKEN_AT, **options)


def captions(payload: dict[str, Any]) -> dict[str, list[str]]:
    return {node.id: node_caption(node) for node in graph_view(payload).nodes}


def edge_triples(payload: dict[str, Any]) -> set[tuple[str, str, str]]:
    return {(e["source"], e["target"], e["id"]) for e in payload["edges"]}


def need_tool(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"`{tool}` is not installed: apt-get install -y {package} "
            "(scripts/system-packages-*.txt list what the app and the tests need)",
            pytrace=False,
        )
    return path


def parse_mermaid(checker: list[str], files: list[Path]) -> list[dict[str, Any]]:
    done = subprocess.run([*checker, *map(str, files)], capture_output=True, text=True, timeout=120)
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(files), done.stderr
    return results


def read_graphs(reader: list[str], files: list[Path]) -> list[dict[str, Any]]:
    """What graphology-graphml and cytoscape.js see in each file (``tests/js/read-graphs.mjs``)."""
    done = subprocess.run([*reader, *map(str, files)], capture_output=True, text=True, timeout=120)
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert len(results) == len(files), done.stderr
    return results


def strict_json(data: bytes | str) -> Any:
    """JSON as a strict reader takes it: ``NaN`` and ``Infinity`` are errors."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(data, parse_constant=refuse)


def nasty_payload() -> dict[str, Any]:
    """Valid but awkward: numbers JSON cannot write, properties that repeat a node's own fields
    (``name``, ``level``, ``framework``, ``label``), text outside Latin-1, a property named
    like every format's reserved words."""
    nodes = [
        {
            "id": "a",
            "label": "Result",
            "level": "output",
            "name": "Łódź output",
            "framework": "fw",
            "properties": {
                "score": float("nan"),
                "reach": float("inf"),
                "series": [1.0, float("-inf")],
                "name": "shadowed name",
                "level": "outcome",
                "framework": "other-fw",
                "label": "My Label",
                "value": "v",
                "key": "k",
                "id": "not the id",
                "source": "doc.txt",
            },
        },
        {
            "id": "b",
            "label": "Result",
            "name": "",
            "properties": {"name": "Named in properties", "level": "outcome", "score": 1.5},
        },
    ]
    edges = [
        {
            "id": "CONTRIBUTES_TO:a->b",
            "source": "a",
            "target": "b",
            "type": "CONTRIBUTES_TO",
            "properties": {"weight": float("nan"), "type": "x", "key": "k", "source": "doc.txt"},
        }
    ]
    meta = {"query": "nasty", "params": {"id": "a", "threshold": float("nan")}}
    return {"nodes": nodes, "edges": edges, "meta": meta}


def _from_lines(text: str, prefix: str = "") -> dict[str, Any]:
    """Query, parameters and options from provenance written one fact a line (or ' | ')."""
    found: dict[str, Any] = {}
    lines = text.splitlines()
    if prefix:  # comments: only the lines that are one
        lines = [line.removeprefix(prefix) for line in lines if line.startswith(prefix)]
    for fact in (part.strip() for line in lines for part in line.split(" | ")):
        if fact.startswith("Query: "):
            found.setdefault("query", fact.removeprefix("Query: "))
        elif fact.startswith("Parameters: "):
            found.setdefault("params", json.loads(fact.removeprefix("Parameters: ")))
        elif fact.startswith("Options: "):
            found.setdefault("options", json.loads(fact.removeprefix("Options: ")))
    return found


def recorded(fmt: str, body: bytes) -> dict[str, Any]:
    """What a file says it is (``query``, ``params``, ``options``), read back the way a person
    or a program finds it in that format: metadata where the format has it, else comments."""
    if fmt in ("json", "cytoscape", "csv", "html", "png", "pdf", "graphml"):
        if fmt == "json":
            stamp = strict_json(body)["meta"]
        elif fmt == "cytoscape":
            stamp = strict_json(body)["data"]
        elif fmt == "csv":
            with zipfile.ZipFile(io.BytesIO(body)) as z:
                stamp = strict_json(z.read("meta.json"))
        elif fmt == "html":
            found = re.search(rb'id="toc-export-meta">(.*?)</script>', body, re.S)
            assert found is not None
            stamp = strict_json(found.group(1))
        elif fmt == "png":
            from PIL import Image

            stamp = strict_json(Image.open(io.BytesIO(body)).text["Provenance"])  # type: ignore[attr-defined]
        elif fmt == "pdf":
            from pypdf import PdfReader

            info = PdfReader(io.BytesIO(body)).metadata
            assert info is not None
            stamp = strict_json(str(info["/Provenance"]))
        else:
            import networkx as nx

            graph = nx.read_graphml(io.BytesIO(body)).graph
            stamp = {k: strict_json(graph[k]) for k in ("params", "options")}
            stamp["query"] = graph["query"]
        return {k: stamp[k] for k in ("query", "params", "options")}
    text = body.decode("utf-8")
    if fmt == "gexf":
        root = ElementTree.fromstring(body)
        text = root.findtext("{http://www.gexf.net/1.2draft}meta/{*}description") or ""
    elif fmt == "svg":
        # Graphviz writes the graph's comment, escaped, as an XML comment.
        text = "\n".join(html.unescape(c) for c in re.findall(r"<!--(.*?)-->", text, re.S))
    return _from_lines(text, {"mermaid": "%%", "dot": "//"}.get(fmt, ""))
