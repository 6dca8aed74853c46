"""`python -m bench [--size 10k|100k]`: every figure of docs/performance.md in one run.

Starts the bench's own Neo4j instance (`.neo4j/instances/bench`, git-ignored), generates
the synthetic graph, measures loading (bulk create/merge against LOAD CSV), upstream
latency (API, Cypher, networkx), API throughput under load from a second process, and
drawing (SVG, Chromium), then writes `bench/results/<size>.json` and `.md`. The bench
server keeps running for another run; stop it with `python -m app.cli db stop --instance
bench` (or pass `--stop`).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from typing import Any

from neo4j import GraphDatabase

from app.settings import REPO_ROOT, Settings
from bench import report
from bench.machine import load_average, machine, now, versions
from bench.servers import BENCH_HEAP, BENCH_PAGECACHE, api_server, bench_server
from bench.synthetic import DEFAULT_SEED, generate, parse_size

RESULTS = REPO_ROOT / "bench" / "results"
WORK = RESULTS / "tmp"  # git-ignored
_T0 = time.monotonic()


def say(message: str) -> None:
    print(f"[{time.monotonic() - _T0:6.1f}s] {message}", flush=True)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--size", default="10k", help="graph size: 1k, 10k (default), 100k, 1m")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument(
        "--only",
        nargs="*",
        default=None,
        choices=["load", "latency", "throughput", "render"],
        help="run only these parts (the graph is loaded either way)",
    )
    p.add_argument("--api-workers", type=int, default=3, help="uvicorn workers (default 3)")
    p.add_argument("--seconds", type=int, default=15, help="length of each throughput run")
    p.add_argument("--stop", action="store_true", help="stop the bench server at the end")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    size_n = parse_size(args.size)
    size = args.size.lower()
    parts = set(args.only or ["load", "latency", "throughput", "render"])
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    server = bench_server(settings, say)
    conn = server.start(say, timeout=settings.local_start_timeout_s)
    results: dict[str, Any] = {
        "size": size,
        "date": now(),
        "machine": machine(),
        "seed": args.seed,
        "neo4j_memory": {"heap": BENCH_HEAP, "pagecache": BENCH_PAGECACHE},
        "api_workers": args.api_workers,
        "notes": [],
    }
    say(f"generating {size_n:,} nodes (seed {args.seed})")
    synthetic = generate(size_n, args.seed)
    graph = synthetic.bulk_graph(WORK / size / "seed")
    results["graph"] = {
        "nodes": graph.node_count,
        "relationships": graph.relationship_count,
        "files": len(synthetic.files),
        "by_label": synthetic.counts(),
    }
    say(f"{graph.node_count:,} nodes, {graph.relationship_count:,} relationships")

    from app.loader.bulk import bulk_load
    from bench.loading import run_load_bench, write_json
    from bench.servers import clear

    with GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password)) as driver:
        results["versions"] = versions(driver)
        if "load" in parts:
            results["load"] = run_load_bench(driver, server, graph, size, say)
        else:
            clear(driver)
            bulk_load(driver, graph, mode="create", progress=say)
        json_path = WORK / size / "graph.json"
        write_json(graph, json_path)
        del graph, synthetic

        with api_server(conn, args.api_workers, WORK / f"api-{size}.log", say) as base:
            from bench.latency import between_latency, run_latency_bench, start_nodes

            if "latency" in parts:
                results["latency"] = run_latency_bench(driver, base, json_path, say)
                results["latency"]["between"] = between_latency(base, driver, 50, args.seed)
            if "throughput" in parts:
                results["throughput"] = _throughput(driver, base, args.seed, args.seconds)
            if "render" in parts:
                from bench.rendering import run_render_bench

                tops = start_nodes(driver, 40, args.seed)
                results["render"] = run_render_bench(base, tops, WORK / size, say)
    results["load_average_at_end"] = load_average()
    # A partial run (--only) must not replace the committed figures.
    js, md = report.write(results, RESULTS if args.only is None else WORK)
    say(f"wrote {js.relative_to(REPO_ROOT)} and {md.relative_to(REPO_ROOT)}")
    print(md.read_text(encoding="utf-8"))
    if args.stop:
        server.stop(say)
    return 0


def _throughput(driver: Any, base: str, seed: int, seconds: int) -> dict[str, Any]:
    from bench.latency import start_nodes
    from bench.throughput import run_throughput_bench

    rng = random.Random(seed)
    records, _, _ = driver.execute_query("MATCH (n:Result) RETURN n.id AS id ORDER BY id")
    results = rng.sample([r["id"] for r in records], min(500, len(records)))
    tops = start_nodes(driver, 200, seed)
    words = [
        "employment",
        "skills",
        "refugees",
        "work permits",
        "training",
        "entrepreneurs",
        "xenophobia",
        "certification",
        "labour rights",
        "social protection",
    ]
    say("throughput: one-node lookups, 6-hop upstream walks, searches")
    scenarios = {
        "one-node lookup": [f"/api/nodes/{i}" for i in results],
        "6-hop upstream": [f"/api/pathways/{i}/upstream?depth=6" for i in tops],
        "search": [f"/api/search?q={w.replace(' ', '+')}&limit=20" for w in words],
    }
    # Enough connections to keep both cores busy; more only queue and lengthen the tail.
    connections = {"one-node lookup": 16, "6-hop upstream": 8, "search": 8}
    return run_throughput_bench(base, scenarios, say, seconds=seconds, connections=connections)


if __name__ == "__main__":
    sys.exit(main())
