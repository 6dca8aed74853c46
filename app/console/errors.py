"""How a console run can fail, independent of HTTP: the routers turn these into replies."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    """One thing the console will not run, and where it is in the query text (1-based)."""

    what: str
    line: int
    column: int
    why: str

    def describe(self) -> str:
        return f"{self.what} at {self.line}:{self.column}: {self.why}"


class ConsoleError(Exception):
    """Base of every failure a console run reports to the researcher."""


class QueryForbidden(ConsoleError):
    """The query would write, administer, reach outside the database or run several statements.

    Raised by the static guard before anything runs, and for the refusals Neo4j itself makes
    in the read-only transaction (the second wall), which carry no position.
    """

    def __init__(self, refusals: list[Refusal] | None = None, detail: str | None = None) -> None:
        self.refusals = refusals or []
        self.detail = detail or "; ".join(r.describe() for r in self.refusals)
        super().__init__(self.detail)


class QueryTimedOut(ConsoleError):
    """Neo4j stopped the query at the console's time limit."""

    def __init__(self, timeout_s: float, detail: str) -> None:
        self.timeout_s = timeout_s
        self.detail = detail
        super().__init__(detail)


class CypherFailed(ConsoleError):
    """Neo4j refused or failed the query (syntax, types, unknown function, memory, ...)."""

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}")
