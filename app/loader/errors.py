"""What the loader reports when a seed file is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Longest text an error repeats from a seed file; past it, a value is named by type and size.
SHOWN_CHARS = 60


def describe_value(value: object) -> str:
    """A value as an error names it: a short scalar as written, anything else by type and size.

    An error must never print a whole value: a hostile file can make one enormous.
    """
    kind = type(value).__name__
    if isinstance(value, dict):
        return f"mapping of {len(value):,} key(s)"
    if isinstance(value, list | tuple | set):
        return f"list of {len(value):,} item(s)"
    if isinstance(value, str) and len(value) > SHOWN_CHARS:
        return f"{kind} of {len(value):,} characters"
    text = repr(value)
    if len(text) > SHOWN_CHARS:
        return f"{kind} of {len(text):,} characters"
    return f"{kind} {text}"


def shown(value: object) -> str:
    """A value quoted in a message (``'abc'``), or its type and size when it is too big."""
    if isinstance(value, str | int | float | bool) or value is None:
        text = repr(value)
        if len(text) <= SHOWN_CHARS:
            return text
    return describe_value(value)


def _clip(text: str | None) -> str | None:
    if text is None or len(text) <= SHOWN_CHARS:
        return text
    return f"{text[:SHOWN_CHARS]}… ({len(text):,} characters)"


@dataclass(frozen=True)
class SeedError:
    """One problem in one entry of one seed file.

    Printed as `file:line: entry_id: field: message`, leaving out the parts that
    are not known (a YAML syntax error has no entry, a missing file no line).
    """

    file: str
    line: int | None
    entry_id: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where, _clip(self.entry_id), _clip(self.field), self.message]
        return ": ".join(p for p in parts if p)

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.file, self.line or 0, self.entry_id or "", self.field or "", self.message)


def sorted_errors(errors: Iterable[SeedError]) -> list[SeedError]:
    """Errors in reading order, each reported once."""
    return sorted(set(errors), key=SeedError.sort_key)


class SeedValidationError(Exception):
    """The seed files do not satisfy docs/schema.md; nothing was written."""

    def __init__(self, errors: list[SeedError]) -> None:
        self.errors = errors
        super().__init__(self._describe())

    def _describe(self) -> str:
        n = len(self.errors)
        head = f"{n} problem{'s' if n != 1 else ''} in the seed files"
        return "\n".join([head, *(f"  {e}" for e in self.errors)])
