"""Facts highlighted in an article's text: offsets into a field -> nested ``<mark>`` elements.

Facts nest (北京市 inside 北京市商务局) and may cross (two extractors disagreeing on a span). The text
is cut at every fact boundary; each piece is covered by a list of facts ordered outermost first
(earlier start, then longer), and consecutive pieces share the open elements of their common prefix.
Nested facts come out as nested elements; a crossing fact is closed and reopened around the other's
edge, its pieces sharing one ``data-f`` number. Text is escaped; a fact whose offsets do not fit its
field (``field_text[start:end] != text``) is left out rather than shown in the wrong place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

__all__ = ["Span", "Paragraph", "spans_of", "render", "render_paragraphs", "field_text", "mark_hits"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    index: int  # the fact's position in the article's list: the side panel links to it
    type: str
    title: str = ""


def field_text(article: dict[str, Any], field: str) -> str | None:
    """The text a fact's ``field`` names: ``body``, ``headline``, ``captions[2]``, ``captions[0].credit``."""
    if field.startswith("captions["):
        try:
            i = int(field[9:field.index("]")])
            cap = article.get("captions", [])[i]
        except (ValueError, IndexError, TypeError):
            return None
        return cap.get("credit") if field.endswith(".credit") else cap.get("text")
    value = article.get(field)
    return value if isinstance(value, str) else None


def spans_of(article: dict[str, Any], field: str,
             title: Callable[[dict[str, Any]], str] | None = None) -> list[Span]:
    """The spans of the article's facts in ``field`` whose offsets fit the text."""
    text = field_text(article, field)
    if text is None:
        return []
    out = []
    for i, f in enumerate(article.get("facts", [])):
        if f.get("field") != field:
            continue
        s, e = f.get("start"), f.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= len(text) or text[s:e] != f.get("text"):
            continue
        out.append(Span(s, e, i, str(f.get("type")), title(f) if title else ""))
    return out


def _open(sp: Span) -> str:
    attrs = f' class="f f-{escape(sp.type)}" data-f="{sp.index}" data-type="{escape(sp.type)}"'
    if sp.title:
        attrs += f' title="{escape(sp.title)}"'
    return f"<mark{attrs}>"


def render(text: str, spans: Sequence[Span], lo: int = 0, hi: int | None = None) -> Markup:
    """``text[lo:hi]`` as HTML with the spans (offsets into the whole ``text``) marked."""
    hi = len(text) if hi is None else hi
    inside = [sp for sp in spans if sp.start < hi and sp.end > lo]
    if not inside:
        return Markup(escape(text[lo:hi]))
    cuts = sorted({lo, hi, *(max(lo, sp.start) for sp in inside), *(min(hi, sp.end) for sp in inside)})
    order = sorted(inside, key=lambda sp: (sp.start, -sp.end, sp.index))
    out: list[str] = []
    stack: list[Span] = []
    for x, y in zip(cuts, cuts[1:]):
        cover = [sp for sp in order if sp.start <= x and sp.end >= y]
        keep = 0
        while keep < len(stack) and keep < len(cover) and stack[keep] is cover[keep]:
            keep += 1
        out.extend("</mark>" for _ in range(len(stack) - keep))
        del stack[keep:]
        for sp in cover[keep:]:
            out.append(_open(sp))
            stack.append(sp)
        out.append(str(escape(text[x:y])))
    out.extend("</mark>" for _ in stack)
    return Markup("".join(out))


@dataclass(frozen=True)
class Paragraph:
    text: str  # as stored
    html: Markup  # with its facts marked


def render_paragraphs(text: str, spans: Sequence[Span]) -> list[Paragraph]:
    """One paragraph per non-empty line of the body (``\\n``-separated), facts marked; a fact running
    over a paragraph break is marked in each paragraph it touches."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append(Paragraph(line, render(text, spans, pos, end)))
        pos = end + 1
    return out


def mark_hits(text: str, spans: Sequence[Sequence[int]]) -> Markup:
    """A search snippet or headline with the query's terms in ``<mark class="hit">``."""
    out: list[str] = []
    pos = 0
    for s, e in sorted((int(a), int(b)) for a, b in spans):
        if s < pos or e > len(text) or s >= e:
            continue
        out.append(str(escape(text[pos:s])))
        out.append(f'<mark class="hit">{escape(text[s:e])}</mark>')
        pos = e
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
