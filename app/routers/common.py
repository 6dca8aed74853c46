"""Things every router shares: the allow-lists, the not-found reply, framework checks."""

from __future__ import annotations

from typing import Literal

from fastapi import HTTPException

from app.repository.base import NotFound

# Labels a client may browse by; anything else is refused with 422 before a query is built.
BrowseLabel = Literal[
    "Framework", "Result", "Actor", "Pledge", "Commitment", "Indicator", "Approach",
    "Instrument", "Theme", "Challenge", "Solution", "Recommendation",
]  # fmt: skip
Level = Literal[
    "impact", "manifestation", "long_term_change", "goal", "outcome", "line_of_action",
    "medium_term_change", "output", "area_of_work", "activity", "action", "reported_result",
]  # fmt: skip
ID_PATTERN = r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$"


def not_found(e: NotFound) -> HTTPException:
    return HTTPException(status_code=404, detail=str(e))
