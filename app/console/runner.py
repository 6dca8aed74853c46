"""Run one researcher query, read-only and bounded: the console's and the saved queries' only
way to the database.

Three walls, in order:
1. the static guard (`app.console.policy`, on tokens from `app.console.lexer`) refuses
   writes, administration, files, network and unknown procedures before anything is sent;
2. the query runs in an explicit READ transaction, so Neo4j itself refuses any write the guard
   missed (`Neo.ClientError.Statement.AccessMode`), and the transaction is always rolled back;
3. bounds: a server-side transaction timeout, a row cap (at most cap+1 records are pulled, in
   batches of at most `FETCH_SIZE`, then the rest is discarded) and a byte budget on what is
   kept, so no result can fill the app's memory by its number of rows.

One limit is outside this module's reach: Neo4j serialises a single value whole before the
driver sees it, and its timeout does not interrupt that, so one giant value in one row
(`WITH 40000000 AS n RETURN range(1, n)`) still travels, and decodes to gigabytes. That is why
the web app runs this module in worker processes (`app.console.pool`), which it kills past a
deadline and a memory cap; the byte budget then drops a big row rather than answering with it.
"""

from __future__ import annotations

import json
import math
import time
from contextlib import suppress
from dataclasses import dataclass
from typing import Any, Final

from neo4j import Result
from neo4j.exceptions import DriverError, Neo4jError

from app.console import policy
from app.console.errors import CypherFailed, QueryForbidden, QueryTimedOut
from app.console.params import out_of_range_integers
from app.console.schemas import ConsoleResult, Notification
from app.models.graph import GraphMeta, GraphPayload
from app.repository.base import Db
from app.repository.payload import GraphCollector, record_value_plain
from app.settings import Settings

# Records the driver asks for per round trip: the most it ever holds unread.
FETCH_SIZE: Final = 100
# The most row data (as JSON) one answer carries; rows beyond it are dropped and `truncated`.
MAX_RESULT_BYTES: Final = 8 * 1024 * 1024
# The deepest a cell's lists and maps may nest (`reduce(a = [], i IN range(1, 2000) | [a])`
# builds any depth); deeper cells are replaced by a note, as every step after this one
# (making cells plain, JSON) recurses.
MAX_VALUE_DEPTH: Final = 100

_TIMEOUT_CODES: Final = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)
_TERMINATED_CODES: Final = (
    "Neo.TransientError.Transaction.Terminated",
    "Neo.ClientError.Transaction.Terminated",
    "Neo.TransientError.Transaction.LockClientStopped",
)
_ATTEMPTS: Final = 2
_FORBIDDEN_CODES: Final = (
    "Neo.ClientError.Statement.AccessMode",
    "Neo.ClientError.Security.Forbidden",
)


@dataclass(frozen=True)
class Bounds:
    row_cap: int
    timeout_s: float
    max_payload_nodes: int
    max_bytes: int = MAX_RESULT_BYTES

    @classmethod
    def for_request(
        cls, settings: Settings, max_rows: int | None = None, timeout_s: float | None = None
    ) -> Bounds:
        """The settings' limits, lowered (never raised) by what the request asks for."""
        cap = settings.console_max_rows if max_rows is None else max_rows
        timeout = settings.console_timeout_s if timeout_s is None else timeout_s
        return cls(
            row_cap=min(cap, settings.console_max_rows),
            timeout_s=min(timeout, settings.console_timeout_s),
            max_payload_nodes=settings.max_payload_nodes,
        )


def run_guarded(
    db: Db,
    text: str,
    params: dict[str, Any],
    bounds: Bounds,
    label: str = "console",
) -> ConsoleResult:
    """Check `text` with the static guard, then run it read-only within `bounds`.

    Raises `QueryForbidden`, `QueryTimedOut` or `CypherFailed`; connection failures
    (`ServiceUnavailable`, `SessionExpired`, other `DriverError`s) propagate.
    """
    policy.check(text, params)
    return run_read_only(db, text, params, bounds, label)


def run_read_only(
    db: Db,
    text: str,
    params: dict[str, Any],
    bounds: Bounds,
    label: str = "console",
) -> ConsoleResult:
    """Run `text` in a READ transaction within `bounds`, without the static guard.

    Only for text that has passed the guard (and for the tests of the second wall). A
    transient failure (the data changed under the query, a deadlock) is retried once: the
    query only reads, so running it again is safe; running out of memory is not retried.
    """
    too_big = out_of_range_integers(params)
    if too_big:  # the request models refuse these already; the driver would fail on them
        raise CypherFailed(
            "Neo.ClientError.Statement.ArgumentError",
            "integers outside Cypher's 64-bit range: " + ", ".join(too_big),
        )
    started = time.perf_counter()
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            return _run_once(db, text, params, bounds, label, started)
        except Neo4jError as e:
            if attempt < _ATTEMPTS and _worth_retrying(e):
                continue
            raise _translate(e, bounds, time.perf_counter() - started) from e
    raise AssertionError("unreachable: the last attempt returns or raises")


def _run_once(
    db: Db,
    text: str,
    params: dict[str, Any],
    bounds: Bounds,
    label: str,
    started: float,
) -> ConsoleResult:
    fetch = min(bounds.row_cap + 1, FETCH_SIZE)
    with db.session(fetch_size=fetch) as s:
        tx = s.begin_transaction(timeout=bounds.timeout_s)
        try:
            result = tx.run(text, params)
            columns = list(result.keys())
            collected = _Collected(bounds)
            collected.read(result)
            notifications = _notifications(result, collected.truncated)
        finally:
            # Never commit: even a read transaction ends in a rollback. After a failure the
            # transaction is already gone and closing it may fail too; the first error counts.
            with suppress(Neo4jError, DriverError):
                tx.close()
    elapsed_ms = (time.perf_counter() - started) * 1000
    return ConsoleResult(
        columns=columns,
        rows=collected.rows,
        graph=collected.graph(label, params),
        truncated=collected.truncated,
        row_cap=bounds.row_cap,
        timeout_s=bounds.timeout_s,
        elapsed_ms=round(elapsed_ms, 3),
        notifications=notifications + collected.notes,
    )


class _Collected:
    """Rows and the graph they hold, kept within the row cap and the byte budget."""

    def __init__(self, bounds: Bounds) -> None:
        self.bounds = bounds
        self.rows: list[list[Any]] = []
        self.truncated = False
        self.notes: list[Notification] = []
        self._collector = GraphCollector()
        self._graph_cut = False
        self._bytes = 0

    def read(self, result: Result) -> None:
        for record in result:
            if len(self.rows) >= self.bounds.row_cap:
                self.truncated = True  # record cap+1 exists: say so, and pull no more
                return
            values = [self._shallow(v) for v in record.values()]
            row = [_json_safe(record_value_plain(v)) for v in values]
            self._bytes += len(json.dumps(row, ensure_ascii=False))
            if self._bytes > self.bounds.max_bytes:
                self.truncated = True
                self.notes.append(
                    _app_note(
                        f"stopped after {len(self.rows)} rows: the result exceeded "
                        f"{self.bounds.max_bytes // (1024 * 1024)} MB; return less per row "
                        "or add LIMIT"
                    )
                )
                return
            self.rows.append(row)
            if not self._graph_cut:
                self._collector.add(values)
                self._graph_cut = len(self._collector.nodes) > self.bounds.max_payload_nodes

    def _shallow(self, value: Any) -> Any:
        if _depth_exceeds(value, MAX_VALUE_DEPTH):
            self.truncated = True
            note = f"values nested deeper than {MAX_VALUE_DEPTH} levels are not shown"
            if all(n.description != note for n in self.notes):
                self.notes.append(_app_note(note))
            return f"(nested deeper than {MAX_VALUE_DEPTH} levels)"
        return value

    def graph(self, label: str, params: dict[str, Any]) -> GraphPayload | None:
        if not self._collector.nodes:
            return None
        message = (
            f"the graph holds the nodes of the first rows only (more than "
            f"{self.bounds.max_payload_nodes} nodes)"
            if self._graph_cut
            else None
        )
        return self._collector.payload(
            GraphMeta(
                query=label,
                params=params,
                truncated=self.truncated or self._graph_cut,
                message=message,
            )
        )


def _notifications(result: Result, truncated: bool) -> list[Notification]:
    if truncated:
        # The unread rest is discarded here; a failure while discarding (e.g. the time limit
        # reached meanwhile) must not cost the rows already read.
        try:
            summary = result.consume()
        except Neo4jError:
            return []
    else:
        summary = result.consume()
    out: list[Notification] = []
    for status in summary.gql_status_objects:
        if not status.is_notification:
            continue
        position = status.position
        note = Notification(
            code=status.gql_status,
            severity=status.raw_severity or str(status.severity.value),
            classification=status.raw_classification or str(status.classification.value),
            description=status.status_description,
            line=position.line if position else None,
            column=position.column if position else None,
        )
        # Neo4j repeats a notification once per planning phase that notices it.
        if note not in out:
            out.append(note)
    return out


def _worth_retrying(e: Neo4jError) -> bool:
    code = e.code or ""
    return e.is_retryable() and "Memory" not in code and code not in _TERMINATED_CODES


def _app_note(description: str) -> Notification:
    return Notification(
        code="console.truncated",
        severity="INFORMATION",
        classification="CONSOLE",
        description=description,
    )


def _translate(e: Neo4jError, bounds: Bounds, elapsed_s: float) -> Exception:
    code = e.code or "Neo.DatabaseError.General.UnknownError"
    message = e.message or str(e)
    if code in _TIMEOUT_CODES or (code in _TERMINATED_CODES and elapsed_s >= bounds.timeout_s):
        return QueryTimedOut(
            bounds.timeout_s,
            f"the query did not finish within {bounds.timeout_s:g} s and Neo4j stopped it; "
            "narrow it down (LIMIT, a starting node, bounded path lengths)",
        )
    if code in _FORBIDDEN_CODES:
        return QueryForbidden(
            detail=f"Neo4j refused it in the console's read-only transaction ({code}): {message}"
        )
    return CypherFailed(code, message)


def _depth_exceeds(value: Any, limit: int) -> bool:
    """Whether lists and maps nest deeper than `limit` in `value` (without recursing)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, tuple)):
            children: Any = item
        elif isinstance(item, dict):
            children = item.values()
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _json_safe(value: Any) -> Any:
    """A cell JSON can carry: NaN and infinities as strings, bytes as hex."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
