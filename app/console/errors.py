"""How a console run can fail, independent of HTTP: the app's error handlers answer these."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.errors import AppError


@dataclass(frozen=True)
class Refusal:
    """One thing the console will not run, and where it is in the query text (1-based)."""

    what: str
    line: int
    column: int
    why: str

    def describe(self) -> str:
        return f"{self.what} at {self.line}:{self.column}: {self.why}"


class ConsoleError(AppError):
    """Base of every failure a console run reports to the researcher."""

    status_code = 400


class QueryForbidden(ConsoleError):
    """The query would write, administer, reach outside the database or run several statements.

    Raised by the static guard before anything runs, and for the refusals Neo4j itself makes
    in the read-only transaction (the second wall), which carry no position.
    """

    error = "forbidden"

    def __init__(self, refusals: list[Refusal] | None = None, detail: str | None = None) -> None:
        self.refusals = refusals or []
        super().__init__(detail or "; ".join(r.describe() for r in self.refusals))

    def extra(self) -> dict[str, Any]:
        return {"refusals": [vars(r) for r in self.refusals]}


class QueryTimedOut(ConsoleError):
    """Neo4j stopped the query at the console's time limit."""

    status_code = 408
    error = "timeout"

    def __init__(self, timeout_s: float, detail: str) -> None:
        self.timeout_s = timeout_s
        super().__init__(detail)

    def extra(self) -> dict[str, Any]:
        return {"timeout_s": self.timeout_s}


class CypherFailed(ConsoleError):
    """Neo4j refused or failed the query (syntax, types, unknown function, memory, ...)."""

    error = "cypher_error"

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        super().__init__(detail)

    def extra(self) -> dict[str, Any]:
        return {"code": self.code}


class ResultTooLarge(ConsoleError):
    """The answer did not fit in the memory a console run may use (one huge value, usually)."""

    error = "result_too_large"

    def __init__(self, memory_mb: int) -> None:
        self.memory_mb = memory_mb
        super().__init__(
            f"the result did not fit in the {memory_mb} MB a console run may use; return less "
            "(LIMIT, fewer columns, size() or a slice of a long list instead of the list)"
        )

    def extra(self) -> dict[str, Any]:
        return {"memory_mb": self.memory_mb}


class ConsoleBusy(ConsoleError):
    """Every console worker stayed busy for as long as a request may wait for one."""

    status_code = 503
    error = "console_busy"

    def __init__(self, detail: str, retry_after_s: float) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(detail)

    def extra(self) -> dict[str, Any]:
        return {"retry_after_s": self.retry_after_s}
