"""Drawing big views: a 500-node SVG through Graphviz, a 1,000-node page in headless Chromium.

Both views are real API answers: upstream walks from chain tops, merged until the size is
reached (nearest first), edges among the kept nodes. The page is the standalone HTML export
(vis-network with its hierarchical layout, computed in the browser), and the same data with
the server's layered positions (`graph.layout`, what `positions=true` returns) and no
layout work left to the browser. The clock runs from navigation to vis-network's first
`afterDrawing`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

from app.render import network_page, render_diagram, vis_data
from app.render.network_page import vis_asset_paths
from bench.latency import percentiles
from bench.machine import load_average
from bench.servers import Say

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TAKEN_AT = "2025-01-01T00:00:00Z"


def view_of(base: str, tops: list[str], size: int, positions: bool = False) -> dict[str, Any]:
    """About `size` nodes: whole upstream walks from `tops`, then cut to exactly `size`."""
    nodes: dict[str, Any] = {}
    edges: dict[str, Any] = {}
    with httpx.Client(base_url=base, timeout=60) as client:
        for top in tops:
            body = client.get(f"/api/pathways/{top}/upstream", params={"alignments": "true"}).json()
            for n in body["nodes"]:
                nodes.setdefault(n["id"], n)
            for e in body["edges"]:
                edges.setdefault(e["id"], e)
            if len(nodes) >= size:
                break
    kept = dict(list(nodes.items())[:size])
    payload = {
        "nodes": list(kept.values()),
        "edges": [e for e in edges.values() if e["source"] in kept and e["target"] in kept],
        "meta": {"query": "bench", "params": {"size": size}},
    }
    if positions:
        from graph.layout import layout_nodes, node_rank

        pos = layout_nodes(
            ((n["id"], node_rank(n["id"], n)) for n in payload["nodes"]),
            ((e["source"], e["target"]) for e in payload["edges"]),
        )
        for n in payload["nodes"]:
            n["properties"]["x"], n["properties"]["y"] = pos[n["id"]]
    return payload


def svg_bench(payload: dict[str, Any], rounds: int) -> dict[str, Any]:
    times = []
    size = 0
    for _ in range(rounds):
        t = time.perf_counter()
        svg = render_diagram(payload, "svg", title="Bench view", taken_at=TAKEN_AT)
        times.append(time.perf_counter() - t)
        size = len(svg)
    out = percentiles(times)
    out.update(nodes=len(payload["nodes"]), edges=len(payload["edges"]), svg_kb=size // 1024)
    return out


def _positioned_page(payload: dict[str, Any]) -> str:
    """vis-network with the server's coordinates, no layout: what a view with positions does."""
    data = vis_data(payload)
    xy = {n["id"]: (n["properties"]["x"], n["properties"]["y"]) for n in payload["nodes"]}
    for node in data["nodes"]:
        node["x"], node["y"] = xy[node["id"]]
        node.pop("level", None)
    options = data["options"]
    options["layout"] = {"hierarchical": {"enabled": False}}
    options["physics"] = {"enabled": False}
    js_path, css_path = vis_asset_paths()
    boot = (
        "var d="
        + json.dumps({"nodes": data["nodes"], "edges": data["edges"], "options": options}).replace(
            "<", "\\u003c"
        )
        + ";"
        "var net=new vis.Network(document.getElementById('n'),"
        "{nodes:new vis.DataSet(d.nodes),edges:new vis.DataSet(d.edges)},d.options);"
        "net.once('afterDrawing',function(){document.body.setAttribute('data-rendered','true');});"
    )
    digest = base64.b64encode(hashlib.sha256(boot.encode()).digest()).decode()
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<style>{css_path.read_text(encoding='utf-8')} html,body,#n{{height:100%;margin:0}}"
        f"</style></head><body><div id='n'></div>"
        f"<script>{js_path.read_text(encoding='utf-8')}</script><script>{boot}</script>"
        f"<!-- sha256-{digest} --></body></html>"
    )


def first_render(pages: dict[str, Path], rounds: int, say: Say) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, page_path in pages.items():
                times = []
                for _ in range(rounds):
                    context = browser.new_context(viewport={"width": 1600, "height": 1000})
                    page = context.new_page()
                    t = time.perf_counter()
                    page.goto(page_path.as_uri(), wait_until="commit", timeout=120_000)
                    page.wait_for_selector(
                        "body[data-rendered='true']", state="attached", timeout=120_000
                    )
                    times.append(time.perf_counter() - t)
                    context.close()
                stats = percentiles(times)
                stats["first_s"] = round(times[0], 2)
                stats["median_s"] = round(statistics.median(times), 2)
                out[name] = stats
                say(f"  first render, {name}: median {stats['median_s']} s")
        finally:
            browser.close()
    return out


def run_render_bench(base: str, tops: list[str], work: Path, say: Say) -> dict[str, Any]:
    out: dict[str, Any] = {"load_average": load_average()}
    say("SVG export of a 500-node view (Graphviz dot)")
    view500 = view_of(base, tops, 500)
    out["svg_500"] = svg_bench(view500, rounds=3)
    say(f"  p50 {out['svg_500']['p50_ms']} ms for {out['svg_500']['nodes']} nodes")
    view1000 = view_of(base, tops, 1000, positions=True)
    work.mkdir(parents=True, exist_ok=True)
    standalone = work / "view-1000-standalone.html"
    standalone.write_text(
        network_page(view1000, title="Bench view", taken_at=TAKEN_AT), encoding="utf-8"
    )
    positioned = work / "view-1000-positions.html"
    positioned.write_text(_positioned_page(view1000), encoding="utf-8")
    say(f"first render of a {len(view1000['nodes'])}-node view in headless Chromium")
    out["render_1000"] = first_render(
        {
            "standalone export page (browser layout)": standalone,
            "server positions (positions=true)": positioned,
        },
        rounds=3,
        say=say,
    )
    out["render_1000_nodes"] = len(view1000["nodes"])
    out["render_1000_edges"] = len(view1000["edges"])
    return out
