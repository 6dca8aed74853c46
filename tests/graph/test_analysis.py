"""Pure tests of the ``graph`` package: no database, no web app.

Traversals are checked against brute force (Floyd-Warshall distances, full
path enumeration) on a seeded random DAG, so the fast code and the obvious
code must agree.
"""

from __future__ import annotations

import ast
import copy
import doctest
import importlib
import itertools
import json
import pkgutil
import random
import re
from typing import Any

import networkx as nx
import pytest

import graph
from graph import (
    LEVEL_RANK,
    betweenness,
    chain_to_top,
    cycles,
    dead_ends,
    downstream,
    from_networkx,
    level_skips,
    level_violations,
    neighbourhood,
    orphans,
    paths_between,
    rank,
    reach,
    structure_report,
    to_networkx,
    top_through,
    tops,
    unreachable_from,
    upstream,
)
from tests.support.paths import REPO as ROOT

CT = "CONTRIBUTES_TO"
INF = float("inf")


# --- fixtures ---------------------------------------------------------------


def random_dag(seed: int, n: int = 30, p: float = 0.12) -> nx.MultiDiGraph:
    """A chain DAG (edges go from lower to higher index) plus noise edges of
    other types in both directions, which every chain query must ignore."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    levels = sorted(LEVEL_RANK, key=LEVEL_RANK.__getitem__)
    for i in range(n):
        G.add_node(f"n{i:02d}", label="Result", level=levels[i * len(levels) // n], framework="f")
    for i, j in itertools.combinations(range(n), 2):
        if rng.random() < p:
            G.add_edge(f"n{i:02d}", f"n{j:02d}", key=f"{CT}:n{i:02d}->n{j:02d}", type=CT)
    for _ in range(n):
        i, j = rng.sample(range(n), 2)
        G.add_edge(f"n{i:02d}", f"n{j:02d}", type=rng.choice(["ALIGNS_WITH", "HAS_THEME"]))
    return G


def chain_only(G: nx.MultiDiGraph) -> nx.DiGraph:
    D = nx.DiGraph()
    D.add_nodes_from(G)
    D.add_edges_from((u, v) for u, v, t in G.edges(data="type") if t == CT)
    return D


def floyd(D: nx.DiGraph) -> dict[str, dict[str, float]]:
    """Hop distances by Floyd-Warshall: independent of the BFS under test."""
    nodes = list(D)
    dist = {u: {v: 0.0 if u == v else INF for v in nodes} for u in nodes}
    for u, v in D.edges():
        dist[u][v] = 1.0
    for k in nodes:
        for i in nodes:
            for j in nodes:
                if dist[i][k] + dist[k][j] < dist[i][j]:
                    dist[i][j] = dist[i][k] + dist[k][j]
    return dist


SEEDS = [1, 7, 42]


@pytest.fixture(scope="module", params=SEEDS)
def dag(request: pytest.FixtureRequest) -> tuple[nx.MultiDiGraph, dict[str, dict[str, float]]]:
    G = random_dag(request.param)
    return G, floyd(chain_only(G))


def sample_payload() -> dict[str, Any]:
    return {
        "nodes": [
            {
                "id": "mirps.impact",
                "label": "Result",
                "level": "impact",
                "name": "Refugees access decent work",
                "framework": ["mirps-toc", "mirps-rf"],
                "properties": {"source": "000_a.txt", "quote": "…", "seed_line": 12},
            },
            {
                "id": "mirps-toc.ltc-1",
                "label": "Result",
                "level": "long_term_change",
                "name": "Regulations facilitate labour integration",
                "framework": "mirps-toc",
                "properties": {"section": "Step 2 > Long-term changes", "themes": ["a", "b"]},
            },
            {"id": "actor.ilo", "label": "Actor", "name": "ILO", "properties": {}},
            {
                "id": "pledge.grf-1",
                "label": "Pledge",
                "level": None,
                "name": "GRF 1",
                "properties": {"code": "GRF 08001"},
            },
        ],
        # Deliberately not grouped by source node: networkx would reorder these.
        "edges": [
            {
                "id": "CONTRIBUTES_TO:mirps-toc.ltc-1->mirps.impact",
                "source": "mirps-toc.ltc-1",
                "target": "mirps.impact",
                "type": CT,
                "properties": {"basis": "stated", "source": "000_a.txt"},
            },
            {
                "id": "IMPLEMENTS:actor.ilo->mirps-toc.ltc-1",
                "source": "actor.ilo",
                "target": "mirps-toc.ltc-1",
                "type": "IMPLEMENTS",
                "properties": {},
            },
            {
                "id": "CONTRIBUTES_TO:pledge.grf-1->mirps-toc.ltc-1",
                "source": "pledge.grf-1",
                "target": "mirps-toc.ltc-1",
                "type": CT,
                "properties": {"basis": "inferred", "rationale": "why"},
            },
        ],
        "meta": {
            "query": "upstream",
            "params": {"id": "mirps.impact", "depth": 3},
            "truncated": False,
        },
    }


def make(edges: list[tuple[str, str]], **levels: str) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n, level in levels.items():
        G.add_node(n, label="Result", level=level, framework="f")
    for u, v in edges:
        G.add_edge(u, v, key=f"{CT}:{u}->{v}", type=CT)
    return G


# --- levels -----------------------------------------------------------------


def test_level_ranks_match_schema_table() -> None:
    text = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
    section = text.split("### Results-chain levels", 1)[1].split("\n## ", 1)[0]
    table = {m[1]: int(m[2]) for m in re.finditer(r"^\| `(\w+)` \| (\d+) \|", section, re.M)}
    assert table == LEVEL_RANK
    assert list(table) == list(LEVEL_RANK)  # same order as the schema, for readers


def test_rank() -> None:
    assert rank("impact") == 100
    assert rank("reported_result") == 30
    assert rank("Impact") is None
    assert rank(None) is None


# --- payload ----------------------------------------------------------------


def test_payload_round_trip_exact() -> None:
    payload = sample_payload()
    G = to_networkx(copy.deepcopy(payload))
    assert from_networkx(G) == payload
    # Exact down to order and JSON text, which is what views and exports compare.
    assert json.dumps(from_networkx(G)) == json.dumps(payload)


def test_payload_attributes_flattened() -> None:
    G = to_networkx(sample_payload())
    assert isinstance(G, nx.MultiDiGraph)
    assert G.nodes["mirps.impact"]["level"] == "impact"
    assert G.nodes["mirps.impact"]["seed_line"] == 12
    assert "level" not in G.nodes["actor.ilo"]  # absent stays absent
    key = "CONTRIBUTES_TO:mirps-toc.ltc-1->mirps.impact"
    assert G.edges["mirps-toc.ltc-1", "mirps.impact", key] == {
        "type": CT,
        "basis": "stated",
        "source": "000_a.txt",
    }


def test_payload_round_trip_random_graph() -> None:
    payload = from_networkx(random_dag(3))
    assert from_networkx(to_networkx(payload)) == payload
    assert len(payload["edges"]) == random_dag(3).number_of_edges()


def test_payload_is_copied_not_shared() -> None:
    payload = sample_payload()
    G = to_networkx(payload)
    payload["nodes"][1]["properties"]["themes"].append("c")
    assert G.nodes["mirps-toc.ltc-1"]["themes"] == ["a", "b"]
    out = from_networkx(G)
    out["nodes"][1]["properties"]["themes"].append("d")
    assert G.nodes["mirps-toc.ltc-1"]["themes"] == ["a", "b"]


def test_payload_edge_order_stable_after_changes() -> None:
    G = to_networkx(sample_payload())
    G.add_edge(
        "actor.ilo", "mirps.impact", key="IMPLEMENTS:actor.ilo->mirps.impact", type="IMPLEMENTS"
    )
    G.remove_edge("actor.ilo", "mirps-toc.ltc-1", key="IMPLEMENTS:actor.ilo->mirps-toc.ltc-1")
    ids = [e["id"] for e in from_networkx(G)["edges"]]
    assert ids == [
        "CONTRIBUTES_TO:mirps-toc.ltc-1->mirps.impact",
        "CONTRIBUTES_TO:pledge.grf-1->mirps-toc.ltc-1",
        "IMPLEMENTS:actor.ilo->mirps.impact",
    ]


def test_from_networkx_invents_unique_ids_for_integer_keys() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", type=CT)
    G.add_edge("a", "b", type=CT)
    G.add_edge("b", "c", type="ALIGNS_WITH")
    payload = from_networkx(G)
    assert [e["id"] for e in payload["edges"]] == [
        "CONTRIBUTES_TO:a->b",
        "CONTRIBUTES_TO:a->b#2",
        "ALIGNS_WITH:b->c",
    ]
    assert from_networkx(to_networkx(payload)) == payload


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda p: p["nodes"].append(copy.deepcopy(p["nodes"][0])), "duplicate node id"),
        (lambda p: p["edges"].append(copy.deepcopy(p["edges"][0])), "duplicate edge id"),
        (lambda p: p["edges"][0].update(target="nowhere"), "is not a node"),
        (lambda p: p["nodes"][0]["properties"].update(level="x"), "shadow"),
        (lambda p: p["edges"][0]["properties"].update(type="x"), "shadow"),
    ],
)
def test_payload_rejects_bad_input(mutate: Any, message: str) -> None:
    payload = sample_payload()
    mutate(payload)
    with pytest.raises(ValueError, match=message):
        to_networkx(payload)


# --- pathways against brute force -------------------------------------------


@pytest.mark.parametrize("depth", [None, 0, 1, 2, 3])
def test_upstream_downstream_match_brute_force(
    dag: tuple[nx.MultiDiGraph, dict[str, dict[str, float]]], depth: int | None
) -> None:
    G, dist = dag
    cap = INF if depth is None else depth

    def within(d: float) -> bool:
        return d < INF and d <= cap

    for node in G:
        want_up = {u: int(dist[u][node]) for u in G if u != node and within(dist[u][node])}
        want_down = {v: int(dist[node][v]) for v in G if v != node and within(dist[node][v])}
        got_up = upstream(G, node, depth)
        got_down = downstream(G, node, depth)
        assert got_up == want_up
        assert got_down == want_down
        # Ordered by distance, then id.
        assert list(got_up) == sorted(got_up, key=lambda n: (got_up[n], n))


def test_neighbourhood_matches_ego_graph(
    dag: tuple[nx.MultiDiGraph, dict[str, dict[str, float]]],
) -> None:
    G, dist = dag
    D = chain_only(G)
    for node in list(G)[::3]:
        for depth in (0, 1, 2):
            both = neighbourhood(G, node, depth, "both")
            assert both[0] == node
            assert set(both) == set(nx.ego_graph(D, node, radius=depth, undirected=True))
            out = neighbourhood(G, node, depth, "out")
            assert set(out) == {v for v in G if dist[node][v] <= depth}
            inn = neighbourhood(G, node, depth, "in")
            assert set(inn) == {u for u in G if dist[u][node] <= depth}


@pytest.mark.parametrize("max_hops", [1, 2, 3, 5])
def test_paths_between_match_brute_force(
    dag: tuple[nx.MultiDiGraph, dict[str, dict[str, float]]], max_hops: int
) -> None:
    G, dist = dag
    D = chain_only(G)
    pairs = [(a, b) for a, b in itertools.permutations(G, 2) if dist[a][b] < INF][::7]
    assert pairs
    for a, b in pairs:
        want = {
            tuple(p)
            for s, t in ((a, b), (b, a))
            for p in nx.all_simple_paths(D, s, t, cutoff=max_hops)
        }
        got = paths_between(G, b, a, max_hops=max_hops, max_paths=10_000)
        assert {tuple(p) for p in got} == want
        assert len(got) == len(want)
        assert [len(p) for p in got] == sorted(len(p) for p in got)

        bounded = paths_between(G, a, b, max_hops=max_hops, max_paths=2)
        assert len(bounded) == min(2, len(want))
        # Shortest first: the bounded answer holds the shortest lengths there are.
        assert [len(p) for p in bounded] == sorted(len(p) for p in want)[:2]
        for path in bounded:
            assert all(D.has_edge(u, v) for u, v in itertools.pairwise(path))


def test_paths_between_edge_cases() -> None:
    G = make([("a", "b"), ("b", "c")])
    G.add_edge("c", "a", type="ALIGNS_WITH")
    assert paths_between(G, "a", "a") == [["a"]]
    assert paths_between(G, "a", "c", max_hops=1) == []
    assert paths_between(G, "a", "c", max_paths=0) == []
    assert paths_between(G, "c", "a") == [["a", "b", "c"]]
    assert paths_between(G, "c", "a", edge_types=None) == [["c", "a"], ["a", "b", "c"]]
    with pytest.raises(nx.NodeNotFound):
        paths_between(G, "a", "zz")
    with pytest.raises(ValueError):
        paths_between(G, "a", "c", max_hops=-1)


def test_chain_to_top_matches_descendants(
    dag: tuple[nx.MultiDiGraph, dict[str, dict[str, float]]],
) -> None:
    G, _ = dag
    D = chain_only(G)
    for node in G:
        sub = chain_to_top(G, node)
        members = nx.descendants(D, node) | {node}
        assert sub["nodes"] == sorted(members)
        assert sub["edges"] == sorted(D.subgraph(members).edges())
        assert sub["tops"] == sorted(n for n in members if D.out_degree(n) == 0)


def test_traversal_errors() -> None:
    G = make([("a", "b")])
    with pytest.raises(nx.NodeNotFound):
        upstream(G, "missing")
    with pytest.raises(ValueError):
        downstream(G, "a", depth=-1)
    with pytest.raises(ValueError):
        neighbourhood(G, "a", 1, "sideways")  # type: ignore[arg-type]


def test_edge_types_string_means_one_type() -> None:
    G = make([("a", "b")])
    G.add_edge("c", "b", type="MEASURES")
    assert upstream(G, "b", edge_types="MEASURES") == {"c": 1}
    assert upstream(G, "b", edge_types=None) == {"a": 1, "c": 1}


# --- centrality -------------------------------------------------------------


def test_reach_matches_ancestors(dag: tuple[nx.MultiDiGraph, dict[str, dict[str, float]]]) -> None:
    G, dist = dag
    got = reach(G)
    for n in G:
        assert got[n] == {
            "in": sum(1 for u in G if u != n and dist[u][n] < INF),
            "out": sum(1 for v in G if v != n and dist[n][v] < INF),
        }


def test_betweenness_over_chain_only() -> None:
    G = make([("a", "m"), ("b", "m"), ("m", "top")])
    G.add_node("actor", label="Actor")
    G.add_edge("actor", "m", type="IMPLEMENTS")
    scores = betweenness(G)
    assert set(scores) == set(G)
    assert scores["actor"] == 0.0
    assert scores["m"] == pytest.approx(
        nx.betweenness_centrality(chain_only(G).subgraph(["a", "b", "m", "top"]))["m"]
    )
    assert scores["m"] == pytest.approx(2 / 6)  # 2 paths through m, (n-1)(n-2) = 6 on 4 chain nodes


def test_top_through_matches_path_enumeration(
    dag: tuple[nx.MultiDiGraph, dict[str, dict[str, float]]],
) -> None:
    G, _ = dag
    D = chain_only(G)
    D.remove_nodes_from([n for n in list(D) if D.degree(n) == 0])
    bottoms = [n for n in D if D.in_degree(n) == 0]
    tops_ = [n for n in D if D.out_degree(n) == 0]
    pathways = [p for s in bottoms for t in tops_ for p in nx.all_simple_paths(D, s, t)]
    counts = {n: sum(1 for p in pathways if n in p[1:-1]) for n in D}
    want = sorted(((n, c) for n, c in counts.items() if c), key=lambda x: (-x[1], x[0]))

    got = top_through(G, k=len(G))
    assert [(t["id"], t["pathways"]) for t in got] == want
    assert all(t["share"] == pytest.approx(t["pathways"] / len(pathways)) for t in got)
    assert top_through(G, k=3) == got[:3]


def test_top_through_refuses_cycles() -> None:
    with pytest.raises(ValueError, match="cycle"):
        top_through(make([("a", "b"), ("b", "a")]))


# --- structure --------------------------------------------------------------


def test_cycles_detected_and_normalised() -> None:
    G = make([("c", "a"), ("a", "b"), ("b", "c"), ("b", "d"), ("x", "x")])
    G.add_edge("d", "a", type="ALIGNS_WITH")
    assert cycles(G) == [["a", "b", "c"], ["x"]]
    assert cycles(G, edge_types=None) == [["a", "b", "c"], ["a", "b", "d"], ["x"]]
    assert cycles(random_dag(1)) == []


def test_level_skips_rule() -> None:
    G = make(
        [
            ("mtc", "ltc"),
            ("ltc", "man"),
            ("man", "imp"),
            ("mtc", "imp"),  # skips long_term_change and manifestation
            ("ltc", "imp"),  # skips manifestation
            ("out", "imp2"),  # framework rf uses nothing between output and impact
            ("mtc", "imp2"),  # no framework in common: not a skip
        ],
        mtc="medium_term_change",
        ltc="long_term_change",
        man="manifestation",
        imp="impact",
    )
    G.add_node("out", label="Result", level="output", framework="rf")
    G.add_node("imp2", label="Result", level="impact", framework="rf")
    skips = level_skips(G)
    assert [(s["id"], s["skipped_levels"], s["frameworks"]) for s in skips] == [
        ("CONTRIBUTES_TO:ltc->imp", ["manifestation"], ["f"]),
        ("CONTRIBUTES_TO:mtc->imp", ["manifestation", "long_term_change"], ["f"]),
    ]
    assert skips[1]["source_level"] == "medium_term_change"

    # Membership through PART_OF counts: the impact shared by two frameworks.
    G.add_edge("imp2", "f", type="PART_OF")
    assert "CONTRIBUTES_TO:mtc->imp2" in {s["id"] for s in level_skips(G)}


def test_level_skips_equal_rank_is_not_between() -> None:
    # goal shares rank 80 with long_term_change: an outcome -> goal edge skips nothing.
    G = make([("o", "g")], o="outcome", g="goal", l="long_term_change")
    assert level_skips(G) == []


def test_level_violations() -> None:
    G = make(
        [("o", "c"), ("c", "o"), ("c", "l"), ("p", "o"), ("o", "p"), ("w", "c"), ("r", "c")],
        o="output",
        c="outcome",
        l="line_of_action",
        w="weird",
    )
    G.add_node("p", label="Pledge")
    G.add_node("r", label="Result")
    got = {v["id"]: v["reason"] for v in level_violations(G)}
    assert got == {
        "CONTRIBUTES_TO:c->o": "downward",
        "CONTRIBUTES_TO:c->l": "same rank",
        "CONTRIBUTES_TO:o->p": "target has no known level",
        "CONTRIBUTES_TO:w->c": "source level unknown",
        "CONTRIBUTES_TO:r->c": "result without level",
    }


def test_orphans_tops_dead_ends_unreachable() -> None:
    G = make(
        [("a", "o1"), ("o1", "imp"), ("o2", "x")],
        a="activity",
        o1="output",
        o2="output",
        x="outcome",
        imp="impact",
        lonely="output",
        top_alone="impact",
    )
    G.add_node("actor", label="Actor")
    G.add_edge("actor", "lonely", type="IMPLEMENTS")
    assert orphans(G) == ["lonely", "top_alone"]
    assert tops(G) == ["imp", "x"]
    assert dead_ends(G) == ["lonely", "x"]
    assert unreachable_from(G, "imp") == ["lonely", "o2", "top_alone", "x"]
    G.add_node("other", label="Result", level="output", framework="g")
    assert "other" not in unreachable_from(G, "imp", framework="f")
    assert "other" in unreachable_from(G, "imp")


def test_structure_report_on_clean_and_broken_graphs() -> None:
    clean = make([("o", "imp")], o="output", imp="impact")
    assert structure_report(clean) == {
        "cycles": [],
        "level_violations": [],
        "level_skips": [],
        "orphans": [],
        "dead_ends": [],
    }
    broken = make([("o", "imp"), ("imp", "o")], o="output", imp="impact")
    report = structure_report(broken)
    assert report["cycles"] == [["imp", "o"]]
    assert [v["reason"] for v in report["level_violations"]] == ["downward"]


def test_results_are_plain_json_data() -> None:
    G = to_networkx(sample_payload())
    node = "mirps-toc.ltc-1"
    outputs = [
        upstream(G, node),
        downstream(G, node),
        neighbourhood(G, node, 2),
        paths_between(G, "pledge.grf-1", "mirps.impact"),
        chain_to_top(G, node),
        betweenness(G),
        reach(G),
        top_through(G),
        structure_report(G),
        tops(G),
        unreachable_from(G, "mirps.impact"),
    ]
    for out in outputs:
        json.dumps(out)  # would fail on networkx views, sets or graphs


# --- the package as a whole -------------------------------------------------


def graph_modules() -> list[str]:
    return ["graph"] + [f"graph.{m.name}" for m in pkgutil.iter_modules(graph.__path__)]


@pytest.mark.parametrize("name", graph_modules())
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name != "graph":
        assert result.attempted > 0, f"{name} has no doctest examples"


def test_every_public_function_has_a_doctest() -> None:
    finder = doctest.DocTestFinder()
    for name in graph.__all__:
        obj = getattr(graph, name)
        if (
            callable(obj)
            and getattr(obj, "__module__", "").startswith("graph.")
            and not isinstance(obj, type)
        ):
            tests = finder.find(obj, name)
            assert any(t.examples for t in tests), f"{name} has no runnable example"


FORBIDDEN = ("app", "neo4j", "fastapi", "uvicorn", "pyvis", "starlette", "jinja2", "graphviz")


def test_graph_package_imports_nothing_from_web_driver_or_views() -> None:
    for path in (ROOT / "graph").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
