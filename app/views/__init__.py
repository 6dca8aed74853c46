"""The planners' pages: HTML views served by the app, the static files they load, and the
JSON endpoints that turn API payloads into vis-network data through :mod:`app.render`.

``app.include_router(views.router)`` adds all of it.
"""

from app.views.routes import router

__all__ = ["router"]
