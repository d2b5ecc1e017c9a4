"""Full-text search over the archive: exact for terms of any length, with filters and ranking.

A parsed query (``query.py``) becomes SQL over the two full-text tables (``textindex.py``): a
subtree whose terms are all two characters or longer is one FTS5 expression over ``text_bi``, one of
one-character terms one over ``text_uni``, and a mix is combined with INTERSECT / UNION / EXCEPT.
Date bounds are article-key ranges, which FTS5 seeks to; the other filters are article sets
(``filters.py``).

Order. ``relevance`` (the default) ranks by BM25 (``schema.RANK_WEIGHTS``: title hits count most).
BM25 costs about a microsecond per matching article, so a query matching more than
``RANK_WINDOW`` articles ranks the newest ``RANK_WINDOW`` of them and lists the rest after them,
newest first (the result says so in ``ranked``). A query with a one-character term has no positions
to rank by (``text_uni`` keeps none) and is listed newest first. ``newest`` / ``oldest`` order by
issue date.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import FilterError
from .filters import Filters, article_filter_sql, date_bound
from .places import resolve_place
from .query import And, Node, Not, Or, Term, parse_query, positive_terms
from .schema import MAX_KEY, RANK_WEIGHTS, day_range
from .snippets import SNIPPET_CHARS, find_spans, snippet
from .textindex import term_match

__all__ = ["search", "SearchResult", "compile_query", "SORTS", "RANK_WINDOW", "DEFAULT_LIMIT"]

SORTS = ("relevance", "newest", "oldest")
#: Relevance ranks at most this many matching articles (the newest). Measured (bench/bench_search.py,
#: 100,000 articles): BM25 costs 0.6-0.7 us of CPU per match, so 10,000 keeps the broadest query near
#: 10 ms of ranking, inside the 30 ms p95 budget with room for a loaded machine.
RANK_WINDOW = 10_000
DEFAULT_LIMIT = 20
_TABLE = {"bi": "text_bi", "uni": "text_uni"}
_WEIGHTS = ", ".join(map(str, RANK_WEIGHTS))


@dataclass
class SearchResult:
    """One page of hits. ``total`` counts every match; ``ranked`` how many relevance ordered."""

    query: str | None
    total: int
    hits: list[dict[str, Any]]
    sort: str
    ranked: int = 0
    limit: int | None = DEFAULT_LIMIT
    offset: int = 0
    filters: dict[str, Any] = field(default_factory=dict)
    took_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------------------------------------
# Query -> SQL
# ---------------------------------------------------------------------------------------------
def _tables(node: Node) -> frozenset[str]:
    if isinstance(node, Term):
        return frozenset([term_match(node.norm)[0]])
    if isinstance(node, Not):
        return _tables(node.child)
    out: frozenset[str] = frozenset()
    for c in node.children:
        out |= _tables(c)
    return out


def _fts(node: Node) -> str:
    """FTS5 expression of a subtree whose terms all use one table."""
    if isinstance(node, Term):
        return term_match(node.norm)[1]
    if isinstance(node, Or):
        return "(" + " OR ".join(_fts(c) for c in node.children) + ")"
    if isinstance(node, And):
        pos = [c for c in node.children if not isinstance(c, Not)]
        expr = "(" + " AND ".join(_fts(c) for c in pos) + ")"
        for c in node.children:
            if isinstance(c, Not):
                expr = f"({expr} NOT {_fts(c.child)})"
        return expr
    raise AssertionError(f"NOT outside an AND: {node}")  # parse_query refuses these


def _match(table: str, expr: str, lo: int, hi: int) -> tuple[str, list]:
    t = _TABLE[table]
    return f"SELECT rowid AS k FROM {t} WHERE {t} MATCH ? AND rowid BETWEEN ? AND ?", [expr, lo, hi]


def compile_query(node: Node, lo: int = 0, hi: int = MAX_KEY) -> tuple[str, list, str | None]:
    """``(sql, params, table)``: SQL selecting the keys (column ``k``) of the articles matching
    ``node`` within [lo, hi]; ``table`` is ``"bi"``/``"uni"`` when it is one SELECT on that FTS5 table
    (clauses may then be appended to its WHERE)."""
    tables = _tables(node)
    if len(tables) == 1:
        (table,) = tables
        sql, params = _match(table, _fts(node), lo, hi)
        return sql, params, table
    parts: list[tuple[str, list]] = []
    if isinstance(node, Or):
        for c in node.children:
            sql, params, _ = compile_query(c, lo, hi)
            parts.append((sql, params))
        return " UNION ".join(f"SELECT * FROM ({s})" for s, _ in parts), [p for _, ps in parts for p in ps], None
    assert isinstance(node, And)
    # Group the children: one FTS5 expression per table for the pure ones, recursion for the mixed.
    pos: dict[str, list[Node]] = {"bi": [], "uni": []}
    neg: dict[str, list[Node]] = {"bi": [], "uni": []}
    pos_mixed: list[Node] = []
    neg_mixed: list[Node] = []
    for c in node.children:
        target = c.child if isinstance(c, Not) else c
        t = _tables(target)
        if len(t) == 1:
            (neg if isinstance(c, Not) else pos)[next(iter(t))].append(target)
        else:
            (neg_mixed if isinstance(c, Not) else pos_mixed).append(target)
    sql_parts: list[str] = []
    params: list = []
    for table, items in pos.items():
        if items:
            s, p = _match(table, _fts(items[0] if len(items) == 1 else And(tuple(items))), lo, hi)
            sql_parts.append(f"SELECT * FROM ({s})")
            params.extend(p)
    for c in pos_mixed:
        s, p, _ = compile_query(c, lo, hi)
        sql_parts.append(f"SELECT * FROM ({s})")
        params.extend(p)
    sql = " INTERSECT ".join(sql_parts)
    for table, items in neg.items():
        if items:
            s, p = _match(table, _fts(items[0] if len(items) == 1 else Or(tuple(items))), lo, hi)
            sql += f" EXCEPT SELECT * FROM ({s})"
            params.extend(p)
    for c in neg_mixed:
        s, p, _ = compile_query(c, lo, hi)
        sql += f" EXCEPT SELECT * FROM ({s})"
        params.extend(p)
    return sql, params, None


# ---------------------------------------------------------------------------------------------
# Running a search
# ---------------------------------------------------------------------------------------------
def _count_days(con: sqlite3.Connection, lo: int, hi: int) -> int:
    from .schema import DAY_SHIFT

    row = con.execute("SELECT coalesce(sum(articles), 0) FROM days WHERE day BETWEEN ? AND ?",
                      (lo >> DAY_SHIFT, hi >> DAY_SHIFT)).fetchone()
    return row[0]


def _window(sql: str, params: list, order: str, limit: int | None, offset: int) -> tuple[str, list]:
    tail = f" ORDER BY {order}"
    if limit is not None:
        tail += " LIMIT ? OFFSET ?"
        return sql + tail, [*params, limit, offset]
    if offset:
        tail += " LIMIT -1 OFFSET ?"
        return sql + tail, [*params, offset]
    return sql + tail, params


def _materialize(con: sqlite3.Connection, fsql: tuple[str, list] | None) -> tuple[str, list] | None:
    """Evaluate the filters' article set once, into a temporary table (allowed on read-only
    connections too), so that counting, cutting the rank window and ranking do not rebuild it."""
    if fsql is None:
        return None
    con.execute("CREATE TEMP TABLE IF NOT EXISTS search_filter (k INTEGER PRIMARY KEY)")
    con.execute("DELETE FROM temp.search_filter")
    con.execute(f"INSERT OR IGNORE INTO temp.search_filter {fsql[0]}", fsql[1])
    return "SELECT k FROM temp.search_filter", []


def _candidates(node: Node, lo: int, hi: int, fsql: tuple[str, list] | None) -> tuple[str, list, str | None]:
    """SQL selecting the keys ``k`` matching the query and the filters within [lo, hi]."""
    sql, params, table = compile_query(node, lo, hi)
    if fsql:
        if table:
            sql += f" AND +rowid IN ({fsql[0]})"  # '+': test membership per match, do not look each key up
        else:
            sql = f"SELECT k FROM ({sql}) WHERE k IN ({fsql[0]})"
        params = [*params, *fsql[1]]
    return sql, params, table


def _keys_ranked(con: sqlite3.Connection, node: Node, lo: int, hi: int, fsql: tuple[str, list] | None,
                 limit: int | None, offset: int) -> tuple[list[tuple[int, float | None]], int, int]:
    """``(keys with scores, total, ranked)``: the newest RANK_WINDOW hits in relevance order, then
    the older ones newest first.

    One statement walks the hits newest first, computing BM25, and stops after RANK_WINDOW + 1;
    SQLite ranks what it found. A query with at most RANK_WINDOW hits is thus matched once, count
    and ranking together; only a broader one is counted again, separately.
    """
    sql, params, _ = _candidates(node, lo, hi, fsql)
    sql = sql.replace("SELECT rowid AS k", f"SELECT rowid AS k, bm25(text_bi, {_WEIGHTS}) AS score", 1)
    tail = " LIMIT ? OFFSET ?" if limit is not None else (" LIMIT -1 OFFSET ?" if offset else "")
    tail_params = [limit, offset] if limit is not None else ([offset] if offset else [])
    query = (f"WITH win AS MATERIALIZED ({sql} ORDER BY rowid DESC LIMIT ?),"
             " info AS (SELECT count(*) AS n, min(k) AS oldest FROM win)"
             " SELECT win.k, win.score, info.n, info.oldest FROM win, info"
             " WHERE info.n <= ? OR win.k > info.oldest ORDER BY win.score, win.k DESC" + tail)
    rows = con.execute(query, [*params, RANK_WINDOW + 1, RANK_WINDOW, *tail_params]).fetchall()
    if rows:
        n, oldest = rows[0][2], rows[0][3]
    else:  # paged past the window: look at the window's size alone
        n, oldest = con.execute(f"WITH win AS ({sql} ORDER BY rowid DESC LIMIT ?) SELECT count(*), min(k) FROM win",
                                [*params, RANK_WINDOW + 1]).fetchone()
    out: list[tuple[int, float | None]] = [(k, -score) for k, score, _, _ in rows]
    if n <= RANK_WINDOW:
        return out, n, n
    total = con.execute(f"SELECT count(*) FROM ({_candidates(node, lo, hi, fsql)[0]})", params).fetchone()[0]
    if limit is None or offset + limit > RANK_WINDOW:  # the rest, older than the window, newest first
        rsql, rparams, _ = _candidates(node, lo, oldest, fsql)
        want = None if limit is None else limit - len(out)
        rsql, rparams = _window(rsql, rparams, "rowid DESC", want, max(0, offset - RANK_WINDOW))
        out.extend((k, None) for (k,) in con.execute(rsql, rparams))
    return out, total, RANK_WINDOW


def search(con: sqlite3.Connection, query: str | None = None, *, date_from: str | None = None,
           date_to: str | None = None, filters: Filters | None = None, sort: str = "relevance",
           limit: int | None = DEFAULT_LIMIT, offset: int = 0, snippet_chars: int = SNIPPET_CHARS) -> SearchResult:
    """Search the archive (see the module's docstring); ``limit=None`` returns every hit."""
    t0 = time.perf_counter()
    if sort not in SORTS:
        raise FilterError(f"sort {sort!r} is not one of {', '.join(SORTS)}")
    if (limit is not None and limit < 0) or offset < 0:
        raise FilterError("limit and offset cannot be negative")
    filters = filters or Filters()
    node = parse_query(query) if query is not None else None
    d_from = date_bound(date_from, end=False, what="--from")
    d_to = date_bound(date_to, end=True, what="--to")
    lo, hi = day_range(d_from, d_to)
    fsql = _materialize(con, article_filter_sql(filters))
    ranked = 0
    desc = sort != "oldest"
    if node is None:
        if fsql:
            sql, params = f"SELECT k FROM ({fsql[0]}) WHERE k BETWEEN ? AND ?", [*fsql[1], lo, hi]
            total = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
            order = "k DESC" if desc else "k ASC"
        else:
            total = _count_days(con, lo, hi)
            sql, params = "SELECT key FROM articles WHERE key BETWEEN ? AND ?", [lo, hi]
            order = "key DESC" if desc else "key ASC"
        sql, params = _window(sql, params, order, limit, offset)
        keyed: list[tuple[int, float | None]] = [(k, None) for (k,) in con.execute(sql, params)]
    else:
        sql, params, table = _candidates(node, lo, hi, fsql)
        if sort == "relevance" and table == "bi":
            keyed, total, ranked = _keys_ranked(con, node, lo, hi, fsql, limit, offset)
        else:
            total = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
            if table:  # one SELECT on an FTS5 table: let it walk its rowids in order
                order = "rowid DESC" if desc else "rowid ASC"
            else:
                sql, order = f"SELECT k FROM ({sql})", ("k DESC" if desc else "k ASC")
            sql, params = _window(sql, params, order, limit, offset)
            keyed = [(k, None) for (k,) in con.execute(sql, params)]
    terms = sorted({t.norm for t in positive_terms(node)}, key=len, reverse=True)
    hits = _hits(con, keyed, terms, snippet_chars)
    applied: dict[str, Any] = {k: v for k, v in asdict(filters).items() if v}
    if filters.place:
        applied["place_scope"] = resolve_place(filters.place).describe()
    if d_from:
        applied["from"] = d_from
    if d_to:
        applied["to"] = d_to
    return SearchResult(query=query, total=total, hits=hits, sort=sort, ranked=ranked, limit=limit,
                        offset=offset, filters=applied, took_ms=round((time.perf_counter() - t0) * 1000, 2))


_HIT_SQL = ("SELECT a.key, a.id, a.date, a.kind, a.section, a.kicker, a.headline, a.subheadline, a.bylines,"
            " a.body, a.captions, p.name, p.source, p.sha256 FROM articles a JOIN pages p ON p.id = a.page"
            " WHERE a.key IN ({})")


def _hits(con: sqlite3.Connection, keyed: list[tuple[int, float | None]], terms: list[str],
          width: int) -> list[dict[str, Any]]:
    if not keyed:
        return []
    rows: dict[int, tuple] = {}
    keys = [k for k, _ in keyed]
    for i in range(0, len(keys), 500):
        part = keys[i:i + 500]
        for r in con.execute(_HIT_SQL.format(",".join("?" * len(part))), part):
            rows[r[0]] = r
    out = []
    for key, score in keyed:
        r = rows[key]
        body, captions = r[9], json.loads(r[10])
        spans = find_spans(body, terms)
        snip = None
        if terms and not spans:  # the terms are only in a caption (or the title): show that caption
            for cap in captions:
                cap_spans = find_spans(cap.get("text"), terms)
                if cap_spans:
                    snip = snippet(cap["text"], terms, width, cap_spans)
                    break
        if snip is None:
            snip = snippet(body, terms, width, spans)
        out.append({
            "id": r[1], "date": r[2], "kind": r[3], "section": r[4], "kicker": r[5], "headline": r[6],
            "subheadline": r[7], "bylines": json.loads(r[8]),
            "headline_highlights": [list(s) for s in find_spans(r[6], terms)],
            "snippet": snip["text"], "highlights": snip["highlights"],
            "score": None if score is None else round(score, 4),
            "source": {"name": r[11], "label": r[12], "sha256": r[13]},
        })
    return out
