"""Plain Graphviz DOT text: the graph with its layers, for editing or other tools.

Unlike :mod:`app.render.diagram` (the print layout, with HTML-like labels, a
legend and a page size) this is the portable subset: plain quoted labels,
``rankdir=BT``, one ``rank=same`` group per rank, the colours, and every
node's payload id and level as attributes, readable by any DOT parser.
Provenance is in ``//`` comments and the graph's ``comment`` attribute.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.render.model import graph_view
from app.render.stamp import TakenAt, make_stamp
from app.render.style import (
    clean_text,
    edge_style,
    framework_colours,
    node_caption,
    node_style,
)
from graph.vocabulary import UNDIRECTED_TYPES

__all__ = ["dot_string", "to_dot"]


def dot_string(text: str) -> str:
    """A DOT double-quoted string whose label text is exactly ``text``.

    Backslashes are doubled because Graphviz reads ``\\n``, ``\\l``, ``\\N``...
    in labels as escapes; newlines become ``\\n`` (a centred line break).
    """
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "\\n".join(text.split("\n")) + '"'


def _attrs(**attrs: str) -> str:
    return "[" + ", ".join(f"{k}={dot_string(v)}" for k, v in attrs.items()) + "]"


def to_dot(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> str:
    view = graph_view(payload)
    stamp = make_stamp(view, title=title, taken_at=taken_at)
    borders = framework_colours(view)
    names = {node.id: f"n{i}" for i, node in enumerate(view.nodes)}
    out = [f"// {clean_text(line)}" for line in [f"toc-explorer export: {title}", *stamp.lines()]]
    out.append("digraph toc {")
    graph_attrs = _attrs(
        rankdir="BT",
        label=clean_text(title),
        labelloc="t",
        fontname="DejaVu Sans",
        comment=" | ".join(clean_text(line) for line in stamp.lines()),
    )
    out.append(f"  graph {graph_attrs};")
    out.append(f"  node {_attrs(fontname='DejaVu Sans', fontsize='11', style='filled')};")
    ranks = view.ranks()
    for rank in ranks:
        out.append(f"  subgraph rank_{rank} {{")
        out.append("    rank=same;")
        # An invisible anchor per rank; the chain of anchors keeps the bands in order.
        out.append(f'    r{rank} [shape=point, style=invis, width=0, label=""];')
        for node in view.nodes:
            if node.rank != rank:
                continue
            style = node_style(node, borders)
            node_look = (
                ["filled"] + ["rounded"] * (style.dot_shape == "box") + ["dashed"] * style.dashed
            )
            node_attrs = _attrs(
                label="\n".join(node_caption(node)),
                tooltip=clean_text(node.name),
                shape=style.dot_shape,
                fillcolor=style.fill,
                fontcolor=style.font,
                color=style.border,
                penwidth="2",
                toc_id=node.id,
                toc_label=node.label,
                toc_level=node.level or "",
                style=",".join(node_look),
            )
            out.append(f"    {names[node.id]} {node_attrs};")
        out.append("  }")
    for lower, upper in zip(ranks[1:], ranks[:-1], strict=True):
        out.append(f"  r{lower} -> r{upper} [style=invis];")
    rank_of = {node.id: node.rank for node in view.nodes}
    for edge in view.edges:
        look = edge_style(edge)
        upward = rank_of[edge.source] < rank_of[edge.target]
        edge_attrs = _attrs(
            constraint="true" if upward else "false",
            color=look.colour,
            style="dashed" if look.dashed else "solid",
            dir="none" if edge.type in UNDIRECTED_TYPES else "forward",
            toc_id=edge.id,
            toc_type=edge.type,
            toc_basis=edge.basis or "",
        )
        out.append(f"  {names[edge.source]} -> {names[edge.target]} {edge_attrs};")
    out.append("}")
    return "\n".join(out) + "\n"
