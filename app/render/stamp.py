"""What an export is: which query or view, with which parameters, taken when.

Every format records this stamp (in a footer, a comment or file metadata) so a
file found on a disk months later still says where it came from, and how to
take it again: the view (``query``) and every parameter it was built with
(``params``), plus the options of the file itself (``options``: its format,
and the paper and resolution of a drawing). It is built from
``payload["meta"]`` (``query``, ``params``, ``truncated`` and, put there by
:func:`app.exports.export`, :data:`OPTIONS_KEY`) plus the caller's ``title``
and ``taken_at``; the renderers never read a clock themselves, which keeps
every export a pure function of its inputs.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.render.model import GraphView
from app.sources import describe_all, title_of

__all__ = ["OPTIONS_KEY", "ExportStamp", "TakenAt", "format_taken_at", "make_stamp"]

TakenAt = datetime | str
GENERATOR = "toc-explorer"
# The payload meta key that carries the file's own options (never sent by a client: the
# posted meta model has no such field).
OPTIONS_KEY = "export_options"


def format_taken_at(taken_at: TakenAt) -> str:
    if isinstance(taken_at, datetime):
        return taken_at.isoformat(timespec="seconds")
    return str(taken_at)


@dataclass(frozen=True)
class ExportStamp:
    title: str
    query: str
    params: dict[str, Any]
    truncated: bool
    taken_at: str
    sources: list[str]
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def sources_text(self) -> str:
        """The sources for people: each file name with its document's title."""
        return describe_all(self.sources) if self.sources else "none recorded"

    @property
    def params_text(self) -> str:
        return json.dumps(self.params, ensure_ascii=False, sort_keys=True, default=str)

    @property
    def options_text(self) -> str:
        return json.dumps(self.options, ensure_ascii=False, sort_keys=True, default=str)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "query": self.query,
            "params": self.params,
            "truncated": self.truncated,
            "taken_at": self.taken_at,
            "sources": self.sources,
            "options": self.options,
            "source_titles": {f: t for f in self.sources if (t := title_of(f))},
            "generator": GENERATOR,
        }

    def lines(self) -> list[str]:
        """Human-readable provenance, one fact a line (footers and comments)."""
        lines = [
            f"Query: {self.query}",
            f"Parameters: {self.params_text}",
            *([f"Options: {self.options_text}"] if self.options else []),
            f"Taken at: {self.taken_at}",
        ]
        if self.truncated:
            lines.append("Truncated: yes (the query returned more than is shown)")
        lines.append("Sources: " + self.sources_text)
        return lines

    def summary(self) -> str:
        """One line: query, parameters and time."""
        text = f"{self.query} {self.params_text} · taken at {self.taken_at}"
        return text + (" · truncated" if self.truncated else "")


def make_stamp(view: GraphView, *, title: str, taken_at: TakenAt) -> ExportStamp:
    meta: Mapping[str, Any] = view.meta
    params = meta.get("params")
    options = meta.get(OPTIONS_KEY)
    return ExportStamp(
        title=title,
        query=str(meta.get("query") or "unspecified"),
        params=dict(params) if isinstance(params, Mapping) else {},
        truncated=bool(meta.get("truncated")),
        taken_at=format_taken_at(taken_at),
        sources=view.sources(),
        options=dict(options) if isinstance(options, Mapping) else {},
    )
