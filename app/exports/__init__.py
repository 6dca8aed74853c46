"""Every export format, by name: ``FORMATS`` and the :func:`export` dispatcher.

Each format is a pure function of a graph payload (``docs/schema.md``) plus a
title and the time the data was taken; each records that provenance in the
file itself, with the file's own options (format, paper, resolution). The web
layer only has to pick a name::

    fmt = FORMATS["graphml"]
    done = export_file(payload, "graphml", title="Upstream of ...", taken_at=now)
    Response(done.body, media_type=fmt.media_type,
             headers={"Content-Disposition": content_disposition("upstream", "graphml")})

``done.warnings`` says when the file is valid but its usual readers will not
open it as it is (a Mermaid diagram past Mermaid's default size limits).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, Protocol, get_args
from urllib.parse import quote

from anyascii import anyascii

from app.exports.backup import to_json_backup
from app.exports.csv_zip import to_csv_zip
from app.exports.cytoscape import to_cytoscape
from app.exports.graph_files import to_gexf, to_graphml
from app.render.diagram import PNG_DPI, DiagramFormat, Paper, render_diagram
from app.render.dot import to_dot
from app.render.mermaid import mermaid_warnings, to_mermaid
from app.render.network_page import network_page
from app.render.stamp import OPTIONS_KEY, TakenAt

__all__ = [
    "FORMATS",
    "Exported",
    "Exporter",
    "Format",
    "UnknownFormat",
    "ascii_filename",
    "content_disposition",
    "export",
    "export_file",
    "filename",
]


class Exporter(Protocol):
    def __call__(
        self, payload: Mapping[str, Any], *, title: str, taken_at: TakenAt, paper: Paper
    ) -> bytes: ...


class Format(NamedTuple):
    media_type: str
    extension: str
    function: Exporter


class Exported(NamedTuple):
    body: bytes
    warnings: list[str]


class UnknownFormat(KeyError):
    """Raised by :func:`export` for a name not in ``FORMATS``."""


def _text(render: Callable[..., str]) -> Exporter:
    def encode(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt, paper: Paper) -> bytes:
        return render(payload, title=title, taken_at=taken_at).encode("utf-8")

    encode.__name__ = getattr(render, "__name__", "text_export")
    return encode


def _diagram(fmt: DiagramFormat) -> Exporter:
    def draw(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt, paper: Paper) -> bytes:
        return render_diagram(payload, fmt, title=title, taken_at=taken_at, paper=paper)

    draw.__name__ = f"render_{fmt}"
    return draw


def _data(write: Callable[..., bytes]) -> Exporter:
    def data(payload: Mapping[str, Any], *, title: str, taken_at: TakenAt, paper: Paper) -> bytes:
        return write(payload, title=title, taken_at=taken_at)

    data.__name__ = getattr(write, "__name__", "data_export")
    return data


FORMATS: dict[str, Format] = {
    "html": Format("text/html; charset=utf-8", "html", _text(network_page)),
    "svg": Format("image/svg+xml", "svg", _diagram("svg")),
    "png": Format("image/png", "png", _diagram("png")),
    "pdf": Format("application/pdf", "pdf", _diagram("pdf")),
    "mermaid": Format("text/vnd.mermaid; charset=utf-8", "mmd", _text(to_mermaid)),
    "dot": Format("text/vnd.graphviz; charset=utf-8", "gv", _text(to_dot)),
    "graphml": Format("application/graphml+xml", "graphml", _data(to_graphml)),
    "gexf": Format("application/gexf+xml", "gexf", _data(to_gexf)),
    "cytoscape": Format("application/json", "cyjs", _data(to_cytoscape)),
    "csv": Format("application/zip", "zip", _data(to_csv_zip)),
    "json": Format("application/json", "json", _data(to_json_backup)),
}


# What a file's usual readers would refuse as it is, read from the file itself, by format.
WARNINGS: dict[str, Callable[[bytes], list[str]]] = {
    "mermaid": lambda body: mermaid_warnings(body.decode("utf-8")),
}
DIAGRAMS: frozenset[str] = frozenset(get_args(DiagramFormat))


def options(fmt: str, paper: Paper) -> dict[str, Any]:
    """The options a file of ``fmt`` was made with, as its provenance records them."""
    found: dict[str, Any] = {"format": fmt}
    if fmt in DIAGRAMS:
        found["paper"] = paper
    if fmt == "png":
        found["dpi"] = PNG_DPI
    return found


def export_file(
    payload: Mapping[str, Any],
    fmt: str,
    *,
    title: str,
    taken_at: TakenAt,
    paper: Paper = "A4",
) -> Exported:
    """Render ``payload`` as ``fmt`` (a key of ``FORMATS``); ``paper`` is for svg/png/pdf."""
    try:
        entry = FORMATS[fmt]
    except KeyError:
        raise UnknownFormat(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}") from None
    if paper not in get_args(Paper):
        raise ValueError(f"paper must be one of {get_args(Paper)}, not {paper!r}")
    meta = {**(payload.get("meta") or {}), OPTIONS_KEY: options(fmt, paper)}
    body = entry.function({**payload, "meta": meta}, title=title, taken_at=taken_at, paper=paper)
    warn = WARNINGS.get(fmt)
    return Exported(body, warn(body) if warn else [])


def export(
    payload: Mapping[str, Any],
    fmt: str,
    *,
    title: str,
    taken_at: TakenAt,
    paper: Paper = "A4",
) -> bytes:
    """The file alone (see :func:`export_file`)."""
    return export_file(payload, fmt, title=title, taken_at=taken_at, paper=paper).body


def _stem(stem: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in stem).strip("-.")
    return safe[:80].strip("-.") or "export"


def filename(stem: str, fmt: str) -> str:
    """A download name: ``stem`` made file-system safe, plus the format's extension.

    Letters of any script are kept (``Łódź.svg``); :func:`content_disposition` sends such a
    name to a browser."""
    return f"{_stem(stem)}.{FORMATS[fmt].extension}"


def ascii_filename(stem: str, fmt: str) -> str:
    """The download name in ASCII, for readers that know only RFC 6266's ``filename=`` (curl's
    ``-J``, old browsers): transliterated (``Łódź`` -> ``Lodz``, ``Москва`` -> ``Moskva``)."""
    return filename(anyascii(_stem(stem)), fmt)


def content_disposition(stem: str, fmt: str) -> str:
    """A ``Content-Disposition`` header that saves the file as :func:`filename` in every
    browser (RFC 6266): an ASCII ``filename=`` plus ``filename*=UTF-8''…`` when the name is
    not ASCII. HTTP headers are Latin-1 at most, so a non-ASCII name never goes out raw."""
    name = filename(stem, fmt)
    fallback = ascii_filename(stem, fmt)
    header = f'attachment; filename="{fallback}"'
    if name != fallback:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header
