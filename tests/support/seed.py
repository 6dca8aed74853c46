"""The seed graph the database tests share: where the seed and its documents are, and whether
the test database holds exactly the seed graph (see the `seeded_db` fixture)."""

from __future__ import annotations

from pathlib import Path

from app.settings import REPO_ROOT

SEED_DIR = REPO_ROOT / "seed"


class DbState:
    """Whether the database currently holds exactly the seed graph."""

    seeded = False


def mark_dirty() -> None:
    """Call from a test that changed the seeded graph, so the next one reloads it."""
    DbState.seeded = False


def seed_docs_dir() -> Path:
    """Where the quotes are checked: the documents the repository carries, as the app uses."""
    from app.loader.provenance import default_docs_dir

    return default_docs_dir()
