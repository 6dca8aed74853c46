"""Results-chain levels and their ranks: the single source of truth.

The table mirrors ``docs/schema.md``; the loader imports it to refuse
``CONTRIBUTES_TO`` edges that do not go strictly upward, and the structure
checks use it to find violations and skipped levels. Levels that share a rank
(``long_term_change``/``goal``, ``outcome``/``line_of_action``, the three at
30) are the same step of the chain in different frameworks' vocabularies.
"""

from __future__ import annotations

from typing import Final

LEVEL_RANK: Final[dict[str, int]] = {
    "impact": 100,
    "manifestation": 90,
    "long_term_change": 80,
    "goal": 80,
    "outcome": 70,
    "line_of_action": 70,
    "medium_term_change": 60,
    "output": 50,
    "area_of_work": 40,
    "activity": 30,
    "action": 30,
    "reported_result": 30,
}

# Where nodes without a results-chain level sit in layered drawings (server positions and the
# render layer's bands alike). The schema says pledges and commitments sit below every level;
# containers and cross-cutting context go above the impact, evidence and actors below.
LABEL_RANK: Final[dict[str, int]] = {
    "Instrument": 120,
    "Theme": 120,
    "Framework": 110,
    "Approach": 110,
    "Challenge": 25,
    "Pledge": 20,
    "Commitment": 20,
    "Solution": 20,
    "Recommendation": 20,
    "Indicator": 15,
    "Actor": 10,
}
UNKNOWN_RANK: Final = 0


def rank(level: str | None) -> int | None:
    """Return the rank of ``level``, or ``None`` for a missing or unknown level.

    ``None`` rather than an exception because most nodes (actors, pledges,
    indicators) have no level, and callers treat "no rank" as its own case.

    >>> rank("impact")
    100
    >>> rank("reported_result")
    30
    >>> rank("goal") == rank("long_term_change")
    True
    >>> rank("nonsense") is None, rank(None) is None
    (True, True)
    """
    if level is None:
        return None
    return LEVEL_RANK.get(level)
