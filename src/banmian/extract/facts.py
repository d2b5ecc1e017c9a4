"""Compose the extractors: running text -> facts, article -> facts per field."""

from __future__ import annotations

import datetime as _dt

from ..model import Article, Fact
from .dates import find_dates
from .documents import find_documents
from .indicators import find_indicators
from .orgs import find_organizations
from .people import find_people
from .places import find_places
from .quantities import find_quantities

__all__ = ["extract_text", "extract_article"]


def extract_text(text: str, ref: _dt.date | None = None) -> list[Fact]:
    """All facts in ``text`` (field ``text``), ordered by position then type."""
    facts: list[Fact] = []
    people_places = _people_over_places(find_people(text), find_places(text))
    facts.extend(people_places)
    facts.extend(find_organizations(text, [f for f in people_places if f.type == "place"]))
    facts.extend(find_quantities(text))
    facts.extend(find_dates(text, ref))
    facts.extend(find_documents(text))
    facts.extend(find_indicators(text, facts))  # reads the facts above: keep it last
    facts.sort(key=lambda f: (f.start, -f.end, f.type))
    return facts


def _people_over_places(people: list[Fact], places: list[Fact]) -> list[Fact]:
    """People and places, where a name and a place overlap: the name wins (黄朝阳 hides 朝阳), unless
    the place holds the whole name and more (a place named after someone stays a place) or is the same
    characters written as the place's full name (莫斯科, 张江镇: a name-like place spelt out in full)."""
    if not people or not places:
        return people + places
    occ = bytearray(max(f.end for f in people + places))
    for p in people:
        occ[p.start:p.end] = b"\x01" * (p.end - p.start)
    drop_people: set[int] = set()
    kept = []
    for f in places:
        if not any(occ[f.start:f.end]):
            kept.append(f)
            continue
        inner = [i for i, p in enumerate(people) if f.start <= p.start and p.end <= f.end
                 and (f.end - f.start > p.end - p.start or f.text == f.attrs.get("name"))]
        if inner:
            drop_people.update(inner)
            kept.append(f)
    return [p for i, p in enumerate(people) if i not in drop_people] + kept


def extract_article(article: Article, ref: _dt.date | None = None) -> list[Fact]:
    """Facts of every field of an article, each fact naming its field."""
    out: list[Fact] = []
    for name, text in article.fields().items():
        for f in extract_text(text, ref):
            f.field = name
            out.append(f)
    return out
