"""Cytoscape.js JSON: ``{"data": {...provenance}, "elements": {"nodes": [...], "edges": [...]}}``.

Loads with ``cy.json(doc)`` or ``cytoscape({elements: doc.elements})``, in
Cytoscape desktop (File > Import > Network from File, ``.cyjs``), and with
networkx's ``cytoscape_graph(doc)`` as a ``MultiDiGraph`` with the payload's
node ids and edge ids as keys: for that the document says ``directed`` and
``multigraph``, each node's data carries ``value`` (its id, which networkx
uses as the node) and ``name``, and each edge's ``key`` (its id).

Element ``data`` keeps property values as JSON (lists stay lists). Cytoscape
gives ``id``, ``source``, ``target`` and ``parent`` meaning, networkx
``value``, ``name`` and ``key``, so a property of one of those names is
written as ``prop_<name>`` (an edge's source *document* is ``prop_source``).
``classes`` carries the label and level for stylesheets. A non-finite number
is written as text (``"NaN"``): JSON has no such number.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from app.exports.attributes import json_safe, with_prefix
from app.render.model import graph_view
from app.render.stamp import TakenAt, make_stamp

__all__ = ["cytoscape_document", "to_cytoscape"]

NODE_RESERVED = frozenset({"id", "parent", "label", "node_label", "rank", "value", "name"})
EDGE_RESERVED = frozenset({"id", "source", "target", "parent", "label", "type", "key"})


def cytoscape_document(
    payload: Mapping[str, Any], *, title: str, taken_at: TakenAt
) -> dict[str, Any]:
    view = graph_view(payload)
    stamp = make_stamp(view, title=title, taken_at=taken_at)
    nodes = []
    for node in view.nodes:
        props = {k: v for k, v in node.properties.items() if v is not None and k != "name"}
        data = {
            "id": node.id,
            "value": node.id,
            "name": node.name,
            "label": node.name,
            "node_label": node.label,
            "rank": node.rank,
            **with_prefix(props, NODE_RESERVED),
        }
        classes = " ".join(c for c in (node.label, node.level) if c)
        nodes.append({"data": data, "classes": classes})
    edges = []
    for edge in view.edges:
        props = {k: v for k, v in edge.properties.items() if v is not None}
        data = {
            "id": edge.id,
            "key": edge.id,
            "source": edge.source,
            "target": edge.target,
            "label": edge.type,
            "type": edge.type,
            **with_prefix(props, EDGE_RESERVED),
        }
        edges.append({"data": data, "classes": edge.type})
    return {
        "format_version": "1.0",
        "generated_by": "toc-explorer",
        "target_cytoscapejs_version": "~3",
        "directed": True,
        "multigraph": True,
        "data": json_safe(stamp.as_dict()),
        "elements": {"nodes": json_safe(nodes), "edges": json_safe(edges)},
    }


def to_cytoscape(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> bytes:
    doc = cytoscape_document(payload, title=title, taken_at=taken_at)
    text = json.dumps(doc, ensure_ascii=False, indent=1, default=str, allow_nan=False)
    return text.encode("utf-8")
