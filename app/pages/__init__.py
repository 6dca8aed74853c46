"""The planners' pages: HTML routes (:mod:`app.pages.routes`), the JSON they draw
(:mod:`app.pages.data`), their static files and security headers.

``app.include_router(pages.router)`` adds all of it.
"""

from fastapi import APIRouter

from app.pages import data, docs, routes, static_files

router = APIRouter()
router.include_router(static_files.router)
router.include_router(data.router)
router.include_router(routes.router)
router.include_router(docs.router)

__all__ = ["router"]
