"""Filters shared by search and fact queries: date bounds, and article sets by place, person,
organization, section, source and kind, as SQL over the archive's indexes."""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from ..errors import FilterError
from .places import PlaceScope, resolve_place
from .schema import FACT_SHIFT

__all__ = ["date_bound", "Filters", "article_filter_sql"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def date_bound(value: str | _dt.date | None, *, end: bool, what: str = "date") -> str | None:
    """An ISO day from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the first day of the span, or the
    last when ``end`` (so ``--to 2023`` means up to 2023-12-31)."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    m = _DATE.match(str(value).strip())
    try:
        if not m:
            raise ValueError
        y = int(m.group(1))
        mo = int(m.group(2)) if m.group(2) else (12 if end else 1)
        if m.group(3):
            d = int(m.group(3))
        else:
            d = calendar.monthrange(y, mo)[1] if end else 1
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        raise FilterError(f"{what} {value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD") from None


@dataclass(frozen=True)
class Filters:
    """Article filters; every one given must hold (AND)."""

    place: str | None = None
    person: str | None = None
    organization: str | None = None
    section: str | None = None
    source: str | None = None
    kind: str | None = None
    fact_type: str | None = None  # articles stating at least one fact of this type

    def any(self) -> bool:
        return any((self.place, self.person, self.organization, self.section, self.source, self.kind,
                    self.fact_type))


def place_facts_sql(scope: PlaceScope) -> tuple[str, list]:
    """Fact keys of places in the scope: division codes (the fact's own, its parent's for a town,
    an indicator subject's) and, for places outside the division table, the names."""
    parts, params = [], []
    if scope.codes:
        parts.append(f"SELECT key FROM facts WHERE division IN ({','.join('?' * len(scope.codes))})")
        params.extend(sorted(scope.codes))
    parts.append(f"SELECT key FROM facts WHERE type = 'place' AND name IN ({','.join('?' * len(scope.names))})"
                 " AND division IS NULL")
    params.extend(sorted(scope.names))
    return " UNION ".join(parts), params


def article_filter_sql(f: Filters) -> tuple[str, list] | None:
    """SQL selecting the keys (column ``k``) of the articles that pass every filter (None when none is
    given); a key may repeat."""
    sets: list[str] = []
    params: list = []
    if f.place:
        scope = resolve_place(f.place)
        names = sorted(scope.names)
        sql = (f"SELECT key >> {FACT_SHIFT} AS k FROM facts WHERE type = 'place' AND name IN"
               f" ({','.join('?' * len(names))}) AND division IS NULL")
        if scope.named:
            sql = (f"SELECT article AS k FROM article_places WHERE code IN ({','.join('?' * len(scope.named))})"
                   f" UNION {sql}")
        sets.append(sql)
        params.extend([*scope.named, *names])
    if f.person:
        sets.append(f"SELECT key >> {FACT_SHIFT} AS k FROM facts WHERE type = 'person' AND name = ?"
                    " AND division IS NULL"
                    " UNION SELECT article FROM bylines WHERE name = ?")
        params.extend([f.person.strip(), f.person.strip()])
    if f.organization:
        org = f.organization.strip()
        # The name, or a longer name starting with it (中国工商银行 -> 中国工商银行钦州分行); an index range.
        sets.append(f"SELECT key >> {FACT_SHIFT} AS k FROM facts WHERE type = 'organization'"
                    " AND name >= ? AND name < ? AND division IS NULL")
        params.extend([org, org + "\U0010ffff"])
    if f.section:
        sets.append("SELECT key AS k FROM articles WHERE section = ?")
        params.append(f.section.strip())
    if f.source:
        src = f.source.strip()
        sets.append("SELECT key AS k FROM articles WHERE page IN (SELECT id FROM pages WHERE source = ? OR name = ?"
                    " OR instr(path, ?) > 0)")
        params.extend([src, src, src])
    if f.kind:
        sets.append("SELECT key AS k FROM articles WHERE kind = ?")
        params.append(f.kind.strip())
    if f.fact_type:
        # One key range of facts per article: a short index walk each, no scan of the facts by type.
        sets.append(f"SELECT key AS k FROM articles a WHERE EXISTS (SELECT 1 FROM facts WHERE key BETWEEN"
                    f" a.key << {FACT_SHIFT} AND (a.key << {FACT_SHIFT}) + {(1 << FACT_SHIFT) - 1} AND type = ?)")
        params.append(f.fact_type.strip())
    if not sets:
        return None
    # Compound SELECTs chain left to right with equal precedence: wrap each set before intersecting.
    return " INTERSECT ".join(f"SELECT * FROM ({s})" for s in sets), params
