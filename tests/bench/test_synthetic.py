"""The synthetic generator's graphs, the bulk loader on the real test database, and pathway
answers from the API against networkx on the same synthetic graph."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from neo4j import Driver

import graph as toc_graph
from app.loader import check_seed, load_seed
from app.loader.bulk import BulkGraph, BulkLoadError, bulk_load
from bench.loading import rows_for_json
from bench.synthetic import SyntheticGraph, generate, parse_size, write_bulk_csv
from graph.vocabulary import LEVEL_RANK
from tests.support.seed import mark_dirty

SEED = 7


@pytest.fixture(scope="module")
def small() -> SyntheticGraph:
    return generate(1_000, SEED)


@pytest.fixture(scope="module")
def medium() -> SyntheticGraph:
    return generate(10_000, SEED)


def levels_and_chain(
    graph: SyntheticGraph, seed_dir: Path
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    rows = graph.bulk_graph(seed_dir)
    level = {r["id"]: r["level"] for g in rows.nodes if g.label == "Result" for r in g.rows}
    chain = [
        (r["start"], r["end"])
        for g in rows.relationships
        if g.type == "CONTRIBUTES_TO"
        for r in g.rows
    ]
    return level, chain


def fan_in(level: dict[str, str], chain: list[tuple[str, str]], low: str, high: str) -> float:
    """Mean number of `low` results contributing to each `high` result."""
    into: Counter[str] = Counter()
    for a, b in chain:
        if level.get(a) == low and level.get(b) == high:
            into[b] += 1
    highs = [n for n, lv in level.items() if lv == high]
    return sum(into[h] for h in highs) / len(highs)


# -- shape -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1_000, 2_500, 10_000])
def test_exactly_the_nodes_asked_for(size: int, tmp_path: Path) -> None:
    rows = generate(size, SEED).bulk_graph(tmp_path)
    assert rows.node_count == size
    ids = [r["id"] for g in rows.nodes for r in g.rows]
    assert len(set(ids)) == size


def test_sizes_by_name() -> None:
    assert [parse_size(s) for s in ("1k", "10k", "100k", "1m", "1234")] == [
        1_000, 10_000, 100_000, 1_000_000, 1_234,
    ]  # fmt: skip
    with pytest.raises(ValueError):
        parse_size("big")
    with pytest.raises(ValueError):
        generate(100)


def test_levels_narrow_towards_the_impact(medium: SyntheticGraph, tmp_path: Path) -> None:
    counts = medium.counts()
    levels = counts["levels"]
    # Many medium-term changes, fewer long-term ones, fewer manifestations; a wide base of
    # activities and actions under areas of work and lines of action.
    assert levels["medium_term_change"] > 5 * levels["long_term_change"]
    assert levels["long_term_change"] > 2 * levels["manifestation"]
    assert levels["activity"] > 2 * levels["area_of_work"] > 2 * levels["goal"]
    assert levels["action"] > 4 * levels["line_of_action"]
    assert levels["output"] > levels["outcome"]
    nodes = counts["nodes"]
    for label in ("Framework", "Actor", "Pledge", "Commitment", "Indicator", "Theme",
                  "Instrument", "Approach", "Challenge", "Solution", "Recommendation"):  # fmt: skip
        assert nodes.get(label, 0) > 0, label
    assert sum(nodes.values()) == 10_000


def test_fan_in_like_the_seeds(medium: SyntheticGraph, tmp_path: Path) -> None:
    level, chain = levels_and_chain(medium, tmp_path)
    assert 6 <= fan_in(level, chain, "medium_term_change", "long_term_change") <= 14
    assert 2.5 <= fan_in(level, chain, "long_term_change", "manifestation") <= 5
    manifestations = [n for n, lv in level.items() if lv == "manifestation"]
    assert {a for a, b in chain if level.get(b) == "impact"} >= set(manifestations)
    # Outcomes gather outputs (results frameworks) or reported results (projects).
    outcome_fan_in = fan_in(level, chain, "output", "outcome")
    assert 1 <= outcome_fan_in <= 4
    assert outcome_fan_in + fan_in(level, chain, "reported_result", "outcome") >= 3
    assert 2 <= fan_in(level, chain, "activity", "area_of_work") <= 4
    assert 5 <= fan_in(level, chain, "action", "line_of_action") <= 8
    # The chain only ever goes up, and is deep enough for six-hop pathways.
    for a, b in chain:
        if a in level:
            assert LEVEL_RANK[level[a]] < LEVEL_RANK[level[b]], (a, b)
    G = toc_graph.to_networkx(rows_for_json(medium.bulk_graph(tmp_path)))
    assert max(len(toc_graph.upstream(G, n)) for n in list(level)[:400] if level[n] == "impact")
    deepest = max(
        max(toc_graph.upstream(G, n).values(), default=0) for n in level if level[n] == "impact"
    )
    assert deepest >= 6


def test_the_same_seed_gives_the_same_graph(small: SyntheticGraph, tmp_path: Path) -> None:
    again = generate(1_000, SEED)
    assert [list(f.render()) for f in again.files] == [list(f.render()) for f in small.files]
    other = generate(1_000, SEED + 1)
    assert [list(f.render()) for f in other.files] != [list(f.render()) for f in small.files]


def test_big_graphs_are_split_into_several_seed_files(medium: SyntheticGraph) -> None:
    assert len(medium.files) > 20
    assert max(len(f.nodes) for f in medium.files) < 600


# -- the seed-file format --------------------------------------------------------------------


def _by_id(rows: BulkGraph) -> tuple[dict[str, Any], dict[str, Any]]:
    nodes = {r["id"]: (g.label, r) for g in rows.nodes for r in g.rows}
    rels = {
        r["props"]["id"]: (g.type, g.start_label, g.end_label, r)
        for g in rows.relationships
        for r in g.rows
    }
    return nodes, rels


def test_check_seed_accepts_the_yaml_and_reads_the_same_rows(
    small: SyntheticGraph, tmp_path: Path
) -> None:
    seed_dir = tmp_path / "seed"
    paths = small.write_yaml(seed_dir)
    assert len(paths) == len(small.files) > 1
    graph = check_seed(seed_dir)
    assert len(graph.nodes) == 1_000
    # What the validator makes of the YAML is exactly the generator's rows, provenance and
    # line numbers included.
    assert _by_id(BulkGraph.from_seed_graph(graph)) == _by_id(small.bulk_graph(seed_dir))


def test_csv_files_hold_every_row(small: SyntheticGraph, tmp_path: Path) -> None:
    manifest = small.bulk_graph(tmp_path / "seed")
    written = write_bulk_csv(manifest, tmp_path / "csv")
    assert sum(e["rows"] for e in written["nodes"]) == 1_000
    assert sum(e["rows"] for e in written["relationships"]) == manifest.relationship_count
    assert "seed_line" in written["integers"]
    first = written["relationships"][0]
    lines = (tmp_path / "csv" / first["file"]).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("start,end,")
    assert len(lines) == first["rows"] + 1
    assert json.loads((tmp_path / "csv" / "manifest.json").read_text()) == written


# -- bulk load into the real database --------------------------------------------------------


def dump(driver: Driver) -> list[str]:
    """Every node and relationship with its labels/type and all properties, in a stable order."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end,"
        " properties(r) AS props"
    )
    rows = [{**r.data(), "labels": sorted(r["labels"])} for r in nodes]
    rows += [r.data() for r in rels]
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


def test_bulk_load_gives_the_seed_loaders_graph(
    empty_db: Driver, small: SyntheticGraph, tmp_path: Path
) -> None:
    mark_dirty()
    seed_dir = tmp_path / "seed"
    small.write_yaml(seed_dir)
    load_seed(empty_db, seed_dir)
    expected = dump(empty_db)
    assert len(expected) == 1_000 + small.bulk_graph(seed_dir).relationship_count

    empty_db.execute_query("MATCH (n) DETACH DELETE n")
    rows = small.bulk_graph(seed_dir)
    messages: list[str] = []
    report = bulk_load(empty_db, rows, mode="create", batch_size=700, workers=2,
                       progress=messages.append)  # fmt: skip
    assert report.rows == 1_000 + rows.relationship_count
    assert messages and any("rows/s" in m for m in messages)
    assert dump(empty_db) == expected

    # Merging the same rows again changes nothing; create refuses a database with data.
    bulk_load(empty_db, rows, mode="merge", batch_size=1_000, workers=2)
    assert dump(empty_db) == expected
    with pytest.raises(BulkLoadError, match="empty database"):
        bulk_load(empty_db, rows, mode="create")


def test_a_missing_end_fails_the_batch(empty_db: Driver, small: SyntheticGraph) -> None:
    mark_dirty()
    rows = small.bulk_graph("seed")
    no_themes = BulkGraph(
        nodes=[g for g in rows.nodes if g.label != "Theme"], relationships=rows.relationships
    )
    with pytest.raises(BulkLoadError, match="missing"):
        bulk_load(empty_db, no_themes, mode="create", workers=1)


# -- pathways: the API against networkx ------------------------------------------------------


def test_pathway_answers_equal_networkx(
    empty_db: Driver, small: SyntheticGraph, bare_client: TestClient, tmp_path: Path
) -> None:
    mark_dirty()
    rows = small.bulk_graph(tmp_path / "seed")
    bulk_load(empty_db, rows, mode="create")
    G = toc_graph.to_networkx(rows_for_json(rows))
    by_level: dict[str, list[str]] = defaultdict(list)
    for node, data in sorted(G.nodes(data=True)):
        by_level[data.get("level") or data["label"]].append(node)
    starts = (
        by_level["impact"][:3] + by_level["manifestation"][:2] + by_level["goal"][:2]
        + by_level["medium_term_change"][:3] + by_level["activity"][:3]
        + by_level["Pledge"][:3] + by_level["Commitment"][:2]
    )  # fmt: skip
    assert len(starts) >= 15
    checked = 0
    for node in starts:
        for depth in range(1, 7):
            for direction, expected in (
                ("upstream", toc_graph.upstream(G, node, depth)),
                ("downstream", toc_graph.downstream(G, node, depth)),
            ):
                r = bare_client.get(f"/api/pathways/{node}/{direction}", params={"depth": depth})
                assert r.status_code == 200
                body = r.json()
                got = {n["id"]: n["properties"]["hops"] for n in body["nodes"]}
                assert got.pop(node) == 0
                assert got == expected, (node, direction, depth)
                # Nearest first, and every edge among the nodes shown is there.
                order = [(n["properties"]["hops"], n["id"]) for n in body["nodes"]]
                assert order == sorted(order)
                shown = set(got) | {node}
                chain = {
                    (u, v)
                    for u, v, t in G.edges(data="type")
                    if t == "CONTRIBUTES_TO" and u in shown and v in shown
                }
                assert {(e["source"], e["target"]) for e in body["edges"]} == chain
                checked += 1
    assert checked == len(starts) * 12
    top = next(n for n in by_level["impact"] if n.endswith(".impact"))  # a theory of change's
    full = bare_client.get(f"/api/pathways/{top}/upstream").json()
    deepest = max(n["properties"]["hops"] for n in full["nodes"])
    assert deepest >= 6 and len(full["nodes"]) == len(toc_graph.upstream(G, top)) + 1
