"""The pages' own JS and CSS (``app/static``), vis-network's, read from pyvis's package, and
Swagger UI's for ``/docs``, read from fastapi-offline's (:mod:`app.pages.docs`).

Served by a route rather than a ``StaticFiles`` mount because an ``APIRouter`` cannot carry
a mount through ``include_router``. Nothing comes from a CDN: the pages work offline.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from app.pages.docs import swagger_files
from app.pages.security import SecureRoute
from app.render import vis_asset_paths
from app.render.network_page import VIS_VERSION

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
VENDOR_PREFIX = f"vendor/vis-{VIS_VERSION}/"
VIS_JS_URL = f"/static/{VENDOR_PREFIX}vis-network.min.js"
VIS_CSS_URL = f"/static/{VENDOR_PREFIX}vis-network.css"

MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}

router = APIRouter(route_class=SecureRoute, include_in_schema=False)

# What a static file's path may spell: plain names in plain folders. Anything else (a null
# byte, a surrogate, a backslash, `..`) is not a file here, and never reaches the file system.
SAFE_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*")


def _vendor_files() -> dict[str, Path]:
    js, css = vis_asset_paths()
    return {VENDOR_PREFIX + js.name: js, VENDOR_PREFIX + css.name: css, **swagger_files()}


def resolve_static(path: str) -> Path | None:
    """The file a ``/static/`` path names, or None; never anything outside the two folders."""
    if not SAFE_PATH.fullmatch(path):
        return None
    vendor = _vendor_files()
    if path in vendor:
        return vendor[path]
    candidate = (STATIC_DIR / path).resolve()
    if STATIC_DIR not in candidate.parents or not candidate.is_file():
        return None
    if candidate.suffix not in MEDIA_TYPES:
        return None
    return candidate


@router.get("/static/{path:path}")
def static_file(path: Annotated[str, PathParam(max_length=200)]) -> FileResponse:
    found = resolve_static(path)
    if found is None:
        raise HTTPException(status_code=404, detail="no such static file")
    return FileResponse(
        found,
        media_type=MEDIA_TYPES[found.suffix],
        # Revalidate each time (ETag): a new version of a script is picked up at once.
        headers={"Cache-Control": "no-cache"},
    )
