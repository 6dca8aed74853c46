"""GraphML and GEXF through networkx's writers (Gephi, yEd, Cytoscape desktop...).

The payload goes through :func:`graph.payload.to_networkx`, then into a
writer-friendly copy where every attribute is a scalar (see
:mod:`app.exports.attributes`) and the names follow the tools' conventions:

* node ``label`` is the display text (the node's ``name``), ``node_label`` the
  schema label (``Result``, ``Pledge``...), ``rank`` the level's rank;
* edge ``label`` and ``rel_type`` are the relationship type, the edge id is
  the payload id;
* a property whose name the format reserves (GEXF reads ``start``/``end`` as
  time spells, ``type`` as edge direction...) is written as ``prop_<name>``.

Provenance: GraphML graph-level data keys (``title``, ``query``, ``params``,
``taken_at``, ``sources``...); GEXF ``<meta>`` description, keywords and
``lastmodifieddate``.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from xml.etree.ElementTree import Element, SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from app.exports.attributes import Scalar, scalar, unify_types, with_prefix
from app.render.model import graph_view
from app.render.stamp import ExportStamp, TakenAt, make_stamp
from graph.payload import to_networkx
from graph.vocabulary import label_rank

__all__ = ["to_gexf", "to_graphml", "writer_graph"]

NODE_RESERVED = frozenset(
    {"id", "label", "node_label", "rank", "start", "end", "pid", "viz", "parents", "slices"}
    | {"spells", "networkx_key"}
)
EDGE_RESERVED = frozenset(
    {"id", "label", "rel_type", "type", "weight", "key", "networkx_key", "start", "end"}
    | {"spells", "slices", "source", "target"}
)


def _node_record(attrs: Mapping[str, Any]) -> dict[str, Scalar]:
    label = str(attrs.get("label") or "Node")
    level = attrs.get("level")
    props = {k: v for k, v in attrs.items() if k != "label"}
    record: dict[str, Any] = {
        "label": attrs.get("name"),
        "node_label": label,
        "rank": label_rank(label, level if isinstance(level, str) else None),
        **with_prefix(props, NODE_RESERVED),
    }
    return {k: s for k, v in record.items() if (s := scalar(v)) is not None}


def _edge_record(edge_id: str, attrs: Mapping[str, Any]) -> dict[str, Scalar]:
    kind = str(attrs.get("type", ""))
    props = {k: v for k, v in attrs.items() if k != "type"}
    record: dict[str, Any] = {
        "id": edge_id,
        "label": kind,
        "rel_type": kind,
        **with_prefix(props, EDGE_RESERVED),
    }
    return {k: s for k, v in record.items() if (s := scalar(v)) is not None}


def _graph_record(stamp: ExportStamp) -> dict[str, Scalar]:
    return {k: s for k, v in stamp.as_dict().items() if (s := scalar(v)) is not None}


def writer_graph(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> nx.MultiDiGraph:
    """The ``MultiDiGraph`` the GraphML and GEXF writers get: scalar attributes only."""
    stamp = make_stamp(graph_view(payload), title=title, taken_at=taken_at)
    source = to_networkx(dict(payload))
    nodes = {n: _node_record(a) for n, a in source.nodes(data=True)}
    edges = [
        (u, v, str(k), _edge_record(str(k), a)) for u, v, k, a in source.edges(keys=True, data=True)
    ]
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
    buffer = io.BytesIO()
    nx.write_graphml(G, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def _modified_date(taken_at: str) -> str | None:
    try:
        return datetime.fromisoformat(taken_at).date().isoformat()
    except ValueError:
        return None


def to_gexf(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> bytes:
    G = writer_graph(payload, title=title, taken_at=taken_at)
    stamp = make_stamp(graph_view(payload), title=title, taken_at=taken_at)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(G)
    meta: Element | None = writer.xml.find("meta")
    if meta is not None:
        # The writer stamps today's date; the export's own time is the one that matters.
        date = _modified_date(stamp.taken_at)
        if date:
            meta.set("lastmodifieddate", date)
        SubElement(meta, "keywords").text = str(scalar(f"toc-explorer, {stamp.query}"))
        SubElement(meta, "description").text = str(
            scalar(" | ".join([stamp.title, *stamp.lines()]))
        )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
