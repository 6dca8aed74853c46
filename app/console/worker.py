"""Inside a console worker process: one researcher query at a time, with a driver of its own,
in an address space capped by `RLIMIT_AS`.

Neo4j sends a single value whole (`RETURN range(1, 40000000)` is one 200 MB record that
decodes to gigabytes of Python objects), and no driver setting bounds what one record may
take. Reading it here instead of in the web app means such a value costs at most this
process's cap: the allocation fails (`MemoryError`), or the process dies and the pool starts
another. The web app only ever receives the finished answer, already within the byte budget
of `app.console.runner`.

Everything crossing the process boundary is plain data (`Outcome`): the console's exceptions
carry constructor arguments that pickling would not restore.
"""

from __future__ import annotations

import contextlib
import gc
import os
import resource
from dataclasses import dataclass
from typing import Any, Final, Literal

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import DriverError

from app.console.errors import ConsoleError, CypherFailed, QueryForbidden, QueryTimedOut
from app.console.runner import Bounds, run_read_only
from app.repository.base import Db

OutcomeKind = Literal["ok", "forbidden", "timeout", "cypher_error", "unavailable", "too_large"]


@dataclass(frozen=True)
class Target:
    """Where the workers' own drivers connect, and how much memory each worker may map."""

    uri: str
    user: str
    password: str
    database: str
    connect_timeout_s: float
    memory_bytes: int


@dataclass(frozen=True)
class Outcome:
    """A run's result as it crosses back to the web app: the answer's JSON, or a failure."""

    kind: OutcomeKind
    body: bytes = b""
    detail: str = ""
    fields: tuple[tuple[str, Any], ...] = ()


_NICENESS: Final = 10
_state: dict[str, Any] = {}


def start(target: Target) -> None:
    """Pool initializer: cap this process's address space and remember where Neo4j is."""
    if target.memory_bytes:
        # The web app kills a worker whose resident memory passes `memory_bytes`
        # (`app.console.pool`); the address space, which also counts what is reserved but
        # unused, is capped at twice that as the hard backstop.
        hard = 2 * target.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    # A worker that dies of its cap (the driver's Rust codec aborts when an allocation fails)
    # must be gone at once, not spend seconds writing a core file.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Decoding a huge answer is CPU work; on a small machine the web app must come first.
    os.nice(_NICENESS)
    _state["target"] = target


def _db() -> Db:
    driver: Driver | None = _state.get("driver")
    target: Target = _state["target"]
    if driver is None:
        driver = GraphDatabase.driver(
            target.uri,
            auth=(target.user, target.password),
            connection_timeout=target.connect_timeout_s,
            connection_acquisition_timeout=target.connect_timeout_s * 2,
            max_connection_pool_size=1,
        )
        _state["driver"] = driver
    return Db(driver, target.database)


def _drop_driver() -> None:
    """After a failed read the connection's state is unknown: start the next run afresh."""
    driver: Driver | None = _state.pop("driver", None)
    if driver is not None:
        # It is being thrown away; a new one is made on the next run.
        with contextlib.suppress(DriverError, OSError, MemoryError):
            driver.close()


def run(text: str, params: dict[str, Any], bounds: Bounds, label: str) -> Outcome:
    """Run an already-checked query read-only within `bounds` (see `app.console.runner`)."""
    try:
        result = run_read_only(_db(), text, params, bounds, label)
        return Outcome("ok", body=result.model_dump_json().encode())
    except MemoryError:
        _drop_driver()
        gc.collect()
        return Outcome("too_large")
    except ConsoleError as e:
        return _failure(e)
    except DriverError as e:
        _drop_driver()
        return Outcome("unavailable", detail=str(e))


def _failure(e: ConsoleError) -> Outcome:
    if isinstance(e, QueryForbidden):
        refusals = tuple(vars(r) for r in e.refusals)
        return Outcome("forbidden", detail=e.detail, fields=(("refusals", refusals),))
    if isinstance(e, QueryTimedOut):
        return Outcome("timeout", detail=e.detail, fields=(("timeout_s", e.timeout_s),))
    if isinstance(e, CypherFailed):
        return Outcome("cypher_error", detail=e.detail, fields=(("code", e.code),))
    raise e  # a console error this module does not know how to carry is a bug
