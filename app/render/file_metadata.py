"""Provenance inside the drawings' own metadata, where file browsers, image viewers and PDF
readers show it (Graphviz writes none: cairo's PNG has no text or resolution, its PDF only a
producer and a date).

- PNG: text chunks with the standard keywords ``Title``, ``Description`` (the provenance,
  one fact a line), ``Software``, ``Creation Time``, plus ``Provenance`` (the stamp as JSON),
  and a ``pHYs`` chunk with the resolution it was drawn at. Text that Latin-1 cannot hold goes
  in ``iTXt`` (UTF-8). The chunks are added to Graphviz's file as they are (Pillow writes them);
  the image data is not decoded or compressed again.
- PDF: the document information ``Title``, ``Subject`` (the provenance), ``Keywords``
  (generator, view, sources), ``Creator``, ``CreationDate`` (when the data was taken) and
  ``Provenance`` (the stamp as JSON), added by pypdf as an incremental update: cairo's bytes are
  kept and the new information follows them.
"""

from __future__ import annotations

import io
import json
import struct
from datetime import datetime

from PIL import PngImagePlugin
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from app.render.stamp import GENERATOR, ExportStamp

__all__ = ["pdf_with_metadata", "png_with_metadata"]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
METRES_PER_INCH = 0.0254
# Chunks this module writes: any the renderer already wrote are replaced, not repeated.
_OURS = {b"pHYs", b"tEXt", b"zTXt", b"iTXt"}


def _provenance_json(stamp: ExportStamp) -> str:
    return json.dumps(stamp.as_dict(), ensure_ascii=False, sort_keys=True, default=str)


def _description(stamp: ExportStamp) -> str:
    return "\n".join(stamp.lines())


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, whole chunk bytes) of a PNG, in order."""
    if not png.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    chunks, pos = [], len(_PNG_SIGNATURE)
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        end = pos + 12 + length
        chunks.append((kind, png[pos:end]))
        pos = end
    return chunks


def png_with_metadata(png: bytes, stamp: ExportStamp, dpi: int) -> bytes:
    """``png`` with the stamp in text chunks and ``dpi`` in ``pHYs``, right after ``IHDR``."""
    info = PngImagePlugin.PngInfo()
    texts = {
        "Title": stamp.title,
        "Description": _description(stamp),
        "Software": GENERATOR,
        "Creation Time": stamp.taken_at,
        "Provenance": _provenance_json(stamp),
    }
    for key, value in texts.items():
        info.add_text(key, value, zip=len(value) > 1024)
    per_metre = round(dpi / METRES_PER_INCH)
    info.add(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))  # 1: the unit is the metre

    out = io.BytesIO()
    out.write(_PNG_SIGNATURE)
    for kind, chunk in _chunks(png):
        if kind in _OURS:
            continue
        out.write(chunk)
        if kind == b"IHDR":
            for cid, data, _after_idat in info.chunks:
                PngImagePlugin.putchunk(out, cid, data)
    return out.getvalue()


def _pdf_date(taken_at: str) -> str | None:
    try:
        when = datetime.fromisoformat(taken_at)
    except ValueError:
        return None
    offset = when.utcoffset()
    if offset is None:
        return when.strftime("D:%Y%m%d%H%M%S")
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return when.strftime("D:%Y%m%d%H%M%S") + f"{sign}{hours:02d}'{rest:02d}'"


def pdf_with_metadata(pdf: bytes, stamp: ExportStamp) -> bytes:
    """``pdf`` with the stamp in its document information dictionary."""
    writer = PdfWriter(io.BytesIO(pdf), incremental=True)
    info = {
        "/Title": stamp.title,
        "/Subject": " | ".join(stamp.lines()),
        "/Keywords": ", ".join([GENERATOR, stamp.query, *stamp.sources]),
        "/Creator": GENERATOR,
        "/Provenance": _provenance_json(stamp),
    }
    date = _pdf_date(stamp.taken_at)
    if date:
        info["/CreationDate"] = date
    writer.add_metadata({NameObject(k): TextStringObject(v) for k, v in info.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
