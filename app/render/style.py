"""How a node or edge looks, shared by every renderer so all formats agree.

Colour says *where in the chain* (level for results, label for everything
else), shape says *what kind of thing* (label), the border colour says *which
framework*, and a dashed line says the link is ``inferred`` rather than stated.
Labels are wrapped and truncated for the drawing; the full text always goes to
the tooltip or the data formats.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from typing import Any

from app.render.model import GraphView, ViewEdge, ViewNode
from app.sources import title_of
from graph.vocabulary import UNDIRECTED_TYPES, Label, Rel

__all__ = [
    "EdgeStyle",
    "LegendEntry",
    "NodeStyle",
    "clean_text",
    "edge_style",
    "edge_tooltip",
    "framework_colours",
    "legend_entries",
    "level_title",
    "node_caption",
    "node_style",
    "node_tooltip",
    "wrap_label",
]

LABEL_WIDTH = 28
LABEL_LINES = 4
ELLIPSIS = "…"

# Blues darkening toward the impact; ranks shared by two vocabularies share a colour.
_RANK_FILL: dict[int, str] = {
    100: "#1f3b5a",
    90: "#2c5784",
    80: "#3c74ad",
    70: "#5a93c9",
    60: "#82b0da",
    50: "#a9c9e8",
    40: "#c8dcf0",
    30: "#e2ecf7",
}
_LABEL_FILL: dict[str, str] = {
    Label.FRAMEWORK: "#ffe08a",
    Label.PLEDGE: "#f6b26b",
    Label.COMMITMENT: "#f9cb9c",
    Label.INDICATOR: "#b6d7a8",
    Label.ACTOR: "#d9d9d9",
    Label.APPROACH: "#fff2cc",
    Label.INSTRUMENT: "#eeeeee",
    Label.THEME: "#d9c7ec",
    Label.CHALLENGE: "#f4cccc",
    Label.SOLUTION: "#d0e8c8",
    Label.RECOMMENDATION: "#cfe2f3",
}
_DEFAULT_FILL = "#f3f3f3"

# Shape per label, for vis-network (label-inside shapes only, so text stays
# readable) and for Graphviz.
_VIS_SHAPE: dict[str, str] = {
    Label.RESULT: "box",
    Label.FRAMEWORK: "box",
    Label.PLEDGE: "ellipse",
    Label.COMMITMENT: "ellipse",
    Label.INDICATOR: "box",
    Label.ACTOR: "circle",
}
_DOT_SHAPE: dict[str, str] = {
    Label.RESULT: "box",
    Label.FRAMEWORK: "folder",
    Label.PLEDGE: "ellipse",
    Label.COMMITMENT: "ellipse",
    Label.INDICATOR: "note",
    Label.ACTOR: "oval",
}

# Okabe-Ito: distinguishable for colour-blind readers, and unlike the fills.
_FRAMEWORK_BORDERS = ["#d55e00", "#009e73", "#cc79a7", "#0072b2", "#e69f00", "#56b4e9", "#000000"]
_NO_FRAMEWORK_BORDER = "#666666"

_EDGE_COLOUR: dict[str, str] = {
    Rel.CONTRIBUTES_TO: "#37474f",
    Rel.ALIGNS_WITH: "#8e44ad",
    Rel.MEASURES: "#2e7d32",
    Rel.MAKES: "#e65100",
}
_DEFAULT_EDGE_COLOUR = "#9e9e9e"


@dataclass(frozen=True)
class NodeStyle:
    fill: str
    font: str
    border: str
    vis_shape: str
    dot_shape: str
    dashed: bool


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    dashed: bool
    directed: bool
    width: float


def level_title(level: str) -> str:
    """``long_term_change`` -> ``Long-term change``."""
    text = level.replace("_", " ")
    text = re.sub(r"\b(long|medium|short) term\b", r"\1-term", text)
    return text[:1].upper() + text[1:]


def _fill(node: ViewNode) -> str:
    if node.label == Label.RESULT:
        return _RANK_FILL.get(node.rank, _DEFAULT_FILL)
    return _LABEL_FILL.get(node.label, _DEFAULT_FILL)


def _is_dark(hex_colour: str) -> bool:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b < 140


def framework_colours(view: GraphView) -> dict[str, str]:
    return {
        fw: _FRAMEWORK_BORDERS[i % len(_FRAMEWORK_BORDERS)]
        for i, fw in enumerate(view.frameworks())
    }


def node_style(node: ViewNode, borders: dict[str, str]) -> NodeStyle:
    fill = _fill(node)
    return NodeStyle(
        fill=fill,
        font="#ffffff" if _is_dark(fill) else "#1a1a1a",
        border=borders.get(node.framework or "", _NO_FRAMEWORK_BORDER),
        vis_shape=_VIS_SHAPE.get(node.label, "ellipse"),
        dot_shape=_DOT_SHAPE.get(node.label, "ellipse"),
        # Indicators share the result box shape; a dashed border tells them apart.
        dashed=node.label == Label.INDICATOR,
    )


def edge_style(edge: ViewEdge) -> EdgeStyle:
    return EdgeStyle(
        colour=_EDGE_COLOUR.get(edge.type, _DEFAULT_EDGE_COLOUR),
        dashed=edge.basis == "inferred" or edge.type in UNDIRECTED_TYPES,
        directed=edge.type not in UNDIRECTED_TYPES,
        width=2.0 if edge.type == Rel.CONTRIBUTES_TO else 1.2,
    )


def _clean(text: str) -> str:
    # Control characters break DOT, Mermaid and XML alike; whitespace runs carry no meaning.
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", " ", text)
    return " ".join(text.split())


def wrap_label(text: str, width: int = LABEL_WIDTH, max_lines: int = LABEL_LINES) -> list[str]:
    """Wrap ``text`` into at most ``max_lines`` lines, ending in an ellipsis if cut."""
    lines = textwrap.wrap(_clean(text), width=width, break_long_words=True) or [""]
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    if len(last) >= width:
        last = last[: width - 1].rstrip()
    kept[-1] = last + ELLIPSIS
    return kept


def node_caption(node: ViewNode) -> list[str]:
    """The wrapped text drawn in the node: its name, prefixed by a pledge's code."""
    text = node.name
    code = node.properties.get("code")
    if node.label == Label.PLEDGE and isinstance(code, str) and code and code not in text:
        text = f"{code}: {text}"
    return wrap_label(text)


def _plain(value: object) -> str:
    if isinstance(value, str):
        return _clean(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _provenance(props: dict[str, Any]) -> list[str]:
    """``Source: file > section`` and, below it, the document's title: a file name alone tells
    a reader nothing."""
    lines = []
    where = " > ".join(_plain(props[k]) for k in ("source", "section") if props.get(k))
    if where:
        lines.append(f"Source: {where}")
    source = props.get("source")
    title = title_of(_clean(source)) if isinstance(source, str) else None
    if title:
        lines.append(f"Document: {title}")
    return lines


def node_tooltip(node: ViewNode) -> str:
    """Plain text (never HTML): the full name and where it comes from."""
    kind = node.label
    if node.level:
        kind = f"{kind} · {level_title(node.level)}"
    lines = [_clean(node.name), kind]
    props = node.properties
    for key, title in (("text", "Text"), ("framework", Label.FRAMEWORK), ("code", "Code")):
        if props.get(key) not in (None, "", []) and props.get(key) != node.name:
            lines.append(f"{title}: {_plain(props[key])}")
    lines.extend(_provenance(props))
    if props.get("quote") and props.get("quote") != node.name:
        lines.append(f"Quote: “{_plain(props['quote'])}”")
    lines.append(f"id: {_clean(node.id)}")
    return "\n".join(lines)


def edge_tooltip(edge: ViewEdge) -> str:
    props = edge.properties
    lines = [edge.type + (f" ({edge.basis})" if edge.basis else "")]
    if props.get("rationale"):
        lines.append(f"Rationale: {_plain(props['rationale'])}")
    lines.extend(_provenance(props))
    if props.get("quote"):
        lines.append(f"Quote: “{_plain(props['quote'])}”")
    return "\n".join(lines)


@dataclass(frozen=True)
class LegendEntry:
    text: str
    fill: str
    font: str
    dot_shape: str


def legend_entries(view: GraphView) -> list[LegendEntry]:
    """One entry per level or label present, top of the chain first."""
    entries: dict[str, LegendEntry] = {}
    for node in sorted(view.nodes, key=lambda n: -n.rank):
        style = node_style(node, {})
        text = level_title(node.level) if node.label == Label.RESULT and node.level else node.label
        entries.setdefault(text, LegendEntry(text, style.fill, style.font, style.dot_shape))
    return list(entries.values())


def clean_text(text: str) -> str:
    """Collapse whitespace and drop control characters (safe for every text format)."""
    return _clean(text)
