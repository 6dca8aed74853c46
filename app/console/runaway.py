"""The guard's runaway rules: query shapes that are read-only but can stall or exhaust Neo4j
whatever the time limit, refused before anything runs (called by :mod:`app.console.policy`).

Neo4j's transaction timeout is checked between rows, so it cannot stop work that happens
inside one expression, and its transaction memory cap counts only what operators hold
(collect, sort, distinct), not the values expressions build. So:

- **nesting** deeper than `MAX_NESTING` (brackets, `CASE ... END`, chains of `NOT` or signs):
  a few hundred levels overflow the stack of Neo4j 5.26's parser, which then never replies;
- **regular expressions** (`=~`) must be string literals, without backreferences, without
  a repeated group that itself repeats, alternates or refers back (`(a|a)+`, `(x+)*`), and
  with at most `MAX_REGEX_REPEATS` unbounded repetitions: those are the patterns whose failed
  matches backtrack exponentially (or as a high power of the text's length), and a match in
  progress cannot be interrupted;
- **`range()`** with known bounds (numbers, `$parameters`, arithmetic on them) may hold at most
  `MAX_RANGE` elements unless it is what `UNWIND` walks (`UNWIND range(...) AS x` streams it
  one row at a time, within the time limit); anywhere else the list is built whole;
- **`reduce()`** whose step uses the accumulator twice in one term (`s + s`) doubles it for
  each element: 31 elements make two billion; it may run over a list known to hold at most
  `MAX_DOUBLINGS` elements.

These are the shapes found to hurt; they are not every way to write a heavy query. What they
miss is bounded by Neo4j's limits (docs/neo4j-limits.md) and the console's worker processes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Final

from app.console.errors import Refusal
from app.console.lexer import Positions, Token

MAX_NESTING: Final = 64
MAX_RANGE: Final = 1_000_000
# Unbounded repetitions one regular expression may have: each multiplies the work of a failed
# match by the length of the text (`.*a.*b.*c` is cubic).
MAX_REGEX_REPEATS: Final = 3
# How many elements a doubling reduce() may have: 2^20 times its start value.
MAX_DOUBLINGS: Final = 20

_OPEN: Final = {"(": ")", "[": "]", "{": "}"}
_CLOSE: Final = frozenset(_OPEN.values())
_PREFIX: Final = frozenset({"NOT", "-", "+"})
# Where one term of the reduce step ends and another begins.
_TERM_BREAK_WORDS: Final = frozenset(
    {"WHEN", "THEN", "ELSE", "END", "CASE", "AND", "OR", "XOR", "NOT", "IN", "IS", "WHERE"}
)
_TERM_BREAK_PUNCT: Final = frozenset(",|=<>")
_NOT_A_NAME_AFTER: Final = frozenset(".$:")


def refusals(tokens: list[Token], positions: Positions, params: dict[str, Any]) -> list[Refusal]:
    checker = _Runaway(tokens, positions, params)
    checker.nesting()
    checker.calls()
    checker.regexes()
    return checker.found


class _Runaway:
    def __init__(self, tokens: list[Token], positions: Positions, params: dict[str, Any]):
        self.tokens = tokens
        self.positions = positions
        self.params = params
        self.found: list[Refusal] = []

    def _refuse(self, token: Token, what: str, why: str) -> None:
        line, column = self.positions.of(token.offset)
        self.found.append(Refusal(what, line, column, why))

    def _at(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def _punct(self, i: int, chars: str) -> bool:
        token = self._at(i)
        return token is not None and token.kind == "punct" and token.text in chars

    def _closing(self, i: int) -> int:
        """Index of the bracket closing the one at i (or len(tokens) if it is never closed)."""
        depth = 0
        for j in range(i, len(self.tokens)):
            token = self.tokens[j]
            if token.kind == "punct" and token.text in _OPEN:
                depth += 1
            elif token.kind == "punct" and token.text in _CLOSE:
                depth -= 1
                if depth == 0:
                    return j
        return len(self.tokens)

    # -- nesting -------------------------------------------------------------------------

    def nesting(self) -> None:
        brackets = cases = run = 0
        for token in self.tokens:
            kw = token.keyword
            if token.kind == "punct" and token.text in _OPEN:
                brackets += 1
            elif token.kind == "punct" and token.text in _CLOSE:
                brackets = max(0, brackets - 1)
            elif kw == "CASE":
                cases += 1
            elif kw == "END" and cases:
                cases -= 1
            run = run + 1 if (kw or token.text) in _PREFIX and token.kind != "string" else 0
            if brackets + cases + run > MAX_NESTING:
                self._refuse(
                    token,
                    f"nesting deeper than {MAX_NESTING} levels",
                    "brackets, CASE and chains of NOT or signs nested this deep overflow "
                    "Neo4j's parser, which then never answers; flatten the expression",
                )
                return

    # -- range() and reduce() ------------------------------------------------------------

    def _function_calls(self, name: str) -> Iterator[int]:
        """Indices of the calls of the built-in function `name` (its name token)."""
        for i, token in enumerate(self.tokens):
            if (
                token.kind == "word"
                and token.text.lower() == name
                and self._punct(i + 1, "(")
                and not self._punct(i - 1, ".$:")
            ):
                yield i

    def _arguments(self, open_index: int) -> list[list[Token]]:
        """The arguments of the call whose `(` is at open_index, as token lists."""
        return _split_arguments(self.tokens[open_index + 1 : self._closing(open_index)])

    def calls(self) -> None:
        for i in self._function_calls("range"):
            self._range(i)
        for i in self._function_calls("reduce"):
            self._reduce(i)

    def _range(self, i: int) -> None:
        before = self._at(i - 1)
        if before is not None and before.keyword == "UNWIND":
            return  # streamed one row at a time, within the time limit
        size = self._range_size(self._arguments(i + 1))
        # An unknown size (bounds from the data) is left to Neo4j's limits and the workers.
        if size is not None and size > MAX_RANGE:
            self._refuse(
                self.tokens[i],
                f"range() of {size:,} elements",
                f"a list longer than {MAX_RANGE:,} is built whole in Neo4j's memory; walk a "
                "long range with UNWIND range(...) AS x (one row at a time), or narrow it",
            )

    def _range_size(self, args: list[list[Token]]) -> int | None:
        values = [_Fold(arg, self.params).value() for arg in args]
        if len(values) not in (2, 3):
            return None
        start, end = values[0], values[1]
        step = values[2] if len(values) == 3 else 1
        if start is None or end is None or step is None or step == 0:
            return None
        return max(0, (end - start) // step + 1)

    def _length(self, tokens: list[Token]) -> int | None:
        """How many elements the list expression `tokens` has, when that is known before
        running: a list literal, or `range()` with known bounds."""
        if not tokens:
            return None
        first, last = tokens[0], tokens[-1]
        if first.kind == "punct" and first.text == "[" and last.text == "]":
            inner = tokens[1:-1]
            if not inner:
                return 0
            return 1 + sum(1 for t in _top_level(inner) if t.kind == "punct" and t.text == ",")
        if first.kind == "word" and first.text.lower() == "range" and len(tokens) > 2:
            return self._range_size(_split_arguments(tokens[2:-1]))
        return None

    def _reduce(self, i: int) -> None:
        args = self._arguments(i + 1)
        if not args or len(args[0]) < 2 or args[0][1].text != "=":
            return
        accumulator = args[0][0]
        if accumulator.kind not in ("word", "quoted"):
            return
        last = args[-1]
        bar = _top_level_bar(last)
        if bar is None:
            return
        steps = self._length(last[2:bar]) if len(last) > 2 and last[1].keyword == "IN" else None
        if steps is not None and steps <= MAX_DOUBLINGS:
            return  # a few doublings stay small (2^20 times the start)
        for term in _terms(last[bar + 1 :]):
            uses = [
                t
                for k, t in enumerate(term)
                if t.kind == accumulator.kind
                and t.text == accumulator.text
                and not (k and term[k - 1].kind == "punct" and term[k - 1].text in "._$:")
            ]
            if len(uses) >= 2:
                self._refuse(
                    self.tokens[i],
                    f"reduce() that doubles {accumulator.text}",
                    f"a step using the accumulator twice ({accumulator.text} + "
                    f"{accumulator.text}) doubles it for every element: 31 elements make two "
                    f"billion; add one element per step, or reduce over a list of at most "
                    f"{MAX_DOUBLINGS} elements written in the query",
                )
                return

    # -- regular expressions -------------------------------------------------------------

    def regexes(self) -> None:
        for i, token in enumerate(self.tokens):
            if not (token.kind == "punct" and token.text == "=" and self._punct(i + 1, "~")):
                continue
            pattern = self._at(i + 2)
            after = self._at(i + 3)
            if (
                pattern is None
                or pattern.kind != "string"
                or (after is not None and after.kind == "punct" and after.text in "+[.")
            ):
                self._refuse(
                    token,
                    "regular expression that is not a string literal",
                    "the console checks a pattern before running it, so it must be written "
                    "in the query: =~ '...'",
                )
                continue
            problem = regex_problem(unescape(pattern.text))
            if problem:
                self._refuse(pattern, f"regular expression {problem}", _REGEX_WHY)


_REGEX_WHY: Final = (
    "it can backtrack exponentially, and Neo4j cannot stop a match in progress; a repeated "
    "group may not itself repeat, alternate or refer back (write [ab]+ instead of (a|b)+, "
    f"x+ instead of (x+)+), backreferences are not allowed, and at most {MAX_REGEX_REPEATS} "
    "unbounded repetitions (*, +) are (use CONTAINS, STARTS WITH for plain text)"
)


def _top_level(tokens: list[Token]) -> Iterator[Token]:
    """The tokens not inside brackets (the brackets themselves excluded)."""
    depth = 0
    for token in tokens:
        if token.kind == "punct" and token.text in _OPEN:
            depth += 1
        elif token.kind == "punct" and token.text in _CLOSE:
            depth -= 1
        elif depth == 0:
            yield token


def _split_arguments(tokens: list[Token]) -> list[list[Token]]:
    args: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind == "punct" and token.text in _OPEN:
            depth += 1
        elif token.kind == "punct" and token.text in _CLOSE:
            depth -= 1
        if depth == 0 and token.kind == "punct" and token.text == ",":
            args.append([])
        else:
            args[-1].append(token)
    return args


def _top_level_bar(tokens: list[Token]) -> int | None:
    """Index of the `|` that starts a reduce's step (not one inside a comprehension)."""
    depth = 0
    for j, token in enumerate(tokens):
        if token.kind != "punct":
            continue
        if token.text in _OPEN:
            depth += 1
        elif token.text in _CLOSE:
            depth -= 1
        elif token.text == "|" and depth == 0:
            return j
    return None


def _terms(tokens: list[Token]) -> Iterator[list[Token]]:
    """The step split where one term ends: at commas, `|`, comparisons, WHEN/THEN/ELSE/END,
    AND/OR/NOT, IN, IS and WHERE; brackets do not split (`(s) + (s)` is one term)."""
    term: list[Token] = []
    for token in tokens:
        if token.keyword in _TERM_BREAK_WORDS or (
            token.kind == "punct" and token.text in _TERM_BREAK_PUNCT
        ):
            yield term
            term = []
        else:
            term.append(token)
    yield term


class _Fold:
    """The integer value of an argument made of numbers, `$parameters`, `+ - * / % ^` and
    parentheses; None when it depends on anything else."""

    def __init__(self, tokens: list[Token], params: dict[str, Any]) -> None:
        self.tokens = tokens
        self.params = params
        self.i = 0

    def value(self) -> int | None:
        try:
            result = self._sum()
        except (_Unknown, ArithmeticError, ValueError):
            return None
        return result if self.i == len(self.tokens) else None

    def _peek(self) -> str | None:
        if self.i < len(self.tokens) and self.tokens[self.i].kind == "punct":
            return self.tokens[self.i].text
        return None

    def _sum(self) -> int:
        value = self._product()
        while self._peek() in ("+", "-"):
            op = self._peek()
            self.i += 1
            right = self._product()
            value = value + right if op == "+" else value - right
        return value

    def _product(self) -> int:
        value = self._power()
        while self._peek() in ("*", "/", "%"):
            op = self._peek()
            self.i += 1
            right = self._power()
            if op == "*":
                value *= right
            elif op == "/":
                value = int(value / right)  # Cypher truncates towards zero
            else:
                value = int(value - right * int(value / right))
        return value

    def _power(self) -> int:
        base = self._unary()
        if self._peek() == "^":
            self.i += 1
            exponent = self._power()
            if exponent < 0 or exponent > 64:
                raise _Unknown
            return int(base**exponent)
        return base

    def _unary(self) -> int:
        if self._peek() in ("+", "-"):
            op = self._peek()
            self.i += 1
            value = self._unary()
            return -value if op == "-" else value
        return self._atom()

    def _atom(self) -> int:
        if self.i >= len(self.tokens):
            raise _Unknown
        token = self.tokens[self.i]
        self.i += 1
        if token.kind == "number":
            return _integer(token.text)
        if token.kind == "punct" and token.text == "(":
            value = self._sum()
            if self._peek() != ")":
                raise _Unknown
            self.i += 1
            return value
        if token.kind == "punct" and token.text == "$" and self.i < len(self.tokens):
            name = self.tokens[self.i]
            self.i += 1
            given = self.params.get(name.text)
            if isinstance(given, int) and not isinstance(given, bool):
                return given
        raise _Unknown


class _Unknown(Exception):
    pass


def _integer(text: str) -> int:
    digits = text.replace("_", "").lower()
    if digits.startswith(("0x", "0o")):
        return int(digits, 0)
    if digits.isdigit():
        return int(digits)
    raise _Unknown  # a float or an exponent: range() takes integers only


_ESCAPES: Final = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t", "r": "\r", "b": "\b"}


def unescape(literal: str) -> str:
    """The value of a Cypher string literal (quotes included in `literal`)."""
    body = literal[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append(_ESCAPES.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def regex_problem(pattern: str) -> str | None:
    """What makes a Java regular expression able to backtrack exponentially, or None."""
    # One frame per open group: does it hold a repetition, an alternation or a backreference?
    frames: list[bool] = [False]
    unbounded = 0
    i, n = 0, len(pattern)
    while i < n:
        if unbounded > MAX_REGEX_REPEATS:
            return f"with more than {MAX_REGEX_REPEATS} unbounded repetitions (*, +, {{n,}})"
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1 : i + 2]
            if (nxt.isdigit() and nxt != "0") or pattern.startswith("k<", i + 1):
                return "with a backreference"
            if nxt == "Q":  # \Q...\E quotes literally
                end = pattern.find("\\E", i + 2)
                i = n if end < 0 else end + 2
                continue
            i += 2
            if nxt in "pPx" and pattern[i : i + 1] == "{":
                i = pattern.find("}", i) + 1 or n
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            i = _group_body(pattern, i + 1)
            if pattern[i - 1 : i] == ")":  # inline flags only, `(?i)`: not a group
                continue
            frames.append(False)
            continue
        if ch == ")" and len(frames) > 1:
            inner = frames.pop()
            i += 1
            unbounded += _unbounded(pattern, i)
            repeats, i = _quantifier(pattern, i)
            if inner and repeats:
                return "with a repeated group that itself repeats or alternates"
            frames[-1] = frames[-1] or inner or repeats is not None
            continue
        if ch == "|":
            frames[-1] = True
            i += 1
            continue
        repeats, after = _quantifier(pattern, i)
        if repeats is not None:
            unbounded += _unbounded(pattern, i)
            frames[-1] = True
            i = after
            continue
        i += 1
    if unbounded > MAX_REGEX_REPEATS:
        return f"with more than {MAX_REGEX_REPEATS} unbounded repetitions (*, +, {{n,}})"
    return None


def _unbounded(pattern: str, i: int) -> int:
    """1 if a repetition without an upper bound starts at i (`*`, `+`, `{n,}`)."""
    if pattern[i : i + 1] in ("*", "+"):
        return 1
    return 1 if re.match(r"\{\d+,\}", pattern[i:]) else 0


def _group_body(pattern: str, i: int) -> int:
    """Index where the body of a group opened just before i starts, past `?:`, `?=`, `?!`,
    `?>`, `?<=`, `?<!`, `?<name>` or inline flags (`?i:`); after `)` for flags alone (`?i)`)."""
    if pattern[i : i + 1] != "?":
        return i
    kind = pattern[i + 1 : i + 2]
    if kind in (":", "=", "!", ">"):
        return i + 2
    if kind == "<":
        if pattern[i + 2 : i + 3] in ("=", "!"):
            return i + 3
        close = pattern.find(">", i)
        return close + 1 if close >= 0 else len(pattern)
    j = i + 1
    while j < len(pattern) and (pattern[j].isalpha() or pattern[j] == "-"):
        j += 1
    return j + 1 if pattern[j : j + 1] in (":", ")") else j


def _quantifier(pattern: str, i: int) -> tuple[bool | None, int]:
    """At i: (True if a quantifier that repeats, False if one that does not (`?`, `{1}`),
    None if no quantifier), and the index after it and its `?`/`+` suffix."""
    ch = pattern[i : i + 1]
    repeats: bool | None = None
    end = i
    if ch in ("*", "+"):
        repeats, end = True, i + 1
    elif ch == "?":
        repeats, end = False, i + 1
    elif ch == "{":
        close = pattern.find("}", i)
        body = pattern[i + 1 : close] if close > 0 else ""
        parts = body.split(",")
        if close > 0 and 1 <= len(parts) <= 2 and all(p.strip().isdigit() or not p for p in parts):
            upper = parts[-1].strip()
            repeats = not upper.isdigit() or int(upper) > 1
            end = close + 1
    if repeats is not None and pattern[end : end + 1] in ("?", "+"):
        end += 1
    return repeats, end


def _class_end(pattern: str, start: int) -> int:
    """Index after the character class opening at start (Java classes nest: [a-z&&[^b]])."""
    depth = 0
    i = start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
            i += 1
            if pattern[i : i + 1] == "^":
                i += 1
            if pattern[i : i + 1] == "]":
                i += 1  # a ']' first in a class is literal
            continue
        if ch == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(pattern)
