"""A resolved way to reach Neo4j, whichever way it was provided."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Source = Literal["uri", "docker", "local"]


@dataclass(frozen=True)
class Connection:
    uri: str
    user: str
    password: str
    source: Source
    database: str = "neo4j"
    browser_url: str | None = None

    def describe(self) -> str:
        where = {"uri": "the configured URI", "docker": "Docker", "local": "the local server"}
        return f"{self.uri} ({where[self.source]})"
