"""Queries over stored facts: by type, place (with the divisions under it), indicator, name, dates."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import FilterError
from .factcodec import unpack
from .filters import Filters, article_filter_sql, date_bound, place_facts_sql
from .places import resolve_place
from .schema import FACT_SHIFT

__all__ = ["query_facts", "FactsResult", "fact_dict", "COUNT_MAX", "DEFAULT_FACTS_LIMIT"]

DEFAULT_FACTS_LIMIT = 100
COUNT_MAX = 100_000  # facts counted exactly up to this many; beyond, the total reads "at least" (capped)


@dataclass
class FactsResult:
    total: int  # matching facts, counted up to COUNT_MAX
    total_capped: bool  # True when there are more than COUNT_MAX
    facts: list[dict[str, Any]]
    limit: int | None = DEFAULT_FACTS_LIMIT
    offset: int = 0
    filters: dict[str, Any] = field(default_factory=dict)
    took_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_SELECT = ("SELECT f.key, f.type, f.text, f.field, f.start, f.\"end\", f.attrs, a.id, a.date, a.headline,"
           " f.name, f.division, f.indicator, f.value, f.unit, f.period_start, f.period_end"
           " FROM facts f JOIN articles a ON a.key = f.key >> {shift}").format(shift=FACT_SHIFT)


def fact_dict(row: tuple) -> dict[str, Any]:
    """A stored fact as the contract's Fact JSON, plus ``article_id``, ``issue_date`` and ``headline``."""
    _, typ, text, fld, start, end, attrs, art_id, date, headline = row[:10]
    d: dict[str, Any] = {"type": typ, "text": text, "field": fld, "start": start, "end": end}
    d.update(unpack(attrs, row[10:17]))
    d["article_id"] = art_id
    d["issue_date"] = date
    d["headline"] = headline
    return d


def query_facts(con: sqlite3.Connection, *, type: str | None = None, place: str | None = None,
                indicator: str | None = None, name: str | None = None, date_from: str | None = None,
                date_to: str | None = None, article: str | None = None, limit: int | None = DEFAULT_FACTS_LIMIT,
                offset: int = 0) -> FactsResult:
    """Facts matching every filter given, oldest issue first (then in article order).

    ``place``: facts of that place or a division under it (a place fact's own division, a town's
    parent, an indicator's subject), and facts with no place of their own (quantities, dates...) in
    articles naming it. ``indicator``: indicator facts whose indicator contains the text. ``name``:
    the fact's name (a place's standard name, a person, an organization, a document, an indicator's
    subject). ``date_from``/``date_to`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``): facts whose own
    period (an indicator's, a date's) overlaps the span, or, for facts without one, whose article's
    issue date lies in it.
    """
    t0 = time.perf_counter()
    if (limit is not None and limit < 0) or offset < 0:
        raise FilterError("limit and offset cannot be negative")
    where: list[str] = []
    params: list[Any] = []
    applied: dict[str, Any] = {}
    if type:
        where.append("f.type = ?")
        params.append(type.strip())
        applied["type"] = type
        if type.strip() == "indicator":
            where.append("f.indicator IS NOT NULL")  # lets SQLite use the partial index on indicator
    if indicator:
        where.append("f.indicator IS NOT NULL AND instr(f.indicator, ?) > 0")
        params.append(indicator.strip())
        applied["indicator"] = indicator
    if name:
        # Facts without a division by the name index; those with one (a place, an indicator's
        # subject) through the divisions so named.
        name = name.strip()
        codes = sorted(resolve_place(name).named) if resolve_place(name).divisions else []
        sql = "SELECT key FROM facts WHERE type = ? AND name = ? AND division IS NULL"
        types = [type.strip()] if type else [t for (t,) in con.execute("SELECT DISTINCT type FROM facts"
                                                                     " WHERE name IS NOT NULL AND division IS NULL")]
        parts = [sql] * len(types)
        params_n: list[Any] = [p for t in types for p in (t, name)]
        if codes:
            parts.append(f"SELECT key FROM facts WHERE division IN ({','.join('?' * len(codes))}) AND name = ?")
            params_n.extend([*codes, name])
        where.append(f"f.key IN ({' UNION '.join(parts) or 'SELECT NULL'})")
        params.extend(params_n)
        applied["name"] = name
    if place:
        scope = resolve_place(place)
        own_sql, own_params = place_facts_sql(scope)
        art_sql, art_params = article_filter_sql(Filters(place=place))  # type: ignore[misc]
        span = (1 << FACT_SHIFT) - 1
        # Key sets the planner can drive from: the place's own facts (indexes on code and name), and
        # the placeless facts of the articles naming it (one key range per article).
        where.append(f"f.key IN ({own_sql} UNION SELECT g.key FROM ({art_sql}) AS s JOIN facts g"
                     f" ON g.key BETWEEN s.k << {FACT_SHIFT} AND (s.k << {FACT_SHIFT}) + {span}"
                     " WHERE g.division IS NULL AND g.type != 'place')")
        params.extend([*own_params, *art_params])
        applied["place"] = place
        applied["place_scope"] = scope.describe()
    d_from = date_bound(date_from, end=False, what="--from")
    d_to = date_bound(date_to, end=True, what="--to")
    if d_from:
        where.append("coalesce(f.period_end, f.period_start, a.date) >= ?")
        params.append(d_from)
        applied["from"] = d_from
    if d_to:
        where.append("coalesce(f.period_start, f.period_end, a.date) <= ?")
        params.append(d_to)
        applied["to"] = d_to
    if article:
        row = con.execute("SELECT key FROM articles WHERE id = ?", (article.strip(),)).fetchone()
        base = row[0] << FACT_SHIFT if row else -1
        where.append("f.key BETWEEN ? AND ?")
        params.extend([base, base + (1 << FACT_SHIFT) - 1])
        applied["article"] = article
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    total = con.execute(f"SELECT count(*) FROM ({sql} LIMIT {COUNT_MAX + 1})", params).fetchone()[0]
    capped = total > COUNT_MAX
    total = min(total, COUNT_MAX)
    page_sql = sql + " ORDER BY f.key"
    page_params = list(params)
    if limit is not None:
        page_sql += " LIMIT ? OFFSET ?"
        page_params += [limit, offset]
    elif offset:
        page_sql += " LIMIT -1 OFFSET ?"
        page_params.append(offset)
    facts = [fact_dict(r) for r in con.execute(page_sql, page_params)]
    return FactsResult(total=total, total_capped=capped, facts=facts, limit=limit, offset=offset, filters=applied,
                       took_ms=round((time.perf_counter() - t0) * 1000, 2))
