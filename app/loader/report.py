"""What a load changed, per label and per relationship type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STATUSES = ("created", "updated", "deleted", "unchanged")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def add(self, status: str, n: int) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown change status {status!r}")
        setattr(self, status, getattr(self, status) + n)

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, s) + getattr(other, s) for s in STATUSES))

    def __str__(self) -> str:
        return ", ".join(f"{getattr(self, s)} {s}" for s in STATUSES)


def _total(groups: dict[str, Counts]) -> Counts:
    return sum(groups.values(), Counts())


@dataclass
class ChangeReport:
    """Counts per node label and per relationship type; `changed` is False for a no-op reload."""

    nodes: dict[str, Counts] = field(default_factory=dict)
    relationships: dict[str, Counts] = field(default_factory=dict)

    def node(self, label: str) -> Counts:
        return self.nodes.setdefault(label, Counts())

    def relationship(self, rel_type: str) -> Counts:
        return self.relationships.setdefault(rel_type, Counts())

    @property
    def node_totals(self) -> Counts:
        return _total(self.nodes)

    @property
    def relationship_totals(self) -> Counts:
        return _total(self.relationships)

    @property
    def changed(self) -> bool:
        return bool(self.node_totals.changed or self.relationship_totals.changed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "nodes": {k: vars(v).copy() for k, v in self.nodes.items()},
            "relationships": {k: vars(v).copy() for k, v in self.relationships.items()},
        }

    def __str__(self) -> str:
        return f"nodes: {self.node_totals}; relationships: {self.relationship_totals}"
