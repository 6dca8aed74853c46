"""Full-graph backup and restore through the `toc-explorer-backup` JSON format
(defined in app/exports/backup.py).

A restore goes into an empty database, in one transaction, after the loader's constraints
and indexes exist, and loses nothing: labels, properties, relationship properties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from neo4j import ManagedTransaction

from app.exports.backup import Backup, BackupError, make_backup
from app.queries import query
from app.repository.base import Db, fetch, fetch_one
from app.repository.schema import ensure_schema

BATCH = 5000


def _stored(value: Any, where: str) -> Any:
    if isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, list):
        return [_stored(v, where) for v in value]
    raise BackupError(f"{where}: a {type(value).__name__} property cannot go into a backup")


def dump(db: Db, taken_at: dt.datetime | None = None) -> Backup:
    def work(tx: ManagedTransaction) -> Backup:
        nodes = []
        for rec in fetch(tx, "backup_nodes"):
            if rec["id"] is None:
                raise BackupError(f"node {rec['element_id']} has no id property")
            props = {
                k: _stored(v, f"node {rec['id']}.{k}")
                for k, v in rec["properties"].items()
                if k != "id"
            }
            nodes.append({"id": rec["id"], "labels": sorted(rec["labels"]), "properties": props})
        rels = [
            {
                "type": rec["type"],
                "start": rec["start"],
                "end": rec["end"],
                "properties": {
                    k: _stored(v, f"{rec['type']} {rec['start']}->{rec['end']}.{k}")
                    for k, v in rec["properties"].items()
                },
            }
            for rec in fetch(tx, "backup_relationships")
        ]
        return make_backup(
            nodes,
            rels,
            taken_at=taken_at or dt.datetime.now(dt.UTC),
            meta={"what": "the whole graph", "database": db.database},
        )

    return db.read(work)


def _batches(rows: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def restore(db: Db, backup: Backup) -> dict[str, int]:
    """Restore a validated backup into an EMPTY database; refuses otherwise."""
    counts = fetch_counts(db)
    if counts["nodes"]:
        raise BackupError(
            f"the database is not empty ({counts['nodes']} nodes); a restore needs an empty one"
        )
    missing = [n["id"] for n in backup["nodes"] if "Entity" not in n["labels"]]
    if missing:
        raise BackupError(f"nodes without the Entity label cannot be linked: {missing[:5]}")
    ensure_schema(db)

    def work(tx: ManagedTransaction) -> dict[str, int]:
        n = r = 0
        for batch in _batches(list(backup["nodes"])):
            n += tx.run(query("restore_nodes"), rows=batch).single(strict=True)["created"]
        for batch in _batches(list(backup["relationships"])):
            r += tx.run(query("restore_relationships"), rows=batch).single(strict=True)["created"]
        if r != len(backup["relationships"]):
            raise BackupError(
                f"only {r} of {len(backup['relationships'])} relationships found their ends"
            )
        return {"nodes": n, "relationships": r}

    return db.write(work)


def fetch_counts(db: Db) -> dict[str, int]:
    def work(tx: ManagedTransaction) -> dict[str, int]:
        rec = fetch_one(tx, "graph_counts")
        assert rec is not None
        return {"nodes": int(rec["nodes"]), "relationships": int(rec["relationships"])}

    return db.read(work)
