"""The console's first wall: what a query may do, decided on its tokens before anything runs.

The console is read-only and must not reach outside the database. Neo4j itself refuses writes
in the read transaction the console runs in (the second wall), but several dangerous things are
reads as far as Neo4j is concerned: `LOAD CSV` from a file or URL, `SHOW USERS`, `USE` of another
database, procedures such as `dbms.killQueries`. Only this guard stops those, so it is strict.

The text is read the way Neo4j reads it by :mod:`app.console.lexer` (escapes decoded,
comments and literals told apart, disguised keywords refused).

The checks work on tokens, so keywords are matched whole: `n.created`, `$set`, a label
`:Delete` or a map key `{set: 1}` are not clauses. A variable named like a clause (`WITH 1 AS
set`) is refused; renaming it is the workaround.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from app.console import runaway
from app.console.errors import QueryForbidden, Refusal
from app.console.lexer import Positions, Token, tokenize

# Read-only procedures a researcher may CALL (compared case-insensitively; Neo4j itself is
# case-sensitive, so a miscased name fails there with its own message).
ALLOWED_PROCEDURES: Final = frozenset(
    {
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
        "db.index.fulltext.querynodes",
        "db.index.fulltext.queryrelationships",
        "dbms.components",
    }
)

# Namespaces of functions and procedures that reach the file system or the network, run other
# Cypher, write, lock, sleep or administer. A trailing `*` matches any name starting so
# (`db.create*` is db.createLabel, db.createProperty, ...); otherwise the whole namespace.
DENIED_NAMESPACES: Final = (
    "apoc.load",
    "apoc.export",
    "apoc.import",
    "apoc.cypher",
    "apoc.periodic",
    "apoc.create",
    "apoc.merge",
    "apoc.refactor",
    "apoc.do",
    "apoc.trigger",
    "apoc.schema",
    "apoc.systemdb",
    "apoc.util.sleep",
    "apoc.custom",
    "apoc.nodes.delete",
    "apoc.nodes.link",
    "apoc.nodes.collapse",
    "apoc.atomic",
    "apoc.lock",
    "apoc.log",
    "apoc.static",
    "apoc.when",
    "apoc.case",
    "apoc.graph",
    "apoc.bolt",
    "apoc.es",
    "apoc.mongo",
    "apoc.mongodb",
    "apoc.couchbase",
    "apoc.redis",
    "apoc.gephi",
    "apoc.config",
    "apoc.metrics",
    "apoc.dv",
    "apoc.uuid",
    "apoc.ttl",
    "apoc.warmup",
    "apoc.spatial",
    "apoc.nlp",
    "apoc.ml",
    "dbms",
    "db.create*",
    "db.index.fulltext.create*",
    "db.index.fulltext.drop*",
    "db.clearquerycaches",
    "db.checkpoint",
    "db.awaitindex*",
    "db.resampleindex*",
    "db.prepareforreplanning",
    "tx",
)

_DENIED_WHY: Final = "{} is refused: it reaches files or the network, writes, locks or sleeps"

WRITE_CLAUSES: Final = frozenset(
    {"CREATE", "MERGE", "DELETE", "DETACH", "NODETACH", "SET", "REMOVE", "FOREACH", "INSERT"}
)
# Administration commands. They only ever start a statement, but most of these words are
# refused wherever they stand as keywords: they are rare as names, and a position rule would
# have to know every prefix Cypher allows (CYPHER options, EXPLAIN, USE).
ADMIN_COMMANDS: Final = frozenset(
    {
        "SHOW",
        "DROP",
        "ALTER",
        "GRANT",
        "DENY",
        "REVOKE",
        "TERMINATE",
        "DEALLOCATE",
        "REALLOCATE",
        "DRYRUN",
    }
)
# Administration words that are also everyday variable names (`start`, `stop`): refused when
# they begin the statement or name an administered object (`START DATABASE`).
LEADING_ADMIN_COMMANDS: Final = frozenset({"START", "STOP", "ENABLE", "RENAME"})
_STATEMENT_PREFIXES: Final = frozenset({"EXPLAIN", "PROFILE"})
SCHEMA_OBJECTS: Final = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"})
ADMIN_OBJECTS: Final = frozenset(
    {
        "USER",
        "USERS",
        "ROLE",
        "ROLES",
        "DATABASE",
        "DATABASES",
        "ALIAS",
        "ALIASES",
        "SERVER",
        "SERVERS",
        "PRIVILEGE",
        "PRIVILEGES",
        "PROCEDURE",
        "PROCEDURES",
        "FUNCTION",
        "FUNCTIONS",
        "SETTING",
        "SETTINGS",
        "TRANSACTION",
        "TRANSACTIONS",
        "GRAPH",
    }
)
# How far after CREATE/DROP/SHOW to look for what is being created (`CREATE OR REPLACE
# DATABASE`, `CREATE TEXT INDEX`, `SHOW ALL PRIVILEGES`).
_OBJECT_LOOKAHEAD: Final = 3


def _denied_namespace(name: str) -> str | None:
    lowered = name.lower()
    for pattern in DENIED_NAMESPACES:
        if pattern.endswith("*"):
            if lowered.startswith(pattern[:-1]):
                return pattern
        elif lowered == pattern or lowered.startswith(pattern + "."):
            return pattern
    return None


def _is_name(token: Token) -> bool:
    return token.kind in ("word", "quoted")


class _Checker:
    def __init__(self, text: str, params: dict[str, Any]) -> None:
        self.positions = Positions(text)
        self.tokens = tokenize(text)
        self.params = params
        self.refusals: list[Refusal] = []
        self._seen: set[int] = set()

    def _at(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def _punct(self, i: int, chars: str) -> bool:
        token = self._at(i)
        return token is not None and token.kind == "punct" and token.text in chars

    def refuse(self, token: Token, what: str, why: str) -> None:
        if token.offset in self._seen:
            return
        self._seen.add(token.offset)
        line, column = self.positions.of(token.offset)
        self.refusals.append(Refusal(what, line, column, why))

    def _is_plain_name(self, i: int) -> bool:
        """A word used as a name, not a keyword: property `n.set`, parameter `$set`, label or
        type `:Set`, map key `{set: 1}`."""
        if self._punct(i - 1, ".$:"):
            return True
        return self._punct(i + 1, ":") and self._punct(i - 1, "{,")

    def _object_after(self, i: int, objects: Iterable[str]) -> str | None:
        """The administered object a command at token i names (`INDEX` in `CREATE TEXT
        INDEX`), if any; that word is then part of this refusal, not one of its own."""
        wanted = set(objects)
        for j in range(i + 1, i + 1 + _OBJECT_LOOKAHEAD):
            token = self._at(j)
            if token is None or token.kind != "word":
                return None
            if token.keyword in wanted:
                self._seen.add(token.offset)
                return token.keyword
        return None

    def _qualified_name(self, i: int) -> tuple[str, int]:
        """The dotted name starting at token i (`db.index.fulltext.queryNodes`) and the index of
        the token after it."""
        parts = [self.tokens[i].text]
        j = i + 1
        while self._punct(j, ".") and (nxt := self._at(j + 1)) is not None and _is_name(nxt):
            parts.append(nxt.text)
            j += 2
        return ".".join(parts), j

    def check(self) -> list[Refusal]:
        for i, token in enumerate(self.tokens):
            if token.kind == "punct" and token.text == ";" and self._at(i + 1) is not None:
                self.refuse(
                    token,
                    "';' separating statements",
                    "the console runs exactly one statement",
                )
            elif token.kind == "word" and not self._is_plain_name(i):
                self._keyword(i, token)
            if _is_name(token) and not self._punct(i - 1, ".") and not self._is_call_target(i):
                self._function(i)
        found = self.refusals + runaway.refusals(self.tokens, self.positions, self.params)
        return sorted(found, key=lambda r: (r.line, r.column))

    def _statement_start(self) -> int:
        """Index of the statement's first clause word, after EXPLAIN, PROFILE and
        `CYPHER [version] [option=value ...]`."""
        i = 0
        while (token := self._at(i)) is not None:
            if token.keyword in _STATEMENT_PREFIXES:
                i += 1
            elif token.keyword == "CYPHER":
                i += 1
                if (version := self._at(i)) is not None and version.kind == "number":
                    i += 1
                while self._punct(i + 1, "="):
                    i += 3
            else:
                return i
        return i

    def _is_call_target(self, i: int) -> bool:
        before = self._at(i - 1)
        return before is not None and before.keyword == "CALL" and not self._punct(i - 2, ".$:")

    def _keyword(self, i: int, token: Token) -> None:
        kw = token.keyword
        if kw in LEADING_ADMIN_COMMANDS:
            admin = self._object_after(i, ADMIN_OBJECTS)
            if admin or i == self._statement_start():
                what = f"{kw} {admin}" if admin else kw
                self.refuse(token, f"administration command {what}", "not allowed in the console")
        elif kw in WRITE_CLAUSES or kw in ADMIN_COMMANDS:
            # Only commands that name an object (CREATE INDEX, SHOW USERS) look ahead: `SET
            # user.name` is a write, not an administration command.
            names_object = kw == "CREATE" or kw in ADMIN_COMMANDS
            schema = self._object_after(i, SCHEMA_OBJECTS) if names_object else None
            admin = self._object_after(i, ADMIN_OBJECTS) if names_object else None
            if schema:
                self.refuse(token, f"schema command {kw} {schema}", "the console is read-only")
            elif admin or kw in ADMIN_COMMANDS:
                what = f"{kw} {admin}" if admin else kw
                self.refuse(token, f"administration command {what}", "not allowed in the console")
            elif kw == "DETACH" and (nxt := self._at(i + 1)) and nxt.keyword == "DELETE":
                self.refuse(token, "write clause DETACH DELETE", "the console is read-only")
                self._seen.add(nxt.offset)
            else:
                self.refuse(token, f"write clause {kw}", "the console is read-only")
        elif kw == "TRANSACTIONS":
            self.refuse(
                token,
                "CALL { ... } IN TRANSACTIONS",
                "batched transactions write; the console is read-only",
            )
        elif kw == "PERIODIC":
            self.refuse(token, "USING PERIODIC COMMIT", "the console is read-only")
        elif kw == "LOAD":
            self.refuse(token, "LOAD CSV", "the console does not read files or URLs")
        elif kw == "USE":
            self.refuse(token, "USE", "the console only queries its own database")
        elif kw == "CALL":
            self._procedure(i)

    def _procedure(self, i: int) -> None:
        target = self._at(i + 1)
        if target is None or not _is_name(target):
            return  # `CALL {` or `CALL (x) {`: a subquery, checked token by token like the rest
        name, _ = self._qualified_name(i + 1)
        if name.lower() in ALLOWED_PROCEDURES:
            return
        denied = _denied_namespace(name)
        why = (
            _DENIED_WHY.format(denied.rstrip("*"))
            if denied
            else "not in the console's read-only allow-list ("
            + ", ".join(sorted(ALLOWED_PROCEDURES))
            + ")"
        )
        self.refuse(target, f"procedure {name}", why)

    def _function(self, i: int) -> None:
        name, after = self._qualified_name(i)
        if "." not in name or not self._punct(after, "("):
            return
        denied = _denied_namespace(name)
        if denied:
            self.refuse(
                self.tokens[i],
                f"function {name}",
                _DENIED_WHY.format(denied.rstrip("*")),
            )


def refusals(text: str, params: dict[str, Any] | None = None) -> list[Refusal]:
    """Everything the console refuses in `text`, in order (empty when it may run).

    `params` are the values the query will run with: a `range()` bound given as a
    parameter is checked with its value (:mod:`app.console.runaway`)."""
    try:
        return _Checker(text, params or {}).check()
    except QueryForbidden as e:
        return e.refusals


def check(text: str, params: dict[str, Any] | None = None) -> None:
    """Raise `QueryForbidden` naming each refused clause, procedure, function or runaway
    shape and its line:column, or return when the query may run in the console."""
    found = refusals(text, params)
    if found:
        raise QueryForbidden(found)
