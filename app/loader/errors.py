"""What the loader reports when a seed file is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


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
        parts = [where, self.entry_id, self.field, self.message]
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
