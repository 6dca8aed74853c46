"""Check or load seed files from the command line.

python -m app.loader check [DIR] [--quotes [--docs DOCS]]
python -m app.loader load [DIR] --uri URI --user USER --password PASSWORD
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app.loader import (
    DEFAULT_BATCH_SIZE,
    SeedValidationError,
    check_quotes,
    check_seed,
    load_seed,
)
from app.loader.provenance import default_docs_dir
from app.loader.validate import REPO_ROOT

DEFAULT_SEED_DIR = REPO_ROOT / "seed"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m app.loader", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate the seed files; write nothing")
    check.add_argument("dir", nargs="?", type=Path, default=DEFAULT_SEED_DIR)
    check.add_argument(
        "--quotes",
        action="store_true",
        help="also check every quote against the source documents",
    )
    check.add_argument(
        "--docs",
        type=Path,
        default=None,
        help="folder of the source documents (default: $TOC_SEED_DOCS or seed/sources)",
    )

    load = sub.add_parser("load", help="validate, then write to Neo4j in one transaction")
    load.add_argument("dir", nargs="?", type=Path, default=DEFAULT_SEED_DIR)
    load.add_argument("--uri", default=os.environ.get("TOC_NEO4J_URI", "bolt://127.0.0.1:17687"))
    load.add_argument("--user", default=os.environ.get("TOC_NEO4J_USER", "neo4j"))
    load.add_argument("--password", default=os.environ.get("TOC_NEO4J_PASSWORD"))
    load.add_argument("--database", default=None)
    load.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    return p


def _report_errors(e: SeedValidationError, seed_dir: Path) -> int:
    for err in e.errors:
        print(err, file=sys.stderr)
    print(f"{len(e.errors)} problem(s) in {seed_dir}; nothing was loaded", file=sys.stderr)
    return 1


def _check(args: argparse.Namespace) -> int:
    try:
        graph = check_seed(args.dir)
    except SeedValidationError as e:
        return _report_errors(e, args.dir)
    if args.quotes:
        docs = args.docs or default_docs_dir()
        problems = check_quotes(graph, docs)
        if problems:
            for err in problems:
                print(err, file=sys.stderr)
            print(f"{len(problems)} quote(s) not found in {docs}", file=sys.stderr)
            return 1
    print(graph.summary())
    return 0


def _load(args: argparse.Namespace) -> int:
    from neo4j import GraphDatabase

    if not args.password:
        print("error: --password (or TOC_NEO4J_PASSWORD) is required", file=sys.stderr)
        return 2
    with GraphDatabase.driver(args.uri, auth=(args.user, args.password)) as driver:
        try:
            report = load_seed(
                driver,
                args.dir,
                database=args.database,
                progress=lambda message: print(message, flush=True),
                batch_size=args.batch_size,
            )
        except SeedValidationError as e:
            return _report_errors(e, args.dir)
    print(f"loaded: {report}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return _check(args) if args.command == "check" else _load(args)


if __name__ == "__main__":
    sys.exit(main())
