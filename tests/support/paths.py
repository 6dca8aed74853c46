"""Folders the tests read, found from this file so they hold wherever a test module sits."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_FIXTURES = REPO / "tests" / "seed_fixtures"
JS_DIR = REPO / "tests" / "js"
