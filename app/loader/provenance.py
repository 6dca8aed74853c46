"""Does every quote really occur in its source document?

The documents in `seed/sources/` are plain-text extractions that still carry
some markdown (`**bold**`, `[label](url)`, `\\(` escapes) and hard line breaks;
seed authors copy the words, not the markup. So both sides are normalised the
same way before looking the quote up.

This runs in a test, not at load time: the app may run without the documents.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from app.loader.errors import SeedError, sorted_errors
from app.loader.seedgraph import SeedGraph
from app.sources import SOURCES_DIR

DOCS_ENV = "TOC_SEED_DOCS"

_LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\([^)\s]*\)")
_EMPHASIS = re.compile(r"\*+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared: links reduced to their label, no emphasis, no escapes, single spaces."""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return _SPACE.sub(" ", text).strip()


def default_docs_dir() -> Path:
    """`$TOC_SEED_DOCS`, else the documents the repository carries (`seed/sources/`)."""
    env = os.environ.get(DOCS_ENV)
    return Path(env) if env else SOURCES_DIR


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_quotes(seed_graph: SeedGraph, docs_dir: Path | None = None) -> list[SeedError]:
    """Every node's and every listed stated edge's quote, found verbatim in its source.

    Edges made from a node's shorthand keys reuse the node's quote, so they are
    not checked twice.
    """
    folder = docs_dir if docs_dir is not None else default_docs_dir()
    cache: dict[str, str | None] = {}

    def document(name: str) -> str | None:
        if name not in cache:
            path = folder / name
            # Only plain file names: a seed must not point outside the documents folder.
            ok = Path(name).name == name and path.is_file()
            cache[name] = normalise(path.read_text(encoding="utf-8")) if ok else None
        return cache[name]

    items: list[tuple[str, dict[str, object], str, int]] = [
        (n.id, n.properties, n.file, n.line) for n in seed_graph.nodes.values()
    ]
    items += [
        (e.id, e.properties, e.file, e.line)
        for e in seed_graph.edges.values()
        if e.declared and e.properties.get("basis") == "stated"
    ]
    errors: list[SeedError] = []
    for entry_id, props, file, line in items:
        source, quote = props.get("source"), props.get("quote")
        if not isinstance(source, str) or not isinstance(quote, str):
            continue
        text = document(source)
        if text is None:
            errors.append(
                SeedError(file, line, entry_id, "source", f"no document {source!r} in {folder}")
            )
        elif normalise(quote) not in text:
            errors.append(
                SeedError(
                    file,
                    line,
                    entry_id,
                    "quote",
                    f"not found verbatim in {source}: {_short(normalise(quote))!r}",
                )
            )
    return sorted_errors(errors)
