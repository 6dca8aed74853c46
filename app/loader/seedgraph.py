"""The validated seed: every node and relationship exactly as it will be stored."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from app.loader.model import edge_id
from graph.vocabulary import LEVEL_RANK, NODE_LABELS, RELATIONSHIP_TYPES, Label


@dataclass(frozen=True)
class SeedNode:
    id: str
    label: str
    properties: dict[str, Any]  # includes id, the defaulted quote, origin, seed_file, seed_line
    file: str
    line: int


@dataclass(frozen=True)
class SeedEdge:
    type: str
    start: str
    end: str
    properties: dict[str, Any]  # includes id, basis, origin, seed_file, seed_line
    file: str
    line: int
    declared: bool  # listed under `edges:` (False: made from a node's shorthand key)

    @property
    def id(self) -> str:
        return edge_id(self.type, self.start, self.end)


@dataclass
class SeedGraph:
    nodes: dict[str, SeedNode] = field(default_factory=dict)
    edges: dict[str, SeedEdge] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def label_of(self, node_id: str) -> str:
        return self.nodes[node_id].label

    def nodes_by_label(self) -> dict[str, list[SeedNode]]:
        """Nodes grouped by label, labels in allow-list order, only labels that occur."""
        out: dict[str, list[SeedNode]] = {}
        for label in NODE_LABELS:
            group = [n for n in self.nodes.values() if n.label == label]
            if group:
                out[label] = group
        return out

    def edges_by_type(self) -> dict[str, list[SeedEdge]]:
        out: dict[str, list[SeedEdge]] = {}
        for rel_type in RELATIONSHIP_TYPES:
            group = [e for e in self.edges.values() if e.type == rel_type]
            if group:
                out[rel_type] = group
        return out

    def summary(self) -> str:
        """Counts per label (and per level for results) and per relationship type."""
        lines = [
            f"{len(self.files)} seed files, {len(self.nodes)} nodes, "
            f"{len(self.edges)} relationships: no problems found"
        ]
        for label, group in self.nodes_by_label().items():
            line = f"  {label:<16} {len(group):>5}"
            if label == Label.RESULT:
                levels = Counter(str(n.properties.get("level")) for n in group)
                # Top of the chain first, as the levels table reads.
                order = sorted(levels.items(), key=lambda kv: (-LEVEL_RANK.get(kv[0], 0), kv[0]))
                line += "  (" + ", ".join(f"{lv} {c}" for lv, c in order) + ")"
            lines.append(line)
        for rel_type, edges in self.edges_by_type().items():
            stated = sum(1 for e in edges if e.properties.get("basis") == "stated")
            inferred = len(edges) - stated
            lines.append(
                f"  {rel_type:<16} {len(edges):>5}  ({stated} stated, {inferred} inferred)"
            )
        return "\n".join(lines)
