"""Full-text search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import DbDep
from app.repository import search as repo

router = APIRouter(tags=["search"])


@router.get("/search", response_model=list[repo.SearchHit], summary="Full-text search, ranked")
def search(
    db: DbDep,
    q: Annotated[str, Query(min_length=1, max_length=200, examples=["skills recognition"])],
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> list[repo.SearchHit]:
    return repo.search(db, q, limit, offset)
