"""Six-hop upstream latency three ways: through the API, in Cypher alone, and in networkx.

The same start nodes for all three (the tops of results chains: impacts, manifestations,
long-term changes, goals, where "what leads here?" is asked), and the three answers are
checked equal, so the figures compare the same work.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
from neo4j import Driver

import graph as toc_graph
from app.repository.pathways import walk_query
from bench.machine import load_average
from bench.servers import Say

TOP_LEVELS = ("impact", "manifestation", "long_term_change", "goal")
DEPTH = 6


def percentiles(seconds: list[float]) -> dict[str, float]:
    """p50, p99 (nearest rank) and mean in milliseconds.

    >>> percentiles([0.001 * i for i in range(1, 101)])
    {'n': 100, 'p50_ms': 50.0, 'p99_ms': 99.0, 'mean_ms': 50.5}
    """
    xs = sorted(seconds)

    def rank(q: float) -> float:
        return xs[max(0, min(len(xs) - 1, round(q * len(xs)) - 1))]

    return {
        "n": len(xs),
        "p50_ms": round(rank(0.50) * 1000, 2),
        "p99_ms": round(rank(0.99) * 1000, 2),
        "mean_ms": round(statistics.fmean(xs) * 1000, 2),
    }


def start_nodes(driver: Driver, k: int, seed: int) -> list[str]:
    records, _, _ = driver.execute_query(
        "MATCH (n:Result) WHERE n.level IN $levels RETURN n.id AS id ORDER BY id",
        levels=list(TOP_LEVELS),
    )
    ids = [r["id"] for r in records]
    return random.Random(seed).sample(ids, min(k, len(ids)))


def api_latency(base: str, ids: list[str], rounds: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Sequential requests over one keep-alive connection; answers kept for the comparison."""
    answers: dict[str, dict[str, int]] = {}
    times: list[float] = []
    sizes: list[int] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for i in ids[:10]:  # warm-up
            client.get(f"/api/pathways/{i}/upstream", params={"depth": DEPTH})
        for _ in range(rounds):
            for i in ids:
                t = time.perf_counter()
                r = client.get(f"/api/pathways/{i}/upstream", params={"depth": DEPTH})
                body = r.content
                times.append(time.perf_counter() - t)
                r.raise_for_status()
                data = json.loads(body)
                answers[i] = {n["id"]: n["properties"]["hops"] for n in data["nodes"]}
                sizes.append(len(data["nodes"]))
    stats = percentiles(times)
    stats["nodes_median"] = statistics.median(sizes)
    stats["nodes_max"] = max(sizes)
    return stats, answers


def cypher_latency(driver: Driver, ids: list[str], rounds: int) -> dict[str, Any]:
    """The walk query alone through the driver, records fetched, no payload built."""
    text = walk_query("upstream", DEPTH, ["CONTRIBUTES_TO"])
    times = []
    hits = []
    for i in ids[:10]:
        driver.execute_query(text, id=i, cap=2000, routing_="r")
    for _ in range(rounds):
        for i in ids:
            t = time.perf_counter()
            driver.execute_query(text, id=i, cap=2000, routing_="r")
            times.append(time.perf_counter() - t)
    # Each node visited once: the search's database hits against the edges it could follow.
    with driver.session() as session:
        for i in ids[:20]:
            result = session.run("PROFILE " + text, id=i, cap=2000)
            summary = result.consume()
            record = session.run(text, id=i, cap=2000).single()
            visited = len(record["kept"]) if record else 0
            profile = summary.profile or {}
            hits.append(
                (
                    _operator_sum(profile, "StatefulShortestPath", "dbHits"),
                    _operator_sum(profile, "StatefulShortestPath", "rows"),
                    visited,
                )
            )
    stats = percentiles(times)
    nodes = max(1, sum(v - 1 for _, _, v in hits))  # the start is not a search result
    # 1.0 means every node came out of the search once: no path was enumerated twice.
    stats["search_rows_per_node"] = round(sum(r for _, r, _ in hits) / nodes, 2)
    stats["search_db_hits_per_node"] = round(sum(h for h, _, _ in hits) / nodes, 2)
    return stats


def _operator_sum(profile: dict[str, Any], prefix: str, key: str) -> int:
    mine = str(profile.get("operatorType", "")).startswith(prefix)
    own = int(profile.get(key, 0)) if mine else 0
    return own + sum(_operator_sum(c, prefix, key) for c in profile.get("children", []))


def networkx_latency(json_path: Path, ids: list[str], rounds: int) -> tuple[dict[str, Any], Any]:
    """As a user without the app would: load the exported JSON into networkx, then ask."""
    started = time.perf_counter()
    payload = json.loads(json_path.read_text(encoding="utf-8"))
    parsed = time.perf_counter()
    G = toc_graph.to_networkx(payload)
    built = time.perf_counter()
    times = []
    answers = {}
    for _ in range(rounds):
        for i in ids:
            t = time.perf_counter()
            answers[i] = toc_graph.upstream(G, i, DEPTH)
            times.append(time.perf_counter() - t)
    stats = percentiles(times)
    load_s = built - started
    stats.update(
        json_parse_s=round(parsed - started, 2),
        to_networkx_s=round(built - parsed, 2),
        load_once_s=round(load_s, 2),
        # A batch of queries pays the load once: what one answer costs in a batch of n.
        per_query_in_batch_of_100_ms=round((load_s + 100 * statistics.fmean(times)) * 10, 1),
        per_query_loading_each_time_ms=round((load_s + statistics.fmean(times)) * 1000, 1),
        json_mb=round(json_path.stat().st_size / 1e6, 1),
    )
    del G, payload
    return stats, answers


def run_latency_bench(
    driver: Driver,
    base: str,
    json_path: Path,
    say: Say,
    *,
    k: int = 100,
    rounds: int = 3,
    seed: int = 11,
) -> dict[str, Any]:
    ids = start_nodes(driver, k, seed)
    say(f"upstream depth {DEPTH} from {len(ids)} chain tops, {rounds} rounds each")
    out: dict[str, Any] = {"start_nodes": len(ids), "depth": DEPTH, "load_average": load_average()}
    out["api"], api_answers = api_latency(base, ids, rounds)
    out["cypher"] = cypher_latency(driver, ids, rounds)
    out["networkx"], nx_answers = networkx_latency(json_path, ids, rounds)
    same = all({k: v for k, v in api_answers[i].items() if k != i} == nx_answers[i] for i in ids)
    out["api_equals_networkx"] = same
    if not same:
        say("WARNING: the API's upstream answers differ from networkx's")
    say(
        f"  API p50 {out['api']['p50_ms']} ms p99 {out['api']['p99_ms']} ms; Cypher p50 "
        f"{out['cypher']['p50_ms']} ms; networkx p50 {out['networkx']['p50_ms']} ms after "
        f"{out['networkx']['load_once_s']} s loading"
    )
    return out


def between_latency(base: str, driver: Driver, n: int, seed: int) -> dict[str, Any]:
    """Paths between two results of the same programme (SHORTEST 50, hop cap 6)."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Result {level: 'activity'})-[:CONTRIBUTES_TO]->+(b:Result {level: 'impact'}) "
        "WITH a, collect(DISTINCT b.id) AS tops RETURN a.id AS a, tops[0] AS b ORDER BY a "
        "LIMIT 2000"
    )
    pairs = random.Random(seed).sample([(r["a"], r["b"]) for r in records], min(n, len(records)))
    times = []
    with httpx.Client(base_url=base, timeout=60) as client:
        for a, b in pairs:
            t = time.perf_counter()
            r = client.get("/api/pathways/between", params={"source": a, "target": b})
            times.append(time.perf_counter() - t)
            r.raise_for_status()
    return percentiles(times)


__all__ = ["nx", "run_latency_bench"]
