"""GraphML and GEXF through networkx's writers (Gephi, Gephi Lite, yEd, Cytoscape desktop...).

The payload is read through :func:`app.render.model.graph_view` like every other
format (so a posted payload's ``name`` or ``level`` in ``properties`` is
tolerated there, once), then put into a writer-friendly ``MultiDiGraph`` where
every attribute is a scalar (see :mod:`app.exports.attributes`) and the names
follow the tools' conventions:

* node ``label`` is the display text (the node's ``name``), ``node_label`` the
  schema label (``Result``, ``Pledge``...), ``rank`` the level's rank;
* edge ``label`` and ``rel_type`` are the relationship type, the edge id is
  the payload id;
* a property whose name the format reserves (GEXF reads ``start``/``end`` as
  time spells, ``type`` as edge direction...) is written as ``prop_<name>``.

Provenance: GraphML graph-level data keys (``title``, ``query``, ``params``,
``options``, ``taken_at``, ``sources``...), written as the first children of
``<graph>``: GraphML allows them anywhere there, but graphology's reader (Gephi
Lite) keeps only the ones before the first node. GEXF: ``<meta>`` creator,
description, keywords and ``lastmodifieddate``.

networkx's GEXF writer is made to write exactly GEXF 1.2draft (its XSD is in
``tests/exports/schemas``): no ``name`` on ``<graph>`` (the schema has none), no
``networkx_key`` attribute on edges (the edge id is already the payload id), and
the creator is this program.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element, SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from app.exports.attributes import Scalar, scalar, unify_types, with_prefix
from app.render.model import ViewEdge, ViewNode, graph_view
from app.render.stamp import GENERATOR, ExportStamp, TakenAt, make_stamp

__all__ = ["to_gexf", "to_graphml", "writer_graph"]

# networkx's GEXF writer renames any attribute called "key" to "networkx_key", on nodes too.
NODE_RESERVED = frozenset(
    {"id", "label", "node_label", "rank", "start", "end", "pid", "viz", "parents", "slices"}
    | {"spells", "key", "networkx_key"}
)
EDGE_RESERVED = frozenset(
    {"id", "label", "rel_type", "type", "weight", "key", "networkx_key", "start", "end"}
    | {"spells", "slices", "source", "target"}
)


def _node_record(node: ViewNode) -> dict[str, Scalar]:
    record: dict[str, Any] = {
        "label": node.name,
        "node_label": node.label,
        "rank": node.rank,
        **with_prefix(node.properties, NODE_RESERVED),
    }
    return {k: s for k, v in record.items() if (s := scalar(v)) is not None}


def _edge_record(edge: ViewEdge) -> dict[str, Scalar]:
    record: dict[str, Any] = {
        "id": edge.id,
        "label": edge.type,
        "rel_type": edge.type,
        **with_prefix(edge.properties, EDGE_RESERVED),
    }
    return {k: s for k, v in record.items() if (s := scalar(v)) is not None}


def _graph_record(stamp: ExportStamp) -> dict[str, Scalar]:
    return {k: s for k, v in stamp.as_dict().items() if (s := scalar(v)) is not None}


def writer_graph(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> nx.MultiDiGraph:
    """The ``MultiDiGraph`` the GraphML and GEXF writers get: scalar attributes only."""
    view = graph_view(payload)
    stamp = make_stamp(view, title=title, taken_at=taken_at)
    nodes = {node.id: _node_record(node) for node in view.nodes}
    edges = [(edge.source, edge.target, edge.id, _edge_record(edge)) for edge in view.edges]
    unify_types(nodes.values())
    unify_types(record for *_, record in edges)
    G = nx.MultiDiGraph()
    G.graph.update(_graph_record(stamp))
    G.add_nodes_from(nodes.items())
    for u, v, key, record in edges:
        G.add_edge(u, v, key=key, **record)
    return G


def to_graphml(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> bytes:
    G = writer_graph(payload, title=title, taken_at=taken_at)
    # The ElementTree writer always (networkx prefers lxml's when it is installed).
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(G)
    graph = writer.xml.find("graph")
    if graph is not None:
        # networkx writes the graph's data after the edges: move it to the front.
        data = [child for child in graph if child.tag == "data"]
        for child in data:
            graph.remove(child)
        graph[0:0] = data
    buffer = io.BytesIO()
    writer.dump(buffer)
    return buffer.getvalue()


def _modified_date(taken_at: str) -> str | None:
    try:
        return datetime.fromisoformat(taken_at).date().isoformat()
    except ValueError:
        return None


def _drop_edge_attribute(root: Element, title: str) -> None:
    """Remove the edge attribute ``title`` (its declaration and every value) from GEXF."""
    graph = root.find("graph")
    if graph is None:
        return
    for declared in graph.findall("attributes"):
        if declared.get("class") != "edge":
            continue
        for attribute in declared.findall("attribute"):
            if attribute.get("title") != title:
                continue
            declared.remove(attribute)
            for values in graph.iterfind("edges/edge/attvalues"):
                for value in values.findall("attvalue"):
                    if value.get("for") == attribute.get("id"):
                        values.remove(value)
        if not len(declared):
            graph.remove(declared)
    for edge in graph.iterfind("edges/edge"):
        left = edge.find("attvalues")
        if left is not None and not len(left):
            edge.remove(left)


def to_gexf(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> bytes:
    G = writer_graph(payload, title=title, taken_at=taken_at)
    stamp = make_stamp(graph_view(payload), title=title, taken_at=taken_at)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(G)
    root = writer.xml
    graph = root.find("graph")
    if graph is not None:
        graph.attrib.pop("name", None)
    # The writer stores each multigraph edge key as an attribute; ours is the edge id.
    _drop_edge_attribute(root, "networkx_key")
    meta: Element | None = root.find("meta")
    if meta is not None:
        # The writer stamps today's date; the export's own time is the one that matters.
        date = _modified_date(stamp.taken_at)
        if date:
            meta.set("lastmodifieddate", date)
        creator = meta.find("creator")
        (creator if creator is not None else SubElement(meta, "creator")).text = GENERATOR
        SubElement(meta, "keywords").text = str(scalar(f"{GENERATOR}, {stamp.query}"))
        SubElement(meta, "description").text = str(
            scalar(" | ".join([stamp.title, *stamp.lines()]))
        )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
