"""The search query language, parsed here (never handed raw to FTS5).

    绵阳 增长                 both terms (AND is implied between terms)
    绵阳 AND 增长             the same
    绵阳 OR 德阳              either
    绵阳 NOT 地震, 绵阳 -地震  the first without the second
    (绵阳 OR 德阳) 增长        parentheses group
    "Li Ming"  “地区生产总值”   a phrase: spaces, operator words and brackets kept as text

Every term matches where it occurs as a substring of the headline, kicker, subheadline, body or a
caption, whatever its length (one character included), after the normalisation of
``textindex.normalize``. Operators are the upper-case words ``AND``, ``OR``, ``NOT`` and a ``-``
in front of a term; precedence NOT > AND > OR. A query must look for something: NOT alone, or NOT
inside an OR, is refused. Errors are ``QuerySyntaxError`` with a one-line message saying where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import QuerySyntaxError
from .textindex import normalize

__all__ = ["Term", "And", "Or", "Not", "Node", "parse_query", "positive_terms", "QUOTES"]

#: Opening quote -> closing quote of a phrase.
QUOTES = {'"': '"', "“": "”", "”": "”"}
OPERATORS = {"AND", "OR", "NOT"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Term:
    text: str  # as written
    norm: str  # normalised, white space collapsed to one space

    def __str__(self) -> str:
        return f'"{self.text}"' if (" " in self.text or self.text in OPERATORS) else self.text


@dataclass(frozen=True)
class Not:
    child: Node

    def __str__(self) -> str:
        return f"NOT {self.child}"


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.children)) + ")"


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.children)) + ")"


Node = Term | Not | And | Or


@dataclass
class _Tok:
    kind: str  # term, phrase, and, or, not, lparen, rparen
    text: str
    pos: int


def _error(query: str, pos: int, why: str) -> QuerySyntaxError:
    return QuerySyntaxError(f"bad query {query!r}: {why} (at character {pos + 1})")


def _lex(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in QUOTES:
            close = QUOTES[ch]
            j = query.find(close, i + 1)
            if j < 0:
                raise _error(query, i, f"the phrase opened by {ch} is not closed")
            toks.append(_Tok("phrase", query[i + 1:j], i))
            i = j + 1
        elif ch == "(":
            toks.append(_Tok("lparen", ch, i))
            i += 1
        elif ch == ")":
            toks.append(_Tok("rparen", ch, i))
            i += 1
        elif ch == "-" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] != ")":
            toks.append(_Tok("not", "-", i))
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in "()" and query[j] not in QUOTES:
                j += 1
            word = query[i:j]
            kind = word.lower() if word in OPERATORS else "term"
            toks.append(_Tok(kind, word, i))
            i = j
    return toks


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.toks = _lex(query)
        self.i = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def end_pos(self) -> int:
        return len(self.query.rstrip())

    def parse(self) -> Node:
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:  # only a stray ")" can stop the expression early
            raise _error(self.query, tok.pos, "this ) has no ( before it")
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.take()
            items.append(self.and_expr(after=tok))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self, after: _Tok | None = None) -> Node:
        items = [self.unary(after)]
        while (tok := self.peek()) is not None and tok.kind not in ("or", "rparen"):
            if tok.kind == "and":
                self.take()
                items.append(self.unary(after=tok))
            else:
                items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self, after: _Tok | None = None) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind == "not":
            self.take()
            return Not(self.unary(after=tok))
        return self.primary(after)

    def primary(self, after: _Tok | None) -> Node:
        tok = self.peek()
        if tok is None or tok.kind in ("and", "or", "rparen"):
            if after is not None:
                where = after.pos
                why = f"{after.text} needs a term after it"
            elif tok is not None:
                where, why = tok.pos, f"{tok.text} needs a term before it"
            else:
                where, why = self.end_pos(), "the query ends too early"
            raise _error(self.query, where, why)
        self.take()
        if tok.kind == "lparen":
            if (nxt := self.peek()) is not None and nxt.kind == "rparen":
                raise _error(self.query, tok.pos, "empty parentheses")
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise _error(self.query, tok.pos, "this ( is not closed")
            self.take()
            return node
        norm = _SPACE.sub(" ", normalize(tok.text)).strip()
        if not norm:
            raise _error(self.query, tok.pos, "empty phrase")
        return Term(tok.text, norm)


def _check(node: Node, query: str, in_or: bool = False) -> None:
    """A query must look for something: NOT only next to a term to look for, never alone or in an OR."""
    if isinstance(node, Not):
        where = "inside an OR" if in_or else "on its own"
        raise QuerySyntaxError(f"bad query {query!r}: NOT {node.child} cannot stand {where}; "
                               "put a term to look for before it (绵阳 NOT 地震)")
    if isinstance(node, And):
        if all(isinstance(c, Not) for c in node.children):
            raise QuerySyntaxError(f"bad query {query!r}: it only says what to leave out; "
                                   "add a term to look for")
        for c in node.children:
            if isinstance(c, Not):
                if isinstance(c.child, Not):
                    raise QuerySyntaxError(f"bad query {query!r}: NOT NOT is not allowed; drop both")
                _check(c.child, query)
            else:
                _check(c, query)
    elif isinstance(node, Or):
        for c in node.children:
            _check(c, query, in_or=True)


def parse_query(query: str) -> Node | None:
    """The query's tree, or ``None`` for an empty query (filters only)."""
    if query is None or not query.strip():
        return None
    node = _Parser(query).parse()
    _check(node, query)
    return node


def positive_terms(node: Node | None) -> list[Term]:
    """The terms a hit contains (not those under NOT): what a snippet highlights."""
    if node is None:
        return []
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return []
    out: list[Term] = []
    for c in node.children:
        out.extend(positive_terms(c))
    return out
