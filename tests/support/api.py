"""What the API and page tests share: ids in the seeded MIRPS chain, and a payload's node ids."""

from __future__ import annotations

from typing import Any

MTC = [f"mirps-toc.mtc-{i:02d}" for i in range(1, 42)]
OUTPUTS = [f"mirps-rf.output-{i}" for i in range(1, 8)]


def ids(payload: dict[str, Any]) -> set[str]:
    return {n["id"] for n in payload["nodes"]}
