"""Layered positions (graph/layout.py): bands by rank, fewer crossings after the sweeps, wide
bands wrapped. The API's use of them (positions=true) is in tests/routers/test_big_views.py."""

from __future__ import annotations

import doctest
import itertools
import random

import networkx as nx
import pytest

import graph.layout
from graph.layout import crossings, layered_layout, layout_nodes, node_rank


def test_doctests() -> None:
    result = doctest.testmod(graph.layout)
    assert result.failed == 0 and result.attempted >= 10


def layered_dag(widths: list[int], seed: int, fan_out: int = 2) -> nx.DiGraph:
    """Random layers, top layer first; each node links to one or more nodes a layer up."""
    rng = random.Random(seed)
    G = nx.DiGraph()
    layers = [[f"r{r}-{i}" for i in range(w)] for r, w in enumerate(widths)]
    for r, layer in enumerate(layers):
        for n in layer:
            G.add_node(n, rank=100 - r)
            if r:
                for m in rng.sample(layers[r - 1], min(fan_out, len(layers[r - 1]))):
                    G.add_edge(n, m)
    return G


def by_rank(n: object, d: dict[str, int]) -> int:
    return d["rank"]


def test_bands_follow_rank_and_every_node_is_placed() -> None:
    G = layered_dag([1, 4, 30, 90], seed=1)
    pos = layered_layout(G, by_rank, max_row=1000)
    assert set(pos) == set(G)
    ys = {}
    for n, (_, y) in pos.items():
        ys.setdefault(G.nodes[n]["rank"], set()).add(y)
    assert all(len(v) == 1 for v in ys.values())
    ordered = [ys[r].pop() for r in sorted(ys, reverse=True)]
    assert ordered == sorted(ordered)
    # Within a band, nodes never overlap.
    for r in (100, 99, 98, 97):
        xs = sorted(x for n, (x, _) in pos.items() if G.nodes[n]["rank"] == r)
        assert all(b - a >= 220 for a, b in itertools.pairwise(xs))


def test_barycentric_sweeps_cross_fewer_edges() -> None:
    for seed in range(5):
        G = layered_dag([3, 12, 40, 80], seed=seed)
        before = crossings(G, layered_layout(G, by_rank, sweeps=0, max_row=1000))
        after = crossings(G, layered_layout(G, by_rank, max_row=1000))
        assert after < before * 0.8, (seed, before, after)


def test_a_tree_is_drawn_without_crossings() -> None:
    G = nx.DiGraph()
    for i in range(4):
        G.add_edge(f"b{i}", "top")
        for j in range(5):
            G.add_edge(f"c{i}.{j}", f"b{i}")
    rank = {"top": 3, **{f"b{i}": 2 for i in range(4)}}
    rng = random.Random(3)
    shuffled = nx.DiGraph()
    nodes = list(G)
    rng.shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(G.edges)
    pos = layered_layout(shuffled, lambda n, _d: rank.get(str(n), 1))
    assert crossings(shuffled, pos) == 0


def test_wide_bands_wrap_and_big_graphs_are_laid_out() -> None:
    G = layered_dag([2, 10, 300, 3000], seed=4, fan_out=1)
    pos = layered_layout(G, by_rank, max_row=60)
    widest = max(abs(x) for x, _ in pos.values())
    assert widest <= 30 * 220
    bottom = {y for n, (_, y) in pos.items() if G.nodes[n]["rank"] == 97}
    assert len(bottom) == 3000 // 60
    # The same input gives the same picture.
    assert layered_layout(G, by_rank, max_row=60) == pos


def test_default_ranks_and_plain_inputs() -> None:
    assert node_rank("a", {"level": "impact"}) > node_rank("b", {"label": "Pledge"})
    pos = layout_nodes([("i", 100), ("o", 50), ("p", 20)], [("p", "o"), ("o", "i"), ("o", "zz")])
    assert pos["i"][1] < pos["o"][1] < pos["p"][1]
    with pytest.raises(ValueError):
        layered_layout(nx.Graph(), max_row=0)
