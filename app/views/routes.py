"""Everything the views add to the app, under one router."""

from __future__ import annotations

from fastapi import APIRouter

from app.views import data, pages, static_files

router = APIRouter()
router.include_router(static_files.router)
router.include_router(data.router)
router.include_router(pages.router)
