"""FastAPI dependencies: the settings and the process's one database handle."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.repository.base import Db
from app.settings import Settings


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Db:
    """The driver opened in the lifespan, with the configured database: one per process."""
    db: Db = request.app.state.db
    return db


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
DbDep = Annotated[Db, Depends(get_db)]
