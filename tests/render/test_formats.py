"""The rendering layer (app/render), checked with the real readers of each format.

Labels and vis-network data; SVG read by an XML parser, PNG by Pillow, PDF by poppler's
``pdfinfo``/``pdftotext``, DOT by Graphviz itself, Mermaid by Mermaid's own parser
(``tests/js``), and the standalone page opened in headless Chromium with the network cut off.
A missing tool FAILS the test with the package to install: see ``scripts/system-packages-*.txt``.
The sample payloads are in tests/support/exports.py.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from app.exports import export
from app.render.diagram import build_diagram, render_diagram
from app.render.mermaid import (
    MAX_EDGES,
    MAX_TEXT_SIZE,
    _measured_size,
    mermaid_title,
    mermaid_warnings,
)
from app.render.model import graph_view
from app.render.network_page import vis_asset_paths, vis_data
from app.render.style import ELLIPSIS, wrap_label
from tests.support.exports import (
    IMG_SECTION,
    JAP_DOC,
    NAP_DOC,
    RF_DOC,
    SCRIPT_ID,
    SCRIPT_NAME,
    TAKEN_AT,
    TAKEN_AT_TEXT,
    TITLE,
    TOC_DOC,
    captions,
    empty_payload,
    hostile_ids_payload,
    need_tool,
    parse_mermaid,
    run_export,
)

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


# --------------------------------------------------------------------------- Graphviz diagrams


def _svg_texts(svg: bytes) -> list[str]:
    root = ElementTree.fromstring(svg)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_parses_and_shows_every_label_title_legend_and_sources(
    payload: dict[str, Any],
) -> None:
    need_tool("dot", "graphviz")
    svg = run_export(payload, "svg")
    root = ElementTree.fromstring(svg)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    texts = _svg_texts(svg)
    for node_id, lines in captions(payload).items():
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
    need_tool("dot", "graphviz")
    svg = run_export(payload, "svg")
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
    need_tool("dot", "graphviz")
    from PIL import Image

    image = Image.open(io.BytesIO(run_export(payload, "png")))
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
    pdfinfo = need_tool("pdfinfo", "poppler-utils")
    pdftotext = need_tool("pdftotext", "poppler-utils")
    need_tool("dot", "graphviz")
    path = tmp_path / f"toc-{paper}.pdf"
    path.write_bytes(run_export(payload, "pdf", paper=paper))
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
    dot = need_tool("dot", "graphviz")
    hostile = hostile_ids_payload()
    for sample in (payload, hostile):
        text = run_export(sample, "dot").decode("utf-8")
        assert f"// Taken at: {TAKEN_AT_TEXT}" in text
        svg = subprocess.run(
            [dot, "-Tsvg"], input=text.encode(), capture_output=True, check=True
        ).stdout
        texts = _svg_texts(svg)
        for node_id, lines in captions(sample).items():
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


@pytest.mark.slow
def test_mermaid_parses_with_the_real_mermaid_parser(
    mermaid_checker: list[str], payload: dict[str, Any], tmp_path: Path
) -> None:
    samples = {"sample": payload, "hostile": hostile_ids_payload(), "empty": empty_payload()}
    files = []
    for name, sample in samples.items():
        path = tmp_path / f"{name}.mmd"
        path.write_bytes(run_export(sample, "mermaid"))
        files.append(path)
    results = parse_mermaid(mermaid_checker, files)
    for (name, sample), result in zip(samples.items(), results, strict=True):
        assert result["ok"], f"{name}: {result.get('error')}"
        assert result["type"].startswith("flowchart"), result
        if not sample["nodes"]:
            continue
        # The parser saw every node once, with exactly the label text we meant.
        assert sorted(map(tuple, result["vertices"].values())) == sorted(
            map(tuple, captions(sample).values())
        ), name
        assert result["edges"] == len(sample["edges"]), name
    text = files[0].read_text(encoding="utf-8")
    assert text.splitlines()[0] == "---" and "flowchart BT" in text
    assert f"%% Taken at: {TAKEN_AT_TEXT}" in text and f"%% Sources: {TOC_DOC}" in text


@pytest.mark.slow
def test_mermaid_checker_rejects_broken_text(mermaid_checker: list[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.mmd"
    path.write_text('flowchart BT\n  a["x"] --> --> b\n', encoding="utf-8")
    assert parse_mermaid(mermaid_checker, [path])[0]["ok"] is False


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
    html = run_export(payload, "html").decode("utf-8")
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


@pytest.mark.browser
def test_html_renders_offline_in_chromium_and_runs_no_injected_script(
    browser: Any, payload: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "toc.html"
    path.write_bytes(run_export(payload, "html"))
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


# --------------------------------------------------------------------------- metadata, limits


def test_png_carries_its_provenance_and_resolution(payload: dict[str, Any]) -> None:
    need_tool("dot", "graphviz")
    from PIL import Image

    data = run_export(payload, "png", paper="A3")
    Image.open(io.BytesIO(data)).verify()  # every chunk's CRC
    image = Image.open(io.BytesIO(data))
    image.load()
    text: dict[str, str] = image.text  # type: ignore[attr-defined]
    assert text["Title"] == TITLE and text["Software"] == "toc-explorer"
    assert text["Creation Time"] == TAKEN_AT_TEXT
    assert "Query: upstream" in text["Description"] and TOC_DOC in text["Description"]
    provenance = json.loads(text["Provenance"])
    assert provenance["params"] == payload["meta"]["params"]
    assert provenance["options"] == {"format": "png", "paper": "A3", "dpi": 150}
    assert [round(d) for d in image.info["dpi"]] == [150, 150]
    assert image.size[0] > 2400  # A3 at 150 dpi: 2481 x 1754


def test_png_text_outside_latin1_survives(payload: dict[str, Any]) -> None:
    need_tool("dot", "graphviz")
    from PIL import Image

    title = "Łódź — 東京 ✓"
    data = export(payload, "png", title=title, taken_at=TAKEN_AT)
    assert Image.open(io.BytesIO(data)).text["Title"] == title  # type: ignore[attr-defined]


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_pdf_carries_title_subject_and_keywords(
    payload: dict[str, Any], tmp_path: Path, paper: str
) -> None:
    pdfinfo = need_tool("pdfinfo", "poppler-utils")
    need_tool("dot", "graphviz")
    path = tmp_path / "toc.pdf"
    path.write_bytes(run_export(payload, "pdf", paper=paper))
    done = subprocess.run([pdfinfo, "-isodates", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stderr, done.stderr
    info = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in done.stdout.splitlines())
    )
    assert info["Title"] == TITLE
    assert info["Subject"].startswith("Query: upstream | Parameters: ")
    assert f'"paper": "{paper}"' in info["Subject"] and TOC_DOC in info["Subject"]
    assert info["Keywords"].split(", ")[:2] == ["toc-explorer", "upstream"]
    assert info["Creator"] == "toc-explorer"
    assert info["CreationDate"].startswith("2025-03-14T09:26:53")
    assert re.search(r"Pages:\s+1\b", done.stdout)


@pytest.mark.slow
def test_mermaid_title_reaches_mermaid_as_the_text_meant(
    mermaid_checker: list[str], payload: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "titled.mmd"
    path.write_bytes(run_export(payload, "mermaid"))
    [result] = parse_mermaid(mermaid_checker, [path])
    assert result["ok"], result
    # Mermaid's sanitiser neither cut nor re-encoded anything: no markup was left for it.
    assert result["title"] == mermaid_title(TITLE)
    assert "<" not in result["title"] and "&" not in result["title"]
    assert result["title"].replace("‹", "<").replace("›", ">").replace("＆", "&") == TITLE


def _chain(n_edges: int, name: str = "x") -> dict[str, Any]:
    nodes = [
        {"id": f"n{i}", "label": "Result", "level": "output", "name": name, "properties": {}}
        for i in range(n_edges + 1)
    ]
    edges = [
        {"id": f"e{i}", "source": f"n{i}", "target": f"n{i + 1}", "type": "CONTRIBUTES_TO"}
        for i in range(n_edges)
    ]
    return {"nodes": nodes, "edges": edges, "meta": {"query": "chain", "params": {}}}


@pytest.mark.slow
def test_mermaid_says_when_mermaid_would_refuse_it(
    mermaid_checker: list[str], tmp_path: Path
) -> None:
    files = {}
    for name, sample in {
        "at-limit": _chain(MAX_EDGES),
        "over-limit": _chain(MAX_EDGES + 1),
        "long-text": _chain(400, "word " * 30),
    }.items():
        files[name] = tmp_path / f"{name}.mmd"
        files[name].write_bytes(run_export(sample, "mermaid"))
    results = dict(zip(files, parse_mermaid(mermaid_checker, list(files.values())), strict=True))

    at_limit = files["at-limit"].read_text(encoding="utf-8")
    assert results["at-limit"]["ok"] and mermaid_warnings(at_limit) == []
    # Mermaid's own parser refuses the 501st link; the file said so on top.
    assert "Edge limit exceeded" in results["over-limit"]["error"]
    over = files["over-limit"].read_text(encoding="utf-8")
    assert over.splitlines()[3].startswith("%% Warning: 501 links")
    assert [w.split(":")[0] for w in mermaid_warnings(over)] == ["501 links"]
    # Too long a text parses, but Mermaid would draw an error box instead.
    long_text = files["long-text"].read_text(encoding="utf-8")
    assert results["long-text"]["ok"]
    [warning] = mermaid_warnings(long_text)
    assert f"at most {MAX_TEXT_SIZE:,}" in warning


def test_mermaid_counts_text_as_mermaid_does() -> None:
    small = run_export(_chain(3), "mermaid").decode("utf-8")
    assert mermaid_warnings(small) == []
    # Comments and front matter are not counted (Mermaid strips them before measuring), and
    # JavaScript counts UTF-16 units: an emoji is two.
    body = 'flowchart BT\n  a["' + "😀" * (MAX_TEXT_SIZE // 2) + '"]\n'
    assert _measured_size(body) > MAX_TEXT_SIZE
    assert _measured_size("---\ntitle: x\n---\n%% " + "c" * MAX_TEXT_SIZE + "\nflowchart BT\n") < 20


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_c1_control_characters_in_an_id_do_not_break_graphviz(fmt: str) -> None:
    # Found by Schemathesis: an id holding \x93 and \x7f went into a tooltip as is, and
    # Graphviz refused the DOT text (a 500 from POST /api/export).
    payload = {
        "nodes": [{"id": "\x89\xe8\U00022f8e\x93\x7f", "label": "Result", "name": "x"}],
        "edges": [],
    }
    assert render_diagram(payload, fmt, title="t", taken_at="2026-01-01T00:00:00+00:00")
