"""The console guard's lexer: the query text read the way Neo4j reads it.

First `\\uXXXX` escapes are decoded everywhere (so `\\u004cOAD CSV` is LOAD CSV and `'\\u0027`
closes a string); then the text is cut into tokens by a lexer that knows what Cypher treats as
a comment, a string literal and a back-quoted name, so `'CREATE'` in a string is a string while
a write hidden after `/* */`, in lower case or behind full-width letters is a keyword. Where
the lexer and Neo4j could disagree it errs towards reading more text as code (a line comment
ends at any line break Python knows, not only `\\n`), never less. Invisible and control
characters outside literals are refused outright: they are how a keyword is disguised.

What may run is decided on these tokens by :mod:`app.console.policy`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from app.console.errors import QueryForbidden, Refusal

# Every line break Python knows: a `//` comment ends at the first one, which is at or before
# where Neo4j ends it.
_LINE_BREAKS: Final = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Unicode categories that never belong outside a literal: format (zero-width joiners,
# direction marks), control, private use, surrogates, unassigned.
_INVISIBLE: Final = frozenset({"Cf", "Cc", "Co", "Cs", "Cn"})
_UNICODE_ESCAPE: Final = re.compile(r"\\u([0-9A-Fa-f]{4})")
_WORD_PART_CATEGORIES: Final = frozenset({"Mn", "Mc", "Pc", "Nd", "Nl"})

TokenKind = Literal["word", "quoted", "string", "number", "punct"]


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    # word: the name NFKC-normalised (full-width letters become ASCII); quoted: the name
    # between back-quotes, unescaped; punct: the character NFKC-normalised; string, number:
    # the text (escapes decoded).
    text: str
    # Where the token starts in the text as the researcher wrote it (before decoding).
    offset: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


class Positions:
    """1-based line and column of an offset, counted the way Neo4j reports them (on `\\n`)."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def of(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self._starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self._starts[lo] + 1


def _is_word_start(ch: str) -> bool:
    return ch.isalpha() or ch == "_"


def _is_word_part(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) in _WORD_PART_CATEGORIES


def decode_unicode_escapes(text: str) -> tuple[str, list[int]]:
    """The text as Neo4j's parser reads it, and where each character came from.

    Neo4j's Cypher 5 parser turns `\\uXXXX` into its character before it looks for strings,
    comments or keywords, anywhere in the query (Java source rules): `\\u004cOAD CSV` is LOAD
    CSV, `'\\u0027` ends a string, `// \\u000a` ends a comment. A backslash only starts an
    escape when an even number of backslashes precede it (`\\\\u0027` is a backslash and
    `u0027`). The guard reads what Neo4j reads.
    """
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] != "\\":
            out.append(text[i])
            origin.append(i)
            i += 1
            continue
        run = i
        while run < n and text[run] == "\\":
            run += 1
        count = run - i
        escape = _UNICODE_ESCAPE.match(text, run - 1) if count % 2 == 1 else None
        keep = count - 1 if escape else count
        out.extend("\\" * keep)
        origin.extend(range(i, i + keep))
        i += keep
        if escape:
            out.append(chr(int(escape.group(1), 16)))
            origin.append(run - 1)
            i = escape.end()
    return "".join(out), origin


class _Lexer:
    def __init__(self, text: str) -> None:
        self.positions = Positions(text)
        self.text, self._origin = decode_unicode_escapes(text)

    def _token(self, kind: TokenKind, text: str, index: int) -> Token:
        return Token(kind, text, self._origin[index])

    def refuse(self, index: int, what: str, why: str) -> QueryForbidden:
        line, column = self.positions.of(self._origin[index])
        return QueryForbidden([Refusal(what, line, column, why)])

    def tokens(self) -> list[Token]:
        text, n = self.text, len(self.text)
        out: list[Token] = []
        i = 0
        while i < n:
            ch = text[i]
            if ch.isspace():
                i += 1
            elif text.startswith("//", i):
                i += 2
                while i < n and text[i] not in _LINE_BREAKS:
                    i += 1
            elif text.startswith("/*", i):
                end = text.find("*/", i + 2)
                if end < 0:
                    raise self.refuse(
                        i, "unterminated /* comment", "the rest of the query cannot be checked"
                    )
                i = end + 2
            elif ch in "'\"":
                i = self._string(i, out)
            elif ch == "`":
                i = self._quoted(i, out)
            elif ch.isdigit():
                j = i + 1
                while j < n and (
                    _is_word_part(text[j])
                    or (text[j] == "." and j + 1 < n and text[j + 1].isdigit())
                ):
                    j += 1
                out.append(self._token("number", text[i:j], i))
                i = j
            elif _is_word_start(ch):
                j = i + 1
                while j < n and _is_word_part(text[j]):
                    j += 1
                out.append(self._token("word", unicodedata.normalize("NFKC", text[i:j]), i))
                i = j
            elif unicodedata.category(ch) in _INVISIBLE:
                raise self.refuse(
                    i,
                    f"invisible or control character U+{ord(ch):04X}",
                    "only allowed inside string literals and comments",
                )
            else:
                out.append(self._token("punct", unicodedata.normalize("NFKC", ch), i))
                i += 1
        return out

    def _string(self, start: int, out: list[Token]) -> int:
        text, quote = self.text, self.text[start]
        i = start + 1
        while i < len(text):
            if text[i] == "\\":
                i += 2
            elif text[i] == quote:
                out.append(self._token("string", text[start : i + 1], start))
                return i + 1
            else:
                i += 1
        raise self.refuse(
            start, "unterminated string literal", "the rest of the query cannot be checked"
        )

    def _quoted(self, start: int, out: list[Token]) -> int:
        text = self.text
        parts: list[str] = []
        i = start + 1
        while True:
            end = text.find("`", i)
            if end < 0:
                raise self.refuse(
                    start, "unterminated `quoted name`", "the rest of the query cannot be checked"
                )
            if text.startswith("``", end):  # an escaped back-quote inside the name
                parts.append(text[i : end + 1])
                i = end + 2
                continue
            parts.append(text[i:end])
            out.append(self._token("quoted", "".join(parts), start))
            return end + 1


def tokenize(text: str) -> list[Token]:
    """The query's tokens without comments; `QueryForbidden` if the text cannot be read safely."""
    return _Lexer(text).tokens()
