"""The pages' Jinja templates (``app/templates``), rendered with autoescaping, and the route
class of a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request, Response
from fastapi.templating import Jinja2Templates

from app.errors import NotFound
from app.pages.security import SECURITY_HEADERS, SecureRoute
from app.pages.static_files import VIS_CSS_URL, VIS_JS_URL

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """Render ``template`` with the vis-network asset addresses every page may need."""
    context.setdefault("vis_js_url", VIS_JS_URL)
    context.setdefault("vis_css_url", VIS_CSS_URL)
    return templates.TemplateResponse(request, template, context, status_code=status_code)


class PageRoute(SecureRoute):
    """A page: when what it shows does not exist, it answers with the "not found" page rather
    than the API's JSON error body (``app/error_handlers.py`` asks it)."""

    def render_error(self, request: Request, exc: Exception) -> Response | None:
        if not isinstance(exc, NotFound):
            return None
        response = page(request, "not_found.html", status_code=404, what=exc.what, key=exc.key)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response
