"""Bulk load: many thousands of rows a second into Neo4j, for big graphs.

    graph = BulkGraph(nodes=[NodeRows("Result", rows), ...], relationships=[...])
    report = bulk_load(driver, graph, mode="create")   # an empty database
    report = bulk_load(driver, graph, mode="merge")    # add to or update what is there

Unlike `write_seed_graph` (one transaction, change report, deletes what the seed no longer
holds), a bulk load commits batch by batch: it is for loading big generated or exported
graphs fast, not for curating the seed. Rows arrive ready to store (no YAML, no
validation): a node row is the node's property map including `id`; a relationship row is
`{"start": id, "end": id, "props": {...}}`, grouped by type and the labels of both ends so
that each end is found through its label's unique-id index.

The schema comes first (`ensure_schema`: unique ids, indexes, full-text), then nodes, then
relationships, each in `UNWIND` batches of `batch_size` rows. Batches run on `workers`
threads, each with its own session: while Neo4j writes one batch, Python encodes the next.
`create` is the fast path for an empty database; `merge` matches on id (and on the two ends
for relationships), so a reload updates in place and creates nothing twice.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from neo4j import Driver, ManagedTransaction

from app.loader.seedgraph import SeedGraph
from app.queries import fill_template
from app.repository.base import Db
from app.repository.schema import ensure_schema
from graph.vocabulary import ENTITY, allowed_label, allowed_type

Mode = Literal["create", "merge"]
Progress = Callable[[str], None]

DEFAULT_BULK_BATCH: Final = 5000
DEFAULT_WORKERS: Final = 2
PROGRESS_EVERY_S: Final = 2.0


class BulkLoadError(RuntimeError):
    """A bulk load cannot start, or a batch did not write what it was sent."""


@dataclass
class NodeRows:
    label: str
    rows: list[dict[str, Any]]  # each the node's whole property map, `id` included


@dataclass
class RelationshipRows:
    type: str
    start_label: str
    end_label: str
    rows: list[dict[str, Any]]  # {"start": id, "end": id, "props": {...}}


@dataclass
class BulkGraph:
    nodes: list[NodeRows] = field(default_factory=list)
    relationships: list[RelationshipRows] = field(default_factory=list)

    @property
    def node_count(self) -> int:
        return sum(len(g.rows) for g in self.nodes)

    @property
    def relationship_count(self) -> int:
        return sum(len(g.rows) for g in self.relationships)

    @classmethod
    def from_seed_graph(cls, graph: SeedGraph) -> BulkGraph:
        """The rows of a validated seed graph: the same graph the seed loader writes."""
        nodes = [
            NodeRows(label, [dict(n.properties) for n in group])
            for label, group in graph.nodes_by_label().items()
        ]
        rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for e in graph.edges.values():
            key = (e.type, graph.label_of(e.start), graph.label_of(e.end))
            rels.setdefault(key, []).append(
                {"start": e.start, "end": e.end, "props": dict(e.properties)}
            )
        groups = [RelationshipRows(t, a, b, rows) for (t, a, b), rows in rels.items()]
        return cls(nodes, groups)


@dataclass
class BulkReport:
    mode: str
    nodes: dict[str, int] = field(default_factory=dict)  # per label
    relationships: dict[str, int] = field(default_factory=dict)  # per type
    node_seconds: float = 0.0
    relationship_seconds: float = 0.0
    schema_seconds: float = 0.0
    batches: int = 0
    retried: int = 0

    @property
    def rows(self) -> int:
        return sum(self.nodes.values()) + sum(self.relationships.values())

    @property
    def seconds(self) -> float:
        """Writing time (nodes and relationships), schema excluded."""
        return self.node_seconds + self.relationship_seconds

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def __str__(self) -> str:
        return (
            f"{self.mode}: {sum(self.nodes.values())} nodes in {self.node_seconds:.1f}s, "
            f"{sum(self.relationships.values())} relationships in "
            f"{self.relationship_seconds:.1f}s; {self.rows_per_second:,.0f} rows/s"
        )


# -- queries ----------------------------------------------------------------------------


def node_query(mode: Mode, label: str) -> str:
    return fill_template(f"bulk_{mode}_nodes", Label=allowed_label(label))


def relationship_query(mode: Mode, group: RelationshipRows) -> str:
    return fill_template(
        f"bulk_{mode}_relationships",
        TYPE=allowed_type(group.type),
        From=allowed_label(group.start_label),
        To=allowed_label(group.end_label),
    )


# -- running batches --------------------------------------------------------------------


@dataclass
class _Batch:
    kind: str  # "nodes" or "relationships"
    what: str  # label or type
    text: str
    rows: Sequence[dict[str, Any]]


def _chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


class _Meter:
    """Counts written rows and prints a line every few seconds and per finished group."""

    def __init__(self, kind: str, totals: dict[str, int], progress: Progress | None) -> None:
        self.kind = kind
        self.totals = totals
        self.done = dict.fromkeys(totals, 0)
        self.say = progress
        self.started = time.monotonic()
        self.last = self.started
        self.lock = threading.Lock()

    def add(self, what: str, n: int) -> None:
        with self.lock:
            self.done[what] += n
            if self.say is None:
                return
            now = time.monotonic()
            finished = self.done[what] == self.totals[what]
            if finished or now - self.last >= PROGRESS_EVERY_S:
                self.last = now
                total = sum(self.done.values())
                rate = total / max(now - self.started, 1e-9)
                self.say(
                    f"  {self.kind}: {total:,}/{sum(self.totals.values()):,} "
                    f"({rate:,.0f} rows/s){'; ' + what + ' done' if finished else ''}"
                )


def _write_batch(tx: ManagedTransaction, text: str, rows: Sequence[dict[str, Any]]) -> int:
    record = tx.run(text, {"rows": list(rows)}).single()
    return int(record["count"]) if record else 0


def _run_batches(
    driver: Driver,
    database: str | None,
    batches: list[_Batch],
    workers: int,
    meter: _Meter,
    report: BulkReport,
) -> None:
    attempts: dict[int, int] = {}
    lock = threading.Lock()

    def run(i: int, batch: _Batch) -> None:
        def work(tx: ManagedTransaction) -> int:
            with lock:
                attempts[i] = attempts.get(i, 0) + 1
            return _write_batch(tx, batch.text, batch.rows)

        with driver.session(database=database) as session:
            written = session.execute_write(work)
        if written != len(batch.rows):
            raise BulkLoadError(
                f"{batch.what}: {len(batch.rows)} {batch.kind} sent, {written} written"
                + (" (an end node is missing?)" if batch.kind == "relationships" else "")
            )
        meter.add(batch.what, written)

    if workers <= 1:
        for i, batch in enumerate(batches):
            run(i, batch)
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bulk") as pool:
            futures: list[Future[None]] = [pool.submit(run, i, b) for i, b in enumerate(batches)]
            done, _ = wait(futures, return_when=FIRST_EXCEPTION)
            failed = next((f for f in done if f.exception() is not None), None)
            if failed is not None:
                for f in futures:
                    f.cancel()
                failed.result()  # raises it
    report.batches += len(batches)
    # Deadlocks between concurrent batches are retried by execute_write: count them.
    report.retried += sum(n - 1 for n in attempts.values())


def bulk_load(
    driver: Driver,
    graph: BulkGraph,
    *,
    mode: Mode = "create",
    batch_size: int = DEFAULT_BULK_BATCH,
    workers: int = DEFAULT_WORKERS,
    database: str | None = None,
    progress: Progress | None = None,
    schema: bool = True,
) -> BulkReport:
    """Write `graph` batch by batch; return counts and timings.

    `create` refuses a database that already holds an `Entity` node (duplicates would
    break the unique constraints half-way); `merge` updates in place. Each batch is its
    own transaction, so a failure leaves the batches before it written. The caller owns
    `driver`.
    """
    if mode not in ("create", "merge"):
        raise ValueError(f"mode must be 'create' or 'merge', not {mode!r}")
    if batch_size < 1 or workers < 1:
        raise ValueError("batch_size and workers must be at least 1")
    report = BulkReport(mode=mode)
    say = progress or (lambda _message: None)

    started = time.monotonic()
    if schema:
        ensure_schema(Db(driver, database))
    report.schema_seconds = time.monotonic() - started
    if mode == "create":
        records, _, _ = driver.execute_query(
            f"MATCH (n:{ENTITY}) RETURN n.id AS id LIMIT 1", database_=database
        )
        if records:
            raise BulkLoadError(
                f"create mode needs an empty database, and it holds {records[0]['id']!r};"
                " use mode='merge' to update it"
            )

    node_batches = [
        _Batch("nodes", g.label, node_query(mode, g.label), chunk)
        for g in graph.nodes
        for chunk in _chunks(g.rows, batch_size)
    ]
    totals: dict[str, int] = {}
    for g in graph.nodes:
        totals[g.label] = totals.get(g.label, 0) + len(g.rows)
    say(f"bulk {mode}: {sum(totals.values()):,} nodes in {len(node_batches)} batches")
    started = time.monotonic()
    _run_batches(driver, database, node_batches, workers, _Meter("nodes", totals, progress), report)
    report.node_seconds = time.monotonic() - started
    report.nodes = totals

    rel_batches = [
        _Batch("relationships", g.type, relationship_query(mode, g), chunk)
        for g in graph.relationships
        for chunk in _chunks(g.rows, batch_size)
    ]
    rel_totals: dict[str, int] = {}
    for rg in graph.relationships:
        rel_totals[rg.type] = rel_totals.get(rg.type, 0) + len(rg.rows)
    say(f"bulk {mode}: {sum(rel_totals.values()):,} relationships in {len(rel_batches)} batches")
    started = time.monotonic()
    meter = _Meter("relationships", rel_totals, progress)
    _run_batches(driver, database, rel_batches, workers, meter, report)
    report.relationship_seconds = time.monotonic() - started
    report.relationships = rel_totals
    say(f"bulk {report}")
    return report
