"""Gaps: what no indicator measures, nobody promised, nobody does, nothing else aligns with."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from app.deps import DbDep
from app.repository import gaps as repo
from app.routers.params import FrameworkFilter
from graph.vocabulary import GAP_KINDS, GapKind

router = APIRouter(prefix="/gaps", tags=["gaps"])


@router.get("", response_model=list[repo.Gap], summary="Every kind of gap")
def all_gaps(db: DbDep, framework: FrameworkFilter = None) -> list[repo.Gap]:
    return repo.find_gaps(db, list(GAP_KINDS), framework)


@router.get("/{kind}", response_model=repo.Gap, summary="One kind of gap")
def one_gap(
    db: DbDep, kind: Annotated[GapKind, Path()], framework: FrameworkFilter = None
) -> repo.Gap:
    return repo.find_gaps(db, [kind], framework)[0]
