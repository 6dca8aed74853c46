"""Who is asking: an account (by session or API token) or nobody, with the role in force.

Routes read it through the ``CurrentUser`` dependency (``app/deps.py``); changes to the graph
take their author from ``Principal.author``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from app.accounts.roles import Need, Role, at_least

Via = Literal["anonymous", "session", "token"]


@dataclass(frozen=True)
class Principal:
    role: Role | None  # None: an anonymous visitor when anonymous access is off
    account: str | None = None  # the account's name; None when nobody is signed in
    account_id: int | None = None
    via: Via = "anonymous"
    token_id: int | None = None  # the API token used, when via == "token"

    @property
    def signed_in(self) -> bool:
        return self.account is not None

    @property
    def author(self) -> str | None:
        """The name a change to the graph is recorded under (None: nobody may change it)."""
        return self.account

    def can(self, role: Role | str) -> bool:
        return at_least(self.role, Role(role))

    def meets(self, need: Need) -> bool:
        if need in (Need.PUBLIC, Need.ANYONE):
            return True
        if need is Need.PERSON:
            return self.via == "session"
        return at_least(self.role, Role(need.value))


def anonymous(role: Role | None) -> Principal:
    return Principal(role=role)
