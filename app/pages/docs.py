"""``/docs``: the API's interactive documentation (Swagger UI), served by the app like every
other page, so it works with no internet connection.

Swagger UI's files come from the ``fastapi-offline`` package, which ships swagger-ui-dist's
bundle and stylesheet inside its wheel (as pyvis ships vis-network for the explorer's pages);
:mod:`app.pages.static_files` serves them under ``/static/vendor/swagger-ui/``. The page
itself is FastAPI's ``get_swagger_ui_html``. Its one inline script (Swagger UI's start-up
call) is allowed by its SHA-256 hash in the page's Content-Security-Policy, which is otherwise
the pages' strict policy: no other inline script can run. ReDoc is not offered: it needs
inline styles and a worker from ``blob:`` URLs, which the pages' policy forbids.
"""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from app.pages.security import CONTENT_SECURITY_POLICY, SecureRoute

DOCS_URL = "/docs"
SWAGGER_DIR = Path(str(files("fastapi_offline") / "static"))
SWAGGER_PREFIX = "vendor/swagger-ui/"
SWAGGER_JS = "swagger-ui-bundle.js"
SWAGGER_CSS = "swagger-ui.css"

router = APIRouter(route_class=SecureRoute, include_in_schema=False)

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def swagger_files() -> dict[str, Path]:
    """The Swagger UI files the app serves, by their path under ``/static/``."""
    return {SWAGGER_PREFIX + name: SWAGGER_DIR / name for name in (SWAGGER_JS, SWAGGER_CSS)}


def _with_script_hashes(policy: str, html: str) -> str:
    """``policy`` whose ``script-src`` also allows exactly the inline scripts in ``html``."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _INLINE_SCRIPT.findall(html)
    ]
    return policy.replace("script-src 'self'", " ".join(["script-src 'self'", *hashes]), 1)


@router.get(DOCS_URL, response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    app = request.app
    page = get_swagger_ui_html(
        openapi_url=app.openapi_url,
        title=f"{app.title}: API",
        swagger_js_url=f"/static/{SWAGGER_PREFIX}{SWAGGER_JS}",
        swagger_css_url=f"/static/{SWAGGER_PREFIX}{SWAGGER_CSS}",
        swagger_favicon_url="/static/favicon.svg",
        oauth2_redirect_url=None,
    )
    html = bytes(page.body).decode()
    page.headers["Content-Security-Policy"] = _with_script_hashes(CONTENT_SECURITY_POLICY, html)
    return page
