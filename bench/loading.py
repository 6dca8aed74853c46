"""Load figures: the bulk loader (create, merge; one or more workers) against LOAD CSV."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from neo4j import Driver

from app.database.local_server import LocalNeo4j
from app.loader.bulk import BulkGraph, Mode, bulk_load
from app.repository.base import Db
from app.repository.schema import ensure_schema
from bench.loadcsv import load_csv
from bench.machine import load_average
from bench.servers import Say, clear
from bench.synthetic import write_bulk_csv


def fingerprint(driver: Driver) -> dict[str, Any]:
    """Counts and property totals per label and type: two loads of the same rows must agree."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n:Entity) WITH [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n "
        "RETURN label, count(*) AS n, sum(size(keys(n))) AS props, sum(n.seed_line) AS lines "
        "ORDER BY label"
    )
    rels, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n, sum(size(keys(r))) AS props, "
        "sum(r.seed_line) AS lines ORDER BY type"
    )
    return {
        "nodes": {r["label"]: [r["n"], r["props"], r["lines"]] for r in nodes},
        "relationships": {r["type"]: [r["n"], r["props"], r["lines"]] for r in rels},
    }


def _bulk(
    driver: Driver, graph: BulkGraph, mode: Mode, workers: int, batch: int, say: Say
) -> dict[str, Any]:
    load = load_average()
    report = bulk_load(
        driver,
        graph,
        mode=mode,
        workers=workers,
        batch_size=batch,
        progress=say,
    )
    return {
        "method": f"bulk {mode}",
        "workers": workers,
        "batch_size": batch,
        "rows": report.rows,
        "seconds": round(report.seconds, 2),
        "node_rows_per_s": round(sum(report.nodes.values()) / report.node_seconds),
        "relationship_rows_per_s": round(
            sum(report.relationships.values()) / report.relationship_seconds
        ),
        "rows_per_s": round(report.rows_per_second),
        "retried_batches": report.retried,
        "load_average": load,
    }


def _csv(driver: Driver, manifest: dict[str, Any], url: str, mode: str) -> dict[str, Any]:
    load = load_average()
    r = load_csv(driver, manifest, url, mode=mode)  # type: ignore[arg-type]
    return {
        "method": f"LOAD CSV {mode}",
        "workers": 1,
        "batch_size": 10_000,
        "rows": r.rows,
        "seconds": round(r.seconds, 2),
        "node_rows_per_s": round(r.nodes / r.node_seconds),
        "relationship_rows_per_s": round(r.relationships / r.relationship_seconds),
        "rows_per_s": round(r.rows_per_second),
        "load_average": load,
    }


def run_load_bench(
    driver: Driver,
    server: LocalNeo4j,
    graph: BulkGraph,
    size: str,
    say: Say,
    *,
    workers: tuple[int, ...] = (1, 2),
    batch: int = 5000,
) -> dict[str, Any]:
    """Every load on an emptied database (merges on top of a create); the graph stays loaded.

    Ends with the bulk loader's graph in the database, checked equal to LOAD CSV's.
    """
    out: dict[str, Any] = {"runs": []}
    runs = out["runs"]
    # The schema is made once, outside the timings: every method needs the same indexes.
    clear(driver)
    ensure_schema(Db(driver))
    say("warm-up: a small bulk load, so that query plans and the JVM are warm for every run")
    warm = BulkGraph(
        nodes=[type(g)(g.label, g.rows[:200]) for g in graph.nodes],
        relationships=[],
    )
    bulk_load(driver, warm, mode="create", schema=False)
    clear(driver)

    import_dir = server.dir / "import" / f"bench-{size}"
    shutil.rmtree(import_dir, ignore_errors=True)
    started = time.monotonic()
    manifest = write_bulk_csv(graph, import_dir)
    out["csv_write_seconds"] = round(time.monotonic() - started, 2)
    url = f"file:///bench-{size}"

    say("LOAD CSV create, then merge over it")
    runs.append(_csv(driver, manifest, url, "create"))
    csv_print = fingerprint(driver)
    runs.append(_csv(driver, manifest, url, "merge"))
    for w in workers:
        clear(driver)
        say(f"bulk create with {w} worker(s), then merge over it")
        runs.append(_bulk(driver, graph, "create", w, batch, say))
        runs.append(_bulk(driver, graph, "merge", w, batch, say))
    out["same_graph_as_load_csv"] = fingerprint(driver) == csv_print
    if not out["same_graph_as_load_csv"]:
        say("WARNING: the bulk loader's graph differs from LOAD CSV's")
    shutil.rmtree(import_dir, ignore_errors=True)

    def best(method: str) -> dict[str, Any]:
        return max((r for r in runs if r["method"] == method), key=lambda r: r["rows_per_s"])

    out["best"] = {
        m: best(m) for m in ("bulk create", "bulk merge", "LOAD CSV create", "LOAD CSV merge")
    }
    return out


def rows_for_json(graph: BulkGraph) -> dict[str, Any]:
    """The whole graph as a payload (docs/schema.md), as a user exporting it would hold it."""
    nodes = []
    for g in graph.nodes:
        for row in g.rows:
            props = {k: v for k, v in row.items() if k not in ("id", "name", "level", "framework")}
            node: dict[str, Any] = {"id": row["id"], "label": g.label, "name": row.get("name", "")}
            if "level" in row:
                node["level"] = row["level"]
            if "framework" in row:
                node["framework"] = row["framework"]
            node["properties"] = props
            nodes.append(node)
    edges = []
    for rg in graph.relationships:
        for r in rg.rows:
            props = {k: v for k, v in r["props"].items() if k != "id"}
            edges.append(
                {
                    "id": r["props"]["id"],
                    "source": r["start"],
                    "target": r["end"],
                    "type": rg.type,
                    "properties": props,
                }
            )
    return {"nodes": nodes, "edges": edges, "meta": {"query": "export"}}


def write_json(graph: BulkGraph, path: Path) -> float:
    import json

    started = time.monotonic()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows_for_json(graph)), encoding="utf-8")
    return time.monotonic() - started
