"""Place filters: a name or code -> the divisions it covers, from ``data/divisions.tsv``.

``四川`` finds articles naming 绵阳 because a place filter covers the division and every division
under it (by the table's ``parent_code`` chain, not by guessing from code prefixes). The store reads
the data file itself: the stages (read/segment/extract/store) share data, never code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["PlaceScope", "resolve_place", "division_code_of", "division", "with_ancestors", "children",
           "named_divisions"]

DATA = Path(__file__).resolve().parent.parent / "data"
LEVEL_RANK = {"province": 0, "city": 1, "county": 2}


@dataclass(frozen=True)
class _Div:
    code: str
    name: str
    level: str
    parent: str | None
    shorts: tuple[str, ...]


@dataclass(frozen=True)
class PlaceScope:
    """What a place filter covers: division codes (with all under them) and plain names."""

    query: str
    named: tuple[str, ...]  # the codes of the divisions the query names
    codes: frozenset[str]  # the divisions named and every division under them
    names: frozenset[str]  # names a place fact may carry (the query, the divisions' full names)
    divisions: tuple[str, ...]  # "510000 四川省" for each division the query named

    def describe(self) -> str:
        if self.divisions:
            return ", ".join(self.divisions) + (f" and {len(self.codes) - len(self.divisions)} divisions under it"
                                                if len(self.codes) > len(self.divisions) else "")
        return f"places named {self.query}"


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, _Div], dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    divs: dict[str, _Div] = {}
    with (DATA / "divisions.tsv").open(encoding="utf-8") as fh:
        header = True
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            if header:
                header = False
                continue
            code, name, level, parent, shorts, *_ = line.rstrip("\n").split("\t") + ["", ""]
            divs[code] = _Div(code, name, level, parent or None, tuple(s for s in shorts.split("|") if s))
    children: dict[str, list[str]] = {}
    by_name: dict[str, list[str]] = {}
    by_short: dict[str, list[str]] = {}
    for d in divs.values():
        if d.parent:
            children.setdefault(d.parent, []).append(d.code)
        by_name.setdefault(d.name, []).append(d.code)
        for s in d.shorts:
            by_short.setdefault(s, []).append(d.code)
    return divs, children, by_name, by_short


def division(code: str) -> tuple[str, str, str | None] | None:
    """``(name, level, parent_code)`` of a division code, or None."""
    d = _table()[0].get(code)
    return (d.name, d.level, d.parent) if d else None


@lru_cache(maxsize=8192)
def with_ancestors(code: str) -> tuple[str, ...]:
    """The code and every division above it (绵阳市 510700 -> 510700, 510000); unknown codes alone."""
    divs = _table()[0]
    out = [code]
    d = divs.get(code)
    while d is not None and d.parent and d.parent not in out:
        out.append(d.parent)
        d = divs.get(d.parent)
    return tuple(out)


def _highest(codes: list[str]) -> list[str]:
    divs = _table()[0]
    best = min(LEVEL_RANK.get(divs[c].level, 9) for c in codes)
    return [c for c in codes if LEVEL_RANK.get(divs[c].level, 9) == best]


def _named(query: str) -> list[str]:
    divs, _, by_name, by_short = _table()
    if query.isdigit() and len(query) == 6:
        return [query] if query in divs else []
    if query in by_name:
        return _highest(by_name[query])
    if query in by_short:
        return _highest(by_short[query])
    return []


def division_code_of(name: str) -> str | None:
    """The code of a division written by its full or short name, when exactly one division has it."""
    codes = _named(name)
    return codes[0] if len(codes) == 1 else None


@lru_cache(maxsize=512)
def resolve_place(query: str) -> PlaceScope:
    """The scope of a place filter written as a name (四川, 四川省, 绵阳市) or a 6-digit code.

    A name several divisions share at the same level (朝阳区 of Beijing and of Changchun) covers
    all of them; the highest level wins otherwise (朝阳 is 朝阳市, not the districts). A name that is
    not a division (京津冀, 美国, a town) matches place facts carrying that name.
    """
    query = query.strip()
    divs, children, _, _ = _table()
    named = _named(query)
    codes: set[str] = set()
    stack = list(named)
    while stack:
        c = stack.pop()
        if c not in codes:
            codes.add(c)
            stack.extend(children.get(c, ()))
    names = {query} | {divs[c].name for c in named}
    return PlaceScope(query, tuple(sorted(named)), frozenset(codes), frozenset(names),
                      tuple(f"{c} {divs[c].name}" for c in sorted(named)))


def children(code: str | None) -> list[str]:
    """Codes of the divisions directly under ``code`` (the provinces for None), in code order."""
    divs, kids, _, _ = _table()
    if code is None:
        return sorted(c for c, d in divs.items() if not d.parent)
    return sorted(kids.get(code, ()))


def named_divisions(query: str) -> list[str]:
    """Codes of the divisions a name or code stands for (several when a name is shared at one level)."""
    return _named(query.strip())
