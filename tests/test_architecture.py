"""The map in docs/architecture.md, enforced: which layer may import which, which packages
each may use, and one spelling of the vocabulary."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.settings import REPO_ROOT
from graph import vocabulary

# What each part of the code may import from the project (prefix match, longest wins). Parts
# not listed (app.main, app.cli) wire everything together and may import anything.
ALLOWED: dict[str, tuple[str, ...]] = {
    "graph.vocabulary": (),
    "graph": ("graph",),
    "app.settings": (),
    "app.errors": (),
    "app.queries": (),
    "app.sources": (),
    "app.models": ("app.models", "graph"),
    "app.render": ("app.render", "app.models", "app.errors", "app.sources", "graph"),
    "app.exports": ("app.exports", "app.render", "app.models", "graph"),
    "app.repository": (
        "app.repository",
        "app.models",
        "app.queries",
        "app.errors",
        "app.exports.backup",
        "app.sources",
        "graph",
    ),
    "app.views": ("app.views", "app.repository", "app.models", "app.errors", "graph"),
    "app.deps": ("app.repository.base", "app.settings", "app.accounts.principal"),
    # Accounts: the pure part (store, roles, permission table, passwords) needs nothing of the
    # graph's; the web part adds the error body and the pages' templates and headers.
    "app.accounts": ("app.accounts", "app.errors", "app.settings", "app.queries"),
    "app.accounts.web": (
        "app.accounts",
        "app.errors",
        "app.error_handlers",
        "app.settings",
        "app.models",
        "app.pages.templates",
        "app.pages.security",
    ),
    "app.error_handlers": ("app.errors",),
    "app.body_limit": ("app.error_handlers",),
    "app.body_text": ("app.error_handlers",),
    "app.routers": (
        "app.routers.params",
        "app.views",
        "app.repository",
        "app.models",
        "app.errors",
        "app.error_handlers",
        "app.deps",
        "app.exports",
        "app.render",
        "graph",
    ),
    "app.pages": (
        "app.pages",
        "app.views",
        "app.repository",
        "app.models",
        "app.errors",
        "app.deps",
        "app.exports",
        "app.render",
        "graph",
    ),
    "app.console": (
        "app.console",
        "app.repository.base",
        "app.repository.payload",
        "app.models",
        "app.errors",
        "app.queries",
        "app.deps",
        "app.settings",
        "graph",
    ),
    "app.loader": (
        "app.loader",
        "app.repository.base",
        "app.repository.schema",
        "app.queries",
        "app.sources",
        "graph",
    ),
    "app.database": ("app.database", "app.settings"),
}

# Third-party packages only some parts may use.
WEB = ("fastapi", "starlette", "uvicorn")
DRIVER = ("neo4j",)
RESTRICTED: dict[str, tuple[str, ...]] = {
    # package -> the parts that may import it
    "pyvis": ("app.render",),
    **dict.fromkeys(
        WEB,
        (
            "app.routers",
            "app.pages",
            "app.console.router",
            "app.console.saved",
            "app.deps",
            "app.error_handlers",
            "app.body_limit",
            "app.body_text",
            "app.openapi",
            "app.accounts.web",
            "app.main",
            "app.cli",
        ),
    ),
    # Account data is reached through app/accounts only; its libraries stay there.
    "sqlalchemy": ("app.accounts",),
    "argon2": ("app.accounts.passwords",),
    "starlette_csrf": ("app.accounts.web.csrf",),
    **dict.fromkeys(
        DRIVER,
        (
            "app.repository",
            "app.console.runner",
            # each console worker process opens a driver of its own
            "app.console.worker",
            "app.loader.write",
            "app.loader.bulk",
            "app.database",
            "app.error_handlers",
            "app.main",
            "app.cli",
        ),
    ),
}
# The loader's entry point (``load_seed(driver, ...)``) takes a driver, as its CLI hands it one.
RESTRICTED_EXACT: dict[str, tuple[str, ...]] = {"neo4j": ("app.loader", "app.loader.__main__")}


def _modules() -> Iterator[tuple[str, Path]]:
    for top in ("app", "graph"):
        for path in sorted((REPO_ROOT / top).rglob("*.py")):
            parts = path.relative_to(REPO_ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            yield name, path


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in ("app", "graph"):
                yield from (f"{node.module}.{a.name}" for a in node.names)
            else:
                yield node.module


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _rule_for(module: str) -> tuple[str, ...] | None:
    matching = [p for p in ALLOWED if _under(module, p)]
    return ALLOWED[max(matching, key=len)] if matching else None


MODULES = list(_modules())


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_go_the_way_the_map_says(module: str, path: Path) -> None:
    allowed = _rule_for(module)
    for imported in _imports(path):
        top = imported.split(".")[0]
        if top in ("app", "graph") and allowed is not None:
            ok = any(_under(imported, a) for a in allowed) or _under(imported, module)
            assert ok, f"{module} imports {imported}; docs/architecture.md allows {allowed}"
        if top in RESTRICTED:
            exact = module in RESTRICTED_EXACT.get(top, ())
            assert exact or any(_under(module, p) for p in RESTRICTED[top]), (
                f"{module} imports {top}, which only {RESTRICTED[top]} may use"
            )


def test_one_router_never_imports_another() -> None:
    for module, path in MODULES:
        if _under(module, "app.routers") and module != "app.routers.params":
            others = [i for i in _imports(path) if _under(i, "app.routers")]
            assert others in ([], ["app.routers.params"]), f"{module} imports {others}"


def _string_constants(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


VOCABULARY = {*vocabulary.NODE_LABELS, *vocabulary.LEVELS, *vocabulary.RELATIONSHIP_TYPES}
# The same word with another meaning: the console's OpenAPI example names its Cypher parameter
# `$outcome`.
HOMONYMS = {("app.console.router", "outcome")}


def test_each_label_level_and_type_is_spelled_in_the_vocabulary_only() -> None:
    spelled: dict[str, set[str]] = {}
    for module, path in MODULES:
        for text in _string_constants(path):
            if text in VOCABULARY and (module, text) not in HOMONYMS:
                spelled.setdefault(text, set()).add(module)
    elsewhere = {word: mods for word, mods in spelled.items() if mods != {"graph.vocabulary"}}
    assert not elsewhere, f"spelled outside graph/vocabulary.py: {elsewhere}"
    assert set(spelled) == VOCABULARY  # and the vocabulary spells every one of them


def test_no_route_or_page_catches_not_found() -> None:
    for module, path in MODULES:
        if module.startswith(("app.routers", "app.pages", "app.console")):
            text = path.read_text(encoding="utf-8")
            assert "except NotFound" not in text, f"{module} answers NotFound by hand"


def test_the_api_enums_are_the_vocabulary(client: object) -> None:
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert set(schemas["Label"]["enum"]) == set(vocabulary.NODE_LABELS)
    assert set(schemas["Level"]["enum"]) == set(vocabulary.LEVELS)
    enums: list[set[str]] = []
    for path in spec["paths"].values():
        for op in path.values():
            for param in op.get("parameters", []):
                schema = param.get("schema", {})
                items = schema.get("items") or next(
                    (s.get("items", s) for s in schema.get("anyOf", []) if "items" in s), {}
                )
                if "enum" in items:
                    enums.append(set(items["enum"]))
                if param["name"] == "direction":
                    assert set(schema["enum"]) == set(vocabulary.DIRECTIONS)
    assert set(vocabulary.INCLUDE_KINDS) in enums
