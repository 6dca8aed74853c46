"""Mermaid ``flowchart BT`` text: paste into Markdown, GitHub, Confluence...

Ids are ``n_`` plus the payload id with every non-alphanumeric character
replaced (and a counter on a clash), so no payload id can be read as Mermaid
syntax (``end``, ``o``/``x`` arrow heads, ``-->``). Labels are quoted and every
character Mermaid or HTML could act on is written as a Mermaid entity code
(``#60;`` for ``<``...), which Mermaid turns back into text when it draws.
Provenance goes in ``%%`` comments and the title in the front matter. Mermaid runs the title
through DOMPurify and draws what comes out as plain text, so markup in a title would be cut out
(``<script>``) or shown as entities (``&amp;``): ``<``, ``>`` and ``&`` become the look-alikes
``‹``, ``›`` and ``＆`` there (the comment below it keeps the title as it was).

Mermaid refuses big diagrams by default: a flowchart of more than ``MAX_EDGES`` links fails to
parse, and a text longer than ``MAX_TEXT_SIZE`` (counted without front matter and comments, in
UTF-16 units) is drawn as an error box. Both are settings of the page that draws the diagram,
not of the diagram (``maxEdges``, ``maxTextSize``: "secure" keys no directive can change), so
an export past either limit says so in a ``%% Warning:`` comment on top and in
:func:`mermaid_warnings`, which the API sends on as a header.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from app.render.model import graph_view
from app.render.stamp import TakenAt, make_stamp
from app.render.style import (
    clean_text,
    edge_style,
    framework_colours,
    level_title,
    node_caption,
    node_style,
)
from graph.vocabulary import CHAIN, PROMISE_LABELS, UNDIRECTED_TYPES

__all__ = [
    "MAX_EDGES",
    "MAX_TEXT_SIZE",
    "mermaid_id",
    "mermaid_label",
    "mermaid_title",
    "mermaid_warnings",
    "to_mermaid",
]

# Mermaid's defaults (its config.schema.yaml): maxEdges 500, maxTextSize 50,000.
MAX_EDGES = 500
MAX_TEXT_SIZE = 50_000
WARNING = "Warning: "

# "#" first: every other code contains one.
# "%" because Mermaid strips anything shaped like a "%%{...}%%" directive, even inside a label.
_ENTITY_CODES = [
    ("#", "#35;"),
    ("%", "#37;"),
    ("&", "#38;"),
    ("<", "#60;"),
    (">", "#62;"),
    ('"', "#34;"),
    ("`", "#96;"),
]
# Mermaid strips the last ";" of any line matching these before parsing (its way
# of protecting colours in style statements), which would break an entity code.
_STYLE_LINE = re.compile(r"style.*:\S*#.*;|classDef.*:\S*#.*;")


def mermaid_label(text: str) -> str:
    """Text for inside ``"..."`` in a Mermaid label (no ``<br/>`` handling)."""
    text = clean_text(text)
    for char, code in _ENTITY_CODES:
        text = text.replace(char, code)
    return text


def mermaid_id(node_id: str, taken: set[str]) -> str:
    """A Mermaid-safe, readable id for ``node_id``, unique within ``taken`` (updated)."""
    base = "n_" + re.sub(r"[^A-Za-z0-9]", "_", node_id)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    taken.add(candidate)
    return candidate


# What DOMPurify would act on or re-encode in a title, and what is drawn instead.
_TITLE_LOOKALIKES = str.maketrans({"<": "\u2039", ">": "\u203a", "&": "\uff06", "\u00a0": " "})


def mermaid_title(text: str) -> str:
    """The title as the front matter carries it: no markup for Mermaid's sanitiser to act on."""
    return clean_text(text).translate(_TITLE_LOOKALIKES)


def _guard(line: str) -> str:
    if _STYLE_LINE.search(line):
        line = line.replace(":", "#58;")
    return line


def _class_name(text: str) -> str:
    return "c_" + re.sub(r"[^A-Za-z0-9]", "_", text).lower()


def _comment(text: str) -> str:
    # "%%{" would open a directive; a comment is one line.
    return "%% " + clean_text(text).replace("%%{", "%% {")


# What Mermaid drops before it measures a text against maxTextSize (mermaidAPI's render:
# front matter, then "%%" comment lines, then leading white space).
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_COMMENT_LINE = re.compile(r"^\s*%%(?!\{)[^\n]+\n?", re.M)


def _measured_size(text: str) -> int:
    code = _COMMENT_LINE.sub("", _FRONT_MATTER.sub("", text, count=1)).lstrip()
    return len(code.encode("utf-16-le")) // 2  # JavaScript's String.length


def _limit_warnings(edges: int, size: int) -> list[str]:
    warnings = []
    if edges > MAX_EDGES:
        warnings.append(
            f"{edges} links: Mermaid draws at most {MAX_EDGES} unless the page that draws it "
            f"sets maxEdges >= {edges}; narrow the view or use another format"
        )
    if size > MAX_TEXT_SIZE:
        warnings.append(
            f"{size:,} characters: Mermaid draws at most {MAX_TEXT_SIZE:,} unless the page "
            f"that draws it sets maxTextSize >= {size}; narrow the view or use another format"
        )
    return warnings


def mermaid_warnings(text: str) -> list[str]:
    """The limit warnings a Mermaid export carries (its ``%% Warning:`` lines)."""
    prefix = f"%% {WARNING}"
    return [line[len(prefix) :] for line in text.splitlines() if line.startswith(prefix)]


def to_mermaid(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt) -> str:
    view = graph_view(payload)
    stamp = make_stamp(view, title=title, taken_at=taken_at)
    head = [
        "---",
        # JSON strings are valid YAML double-quoted scalars; ASCII-only is the safe subset.
        f"title: {json.dumps(mermaid_title(title), ensure_ascii=True)}",
        "---",
    ]
    lines = [
        _comment(f"toc-explorer export: {title}"),
        *(_comment(line) for line in stamp.lines()),
        "flowchart BT",
    ]
    taken: set[str] = set()
    ids = {node.id: mermaid_id(node.id, taken) for node in view.nodes}
    borders = framework_colours(view)
    classes: dict[str, tuple[str, str, list[str]]] = {}
    styles: list[str] = []
    for node in view.nodes:
        nid = ids[node.id]
        label = "<br/>".join(mermaid_label(line) for line in node_caption(node))
        shape = f'(["{label}"])' if node.label in PROMISE_LABELS else f'["{label}"]'
        lines.append(_guard(f"  {nid}{shape}"))
        style = node_style(node, borders)
        kind = level_title(node.level) if node.level else node.label
        classes.setdefault(_class_name(kind), (style.fill, style.font, []))[2].append(nid)
        stroke = f"stroke:{style.border},stroke-width:2px"
        if style.dashed:
            stroke += ",stroke-dasharray:5 3"
        styles.append(f"  style {nid} {stroke}")
    for edge in view.edges:
        look = edge_style(edge)
        arrow = "-.->" if look.dashed else "-->"
        if edge.type in UNDIRECTED_TYPES:
            arrow = "-.-"
        text = "" if edge.type == CHAIN else f'|"{mermaid_label(edge.type)}"|'
        lines.append(_guard(f"  {ids[edge.source]} {arrow}{text} {ids[edge.target]}"))
    for name, (fill, font, members) in classes.items():
        lines.append(f"  classDef {name} fill:{fill},color:{font}")
        lines.append(f"  class {','.join(members)} {name}")
    lines.extend(styles)
    text = "\n".join(lines) + "\n"
    warnings = _limit_warnings(len(view.edges), _measured_size(text))
    return "\n".join([*head, *(_comment(WARNING + w) for w in warnings)]) + "\n" + text
