"""Write a validated `SeedGraph` to Neo4j: schema first, then one transaction.

The transaction deletes what the seed files no longer hold, merges every node
and relationship in `UNWIND` batches and counts what changed. It either
commits whole or rolls back whole, so a failure leaves the database exactly as
it was.

Labels and relationship types cannot be Cypher parameters: the queries are
templates in `cypher/` whose placeholders (`__Label__`, `__TYPE__`, ...) are
replaced here, and only by names from the allow-lists in `model.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from neo4j import Driver, ManagedTransaction

from app.loader.model import NODE_LABELS, NODE_MODELS, ORIGIN, RELATIONSHIP_TYPES
from app.loader.report import ChangeReport
from app.loader.seedgraph import SeedGraph
from app.queries import query

DEFAULT_BATCH_SIZE: Final = 2000
FULLTEXT_INDEX: Final = "toc_fulltext"
FULLTEXT_PROPERTIES: Final = ("name", "text", "objective", "quote")
INDEX_WAIT_SECONDS: Final = 300

Progress = Callable[[str], None]

_PLACEHOLDER = re.compile(r"__[A-Za-z]+__")
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")

T = TypeVar("T")


class SeedWriteError(RuntimeError):
    """The database did not do what a load query promised; the transaction is rolled back."""


# -- templates -----------------------------------------------------------------------------


ENTITY_LABEL = "Entity"


def allowed_label(name: str) -> str:
    """`name` when it is an allow-listed node label; ValueError otherwise."""
    if name not in NODE_LABELS:
        raise ValueError(f"{name!r} is not an allow-listed node label")
    return name


def allowed_type(name: str) -> str:
    """`name` when it is an allow-listed relationship type; ValueError otherwise."""
    if name not in RELATIONSHIP_TYPES:
        raise ValueError(f"{name!r} is not an allow-listed relationship type")
    return name


def fill_template(query_name: str, /, **values: str) -> str:
    """The named query with each `__key__` replaced; values must already be allow-listed names.

    Checked again here (identifier characters only, every placeholder filled) so
    that a mistake can never put arbitrary text into Cypher.
    """
    text = query(query_name)
    for key, value in values.items():
        if not all(_IDENTIFIER.match(part) for part in value.split("|")):
            raise ValueError(f"{value!r} is not a plain Cypher name")
        placeholder = f"__{key}__"
        if placeholder not in text:
            raise ValueError(f"cypher/{query_name}.cypher has no placeholder {placeholder}")
        text = text.replace(placeholder, value)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    left = _PLACEHOLDER.search(body)
    if left:
        raise ValueError(f"cypher/{query_name}.cypher: placeholder {left.group()} not filled")
    return text


def framework_labels() -> list[str]:
    """Labels whose elements name a framework (indexed, because views filter on it)."""
    return [label for label, model in NODE_MODELS.items() if "framework" in model.model_fields]


def schema_statements() -> list[str]:
    """Constraints and range indexes, in order; each is idempotent (IF NOT EXISTS)."""
    out = [
        fill_template(
            "schema_unique_id", name=f"{label.lower()}_id_unique", Label=allowed_label(label)
        )
        for label in NODE_LABELS
    ]
    # Ids are unique across labels too; the app looks nodes up by id alone through Entity.
    out.append(fill_template("schema_unique_id", name="entity_id_unique", Label=ENTITY_LABEL))
    level = fill_template(
        "schema_property_index", name="result_level", Label="Result", property="level"
    )
    out.append(level)
    out += [
        fill_template(
            "schema_property_index",
            name=f"{label.lower()}_framework",
            Label=allowed_label(label),
            property="framework",
        )
        for label in framework_labels()
    ]
    return out


def ensure_schema(driver: Driver, *, database: str | None = None) -> None:
    """Create the constraints and indexes the loader and the app rely on, and wait for them.

    Schema changes cannot share a transaction with data writes, so this runs
    before the load's transaction; it never touches data.
    """
    for statement in schema_statements():
        driver.execute_query(statement, database_=database)
    records, _, _ = driver.execute_query(
        query("schema_show_index"), {"name": FULLTEXT_INDEX}, database_=database
    )
    if records:
        found = records[0]
        covers = (found["type"], sorted(found["labelsOrTypes"]), list(found["properties"]))
        if covers != ("FULLTEXT", sorted(NODE_LABELS), list(FULLTEXT_PROPERTIES)):
            # Made from an older allow-list: rebuild it over today's labels.
            drop = fill_template("schema_drop_index", name=FULLTEXT_INDEX)
            driver.execute_query(drop, database_=database)
    labels = "|".join(allowed_label(label) for label in NODE_LABELS)
    driver.execute_query(fill_template("schema_fulltext_index", Labels=labels), database_=database)
    driver.execute_query(
        query("schema_await_indexes"), {"timeout_seconds": INDEX_WAIT_SECONDS}, database_=database
    )


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
    ensure_schema(driver, database=database)
    with driver.session(database=database) as session:
        return session.execute_write(_apply, plan, batch_size, progress)
