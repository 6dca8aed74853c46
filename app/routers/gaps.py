"""Gaps: what no indicator measures, nobody promised, nobody does, nothing else aligns with."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app.deps import DriverDep, SettingsDep
from app.repository import gaps as repo
from app.routers.common import ID_PATTERN

router = APIRouter(prefix="/gaps", tags=["gaps"])
Framework = Annotated[str | None, Query(pattern=ID_PATTERN, examples=["mirps-rf"])]


@router.get("", response_model=list[repo.Gap], summary="Every kind of gap")
def all_gaps(
    driver: DriverDep, settings: SettingsDep, framework: Framework = None
) -> list[repo.Gap]:
    return repo.find_gaps(driver, settings.neo4j_database, list(repo.GAP_KINDS), framework)


@router.get("/{kind}", response_model=repo.Gap, summary="One kind of gap")
def one_gap(
    driver: DriverDep,
    settings: SettingsDep,
    kind: Annotated[repo.GapKind, Path()],
    framework: Framework = None,
) -> repo.Gap:
    return repo.find_gaps(driver, settings.neo4j_database, [kind], framework)[0]
