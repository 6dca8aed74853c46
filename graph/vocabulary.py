"""The explorer's one vocabulary: labels, levels, relationship types and what may join what.

Every other module of ``app/`` and ``graph/`` takes these names from here (a test checks that
no label, level or relationship type is spelled anywhere else), so adding a label or a level
is a change to this file and to ``docs/schema.md`` (a test checks the two agree). Pure: no
web framework, no driver, nothing but the standard library.

Labels, levels and relationship types are ``StrEnum`` members: they *are* their strings
(``Label.RESULT == "Result"``), so they go into JSON, Cypher parameters and comparisons with
data read back from Neo4j unchanged, and FastAPI turns them into OpenAPI enums.

>>> Label.RESULT == "Result", Level.IMPACT.rank, rank("goal") == rank("long_term_change")
(True, 100, True)
>>> INCLUDES["indicators"].types, INCLUDES["indicators"].label
((<Rel.MEASURES: 'MEASURES'>,), <Label.INDICATOR: 'Indicator'>)
>>> can_link(Rel.CONTRIBUTES_TO, Label.PLEDGE, Label.RESULT)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Literal, get_args

__all__ = [
    "ACTOR_TYPES",
    "BASES",
    "CHAIN",
    "CHAIN_KINDS",
    "CONTEXT_LABELS",
    "DIRECTIONS",
    "ENTITY",
    "FRAMEWORK_KINDS",
    "FRAMEWORK_MEMBER_LABELS",
    "GAPS",
    "GAP_KINDS",
    "ID_PATTERN",
    "ID_RE",
    "INCLUDES",
    "INCLUDE_KINDS",
    "LABEL_RANK",
    "LEVEL_RANK",
    "MEASURABLE_LEVELS",
    "NAME_PATTERN",
    "NODE_LABELS",
    "OUTCOME_AND_ABOVE",
    "PATHWAY_TYPES",
    "PLEDGE_SCOPES",
    "PROMISE_LABELS",
    "RELATIONSHIP_ENDPOINTS",
    "RELATIONSHIP_TYPES",
    "SECTORS",
    "UNDIRECTED_TYPES",
    "UNKNOWN_RANK",
    "Direction",
    "GapKind",
    "GapSpec",
    "IncludeKind",
    "IncludeSpec",
    "Label",
    "Level",
    "Rel",
    "WalkDirection",
    "allowed_label",
    "allowed_type",
    "can_link",
    "label_rank",
    "primary_label",
    "rank",
]


class Label(StrEnum):
    """Node labels, in ``docs/schema.md``'s order (also the order a node's main label is
    chosen in, should it have several)."""

    FRAMEWORK = "Framework"
    RESULT = "Result"
    ACTOR = "Actor"
    PLEDGE = "Pledge"
    COMMITMENT = "Commitment"
    INDICATOR = "Indicator"
    APPROACH = "Approach"
    INSTRUMENT = "Instrument"
    THEME = "Theme"
    CHALLENGE = "Challenge"
    SOLUTION = "Solution"
    RECOMMENDATION = "Recommendation"


# Every node the loader writes also carries this label, so one uniqueness constraint and one
# index find any node by id.
ENTITY: Final = "Entity"
NODE_LABELS: Final[tuple[str, ...]] = tuple(Label)


class Level(StrEnum):
    """Results-chain levels, top of the chain first (see ``LEVEL_RANK``)."""

    IMPACT = "impact"
    MANIFESTATION = "manifestation"
    LONG_TERM_CHANGE = "long_term_change"
    GOAL = "goal"
    OUTCOME = "outcome"
    LINE_OF_ACTION = "line_of_action"
    MEDIUM_TERM_CHANGE = "medium_term_change"
    OUTPUT = "output"
    AREA_OF_WORK = "area_of_work"
    ACTIVITY = "activity"
    ACTION = "action"
    REPORTED_RESULT = "reported_result"

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self]


# Levels that share a rank (long_term_change/goal, outcome/line_of_action, the three at 30) are
# the same step of the chain in different frameworks' vocabularies. CONTRIBUTES_TO must go
# strictly upward in rank.
LEVEL_RANK: Final[dict[str, int]] = {
    Level.IMPACT: 100,
    Level.MANIFESTATION: 90,
    Level.LONG_TERM_CHANGE: 80,
    Level.GOAL: 80,
    Level.OUTCOME: 70,
    Level.LINE_OF_ACTION: 70,
    Level.MEDIUM_TERM_CHANGE: 60,
    Level.OUTPUT: 50,
    Level.AREA_OF_WORK: 40,
    Level.ACTIVITY: 30,
    Level.ACTION: 30,
    Level.REPORTED_RESULT: 30,
}
LEVELS: Final[tuple[str, ...]] = tuple(Level)

# Where nodes without a level sit in layered drawings: containers and cross-cutting context
# above the impact; pledges and commitments below every level, then evidence, then actors.
LABEL_RANK: Final[dict[str, int]] = {
    Label.INSTRUMENT: 120,
    Label.THEME: 120,
    Label.FRAMEWORK: 110,
    Label.APPROACH: 110,
    Label.CHALLENGE: 25,
    Label.PLEDGE: 20,
    Label.COMMITMENT: 20,
    Label.SOLUTION: 20,
    Label.RECOMMENDATION: 20,
    Label.INDICATOR: 15,
    Label.ACTOR: 10,
}
UNKNOWN_RANK: Final = 0


def rank(level: str | None) -> int | None:
    """The rank of ``level``, or ``None`` for a missing or unknown level.

    ``None`` rather than an exception: most nodes (actors, pledges, indicators) have no level,
    and callers treat "no rank" as its own case.

    >>> rank("impact"), rank("reported_result"), rank("nonsense"), rank(None)
    (100, 30, None, None)
    """
    if level is None:
        return None
    return LEVEL_RANK.get(level)


def label_rank(label: str | None, level: str | None) -> int:
    """The band a node sits in: its level's rank, else its label's, else ``UNKNOWN_RANK``.

    >>> label_rank("Result", "output"), label_rank("Pledge", None), label_rank("Thing", None)
    (50, 20, 0)
    """
    by_level = rank(level)
    if by_level is not None:
        return by_level
    return LABEL_RANK.get(label or "", UNKNOWN_RANK)


def primary_label(labels: object) -> str:
    """The label a node is shown as: the first of ``Label``'s order it has, else another.

    >>> primary_label(["Entity", "Result"]), primary_label(["Entity"]), primary_label(["X"])
    ('Result', 'Entity', 'X')
    """
    have = {str(x) for x in labels} if isinstance(labels, (list, tuple, set, frozenset)) else set()
    for label in Label:
        if label in have:
            return label.value
    others = sorted(have - {ENTITY})
    return others[0] if others else ENTITY


class Rel(StrEnum):
    PART_OF = "PART_OF"
    CONTRIBUTES_TO = "CONTRIBUTES_TO"
    ALIGNS_WITH = "ALIGNS_WITH"
    HAS_THEME = "HAS_THEME"
    MEASURES = "MEASURES"
    MAKES = "MAKES"
    RESPONSIBLE_FOR = "RESPONSIBLE_FOR"
    FUNDS = "FUNDS"
    IMPLEMENTS = "IMPLEMENTS"
    SUPPORTS = "SUPPORTS"
    MEMBER_OF = "MEMBER_OF"
    REPORTS = "REPORTS"
    IN_COUNTRY = "IN_COUNTRY"
    PROPOSES = "PROPOSES"
    ADDRESSES = "ADDRESSES"
    REFERENCES = "REFERENCES"


_ANY: Final = frozenset(Label)
_L = Label
# type -> (labels allowed at the start, labels allowed at the end)
RELATIONSHIP_ENDPOINTS: Final[dict[str, tuple[frozenset[str], frozenset[str]]]] = {
    Rel.PART_OF: (_ANY, frozenset({_L.FRAMEWORK})),
    Rel.CONTRIBUTES_TO: (frozenset({_L.RESULT, _L.PLEDGE, _L.COMMITMENT}), frozenset({_L.RESULT})),
    Rel.ALIGNS_WITH: (_ANY, _ANY),
    Rel.HAS_THEME: (_ANY, frozenset({_L.THEME})),
    Rel.MEASURES: (frozenset({_L.INDICATOR}), frozenset({_L.RESULT})),
    Rel.MAKES: (frozenset({_L.ACTOR}), frozenset({_L.PLEDGE, _L.COMMITMENT})),
    Rel.RESPONSIBLE_FOR: (frozenset({_L.ACTOR}), frozenset({_L.COMMITMENT, _L.RESULT})),
    Rel.FUNDS: (frozenset({_L.ACTOR}), frozenset({_L.FRAMEWORK})),
    Rel.IMPLEMENTS: (frozenset({_L.ACTOR}), frozenset({_L.FRAMEWORK, _L.RESULT})),
    Rel.SUPPORTS: (frozenset({_L.ACTOR}), frozenset({_L.FRAMEWORK, _L.ACTOR})),
    Rel.MEMBER_OF: (frozenset({_L.ACTOR}), frozenset({_L.ACTOR})),
    Rel.REPORTS: (frozenset({_L.ACTOR}), frozenset({_L.INDICATOR})),
    Rel.IN_COUNTRY: (_ANY, frozenset({_L.ACTOR})),
    Rel.PROPOSES: (frozenset({_L.ACTOR}), frozenset({_L.SOLUTION})),
    Rel.ADDRESSES: (frozenset({_L.SOLUTION, _L.RECOMMENDATION}), frozenset({_L.CHALLENGE})),
    Rel.REFERENCES: (frozenset({_L.FRAMEWORK}), frozenset({_L.INSTRUMENT, _L.FRAMEWORK})),
}
RELATIONSHIP_TYPES: Final[tuple[str, ...]] = tuple(Rel)
assert tuple(RELATIONSHIP_ENDPOINTS) == RELATIONSHIP_TYPES

# The results chain itself.
CHAIN: Final = Rel.CONTRIBUTES_TO
# Read both ways (a->b and b->a are one fact): no arrowhead, no influence on layers.
UNDIRECTED_TYPES: Final[frozenset[str]] = frozenset({Rel.ALIGNS_WITH})
# What a pathway may follow: the chain, and with `alignments` the links across frameworks.
PATHWAY_TYPES: Final[tuple[str, ...]] = (Rel.CONTRIBUTES_TO, Rel.ALIGNS_WITH)
# Labels whose nodes belong to a framework (`framework` property and PART_OF): indexed, since
# views filter on it.
FRAMEWORK_MEMBER_LABELS: Final[tuple[str, ...]] = (
    Label.RESULT, Label.PLEDGE, Label.COMMITMENT, Label.INDICATOR, Label.APPROACH,
    Label.INSTRUMENT, Label.CHALLENGE, Label.SOLUTION, Label.RECOMMENDATION,
)  # fmt: skip
# Labels that promise work toward a result.
PROMISE_LABELS: Final[frozenset[str]] = frozenset({Label.PLEDGE, Label.COMMITMENT})
# What a framework cites or applies throughout rather than a change it plans.
CONTEXT_LABELS: Final[frozenset[str]] = frozenset(
    {Label.APPROACH, Label.INSTRUMENT, Label.FRAMEWORK}
)


def allowed_label(name: str) -> str:
    """``name`` when it is a node label (or ``Entity``); ``ValueError`` otherwise.

    Labels cannot be Cypher parameters; every label put into query text passes here first.
    """
    if name not in NODE_LABELS and name != ENTITY:
        raise ValueError(f"{name!r} is not an allow-listed node label")
    return name


def allowed_type(name: str) -> str:
    """``name`` when it is a relationship type; ``ValueError`` otherwise."""
    if name not in RELATIONSHIP_TYPES:
        raise ValueError(f"{name!r} is not an allow-listed relationship type")
    return name


def can_link(rel_type: str, start_label: str, end_label: str) -> bool:
    """Whether a ``rel_type`` relationship may join those labels (``docs/schema.md``)."""
    ends = RELATIONSHIP_ENDPOINTS.get(rel_type)
    return ends is not None and start_label in ends[0] and end_label in ends[1]


# -- what a view may add around a framework's elements --------------------------------------

IncludeKind = Literal["pledges", "commitments", "indicators", "actors", "themes", "alignments"]
INCLUDE_KINDS: Final[tuple[str, ...]] = get_args(IncludeKind)


@dataclass(frozen=True)
class IncludeSpec:
    """The relationships that bring an attachment in, and the label of what they bring."""

    types: tuple[Rel, ...]
    label: Label | None  # None: alignments bring results of other frameworks


INCLUDES: Final[dict[str, IncludeSpec]] = {
    "pledges": IncludeSpec((Rel.CONTRIBUTES_TO,), Label.PLEDGE),
    "commitments": IncludeSpec((Rel.CONTRIBUTES_TO,), Label.COMMITMENT),
    "indicators": IncludeSpec((Rel.MEASURES,), Label.INDICATOR),
    "actors": IncludeSpec(
        (Rel.MAKES, Rel.RESPONSIBLE_FOR, Rel.IMPLEMENTS, Rel.FUNDS, Rel.SUPPORTS, Rel.REPORTS),
        Label.ACTOR,
    ),
    "themes": IncludeSpec((Rel.HAS_THEME,), Label.THEME),
    "alignments": IncludeSpec((Rel.ALIGNS_WITH,), None),
}
assert tuple(INCLUDES) == INCLUDE_KINDS

# -- pathways ------------------------------------------------------------------------------

WalkDirection = Literal["upstream", "downstream"]
Direction = Literal["upstream", "downstream", "both"]
DIRECTIONS: Final[tuple[str, ...]] = get_args(Direction)

# -- enumerated property values (docs/schema.md) -----------------------------------------------

FrameworkKind = Literal[
    "theory_of_change", "results_framework", "action_plan", "joint_action_plan", "project",
    "pledge_set", "national_action_plans", "indicator_set", "peer_exchange",
]  # fmt: skip
FRAMEWORK_KINDS: Final[tuple[str, ...]] = get_args(FrameworkKind)
# Frameworks that hold a results chain: what the cross-framework view lines up by default.
CHAIN_KINDS: Final[tuple[str, ...]] = FRAMEWORK_KINDS[:5]
RESULTS_FRAMEWORK_KIND: Final = "results_framework"

ACTOR_TYPES: Final = (
    "country", "un_agency", "regional_body", "intergovernmental", "ministry",
    "national_institution", "local_government", "donor", "implementing_partner",
    "private_sector", "civil_society", "academia", "trade_union", "employers_organization",
    "population_group",
)  # fmt: skip
COUNTRY_ACTOR_TYPE: Final = "country"
SECTORS: Final = (
    "cross_sector", "government", "migrants", "private_sector", "civil_society", "un_agencies",
)  # fmt: skip
PLEDGE_SCOPES: Final = ("regional", "national")
Basis = Literal["stated", "inferred"]
BASES: Final[tuple[str, ...]] = get_args(Basis)

# -- ids -------------------------------------------------------------------------------------

ID_PATTERN: Final = r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$"
ID_RE: Final = re.compile(ID_PATTERN)
# A label or relationship type the explorer writes or accepts: Cypher cannot take one as a
# parameter, so anything else is refused where it comes in (backups, posted payloads).
NAME_PATTERN: Final = r"^[A-Za-z_][A-Za-z0-9_]*$"

# -- gaps ------------------------------------------------------------------------------------

GapKind = Literal[
    "without_indicator", "without_commitment", "outputs_without_actor", "unaligned",
    "actors_without_outcome",
]  # fmt: skip
GAP_KINDS: Final[tuple[str, ...]] = get_args(GapKind)
# The measurable results, for indicators, promises and alignment.
MEASURABLE_LEVELS: Final[tuple[str, ...]] = (
    Level.OUTCOME, Level.OUTPUT, Level.MEDIUM_TERM_CHANGE, Level.LONG_TERM_CHANGE, Level.GOAL,
    Level.LINE_OF_ACTION,
)  # fmt: skip
# What counts as "an outcome or above" when asking whether an actor's promises reach one.
OUTCOME_AND_ABOVE: Final[tuple[str, ...]] = (
    Level.OUTCOME, Level.LONG_TERM_CHANGE, Level.GOAL, Level.LINE_OF_ACTION,
    Level.MANIFESTATION, Level.IMPACT,
)  # fmt: skip


@dataclass(frozen=True)
class GapSpec:
    """What a kind of gap is, and the levels its check looks at (None: its query decides)."""

    description: str
    levels: tuple[str, ...] | None


GAPS: Final[dict[str, GapSpec]] = dict(
    zip(
        GAP_KINDS,
        (
            GapSpec("Results that no indicator measures", MEASURABLE_LEVELS),
            GapSpec("Results that no pledge or commitment reaches", MEASURABLE_LEVELS),
            GapSpec("Outputs that no actor implements or commits to", None),
            GapSpec("Changes that align with nothing in the other frameworks", MEASURABLE_LEVELS),
            GapSpec("Actors whose pledges and commitments reach no outcome", OUTCOME_AND_ABOVE),
        ),
        strict=True,
    )
)
