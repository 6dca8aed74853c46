"""Write a validated `SeedGraph` to Neo4j: schema first, then one transaction.

The transaction deletes what the seed files no longer hold, merges every node
and relationship in `UNWIND` batches and counts what changed. It either
commits whole or rolls back whole, so a failure leaves the database exactly as
it was.

Labels and relationship types cannot be Cypher parameters: the queries are
templates in `cypher/` whose placeholders (`__Label__`, `__TYPE__`, ...) are
replaced (`app.queries.fill_template`), and only by names from the vocabulary's allow-lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from neo4j import Driver, ManagedTransaction

from app.loader.model import ORIGIN
from app.loader.report import ChangeReport
from app.loader.seedgraph import SeedGraph
from app.queries import fill_template, query
from app.repository.base import Db
from app.repository.schema import ensure_schema
from graph.vocabulary import NODE_LABELS, allowed_label, allowed_type

DEFAULT_BATCH_SIZE: Final = 2000

Progress = Callable[[str], None]


T = TypeVar("T")


class SeedWriteError(RuntimeError):
    """The database did not do what a load query promised; the transaction is rolled back."""


# -- the load transaction ------------------------------------------------------------------


@dataclass
class _Batches:
    """One templated query and the rows it runs over."""

    what: str  # for the report and progress: a label or a relationship type
    text: str
    rows: list[dict[str, Any]]


@dataclass
class LoadPlan:
    """Everything the transaction needs, prepared before it starts."""

    keep_nodes: list[str] = field(default_factory=list)  # `Label:id`
    keep_relationships: list[str] = field(default_factory=list)
    nodes: list[_Batches] = field(default_factory=list)
    relationships: list[_Batches] = field(default_factory=list)


def plan_load(graph: SeedGraph) -> LoadPlan:
    plan = LoadPlan()
    for label, nodes in graph.nodes_by_label().items():
        text = fill_template("load_nodes", Label=allowed_label(label))
        rows = [{"id": n.id, "props": n.properties} for n in nodes]
        plan.nodes.append(_Batches(label, text, rows))
        plan.keep_nodes += [f"{label}:{n.id}" for n in nodes]
    for rel_type, edges in graph.edges_by_type().items():
        groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for e in edges:
            ends = (graph.label_of(e.start), graph.label_of(e.end))
            groups.setdefault(ends, []).append(
                {"start": e.start, "end": e.end, "props": e.properties}
            )
        for (start, end), rows in groups.items():
            text = fill_template(
                "load_relationships",
                TYPE=allowed_type(rel_type),
                From=allowed_label(start),
                To=allowed_label(end),
            )
            plan.relationships.append(_Batches(rel_type, text, rows))
        plan.keep_relationships += [e.id for e in edges]
    return plan


def _chunks(rows: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _first_label(labels: list[str]) -> str:
    return next((label for label in NODE_LABELS if label in labels), ":".join(labels))


def _apply(
    tx: ManagedTransaction, plan: LoadPlan, batch_size: int, progress: Progress | None
) -> ChangeReport:
    # A fresh report on every attempt: the driver may retry this function.
    report = ChangeReport()
    say = progress or (lambda _message: None)
    keep = {"origin": ORIGIN, "keep_nodes": plan.keep_nodes}

    result = tx.run(
        query("load_delete_stale_relationships"),
        {**keep, "keep_relationships": plan.keep_relationships},
    )
    for record in result:
        report.relationship(record["type"]).deleted += record["count"]
    for record in tx.run(query("load_delete_stale_nodes"), keep):
        report.node(_first_label(record["labels"])).deleted += record["count"]
    gone_nodes, gone_rels = report.node_totals.deleted, report.relationship_totals.deleted
    say(f"removed {gone_nodes} nodes and {gone_rels} relationships the seed no longer holds")

    for kind, groups, counts_for in (
        ("nodes", plan.nodes, report.node),
        ("relationships", plan.relationships, report.relationship),
    ):
        totals: dict[str, int] = {}
        for group in groups:
            totals[group.what] = totals.get(group.what, 0) + len(group.rows)
        done = dict.fromkeys(totals, 0)
        for group in groups:
            for chunk in _chunks(group.rows, batch_size):
                seen = 0
                for record in tx.run(group.text, {"rows": list(chunk)}):
                    counts_for(group.what).add(record["status"], record["count"])
                    seen += record["count"]
                if seen != len(chunk):
                    raise SeedWriteError(
                        f"{group.what}: {len(chunk)} {kind} sent, {seen} written"
                        " (an end node missing?)"
                    )
                done[group.what] += len(chunk)
                # One line per label or type, more only when batches are full (large loads).
                if len(chunk) == batch_size or done[group.what] == totals[group.what]:
                    say(f"{group.what}: {done[group.what]}/{totals[group.what]} {kind}")
    return report


def write_seed_graph(
    driver: Driver,
    graph: SeedGraph,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> ChangeReport:
    """Make the database's seeded part equal to `graph`; report what changed.

    Nodes and relationships the loader did not make (no `origin: 'seed'`) are
    left alone. The caller owns `driver`.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    plan = plan_load(graph)
    db = Db(driver, database)
    ensure_schema(db)
    return db.write(lambda tx: _apply(tx, plan, batch_size, progress))
