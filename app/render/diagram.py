"""Print diagrams through Graphviz: SVG, PNG and PDF on an A4 or A3 landscape page.

The layout is the classic theory-of-change picture: ``rankdir=BT`` so arrows
point up toward the impact, one band per rank (``rank=same``), a column of band
titles on the left, the title above, and a legend plus a footer naming the
source documents and the query below.

Bands are fixed by an invisible spine through the band titles, so every real
edge is drawn with ``constraint=false``: edges that go down (an actor that makes
a pledge) or sideways (alignments) cannot pull nodes out of their band.

Labels are Graphviz HTML-like labels built from escaped text; node names in
the DOT source are ``n0``, ``n1``... never payload ids, so no payload string is
ever read as DOT or HTML syntax.
"""

from __future__ import annotations

import html
import shutil
import textwrap
from collections.abc import Mapping
from typing import Any, Literal

import graphviz

from app.errors import NeedsInstalling
from app.render.file_metadata import pdf_with_metadata, png_with_metadata
from app.render.model import GraphView, graph_view
from app.render.stamp import ExportStamp, TakenAt, make_stamp
from app.render.style import (
    clean_text,
    edge_style,
    edge_tooltip,
    framework_colours,
    legend_entries,
    level_title,
    node_caption,
    node_style,
    node_tooltip,
)
from graph.vocabulary import UNDIRECTED_TYPES, Label

__all__ = ["PAPER_INCHES", "DiagramFormat", "Paper", "build_diagram", "render_diagram"]

Paper = Literal["A4", "A3"]
DiagramFormat = Literal["svg", "png", "pdf"]

# Landscape (width, height) in inches.
PAPER_INCHES: dict[str, tuple[float, float]] = {"A4": (11.69, 8.27), "A3": (16.54, 11.69)}
PNG_DPI = 150
FONT = "DejaVu Sans"
LEGEND_COLUMNS = 4
FOOTER_WIDTH = 150


def _h(text: str) -> str:
    """Escape for a Graphviz HTML-like label (control characters, which Graphviz's XML parser
    refuses, become spaces)."""
    return html.escape(clean_text(text), quote=True)


def _bold(text: str) -> str:
    """Bold text for an HTML-like label; Graphviz refuses an empty <B></B>, so none is made."""
    escaped = _h(text)
    return f"<B>{escaped}</B>" if escaped else " "


def _lines(lines: list[str]) -> str:
    return "<BR/>".join(_h(line) for line in lines)


def _band_title(view: GraphView, rank: int) -> str:
    names: dict[str, None] = {}
    for node in view.nodes:
        if node.rank == rank:
            names.setdefault(level_title(node.level) if node.level else node.label, None)
    return " / ".join(names)


def _legend_label(view: GraphView) -> str:
    cells: list[str] = []
    for entry in legend_entries(view):
        cells.append(
            f'<TD BGCOLOR="{entry.fill}" WIDTH="18"> </TD>'
            f'<TD ALIGN="LEFT" BORDER="0">{_h(entry.text)}</TD>'
        )
    names = {n.id: n.name for n in view.nodes if n.label == Label.FRAMEWORK}
    for fw, colour in framework_colours(view).items():
        cells.append(
            f'<TD BGCOLOR="#ffffff" COLOR="{colour}" BORDER="3" WIDTH="18"> </TD>'
            f'<TD ALIGN="LEFT" BORDER="0">{_h(names.get(fw, fw))}</TD>'
        )
    edge_kinds: dict[str, str] = {}
    for edge in view.edges:
        look = edge_style(edge)
        arrow = "- - -" if look.dashed else "——"
        kind = edge.type + (" (inferred)" if edge.basis == "inferred" else "")
        kind += "" if look.directed else " (both ways)"
        edge_kinds.setdefault(
            kind,
            f'<TD><FONT COLOR="{look.colour}">{_h(arrow)}</FONT></TD>'
            f'<TD ALIGN="LEFT" BORDER="0">{_h(kind)}</TD>',
        )
    cells.extend(edge_kinds.values())
    rows = [
        "<TR>" + "".join(cells[i : i + LEGEND_COLUMNS]) + "</TR>"
        for i in range(0, len(cells), LEGEND_COLUMNS)
    ] or ['<TR><TD COLSPAN="2">(empty graph)</TD></TR>']
    return (
        '<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="2" CELLPADDING="3">'
        f'<TR><TD COLSPAN="{2 * LEGEND_COLUMNS}" ALIGN="LEFT"><B>Legend</B></TD></TR>'
        + "".join(rows)
        + "</TABLE>>"
    )


def _footer_label(stamp: ExportStamp) -> str:
    sources = "Sources: " + stamp.sources_text
    lines = textwrap.wrap(sources, FOOTER_WIDTH) + textwrap.wrap(
        " · ".join(stamp.lines()[:-1]), FOOTER_WIDTH
    )
    return f'<<FONT POINT-SIZE="9">{_lines(lines)}</FONT>>'


def _title_label(stamp: ExportStamp) -> str:
    title = _lines(textwrap.wrap(clean_text(stamp.title), 100) or ["(untitled view)"])
    return (
        f'<<FONT POINT-SIZE="18"><B>{title}</B></FONT><BR/>'
        f'<FONT POINT-SIZE="10">{_h(stamp.summary())}</FONT>>'
    )


def build_diagram(
    payload: Mapping[str, Any], *, title: str, taken_at: TakenAt, paper: Paper = "A4"
) -> graphviz.Digraph:
    """The diagram as a ``graphviz.Digraph`` (render it, or read its ``.source``)."""
    if paper not in PAPER_INCHES:
        raise ValueError(f"paper must be one of {sorted(PAPER_INCHES)}, not {paper!r}")
    view = graph_view(payload)
    stamp = make_stamp(view, title=title, taken_at=taken_at)
    width, height = PAPER_INCHES[paper]
    g = graphviz.Digraph("toc", engine="dot")
    g.attr(
        rankdir="BT",
        newrank="true",
        # "fill" spreads (or squeezes) node positions, never the nodes, until the
        # drawing is exactly the paper: the PDF page is A4/A3 landscape.
        ratio="fill",
        size=f"{width},{height}!",
        margin="0",
        pad="0",
        nodesep="0.3",
        ranksep="0.45",
        fontname=FONT,
        comment=" | ".join([stamp.title, *stamp.lines()]),
    )
    g.attr("node", fontname=FONT, fontsize="11", penwidth="2", margin="0.12,0.06")
    g.attr("edge", fontname=FONT, arrowsize="0.7")

    names = {node.id: f"n{i}" for i, node in enumerate(view.nodes)}
    borders = framework_colours(view)
    ranks = view.ranks()
    for rank in ranks:
        with g.subgraph(name=f"band_{rank}") as band:
            band.attr(rank="same")
            band.node(
                f"band_{rank}",
                label=f"<{_bold(_band_title(view, rank))}>",
                shape="plaintext",
                fontcolor="#555555",
            )
            for node in view.nodes:
                if node.rank != rank:
                    continue
                style = node_style(node, borders)
                shape_style = ["filled"]
                if style.dot_shape == "box":
                    shape_style.append("rounded")
                if style.dashed:
                    shape_style.append("dashed")
                band.node(
                    names[node.id],
                    label=f"<{_lines(node_caption(node))}>",
                    shape=style.dot_shape,
                    style=",".join(shape_style),
                    fillcolor=style.fill,
                    fontcolor=style.font,
                    color=style.border,
                    tooltip=graphviz.escape(node_tooltip(node)),
                )
    # The spine: bottom band to top band, invisible, holds the bands in order.
    for lower, upper in zip(ranks[1:], ranks[:-1], strict=True):
        g.edge(f"band_{lower}", f"band_{upper}", style="invis", weight="100")

    for edge in view.edges:
        look = edge_style(edge)
        g.edge(
            names[edge.source],
            names[edge.target],
            color=look.colour,
            style="dashed" if look.dashed else "solid",
            penwidth=f"{look.width:.1f}",
            dir="forward" if edge.type not in UNDIRECTED_TYPES else "none",
            constraint="false",
            tooltip=graphviz.escape(edge_tooltip(edge)),
        )

    with g.subgraph(name="key") as key:
        key.node("legend", label=_legend_label(view), shape="plaintext", fontsize="9")
        key.node("footer", label=_footer_label(stamp), shape="plaintext")
        # Legend under the lowest band, footer under the legend.
        key.edge("footer", "legend", style="invis")
    # The title is a node above the top band, not the graph label: a graph label
    # sits outside the layout, so ratio=fill could not make the page exact.
    g.node("title", label=_title_label(stamp), shape="plaintext")
    if ranks:
        g.edge("legend", f"band_{ranks[-1]}", style="invis", weight="100")
        g.edge(f"band_{ranks[0]}", "title", style="invis", weight="100")
    else:
        g.edge("legend", "title", style="invis")
    return g


def render_diagram(
    payload: Mapping[str, Any],
    fmt: DiagramFormat,
    *,
    title: str,
    taken_at: TakenAt,
    paper: Paper = "A4",
) -> bytes:
    """Render to ``svg``, ``png`` or ``pdf`` bytes (needs Graphviz's ``dot`` on PATH)."""
    if fmt not in ("svg", "png", "pdf"):
        raise ValueError(f"unknown diagram format {fmt!r}")
    missing = drawing_unavailable()
    if missing:
        raise NeedsInstalling(missing)
    g = build_diagram(payload, title=title, taken_at=taken_at, paper=paper)
    if fmt == "png":
        g.attr(dpi=str(PNG_DPI))
    # cairo gives PDF and PNG embedded fonts and antialiasing; plain svg is already vector text.
    renderer = None if fmt == "svg" else "cairo"
    try:
        drawn = g.pipe(format=fmt, renderer=renderer)
    except graphviz.ExecutableNotFound as e:  # removed between the check and the call
        raise NeedsInstalling(GRAPHVIZ_MISSING) from e
    except graphviz.CalledProcessError as e:
        # A Graphviz built without the cairo plugin knows no png:cairo or pdf:cairo.
        stderr = (e.stderr or b"").decode("utf-8", "replace")
        if "not recognized" in stderr:
            raise NeedsInstalling(
                f"Graphviz cannot write {fmt.upper()} here ({stderr.strip()[:200]}); "
                "install Debian's graphviz package, which includes the cairo renderer"
            ) from e
        raise
    # SVG carries the stamp in the comment above (the graph's ``comment``); PNG and PDF in
    # their own metadata, where viewers show it.
    if fmt == "png":
        return png_with_metadata(drawn, _stamp(payload, title, taken_at), PNG_DPI)
    if fmt == "pdf":
        return pdf_with_metadata(drawn, _stamp(payload, title, taken_at))
    return drawn


def _stamp(payload: Mapping[str, Any], title: str, taken_at: TakenAt) -> ExportStamp:
    return make_stamp(graph_view(payload), title=title, taken_at=taken_at)


# What to tell whoever asks for a drawing where Graphviz is missing.
GRAPHVIZ_MISSING = (
    "SVG, PNG and PDF drawings need Graphviz's `dot`, which is not installed on the server: "
    "install the graphviz package (Debian: apt-get install graphviz; `./toc up` does it when "
    "run as root). Every other format works without it."
)


def drawing_unavailable() -> str | None:
    """None when Graphviz's ``dot`` can be run; else what to install."""
    return None if shutil.which("dot") else GRAPHVIZ_MISSING
