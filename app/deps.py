"""FastAPI dependencies: the settings, the process's one database handle, and who is asking."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.accounts.principal import Principal
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


def get_principal(request: Request) -> Principal:
    """Who is asking, as the gate (``app/accounts/web/gate.py``) found before the route ran.

    The route may run only if the permission table allowed it, so a route needs this only to
    know *who* (``principal.author`` for the history of a change) or to offer more to a higher
    role (``principal.can("editor")``), never to decide whether it may run at all.
    """
    principal: Principal = request.state.principal
    return principal


CurrentUser = Annotated[Principal, Depends(get_principal)]
