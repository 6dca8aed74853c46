"""What can go wrong, raised where it happens and answered once (``app/error_handlers.py``).

Every failure the explorer reports is an :class:`AppError`: it knows its HTTP status, its
machine-readable ``error`` code and the body's extra fields. Nothing here imports the web
framework or the driver, so the repository, the views, the console and the exports raise
these directly; the handlers turn them, and the framework's and the driver's own failures,
into the one error body documented in ``docs/errors.md``.
"""

from __future__ import annotations

from typing import Any, ClassVar


class AppError(Exception):
    """Base of every failure answered with the explorer's error body."""

    status_code: ClassVar[int] = 500
    error: ClassVar[str] = "internal_error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    def extra(self) -> dict[str, Any]:
        """Fields of the body beyond ``error`` and ``detail``."""
        return {}

    def problems(self) -> list[dict[str, Any]] | None:
        """For invalid input: each problem with the field it is in (``loc``), as ``detail``."""
        return None


class NotFound(AppError, LookupError):
    """The id (or name) names nothing of that kind."""

    status_code = 404
    error = "not_found"

    def __init__(self, what: str, key: str, hint: str = "") -> None:
        super().__init__(f"no {what} with id {key!r}" + (f"; {hint}" if hint else ""))
        self.what = what
        self.key = key


class InvalidInput(AppError, ValueError):
    """The request is well-formed but its content breaks a rule; ``loc`` names the field."""

    status_code = 422
    error = "invalid_request"

    def __init__(self, loc: tuple[str | int, ...], message: str, kind: str = "value_error"):
        super().__init__(message)
        self.loc = loc
        self.kind = kind

    def problems(self) -> list[dict[str, Any]]:
        return [{"type": self.kind, "loc": list(self.loc), "msg": self.detail}]


class DatabaseUnavailable(AppError):
    """Neo4j cannot be reached, or gave no connection in time."""

    status_code = 503
    error = "database_unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__(f"Neo4j cannot be reached: {detail}")


class NeedsInstalling(AppError):
    """A program the request needs is missing on the server; ``detail`` says what to install."""

    status_code = 503
    error = "unavailable"


class NotSignedIn(AppError):
    """Nobody is signed in (or the API token is wrong, expired or revoked) and the request
    needs an account; ``detail`` says how to sign in."""

    status_code = 401
    error = "not_signed_in"


class NotAllowed(AppError):
    """The account is signed in but its role may not do this; ``detail`` says whom to ask."""

    status_code = 403
    error = "not_allowed"

    def __init__(self, detail: str, needs: str = "", role: str = "") -> None:
        super().__init__(detail)
        self.needs = needs
        self.role = role

    def extra(self) -> dict[str, Any]:
        return {k: v for k, v in (("needs", self.needs), ("role", self.role)) if v}


class Conflict(AppError):
    """The request would clash with what exists (an account name taken, the last admin)."""

    status_code = 409
    error = "conflict"


class TooManyAttempts(AppError):
    """Too many failed sign-ins for this account or from this address; try again later."""

    status_code = 429
    error = "too_many_attempts"

    def __init__(self, detail: str, retry_after_s: int) -> None:
        super().__init__(detail)
        self.retry_after_s = retry_after_s

    def extra(self) -> dict[str, Any]:
        return {"retry_after_s": self.retry_after_s}
