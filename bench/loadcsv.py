"""Neo4j's own `LOAD CSV` on the same rows, as the yardstick for the bulk loader.

The CSV files (`bench.synthetic.write_bulk_csv`) go into the server's import folder;
each file is read with `LOAD CSV WITH HEADERS ... CALL (row) { ... } IN TRANSACTIONS`, in
the same order as the bulk loader writes (nodes, then relationships). Text cells are
stored as read; the manifest's integer columns go through `toInteger`, so both loads give
the same graph (the bench compares them). Labels, types and column names come from our own
manifest and are checked as plain names before they go into a query.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from neo4j import Driver

from app.loader.bulk import BulkLoadError
from graph.vocabulary import allowed_label, allowed_type

ROWS_PER_TRANSACTION: Final = 10_000
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _name(value: str) -> str:
    if not _NAME.match(value):
        raise BulkLoadError(f"{value!r} is not a plain Cypher name")
    return value


def _map(columns: list[str], integers: set[str]) -> str:
    parts = []
    for c in columns:
        col = _name(c)
        value = f"toInteger(row.{col})" if c in integers else f"row.{col}"
        parts.append(f"{col}: {value}")
    return "{" + ", ".join(parts) + "}"


def node_statement(entry: dict[str, Any], integers: set[str], mode: str, per_tx: int) -> str:
    label = allowed_label(entry["label"])
    props = _map(entry["columns"], integers)
    if mode == "create":
        body = f"CREATE (n:{label}:Entity) SET n = {props}"
    else:
        body = f"MERGE (n:{label} {{id: row.id}}) SET n = {props}, n:Entity"
    return (
        "LOAD CSV WITH HEADERS FROM $url AS row\n"
        f"CALL (row) {{ {body} }} IN TRANSACTIONS OF {int(per_tx)} ROWS"
    )


def relationship_statement(
    entry: dict[str, Any], integers: set[str], mode: str, per_tx: int
) -> str:
    a, b, t = allowed_label(entry["from"]), allowed_label(entry["to"]), allowed_type(entry["type"])
    props = _map(entry["columns"], integers)
    verb = "CREATE" if mode == "create" else "MERGE"
    body = (
        f"MATCH (a:{a} {{id: row.start}}) MATCH (b:{b} {{id: row.end}}) "
        f"{verb} (a)-[r:{t}]->(b) SET r = {props}"
    )
    return (
        "LOAD CSV WITH HEADERS FROM $url AS row\n"
        f"CALL (row) {{ {body} }} IN TRANSACTIONS OF {int(per_tx)} ROWS"
    )


@dataclass
class LoadCsvReport:
    mode: str
    nodes: int = 0
    relationships: int = 0
    node_seconds: float = 0.0
    relationship_seconds: float = 0.0
    per_file: list[dict[str, Any]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.nodes + self.relationships

    @property
    def seconds(self) -> float:
        return self.node_seconds + self.relationship_seconds

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


def load_csv(
    driver: Driver,
    manifest: dict[str, Any],
    url_prefix: str,
    *,
    mode: Literal["create", "merge"] = "create",
    per_tx: int = ROWS_PER_TRANSACTION,
    database: str | None = None,
) -> LoadCsvReport:
    """Run LOAD CSV over every file of `manifest`; `url_prefix` is e.g. `file:///bench10k`."""
    integers = set(manifest["integers"])
    report = LoadCsvReport(mode=mode)
    with driver.session(database=database) as session:
        for kind in ("nodes", "relationships"):
            started = time.monotonic()
            for entry in manifest[kind]:
                if kind == "nodes":
                    text = node_statement(entry, integers, mode, per_tx)
                else:
                    text = relationship_statement(entry, integers, mode, per_tx)
                t0 = time.monotonic()
                # CALL { } IN TRANSACTIONS runs only in an auto-commit transaction.
                session.run(text, url=f"{url_prefix}/{entry['file']}").consume()
                report.per_file.append(
                    {"file": entry["file"], "rows": entry["rows"], "s": time.monotonic() - t0}
                )
            elapsed = time.monotonic() - started
            count = sum(e["rows"] for e in manifest[kind])
            if kind == "nodes":
                report.nodes, report.node_seconds = count, elapsed
            else:
                report.relationships, report.relationship_seconds = count, elapsed
    return report
