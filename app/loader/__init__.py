"""The seed loader: check the YAML seed files against docs/schema.md and write them to Neo4j.

    graph = check_seed("seed")              # SeedValidationError lists every problem
    report = load_seed(driver, "seed")      # one transaction; a ChangeReport

`python -m app.loader check|load` is the same from the command line.
"""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from app.loader.errors import SeedError, SeedValidationError
from app.loader.provenance import check_quotes, normalise
from app.loader.report import ChangeReport, Counts
from app.loader.seedgraph import SeedEdge, SeedGraph, SeedNode
from app.loader.validate import check_seed
from app.loader.write import DEFAULT_BATCH_SIZE, Progress, SeedWriteError, write_seed_graph

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "ChangeReport",
    "Counts",
    "SeedEdge",
    "SeedError",
    "SeedGraph",
    "SeedNode",
    "SeedValidationError",
    "SeedWriteError",
    "check_quotes",
    "check_seed",
    "load_seed",
    "normalise",
    "write_seed_graph",
]


def load_seed(
    driver: Driver,
    seed_dir: Path | str,
    *,
    database: str | None = None,
    progress: Progress | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> ChangeReport:
    """Validate every seed file in `seed_dir`, then write them in one transaction.

    Raises `SeedValidationError` (nothing written) when a file is wrong; any
    database failure rolls the whole load back.
    """
    graph = check_seed(seed_dir)
    if progress:
        progress(
            f"{len(graph.files)} seed files valid: {len(graph.nodes)} nodes,"
            f" {len(graph.edges)} relationships"
        )
    return write_seed_graph(
        driver, graph, database=database, batch_size=batch_size, progress=progress
    )
