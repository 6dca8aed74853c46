"""The project carries its five source documents (seed/sources/) and names them: the index the
app reads agrees with the folder, its README and the seed files, and the title stands beside
the file name wherever a source is shown."""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.loader import check_seed
from app.loader.provenance import default_docs_dir
from app.render.model import graph_view
from app.render.network_page import vis_data
from app.render.stamp import make_stamp
from app.sources import SOURCES_DIR, documents, title_of
from tests.support.exports import TOC_DOC
from tests.support.paths import REPO
from tests.support.seed import SEED_DIR, seed_docs_dir

TOC_TITLE = "Summary of Discussions on Results-Based Management"


def test_the_index_lists_exactly_the_documents_in_the_folder() -> None:
    files = sorted(p.name for p in SOURCES_DIR.glob("*.txt"))
    assert len(files) == 5
    assert sorted(documents()) == files
    for doc in documents().values():
        assert doc.title and doc.publisher, doc.file
        assert doc.date or doc.date_note, f"{doc.file}: say the date, or that none is stated"


def test_every_seed_source_is_an_indexed_document() -> None:
    graph = check_seed(SEED_DIR)
    used = {n.properties.get("source") for n in graph.nodes.values()}
    used |= {e.properties.get("source") for e in graph.edges.values()}
    used.discard(None)
    assert used == set(documents())


def test_the_readme_names_each_document_with_its_publisher_and_date() -> None:
    readme = (SOURCES_DIR / "README.md").read_text(encoding="utf-8")
    rows = {
        cells[0].strip("` "): [c.strip() for c in cells[1:]]
        for line in readme.splitlines()
        if line.startswith("| `")
        for cells in [line.strip().strip("|").split("|")]
    }
    assert sorted(rows) == sorted(documents())
    for file, (title, publisher, date) in rows.items():
        doc = documents()[file]
        assert doc.title.split(" (")[0] in title.replace("*", ""), file
        assert doc.publisher in publisher, file
        assert (doc.date or "not stated") in date, file


def test_quotes_are_checked_against_the_documents_in_the_repository(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TOC_SEED_DOCS", raising=False)
    assert default_docs_dir() == SOURCES_DIR
    assert seed_docs_dir() == SOURCES_DIR
    assert SOURCES_DIR.resolve().is_relative_to(REPO)


def test_nothing_points_outside_the_repository_for_the_documents() -> None:
    # Spelled in two halves so that this file does not find itself.
    patterns = ["../" + "shared", "shared/" + "seeds"]
    tracked = subprocess.run(
        ["git", "ls-files", "app", "tests", "scripts", "toc", ".ci"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert tracked
    hits = []
    for name in tracked:
        path = REPO / name
        if not path.is_file() or "node_modules" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        hits += [f"{name}: {p}" for p in patterns if p in text]
    assert hits == []


def _payload() -> dict[str, Any]:
    return {
        "nodes": [
            {
                "id": "mirps.impact",
                "label": "Result",
                "level": "impact",
                "name": "Impact",
                "properties": {"source": TOC_DOC, "section": "Step 2", "quote": "q"},
            },
            {
                "id": "x.posted",
                "label": "Result",
                "level": "output",
                "name": "Posted",
                "properties": {"source": "not-indexed.txt"},
            },
        ],
        "edges": [
            {
                "id": "e1",
                "type": "CONTRIBUTES_TO",
                "source": "x.posted",
                "target": "mirps.impact",
                "properties": {"basis": "stated", "source": TOC_DOC, "quote": "q"},
            }
        ],
        "meta": {"query": "test", "params": {}},
    }


def test_tooltips_put_the_document_title_under_the_file_name() -> None:
    data = vis_data(_payload())
    nodes = {n["id"]: n["title"] for n in data["nodes"]}
    assert f"Source: {TOC_DOC} > Step 2\nDocument: {TOC_TITLE}" in nodes["mirps.impact"]
    assert "Source: not-indexed.txt" in nodes["x.posted"]
    assert "Document:" not in nodes["x.posted"]  # an unknown file is shown as it is
    (edge,) = data["edges"]
    assert f"Document: {TOC_TITLE}" in edge["title"]


def test_every_exports_sources_line_carries_the_titles() -> None:
    stamp = make_stamp(graph_view(_payload()), title="t", taken_at="2025-01-01T00:00:00")
    (line,) = [ln for ln in stamp.lines() if ln.startswith("Sources:")]
    assert line == f"Sources: {TOC_DOC} ({TOC_TITLE}); not-indexed.txt"
    assert stamp.as_dict()["sources"] == [TOC_DOC, "not-indexed.txt"]
    assert stamp.as_dict()["source_titles"] == {TOC_DOC: TOC_TITLE}


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "html", "graphml", "cytoscape"])
def test_text_exports_name_the_document(fmt: str) -> None:
    from app import exports

    body = exports.export(_payload(), fmt, title="t", taken_at="2025-01-01T00:00:00")
    assert TOC_TITLE in body.decode("utf-8")


def test_the_node_api_gives_the_document_title(client: TestClient) -> None:
    body = client.get("/api/nodes/mirps-toc.mtc-07").json()
    assert body["provenance"]["source"] == TOC_DOC
    assert body["provenance"]["source_title"] == TOC_TITLE == title_of(TOC_DOC)


def test_an_svg_footer_names_the_document() -> None:
    from app import exports
    from tests.support.exports import need_tool

    need_tool("dot", "graphviz")
    svg = exports.export(_payload(), "svg", title="t", taken_at="2025-01-01T00:00:00")
    flat = " ".join(re.sub(r"<[^>]+>", " ", svg.decode("utf-8")).split())
    assert "Summary of Discussions on" in flat
