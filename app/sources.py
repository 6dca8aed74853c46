"""The source documents the graph rests on, as people name them.

Nodes store only a document's file name (``source: 000_d500e281cf569632.txt``): stable, but
meaningless to a reader. ``seed/sources/index.yaml`` maps each file to its title, publisher
and date, and this module reads it once, so that every place that shows a source (node
details, tooltips, the "Sources:" line of every export) can put the title beside the name.

Pure: no web framework, no driver, no settings; the renderers may import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SOURCES_DIR = Path(__file__).resolve().parents[1] / "seed" / "sources"
INDEX_FILE = SOURCES_DIR / "index.yaml"


@dataclass(frozen=True)
class SourceDocument:
    file: str
    title: str
    publisher: str
    date: str | None = None
    date_note: str | None = None


@cache
def documents() -> dict[str, SourceDocument]:
    """Every indexed document by file name (read once per process)."""
    raw = yaml.safe_load(INDEX_FILE.read_text(encoding="utf-8")) or {}
    out: dict[str, SourceDocument] = {}
    for file, entry in raw.items():
        date = entry.get("date")
        out[str(file)] = SourceDocument(
            file=str(file),
            title=str(entry["title"]),
            publisher=str(entry["publisher"]),
            date=None if date is None else str(date),
            date_note=entry.get("date_note"),
        )
    return out


def title_of(file: str | None) -> str | None:
    """The document's title, or None for a file the index does not know (a posted payload's)."""
    if not file:
        return None
    doc = documents().get(file)
    return doc.title if doc is not None else None


def describe(file: str) -> str:
    """``file (Title)`` when the title is known, else the file name alone."""
    title = title_of(file)
    return f"{file} ({title})" if title else file


def describe_all(files: Iterable[str]) -> str:
    """Several sources on one line, each with its title: the exports' "Sources:" line."""
    return "; ".join(describe(f) for f in files)
