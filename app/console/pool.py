"""The console's own small pool of worker processes, apart from the rest of the app.

The web app's synchronous routes share one thread pool; a console request that waited there
for a hung query held a thread, and a few dozen of them left every route, `/health` included,
unanswered. Console runs therefore never wait in that pool: the routes are `async`, and each
run goes to one of `console_workers` processes (`app.console.worker`), each with its own
driver; a worker whose resident memory passes `console_worker_memory_mb` is killed (the
request answers `result_too_large`), and its address space is capped at twice that. Every
run is bounded twice
in time: Neo4j's transaction timeout, and the app's own deadline (`timeout_s` plus
`console_grace_s`), at which the worker is killed and replaced whether or not Neo4j answered,
so the request answers 408 in time. A request waits at most `console_queue_s` for a free
worker, and at most `console_queue_max` wait at once; beyond either it answers 503
`console_busy` rather than pile up.

The processes come from `multiprocessing`'s fork server with the worker module preloaded: a
new worker is a fork of a small clean process (milliseconds), never of the web app with its
threads. The pool itself is Pebble's `ProcessPool`, which kills and replaces a worker whose
task overstays its timeout or is cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Final

from pebble import ProcessExpired, ProcessPool

from app.console import policy, worker
from app.console.errors import (
    ConsoleBusy,
    CypherFailed,
    QueryForbidden,
    QueryTimedOut,
    Refusal,
    ResultTooLarge,
)
from app.console.runner import Bounds
from app.console.worker import Outcome, Target
from app.errors import DatabaseUnavailable

log = logging.getLogger("toc.console")

# How long past the deadline the web app waits for Pebble to report it; Pebble may take a
# few seconds more to stop a worker stuck in C code, which must not delay the answer.
_SPARE_S: Final = 1.0
_STOP_S: Final = 10.0
_GUARD_THREADS: Final = 2
# How often the workers' resident memory is read.
_WATCH_S: Final = 0.05
_PAGE: Final = os.sysconf("SC_PAGE_SIZE")


def resident_bytes(pid: int) -> int | None:
    """A process's resident memory, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


class _MemoryWatch:
    """Kills a worker whose resident memory passes the cap, from outside the worker.

    The worker's own `RLIMIT_AS` is the hard backstop, but an allocation refused inside the
    driver's Rust codec can wedge the process instead of raising, and a watchdog thread in the
    worker would wait for a GIL the codec holds. Watched from here, an over-grown worker is
    gone within `_WATCH_S` and the request answers `result_too_large` at once.
    """

    def __init__(self, workers: ConsoleWorkers, limit_bytes: int) -> None:
        self.workers = workers
        self.limit_bytes = limit_bytes
        self.killed: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="console-memory", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(_WATCH_S):
            for pid in self.workers.pids():
                rss = resident_bytes(pid)
                if rss is not None and rss > self.limit_bytes:
                    self.killed.add(pid)
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=_STOP_S)


class ConsoleWorkers:
    """Runs console queries in worker processes: at most `workers` at once, each bounded."""

    def __init__(
        self,
        target: Target,
        *,
        workers: int,
        queue_s: float,
        queue_max: int,
        grace_s: float,
    ) -> None:
        self.target = target
        self.workers = workers
        self.queue_s = queue_s
        self.queue_max = queue_max
        self.grace_s = grace_s
        self._pool: ProcessPool | None = None
        self._warm_up: Future[int] | None = None
        self._watch: _MemoryWatch | None = None
        self._pool_lock = threading.Lock()
        self._guard = ThreadPoolExecutor(max_workers=_GUARD_THREADS, thread_name_prefix="guard")
        # asyncio primitives belong to one event loop; an app served again (tests) gets anew.
        self._slots: asyncio.Semaphore | None = None
        self._slots_loop: asyncio.AbstractEventLoop | None = None
        self._waiting = 0

    # -- the processes ---------------------------------------------------------------------

    def _started(self) -> ProcessPool:
        with self._pool_lock:
            if self._pool is None:
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(["app.console.worker"])
                self._pool = ProcessPool(
                    max_workers=self.workers,
                    initializer=worker.start,
                    initargs=(self.target,),
                    context=context,
                )
                # Pebble starts the processes with the first task it is given: give it one
                # here, off the event loop.
                self._warm_up = self._pool.schedule(os.getpid)
                self._watch = _MemoryWatch(self, self.target.memory_bytes)
            return self._pool

    def pids(self) -> list[int]:
        """The worker processes alive now (for measuring their memory)."""
        pool = self._pool
        if pool is None:
            return []
        # Pebble keeps its workers by pid on its pool manager (not public API: when a Pebble
        # release moves them, the memory watch sees none and RLIMIT_AS alone bounds them,
        # which tests/console/test_console_load.py would show).
        manager = getattr(getattr(pool, "_pool_manager", None), "worker_manager", None)
        workers = dict(getattr(manager, "workers", {}))
        return [pid for pid, process in workers.items() if process.is_alive()]

    def close(self) -> None:
        with self._pool_lock:
            pool, self._pool = self._pool, None
            watch, self._watch = self._watch, None
        self._guard.shutdown(wait=False, cancel_futures=True)
        if self._warm_up is not None:
            # A worker still unpacking its start-up arguments when the pool closes finds the
            # pool's semaphore gone and prints a traceback: let the first ones settle.
            with contextlib.suppress(Exception):
                self._warm_up.result(timeout=_STOP_S / 2)
        if watch is not None:
            watch.stop()
        if pool is not None:
            pool.stop()
            pool.join(timeout=_STOP_S)

    # -- a run -----------------------------------------------------------------------------

    def _slots_now(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots_loop is not loop:
            self._slots, self._slots_loop, self._waiting = asyncio.Semaphore(self.workers), loop, 0
        return self._slots

    async def run_guarded(
        self, text: str, params: dict[str, Any], bounds: Bounds, label: str = "console"
    ) -> bytes:
        """Check `text` with the static guard here, then run it in a worker within `bounds`;
        the answer's JSON (a `ConsoleResult`).

        Raises what `app.console.runner.run_guarded` raises, plus `ResultTooLarge` (the
        worker ran out of memory), `ConsoleBusy`, and `QueryTimedOut` when the app's own
        deadline ended the run.
        """
        # A long query takes the guard tens of milliseconds: off the event loop, in threads of
        # the console's own, so that dozens at once never hold up the other routes.
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._guard, policy.check, text, params)
        return await self.run(text, params, bounds, label)

    async def run(
        self, text: str, params: dict[str, Any], bounds: Bounds, label: str = "console"
    ) -> bytes:
        """`run_guarded` without the static guard: only for text that has passed it (and for
        the tests of the app's own deadline, with queries the guard would refuse)."""
        slots = self._slots_now()
        if slots.locked() and self._waiting >= self.queue_max:
            raise ConsoleBusy(
                f"the console is busy: {self.workers} queries are running and "
                f"{self._waiting} are waiting; try again shortly",
                retry_after_s=self.queue_s,
            )
        self._waiting += 1
        try:
            await asyncio.wait_for(slots.acquire(), self.queue_s)
        except TimeoutError:
            raise ConsoleBusy(
                f"the console is busy: no worker was free within {self.queue_s:g} s; "
                "try again shortly",
                retry_after_s=self.queue_s,
            ) from None
        finally:
            self._waiting -= 1
        try:
            return _answer(await self._dispatch(text, params, bounds, label), self.target)
        finally:
            slots.release()

    async def _dispatch(
        self, text: str, params: dict[str, Any], bounds: Bounds, label: str
    ) -> Outcome:
        deadline = bounds.timeout_s + self.grace_s
        # The first run starts the processes (and, once per app process, the fork server):
        # a second or so, which must not be spent on the event loop.
        pool = self._pool
        if pool is None:
            pool = await asyncio.get_running_loop().run_in_executor(self._guard, self._started)
        future = pool.schedule(worker.run, args=(text, params, bounds, label), timeout=deadline)
        try:
            # Pebble stops the worker at `deadline`; the outer limit only guards Pebble itself.
            outcome: Outcome = await asyncio.wait_for(
                asyncio.wrap_future(future), deadline + _SPARE_S
            )
        except TimeoutError:
            future.cancel()  # a running task's worker is killed and replaced
            raise QueryTimedOut(
                bounds.timeout_s,
                f"the query did not finish within {bounds.timeout_s:g} s; the console stopped "
                f"it after {deadline:g} s; narrow it down (LIMIT, a starting node, bounded "
                "path lengths) or return less",
            ) from None
        except ProcessExpired as e:
            if self._watch is None or e.pid not in self._watch.killed:
                # Not killed for its memory: its own cap (an abort) or a crash; either way
                # the query is what brought it down.
                log.warning("a console worker died running a query (exit code %s)", e.exitcode)
            raise ResultTooLarge(self.target.memory_bytes // (1024 * 1024)) from None
        return outcome


def _answer(outcome: Outcome, target: Target) -> bytes:
    fields = dict(outcome.fields)
    if outcome.kind == "ok":
        return outcome.body
    if outcome.kind == "forbidden":
        refusals = [Refusal(**r) for r in fields["refusals"]]
        raise QueryForbidden(refusals or None, detail=outcome.detail)
    if outcome.kind == "timeout":
        raise QueryTimedOut(float(fields["timeout_s"]), outcome.detail)
    if outcome.kind == "cypher_error":
        raise CypherFailed(str(fields["code"]), outcome.detail)
    if outcome.kind == "unavailable":
        raise DatabaseUnavailable(outcome.detail)
    raise ResultTooLarge(target.memory_bytes // (1024 * 1024))
