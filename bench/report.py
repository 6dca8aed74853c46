"""The targets, and the results as JSON and as a Markdown table marking each target."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Target:
    key: str
    what: str
    limit: float
    unit: str
    higher_is_better: bool
    size: str  # the graph size the target is set for

    def judge(self, value: float | None) -> str:
        if value is None:
            return "not measured"
        ok = value >= self.limit if self.higher_is_better else value <= self.limit
        if ok:
            return "met"
        gap = self.limit - value if self.higher_is_better else value - self.limit
        pct = abs(gap) / self.limit * 100
        return f"missed by {gap:,.1f} {self.unit} ({pct:.0f}%)"


TARGETS = (
    Target("bulk_create", "bulk load, create", 40_000, "rows/s", True, "100k"),
    Target("bulk_merge", "bulk load, merge", 20_000, "rows/s", True, "100k"),
    Target("bulk_vs_csv_create", "bulk create / LOAD CSV create", 0.5, "x", True, "100k"),
    Target("bulk_vs_csv_merge", "bulk merge / LOAD CSV merge", 0.5, "x", True, "100k"),
    Target("upstream6_api_p50", "6-hop upstream via API, p50", 20, "ms", False, "100k"),
    Target("upstream6_api_p99", "6-hop upstream via API, p99", 100, "ms", False, "100k"),
    Target("lookup_rps", "one-node lookups under load", 600, "req/s", True, "any"),
    Target("pathway_rps", "6-hop pathways under load", 100, "req/s", True, "any"),
    Target("lookup_p99", "one-node lookups under load, p99", 250, "ms", False, "any"),
    Target("pathway_p99", "6-hop pathways under load, p99", 250, "ms", False, "any"),
    Target("svg500_p50", "SVG of a 500-node view, p50", 1000, "ms", False, "any"),
    Target("render1000_s", "first render of a 1,000-node view", 2.0, "s", False, "any"),
)


def _get(d: dict[str, Any], *path: str) -> Any:
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d


def measured(results: dict[str, Any]) -> dict[str, float | None]:
    best = _get(results, "load", "best") or {}

    def rate(m: str) -> float | None:
        return _get(best, m, "rows_per_s")

    def ratio(a: str, b: str) -> float | None:
        x, y = rate(a), rate(b)
        return round(x / y, 2) if x and y else None

    renders = _get(results, "render", "render_1000") or {}
    render_s = min((v["median_s"] for v in renders.values()), default=None)
    return {
        "bulk_create": rate("bulk create"),
        "bulk_merge": rate("bulk merge"),
        "bulk_vs_csv_create": ratio("bulk create", "LOAD CSV create"),
        "bulk_vs_csv_merge": ratio("bulk merge", "LOAD CSV merge"),
        "upstream6_api_p50": _get(results, "latency", "api", "p50_ms"),
        "upstream6_api_p99": _get(results, "latency", "api", "p99_ms"),
        "lookup_rps": _get(results, "throughput", "one-node lookup", "req_per_s"),
        "pathway_rps": _get(results, "throughput", "6-hop upstream", "req_per_s"),
        "lookup_p99": _get(results, "throughput", "one-node lookup", "p99_ms"),
        "pathway_p99": _get(results, "throughput", "6-hop upstream", "p99_ms"),
        "svg500_p50": _get(results, "render", "svg_500", "p50_ms"),
        "render1000_s": render_s,
    }


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    values = measured(results)
    return [
        {
            "target": t.what,
            "limit": f"{'≥' if t.higher_is_better else '≤'} {t.limit:,g} {t.unit}",
            "set_for": t.size,
            "measured": values[t.key],
            "verdict": t.judge(values[t.key]),
        }
        for t in TARGETS
    ]


def _fmt(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.2f}" if v < 100 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def markdown(results: dict[str, Any]) -> str:
    m, v = results["machine"], results["versions"]
    lines = [
        f"# Benchmark: {results['size']} nodes ({results['graph']['nodes']:,} nodes, "
        f"{results['graph']['relationships']:,} relationships)",
        "",
        f"Run {results['date']} with `python -m bench --size {results['size']}`.",
        "",
        f"- Machine: {m['cores']} cores, {m['memory_gib']} GiB, {m['cpu_model']}; "
        f"load average at start {m['load_average_at_start']} (other work shared the cores).",
        f"- Versions: Python {v['python']}, Neo4j {v['neo4j']}, driver {v['driver']} "
        f"(Rust extension {v['driver_rust_extension'] or 'absent'}), FastAPI {v['fastapi']}, "
        f"uvicorn {v['uvicorn']}, networkx {v['networkx']}.",
        f"- Neo4j on the same machine, heap {results['neo4j_memory']['heap']}, page cache "
        f"{results['neo4j_memory']['pagecache']}; API: uvicorn, {results['api_workers']} "
        "worker(s), loopback.",
        "",
        "## Targets",
        "",
        "| target | limit | set for | measured | verdict |",
        "|---|---|---|---|---|",
    ]
    for row in results["verdicts"]:
        lines.append(
            f"| {row['target']} | {row['limit']} | {row['set_for']} | {_fmt(row['measured'])} "
            f"| {row['verdict']} |"
        )
    load = results.get("load")
    if load:
        head = "| method | workers | rows | seconds | node rows/s | relationship rows/s | rows/s |"
        lines += ["", "## Loading", "", head + " load avg |", "|---|---|---|---|---|---|---|---|"]
        for r in load["runs"]:
            lines.append(
                f"| {r['method']} | {r['workers']} | {_fmt(r['rows'])} | {r['seconds']} | "
                f"{_fmt(r['node_rows_per_s'])} | {_fmt(r['relationship_rows_per_s'])} | "
                f"{_fmt(r['rows_per_s'])} | {r['load_average'][0] if r['load_average'] else ''} |"
            )
        lines.append("")
        lines.append(f"Bulk graph equals LOAD CSV's: {load['same_graph_as_load_csv']}.")
    lat = results.get("latency")
    if lat:
        a, c, n = lat["api"], lat["cypher"], lat["networkx"]
        lines += [
            "",
            f"## Upstream, depth {lat['depth']}, from {lat['start_nodes']} chain tops",
            "",
            "| how | p50 ms | p99 ms | notes |",
            "|---|---|---|---|",
            f"| API (HTTP, uvicorn) | {a['p50_ms']} | {a['p99_ms']} | answers of "
            f"{a['nodes_median']} nodes (median), {a['nodes_max']} max |",
            f"| Cypher alone (driver) | {c['p50_ms']} | {c['p99_ms']} | the search yields "
            f"{c['search_rows_per_node']} rows per node found (1 = each node once), "
            f"{c['search_db_hits_per_node']} db hits per node |",
            f"| networkx, graph in memory | {n['p50_ms']} | {n['p99_ms']} | loading the "
            f"{n['json_mb']} MB JSON first: {n['load_once_s']} s (parse {n['json_parse_s']} s, "
            f"to_networkx {n['to_networkx_s']} s) |",
            f"| networkx, loading per query | {n['per_query_loading_each_time_ms']} | | "
            f"in a batch of 100: {n['per_query_in_batch_of_100_ms']} ms per query |",
            "",
            f"API answers equal networkx's: {lat['api_equals_networkx']}.",
        ]
        if "between" in lat:
            b = lat["between"]
            lines.append(
                f"Paths between an activity and its impact (SHORTEST 50, max 6 hops), via the "
                f"API: p50 {b['p50_ms']} ms, p99 {b['p99_ms']} ms over {b['n']} pairs."
            )
    tp = results.get("throughput")
    if tp:
        lines += [
            "",
            "## Throughput (load from a second process on loopback)",
            "",
            "| request | req/s | p50 ms | p99 ms | errors | connections | tool |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, r in tp.items():
            lines.append(
                f"| {name} | {_fmt(r['req_per_s'])} | {r.get('p50_ms')} | {r.get('p99_ms')} | "
                f"{r.get('non_2xx', 0) + r.get('socket_errors', 0)} | {r['connections']} | "
                f"{r['tool']} |"
            )
    rd = results.get("render")
    if rd:
        s = rd["svg_500"]
        lines += [
            "",
            "## Drawing",
            "",
            f"- SVG (Graphviz `dot`) of {s['nodes']} nodes, {s['edges']} edges: "
            f"p50 {s['p50_ms']} ms ({s['svg_kb']} KB).",
            f"- First render of {rd['render_1000_nodes']} nodes, "
            f"{rd['render_1000_edges']} edges in headless Chromium, to `afterDrawing`:",
        ]
        for name, r in rd["render_1000"].items():
            lines.append(f"  - {name}: median {r['median_s']} s, first {r['first_s']} s")
    if results.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in results["notes"]]
    return "\n".join(lines) + "\n"


def write(results: dict[str, Any], out_dir: Path) -> tuple[Path, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    results["verdicts"] = verdicts(results)
    js = out_dir / f"{results['size']}.json"
    md = out_dir / f"{results['size']}.md"
    js.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    md.write_text(markdown(results), encoding="utf-8")
    return js, md
