"""What a seed entry may hold: the allow-lists of docs/schema.md and one Pydantic model per label.

The allow-lists are the only place labels, relationship types and enumerated
values come from; the writer refuses to put anything else into Cypher. A test
checks they agree with docs/schema.md.

The models check one entry on its own (types, required fields, allow-listed
values, id format, unknown keys). Everything that needs the other entries
(references, ranks, cycles, duplicates) is in `validate.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from app.loader.errors import shown
from graph.vocabulary import (
    ACTOR_TYPES,
    BASES,
    FRAMEWORK_KINDS,
    FRAMEWORK_MEMBER_LABELS,
    ID_RE,
    LEVELS,
    NODE_LABELS,
    PLEDGE_SCOPES,
    RELATIONSHIP_ENDPOINTS,
    RELATIONSHIP_TYPES,
    SECTORS,
    UNDIRECTED_TYPES,
    Label,
    Rel,
)

__all__ = [
    "ACTOR_TYPES",
    "BASES",
    "FRAMEWORK_KINDS",
    "LEVELS",
    "NODE_LABELS",
    "NODE_MODELS",
    "PLEDGE_SCOPES",
    "RELATIONSHIP_ENDPOINTS",
    "RELATIONSHIP_TYPES",
    "SECTORS",
    "UNDIRECTED_TYPES",
    "EdgeEntry",
    "NodeEntry",
    "edge_id",
]

# -- allow-lists -------------------------------------------------------------------------
# The labels, types and enumerated values are the vocabulary's (graph/vocabulary.py); what
# follows is what only seed files need.

# Properties only some relationship types carry.
EDGE_EXTRA_PROPERTIES: Final[dict[str, tuple[str, ...]]] = {
    Rel.FUNDS: ("amount", "currency"),
    Rel.SUPPORTS: ("role",),
}

# ALIGNS_WITH is a judgement even when both documents are quoted: always say why.
RATIONALE_ALWAYS: Final = frozenset({Rel.ALIGNS_WITH})


# The `country` shorthand becomes IN_COUNTRY (node -> country) except for these
# labels, where the country is the one acting: (type, country is the start).
COUNTRY_RELATIONSHIP: Final[dict[str, str]] = {
    Label.SOLUTION: Rel.PROPOSES,
    Label.PLEDGE: Rel.MAKES,
    Label.COMMITMENT: Rel.MAKES,
}

ID_PATTERN: Final = ID_RE

# Seed-file keys that become relationships rather than (only) properties.
SHORTHAND_KEYS: Final = frozenset({"label", "framework", "country", "contributes_to", "themes"})

# Set by the loader, never written in a seed file.
LOADER_PROPERTIES: Final = ("origin", "seed_file", "seed_line")
ORIGIN: Final = "seed"


# -- field types -------------------------------------------------------------------------


def _one_of(allowed: Sequence[str]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in allowed:
            raise PydanticCustomError(
                "not_allowed",
                "{value} is not one of {allowed}",
                {"value": shown(value), "allowed": ", ".join(allowed)},
            )
        return value

    return check


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise PydanticCustomError(
            "bad_id",
            "{value} is not a well-formed id (lower-case letters, digits, '.' and '-';"
            " starting and ending with a letter or digit)",
            {"value": shown(value)},
        )
    return value


def _collapse_whitespace(value: str) -> str:
    # Names are compared with the documents after whitespace normalisation; store them so.
    return " ".join(value.split())


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _number_as_printed(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        raise PydanticCustomError(
            "number_as_float",
            "YAML read {value} as a float; quote the number as printed (e.g. '2.10')",
            {"value": shown(value)},
        )
    return value


NodeId = Annotated[str, AfterValidator(_check_id)]
Text = Annotated[str, AfterValidator(_collapse_whitespace), Field(min_length=1)]
IdList = Annotated[list[NodeId], BeforeValidator(_as_list), Field(min_length=1)]
OptionalIdList = Annotated[list[NodeId], BeforeValidator(_as_list)]
PrintedNumber = Annotated[str, BeforeValidator(_number_as_printed), Field(min_length=1)]
Level = Annotated[str, AfterValidator(_one_of(LEVELS))]
FrameworkKind = Annotated[str, AfterValidator(_one_of(FRAMEWORK_KINDS))]
ActorType = Annotated[str, AfterValidator(_one_of(ACTOR_TYPES))]
Sector = Annotated[str, AfterValidator(_one_of(SECTORS))]
PledgeScope = Annotated[str, AfterValidator(_one_of(PLEDGE_SCOPES))]
Basis = Annotated[str, AfterValidator(_one_of(BASES))]
RelationshipType = Annotated[str, AfterValidator(_one_of(RELATIONSHIP_TYPES))]
Amount = int | float


# -- nodes -------------------------------------------------------------------------------


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NodeEntry(_Entry):
    """Fields every node has (docs/schema.md, "Identity and provenance")."""

    id: NodeId
    label: str
    name: Text
    text: Text | None = None
    source: Text
    section: Text
    quote: Text | None = None
    themes: OptionalIdList = []

    def default_quote(self) -> str:
        return self.quote or self.text or self.name

    def frameworks(self) -> list[str]:
        value = getattr(self, "framework", None)
        return list(value) if value else []

    def countries(self) -> list[str]:
        value = getattr(self, "country", None)
        return list(value) if value else []

    def contributes(self) -> list[str]:
        value = getattr(self, "contributes_to", None)
        return list(value) if value else []

    def properties(self) -> dict[str, Any]:
        """The node's properties as stored, before the loader's own (origin, seed_*)."""
        props = self.model_dump(exclude_none=True, exclude=set(SHORTHAND_KEYS))
        props["quote"] = self.default_quote()
        # Lists of ids become relationships; the first stays as a property to filter on.
        if self.frameworks():
            props["framework"] = self.frameworks()[0]
        if self.countries():
            props["country"] = self.countries()[0]
        return props


class Framework(NodeEntry):
    kind: FrameworkKind
    period: Text | None = None
    year: int | None = None
    budget: Amount | None = None
    currency: Text | None = None
    url: Text | None = None


class Result(NodeEntry):
    level: Level
    framework: IdList
    number: PrintedNumber | None = None
    objective: Text | None = None
    year: int | None = None
    theme: Text | None = None
    country: IdList | None = None  # where a reported result happened
    contributes_to: OptionalIdList = []


class Actor(NodeEntry):
    actor_type: ActorType
    acronym: Text | None = None
    country: IdList | None = None


class Pledge(NodeEntry):
    code: Text
    scope: PledgeScope
    framework: IdList
    country: IdList | None = None
    contributes_to: OptionalIdList = []


class Commitment(NodeEntry):
    country: IdList
    framework: IdList
    number: PrintedNumber | None = None
    contributes_to: OptionalIdList = []


class Indicator(NodeEntry):
    framework: IdList
    theme: Text
    country: IdList | None = None


class Approach(NodeEntry):
    framework: IdList


class Instrument(NodeEntry):
    year: int | None = None
    framework: IdList | None = None


class Theme(NodeEntry):
    pass


class Challenge(NodeEntry):
    framework: IdList
    sector: Sector


class Solution(NodeEntry):
    framework: IdList
    country: IdList


class Recommendation(NodeEntry):
    framework: IdList
    reflection: Text | None = None


NODE_MODELS: Final[dict[str, type[NodeEntry]]] = {
    Label.FRAMEWORK: Framework,
    Label.RESULT: Result,
    Label.ACTOR: Actor,
    Label.PLEDGE: Pledge,
    Label.COMMITMENT: Commitment,
    Label.INDICATOR: Indicator,
    Label.APPROACH: Approach,
    Label.INSTRUMENT: Instrument,
    Label.THEME: Theme,
    Label.CHALLENGE: Challenge,
    Label.SOLUTION: Solution,
    Label.RECOMMENDATION: Recommendation,
}

assert tuple(NODE_MODELS) == NODE_LABELS
assert {label for label, model in NODE_MODELS.items() if "framework" in model.model_fields} == set(
    FRAMEWORK_MEMBER_LABELS
)


# -- edges -------------------------------------------------------------------------------


class EdgeEntry(_Entry):
    """One entry of a seed file's `edges:` list."""

    type: RelationshipType
    from_: NodeId = Field(alias="from")
    to: NodeId
    basis: Basis
    source: Text | None = None
    section: Text | None = None
    quote: Text | None = None
    rationale: Text | None = None
    amount: Amount | None = None
    currency: Text | None = None
    role: Text | None = None

    @property
    def key(self) -> str:
        return edge_id(self.type, self.from_, self.to)

    def problems(self) -> list[tuple[str, str]]:
        """Rules that tie one field to another: (field, message) for each broken one."""
        out: list[tuple[str, str]] = []
        if self.basis == "inferred" and not self.rationale:
            out.append(("rationale", "an inferred relationship needs a rationale"))
        elif self.type in RATIONALE_ALWAYS and not self.rationale:
            out.append(("rationale", f"{self.type} always needs a rationale"))
        if self.basis == "stated":
            for name in ("source", "section", "quote"):
                if not getattr(self, name):
                    out.append((name, "a stated relationship needs source, section and quote"))
        extras = EDGE_EXTRA_PROPERTIES.get(self.type, ())
        for name in ("amount", "currency", "role"):
            if getattr(self, name) is not None and name not in extras:
                owners = [t for t, props in EDGE_EXTRA_PROPERTIES.items() if name in props]
                out.append((name, f"only {', '.join(owners)} relationships carry {name}"))
        if self.from_ == self.to:
            out.append(("to", "a relationship cannot start and end at the same node"))
        return out

    def properties(self) -> dict[str, Any]:
        props = self.model_dump(exclude_none=True, exclude={"type", "from_", "to"})
        props["id"] = self.key
        return props


def edge_id(rel_type: str, start: str, end: str) -> str:
    """The key the loader gives every relationship: `TYPE:from->to`."""
    return f"{rel_type}:{start}->{end}"
