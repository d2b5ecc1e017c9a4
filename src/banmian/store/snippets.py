"""Highlighted snippets: where a hit's terms stand in its text.

The index normalises characters one-to-one (``textindex.normalize``), so a term found in the
normalised text is found at the same offsets in the text as printed: highlights are offsets into
the strings returned, never markup mixed into them.
"""

from __future__ import annotations

from .textindex import normalize

__all__ = ["find_spans", "snippet", "SNIPPET_CHARS"]

SNIPPET_CHARS = 120  # about three lines of a narrow newspaper column: enough to judge a hit
CONTEXT_BEFORE = 20  # characters shown before the first highlighted term of a snippet
MAX_SPANS = 200  # occurrences looked at per field: a common one-character term can occur thousands of times


def find_spans(text: str | None, terms: list[str], norm: str | None = None) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` spans where any of the normalised ``terms`` occurs in ``text``
    (``norm``: the text already normalised)."""
    if not text or not terms:
        return []
    if norm is None:
        norm = normalize(text)
    spans: list[tuple[int, int]] = []
    for t in terms:
        i = norm.find(t)
        while i >= 0 and len(spans) < MAX_SPANS * len(terms):
            spans.append((i, i + len(t)))
            i = norm.find(t, i + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def snippet(text: str, terms: list[str], width: int = SNIPPET_CHARS,
            spans: list[tuple[int, int]] | None = None) -> dict:
    """``{"text", "highlights"}``: the ``width`` characters of ``text`` holding the most distinct
    terms (then the most hits), with ``…`` where it was cut, and highlight spans into that string.
    Line breaks become spaces (one for one). ``spans``: ``find_spans(text, terms)`` when known."""
    norm = normalize(text)
    if spans is None:
        spans = find_spans(text, terms, norm)
    if not spans:
        cut = text[:width]
        return {"text": cut.replace("\n", " ") + ("…" if len(text) > width else ""), "highlights": []}
    best = (-1, -1, 0)
    for s, _ in spans[:MAX_SPANS]:
        a = max(0, s - CONTEXT_BEFORE)
        b = a + width
        inside = [(x, y) for x, y in spans if x >= a and y <= b]
        distinct = len({norm[x:y] for x, y in inside})
        if (distinct, len(inside)) > best[:2]:
            best = (distinct, len(inside), a)
    a = best[2]
    b = min(len(text), a + width)
    if b - a < width:  # near the end: show a full window
        a = max(0, b - width)
    lead = "…" if a > 0 else ""
    tail = "…" if b < len(text) else ""
    shift = len(lead) - a
    hl = [[x + shift, y + shift] for x, y in spans if x >= a and y <= b]
    return {"text": lead + text[a:b].replace("\n", " ") + tail, "highlights": hl}
