"""Compose the extractors: running text -> facts, article -> facts per field."""

from __future__ import annotations

import datetime as _dt

from ..model import Article, Fact
from .dates import find_dates
from .documents import find_documents
from .indicators import find_indicators
from .orgs import find_organizations
from .places import find_places
from .quantities import find_quantities

__all__ = ["extract_text", "extract_article"]


def extract_text(text: str, ref: _dt.date | None = None) -> list[Fact]:
    """All facts in ``text`` (field ``text``), ordered by position then type."""
    facts: list[Fact] = []
    places = find_places(text)
    facts.extend(places)
    facts.extend(find_organizations(text, places))
    facts.extend(find_quantities(text))
    facts.extend(find_dates(text, ref))
    facts.extend(find_documents(text))
    facts.extend(find_indicators(text, facts))  # reads the facts above: keep it last
    facts.sort(key=lambda f: (f.start, -f.end, f.type))
    return facts


def extract_article(article: Article, ref: _dt.date | None = None) -> list[Fact]:
    """Facts of every field of an article, each fact naming its field."""
    out: list[Fact] = []
    for name, text in article.fields().items():
        for f in extract_text(text, ref):
            f.field = name
            out.append(f)
    return out
