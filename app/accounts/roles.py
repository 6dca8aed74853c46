"""The four roles, in order, and what a route may need (a role, or less than any role)."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """Each role may do everything the roles before it may."""

    VIEWER = "viewer"  # browse, search, export
    RESEARCHER = "researcher"  # + the Cypher console, saved queries, the full backup
    EDITOR = "editor"  # + change the graph and indicator data
    ADMIN = "admin"  # + manage accounts, restore a backup, reload seeds


RANK: dict[Role, int] = {role: i for i, role in enumerate(Role, start=1)}
ROLES: tuple[str, ...] = tuple(Role)


def at_least(role: Role | None, needed: Role) -> bool:
    return role is not None and RANK[role] >= RANK[needed]


def lower(a: Role, b: Role) -> Role:
    return a if RANK[a] <= RANK[b] else b


class Need(StrEnum):
    """What a route needs, in the permission table (:mod:`app.accounts.permissions`)."""

    PUBLIC = "public"  # nothing, and no credentials are even read: static files, /health
    ANYONE = "anyone"  # nothing, but who is asking is read: sign-in, sign-out, who am I
    PERSON = "person"  # a person signed in with a session (not a script's token): own tokens
    VIEWER = "viewer"
    RESEARCHER = "researcher"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def role(self) -> Role | None:
        """The least role this need asks for (PERSON: any role, but signed in)."""
        if self in (Need.PUBLIC, Need.ANYONE):
            return None
        return Role.VIEWER if self is Need.PERSON else Role(self.value)
