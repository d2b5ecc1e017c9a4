"""What the reader asks of the archive beyond ``Archive``'s own queries: search facets, a place with
the divisions under it and their counts, indicator series. Plain SQL over the archive's read-only
connection, through the store's public helpers (query parsing, filters, division table)."""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
import threading
from collections import Counter, OrderedDict
from itertools import chain
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from ..errors import NotFoundError, QuerySyntaxError
from ..store.factcodec import unpack
from ..store.filters import Filters, article_filter_sql, date_bound
from ..store.places import children, division, named_divisions, resolve_place
from ..store.query import Not, Term, parse_query
from ..store.schema import DAY_SHIFT, FACT_SHIFT, day_range
from ..store.search import compile_query

__all__ = ["check_query", "QUERY_TERMS_MAX", "facets", "place_info", "indicator_list", "indicator_series", "frequency", "archive_version",
           "FACET_WINDOW", "ROOT_NAMES"]

#: Facets count the newest this many matching articles. Measured on a 20,000-article archive: about
#: 40 ms for 5,000 (most of it walking their facts), so a broad query's search page stays fast; the
#: page says when the counts cover only part of the hits.
FACET_WINDOW = 5000
SECTION_FACET_MAX = 12  # sections listed in the facet (the most frequent)
PLACE_FACET_MAX = 40  # sub-divisions listed (a province has at most ~21 cities, China 34 provinces)
INDICATOR_LIST_MAX = 200
SERIES_POINTS_MAX = 2000  # points of one indicator read for a chart
#: Terms a query may hold. SQLite's FTS5 parser overflows its stack on ~100 nested NOTs; a person
#: typing into a search box writes a handful, a generated query (every name of a list) a few dozen.
QUERY_TERMS_MAX = 64
#: Names that mean the whole country: the root of the place hierarchy.
ROOT_NAMES = frozenset({"", "全国", "中国", "中华人民共和国", "china"})
#: Article summaries kept for the facets (kind, section, fact types, division codes): about 300 bytes
#: each, so at most ~150 MB; a 21,000-article archive is covered after one pass over it.
SUMMARY_CACHE_MAX = 500_000
_SPAN = (1 << FACT_SHIFT) - 1
_CACHE_SIZE = 256


# ---------------------------------------------------------------------------------------------
# A small cache keyed by the archive's state: a new page stored (by a concurrent ingest) changes it
# ---------------------------------------------------------------------------------------------
def archive_file(con: sqlite3.Connection) -> tuple[int, int]:
    """The archive file's identity (device, inode): caches of one file never answer for another."""
    path = con.execute("PRAGMA database_list").fetchone()[2]
    st = os.stat(path)
    return (st.st_dev, st.st_ino)


def archive_version(con: sqlite3.Connection) -> tuple[int, int, int, int]:
    """Changes when a page is stored (or a failure recorded) by a concurrent ingest, or the file is replaced."""
    row = con.execute("SELECT (SELECT max(id) FROM pages), (SELECT count(*) FROM failures)").fetchone()
    return (*archive_file(con), row[0] or 0, row[1] or 0)


class _Cache:
    def __init__(self, size: int = _CACHE_SIZE) -> None:
        self.size = size
        self.data: OrderedDict[Any, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
        value = make()
        with self.lock:
            self.data[key] = value
            while len(self.data) > self.size:
                self.data.popitem(last=False)
        return value


_cache = _Cache()


def _count_terms(node: Any) -> int:
    if isinstance(node, Term):
        return 1
    if isinstance(node, Not):
        return _count_terms(node.child)
    return sum(_count_terms(c) for c in node.children)


def check_query(query: str | None) -> None:
    """Refuse, as a query error, what the index cannot run: a query of more than ``QUERY_TERMS_MAX`` terms."""
    if not query:
        return
    n = _count_terms(parse_query(query))
    if n > QUERY_TERMS_MAX:
        raise QuerySyntaxError(f"bad query: {n} terms, more than the {QUERY_TERMS_MAX} a search may hold")


# ---------------------------------------------------------------------------------------------
# The division tree
# ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _chain(code: str) -> tuple[str, ...]:
    """``code`` and the divisions above it, nearest first."""
    out = []
    seen = set()
    cur: str | None = code
    while cur and cur not in seen:
        seen.add(cur)
        d = division(cur)
        if d is None:
            break
        out.append(cur)
        cur = d[2]
    return tuple(out)


@lru_cache(maxsize=65536)
def _rollup(divisions: frozenset[str], top: str | None) -> tuple[str, ...]:
    """The divisions directly under ``top`` (provinces for None) holding any of ``divisions``."""
    return tuple({c for c in (_below(d, top) for d in divisions) if c})


@lru_cache(maxsize=65536)
def _below(code: str, top: str | None) -> str | None:
    """The division directly under ``top`` (a province for None) that holds ``code``, or None."""
    chain = _chain(code)
    if top is None:
        return chain[-1] if chain else None
    if top not in chain:
        return None
    i = chain.index(top)
    return chain[i - 1] if i > 0 else None


def _div_dict(code: str) -> dict[str, Any]:
    name, level, parent = division(code) or (code, "other", None)
    return {"code": code, "name": name, "level": level, "parent": parent}


# ---------------------------------------------------------------------------------------------
# Search facets
# ---------------------------------------------------------------------------------------------
def _matching_keys_sql(query: str | None, date_from: str | None, date_to: str | None,
                       filters: Filters) -> tuple[str, list]:
    node = parse_query(query) if query else None
    lo, hi = day_range(date_bound(date_from, end=False, what="from"), date_bound(date_to, end=True, what="to"))
    fsql = article_filter_sql(filters)
    if node is not None:
        sql, params, table = compile_query(node, lo, hi)
        if fsql:
            if table:
                sql += f" AND +rowid IN ({fsql[0]})"
            else:
                sql = f"SELECT k FROM ({sql}) WHERE k IN ({fsql[0]})"
            params = [*params, *fsql[1]]
        return sql, params
    if fsql:  # a filter's set may name an article twice
        return f"SELECT DISTINCT k FROM ({fsql[0]}) WHERE k BETWEEN ? AND ?", [*fsql[1], lo, hi]
    return "SELECT key AS k FROM articles WHERE key BETWEEN ? AND ?", [lo, hi]


def facets(con: sqlite3.Connection, query: str | None = None, *, date_from: str | None = None,
           date_to: str | None = None, filters: Filters | None = None) -> dict[str, Any]:
    """Counts of the matching articles (the newest ``FACET_WINDOW``) by place, fact type, issue date,
    section and kind. ``place``: by province, or by the divisions directly under the filtered place."""
    filters = filters or Filters()
    sql, params = _matching_keys_sql(query, date_from, date_to, filters)
    key = ("facets", archive_version(con), query, date_from, date_to, filters)
    return _cache.get(key, lambda: _facets(con, sql, params, filters))


class _Summary(NamedTuple):
    """What the facets need of one article; articles never change once stored, so it is kept."""

    kind: str
    section: str | None
    types: frozenset[str]
    divisions: frozenset[str]  # division codes of its place and indicator facts


class _Summaries:
    """Article key -> ``_Summary``, filled on demand, at most ``SUMMARY_CACHE_MAX`` entries.

    Keys are never reused and stored articles are immutable, so an entry never goes stale while the
    archive file is the same; there is one ``_Summaries`` per archive file (``_summaries_of``).
    """

    def __init__(self) -> None:
        self.data: dict[int, _Summary] = {}
        self.lock = threading.Lock()

    def get(self, con: sqlite3.Connection, keys: list[int]) -> list[_Summary]:
        missing = [k for k in keys if k not in self.data]
        if missing:
            fresh = self._load(con, missing)
            with self.lock:
                if len(self.data) + len(fresh) > SUMMARY_CACHE_MAX:
                    self.data.clear()
                self.data.update(fresh)
        data = self.data
        return [data[k] if k in data else fresh[k] for k in keys]

    @staticmethod
    def _load(con: sqlite3.Connection, keys: list[int]) -> dict[int, _Summary]:
        arr = json.dumps(sorted(keys))
        types: dict[int, set[str]] = {k: set() for k in keys}
        divs: dict[int, set[str]] = {k: set() for k in keys}
        for k, typ, div in con.execute(
                f"SELECT DISTINCT s.value, f.type, f.division FROM json_each(?) s JOIN facts f ON f.key BETWEEN"
                f" s.value << {FACT_SHIFT} AND (s.value << {FACT_SHIFT}) + {_SPAN}", (arr,)):
            types[k].add(typ)
            if div:
                divs[k].add(div)
        return {k: _Summary(kind, section, frozenset(types[k]), frozenset(divs[k]))
                for k, kind, section in con.execute("SELECT a.key, a.kind, a.section FROM json_each(?) s"
                                                    " JOIN articles a ON a.key = s.value", (arr,))}


_summaries: dict[tuple[int, int], _Summaries] = {}


def _summaries_of(con: sqlite3.Connection) -> _Summaries:
    ident = archive_file(con)
    found = _summaries.get(ident)
    if found is None:
        with _cache.lock:
            found = _summaries.setdefault(ident, _Summaries())
    return found


def _facets(con: sqlite3.Connection, sql: str, params: list, filters: Filters) -> dict[str, Any]:
    keys = [r[0] for r in con.execute(f"SELECT k FROM ({sql}) ORDER BY k DESC LIMIT {FACET_WINDOW + 1}", params)]
    partial = len(keys) > FACET_WINDOW
    keys = keys[:FACET_WINDOW]
    # Places: by the division directly under the filtered one (by province without a place filter).
    top: str | None = None
    if filters.place:
        scope_codes = named_divisions(filters.place)
        top = scope_codes[0] if len(scope_codes) == 1 else None
    by_place = not filters.place or top is not None
    sms = _summaries_of(con).get(con, keys)
    kinds = Counter(sm.kind for sm in sms)
    sections = Counter(sm.section for sm in sms if sm.section)
    days = Counter(k >> DAY_SHIFT if k > 0 else 0 for k in keys)  # undated articles have negative keys
    types = Counter(chain.from_iterable(sm.types for sm in sms))
    places = Counter(chain.from_iterable(_rollup(sm.divisions, top) for sm in sms if sm.divisions)) \
        if by_place else Counter()
    place_items = sorted(({**_div_dict(c), "count": n} for c, n in places.items()),
                         key=lambda d: (-d["count"], d["code"]))[:PLACE_FACET_MAX]
    order = {t: i for i, t in enumerate(("place", "person", "organization", "quantity", "date", "document",
                                         "indicator"))}
    return {
        "window": len(keys), "partial": partial,
        "place": {"parent": _div_dict(top) if top else None,
                  "ancestors": [_div_dict(c) for c in reversed(_chain(top)[1:])] if top else [],
                  "items": place_items},
        "type": [{"value": t, "count": n} for t, n in sorted(types.items(), key=lambda x: (-x[1], order.get(x[0], 99)))],
        "date": _date_facet(days),
        "section": [{"value": s, "count": n} for s, n in sections.most_common(SECTION_FACET_MAX)],
        "kind": [{"value": k, "count": n} for k, n in kinds.most_common()],
    }


def _date_facet(days: Counter[int]) -> dict[str, Any]:
    """By year, or by month when every dated hit is in one year."""
    undated = days.pop(0, 0)
    dates = {_dt.date.fromordinal(d): n for d, n in days.items()}
    years = Counter()
    for d, n in dates.items():
        years[d.year] += n
    if len(years) == 1:
        (year,) = years
        months = Counter()
        for d, n in dates.items():
            months[d.month] += n
        items = [{"value": f"{year}-{m:02d}", "label": f"{year}年{m}月", "from": f"{year}-{m:02d}",
                  "to": f"{year}-{m:02d}", "count": months[m]} for m in sorted(months)]
        unit = "month"
    else:
        items = [{"value": str(y), "label": f"{y}年", "from": str(y), "to": str(y), "count": years[y]}
                 for y in sorted(years)]
        unit = "year"
    return {"unit": unit, "items": items, "undated": undated}


# ---------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------
def place_info(con: sqlite3.Connection, query: str) -> dict[str, Any]:
    """A place and what the archive holds on it: the division (with the divisions above it and, with
    counts, those directly under it), or a place outside the division table (a town, a region, a
    foreign country) by its name. Counts are articles naming the place or a place under it."""
    q = (query or "").strip()
    key = ("place", archive_version(con), q)
    return _cache.get(key, lambda: _place_info(con, q))


def _place_info(con: sqlite3.Connection, q: str) -> dict[str, Any]:
    if q.lower() in ROOT_NAMES:
        return _division_info(con, None)
    codes = named_divisions(q)
    if len(codes) == 1:
        return _division_info(con, codes[0])
    if len(codes) > 1:  # a name shared at one level (朝阳区 of Beijing and of Changchun): list them
        items = [{**_div_dict(c), "parent_name": (division(division(c)[2]) or ("",))[0] if division(c)[2] else None}
                 for c in codes]
        return {"kind": "ambiguous", "query": q, "name": q, "candidates": items}
    return _named_place_info(con, q)


def _division_info(con: sqlite3.Connection, code: str | None) -> dict[str, Any]:
    kids = children(code)
    if code is None:
        rows = con.execute(f"SELECT DISTINCT key >> {FACT_SHIFT}, division FROM facts WHERE division IS NOT NULL")
    else:
        scope = sorted(resolve_place(code).codes)
        rows = con.execute(f"SELECT DISTINCT key >> {FACT_SHIFT}, division FROM facts WHERE division IN"
                           " (SELECT value FROM json_each(?))", (json.dumps(scope),))
    per_child: dict[str, set[int]] = {}
    own: set[int] = set()
    every: set[int] = set()
    for art, div in rows:
        every.add(art)
        child = _below(div, code)
        if child:
            per_child.setdefault(child, set()).add(art)
        elif div == code:
            own.add(art)
    info: dict[str, Any] = {"kind": "division" if code else "root", "query": code or "全国"}
    if code:
        info.update(_div_dict(code))
        info["ancestors"] = [_div_dict(c) for c in reversed(_chain(code)[1:])]
        # Places stored under this division that are not divisions themselves (towns, villages).
        own_name = info["name"]
        info["other_places"] = [
            {"name": n, "level": lv, "count": c} for n, lv, c in con.execute(
                f"SELECT name, json_extract(attrs, '$.level'), count(DISTINCT key >> {FACT_SHIFT}) FROM facts"
                " WHERE division = ? AND type = 'place' AND name IS NOT NULL AND name != ?"
                " AND json_extract(attrs, '$.code') IS NULL GROUP BY name ORDER BY 3 DESC, 1 LIMIT ?",
                (code, own_name, PLACE_FACET_MAX))]
    else:
        info.update({"code": None, "name": "全国", "level": "country", "parent": None, "ancestors": [],
                     "other_places": []})
    info["articles"] = len(every)
    info["articles_own"] = len(own)
    info["children"] = sorted(({**_div_dict(c), "count": len(per_child.get(c, ()))} for c in kids),
                              key=lambda d: (-d["count"], d["code"]))
    return info


def _named_place_info(con: sqlite3.Connection, name: str) -> dict[str, Any]:
    row = con.execute(f"SELECT count(DISTINCT key >> {FACT_SHIFT}), min(attrs), min(division) FROM facts"
                      " WHERE type = 'place' AND name = ?", (name,)).fetchone()
    if not row or not row[0]:
        raise NotFoundError(f"no place {name!r} in the archive: neither a division (name or 6-digit code) "
                            "nor a place any article names")
    attrs = json.loads(row[1]) if row[1] else {}
    parent_code = row[2]
    return {"kind": "named", "query": name, "code": None, "name": name, "level": attrs.get("level") or "other",
            "parent": parent_code, "parent_name": attrs.get("parent"),
            "ancestors": [_div_dict(c) for c in reversed(_chain(parent_code))] if parent_code else [],
            "articles": row[0], "articles_own": row[0], "children": [], "other_places": []}


# ---------------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------------
def _subject_sql(place: str | None) -> tuple[str, list]:
    """Indicator facts whose subject is the place: its division code, else its name."""
    if not place:
        return "", []
    codes = named_divisions(place)
    if codes:
        return f" AND f.division IN ({','.join('?' * len(codes))})", list(codes)
    return " AND f.name = ?", [place.strip()]


def indicator_list(con: sqlite3.Connection, place: str | None = None, contains: str | None = None,
                   limit: int = INDICATOR_LIST_MAX) -> list[dict[str, Any]]:
    """Indicators stated in the archive (of a place, with a name containing ``contains``), most reported first."""
    sql, params = _subject_sql(place)
    if contains:
        sql += " AND instr(f.indicator, ?) > 0"
        params.append(contains.strip())
    rows = con.execute(
        "SELECT f.name, f.indicator, f.unit, count(*), min(coalesce(f.period_end, a.date)),"
        f" max(coalesce(f.period_end, a.date)) FROM facts f JOIN articles a ON a.key = f.key >> {FACT_SHIFT}"
        f" WHERE f.type = 'indicator' AND f.indicator IS NOT NULL{sql}"
        " GROUP BY f.name, f.indicator ORDER BY 4 DESC, 2 LIMIT ?", [*params, limit])
    return [{"subject": s, "indicator": i, "unit": u, "count": n, "first": a, "last": b}
            for s, i, u, n, a, b in rows]


def frequency(start: str | None, end: str | None) -> str:
    """The kind of period: ``year``, ``half``, ``quarter``, ``month``, ``ytd`` (January to a month's
    end), ``point`` (a stock at one day), ``other``, or ``none``. A chart draws one kind at a time."""
    if not start or not end:
        return "point" if (start or end) else "none"
    if start == end:
        return "point"
    s, e = _dt.date.fromisoformat(start), _dt.date.fromisoformat(end)
    month_end = (e + _dt.timedelta(days=1)).day == 1
    if s.day != 1 or not month_end:
        return "other"
    months = (e.year - s.year) * 12 + e.month - s.month + 1
    if months == 12 and s.month == 1:
        return "year"
    if months == 6 and s.month in (1, 7):
        return "half"
    if months == 3 and s.month in (1, 4, 7, 10):
        return "quarter"
    if months == 1:
        return "month"
    if s.month == 1 and e.year == s.year:
        return "ytd"
    return "other"


def indicator_series(con: sqlite3.Connection, place: str | None, indicator: str, *, date_from: str | None = None,
                     date_to: str | None = None) -> dict[str, Any]:
    """Every statement of ``indicator`` (exact name) for ``place``, grouped into series of one subject,
    unit and kind of period, points in period order (undated periods by issue date)."""
    if not indicator or not indicator.strip():
        raise NotFoundError("no indicator named: give name=, e.g. 地区生产总值")
    sql, params = _subject_sql(place)
    d_from = date_bound(date_from, end=False, what="from")
    d_to = date_bound(date_to, end=True, what="to")
    if d_from:
        sql += " AND coalesce(f.period_end, f.period_start, a.date) >= ?"
        params.append(d_from)
    if d_to:
        sql += " AND coalesce(f.period_start, f.period_end, a.date) <= ?"
        params.append(d_to)
    rows = con.execute(
        f"SELECT f.name, f.division, f.indicator, f.value, f.unit, f.period_start, f.period_end, f.attrs, f.text,"
        f" a.id, a.date, a.headline"
        f" FROM facts f JOIN articles a ON a.key = f.key >> {FACT_SHIFT}"
        f" WHERE f.type = 'indicator' AND f.indicator = ?{sql} ORDER BY f.key LIMIT ?",
        [indicator.strip(), *params, SERIES_POINTS_MAX]).fetchall()
    series: dict[tuple, dict[str, Any]] = {}
    for subject, div, ind, value, unit, p_start, p_end, attrs, text, art_id, issue, headline in rows:
        a = unpack(attrs, (subject, div, ind, value, unit, p_start, p_end))
        freq = frequency(p_start, p_end)
        s = series.setdefault((subject, unit, freq), {"subject": subject, "indicator": indicator.strip(),
                                                     "unit": unit, "frequency": freq, "points": []})
        s["points"].append({"period_start": p_start, "period_end": p_end, "value": a.get("value"),
                            "qualifier": a.get("qualifier"), "growth": a.get("growth"), "text": text,
                            "article_id": art_id, "issue_date": issue, "headline": headline,
                            "x": p_end or p_start or issue})
    out = list(series.values())
    for s in out:
        s["points"].sort(key=lambda p: (p["x"] or "9999", p["issue_date"] or ""))
    out.sort(key=lambda s: (-len(s["points"]), s["subject"] or "", s["unit"] or "", s["frequency"]))
    return {"place": place, "indicator": indicator.strip(), "from": d_from, "to": d_to,
            "total": len(rows), "series": out}
