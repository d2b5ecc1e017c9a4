"""The data model: Page of Blocks -> Articles -> Facts.

Imported by every stage; imports nothing of ours. Every object serialises to the
contract's JSON (``../shared/spec/CONTRACT.md``) through ``to_dict()``.

Layout evidence (``Block.box``, ``Block.font_size``) is optional: the text reader leaves
it empty, a PDF or OCR reader fills it, and the segmenter uses it when present.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

__all__ = ["Block", "Byline", "Caption", "Fact", "Article", "Source", "Page"]


@dataclass(slots=True)
class Block:
    """One paragraph-like unit as the reader found it (a line of a text dump, a text box of a PDF).

    ``start``/``end`` are offsets of the block in the reader's normalised page text, so that a
    block can always be traced back to where it stood. ``gap_before`` counts the blank lines
    between this block and the previous one (text readers); ``box`` is ``(x0, y0, x1, y1)`` in
    points with the origin top-left and ``font_size`` the dominant size in points (PDF/OCR).
    """

    text: str
    index: int = 0
    start: int = 0
    end: int = 0
    gap_before: int = 0
    page_no: int = 1
    box: tuple[float, float, float, float] | None = None
    font_size: float | None = None
    role: str | None = None  # set by the segmenter

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"index": self.index, "text": self.text, "role": self.role}
        if self.box is not None:
            d["box"] = list(self.box)
            d["page_no"] = self.page_no
        if self.font_size is not None:
            d["font_size"] = self.font_size
        return d


@dataclass(slots=True)
class Byline:
    name: str
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role}


@dataclass(slots=True)
class Caption:
    text: str
    credit: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "credit": self.credit}


@dataclass(slots=True)
class Fact:
    """A fact pinned to its characters: ``field_text[start:end] == text``.

    ``attrs`` holds the type's own fields (``name``, ``code``, ``value``, ``unit``...), which
    ``to_dict`` flattens next to the common ones, as the contract shows them.
    """

    type: str
    text: str
    start: int
    end: int
    field: str = "text"
    attrs: dict[str, Any] = _field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"type": self.type, "text": self.text, "field": self.field,
                             "start": self.start, "end": self.end}
        d.update(self.attrs)
        return d


@dataclass(slots=True)
class Article:
    id: str = ""
    kind: str = "article"  # article | photo | brief
    section: str | None = None
    kicker: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    bylines: list[Byline] = _field(default_factory=list)
    dateline: str | None = None
    body: str = ""
    captions: list[Caption] = _field(default_factory=list)
    facts: list[Fact] = _field(default_factory=list)
    blocks: list[int] = _field(default_factory=list)  # indices of the page blocks it was made of
    published: str | None = None  # publish time as printed or tagged (HTML pages), ISO 8601
    outlet: str | None = None  # the 来源 a page names (人民网－人民日报, 新华网), or None

    def fields(self) -> dict[str, str]:
        """The article's text fields by the names facts use in ``Fact.field``."""
        out: dict[str, str] = {}
        for name in ("headline", "kicker", "subheadline", "dateline"):
            value = getattr(self, name)
            if value:
                out[name] = value
        if self.body:
            out["body"] = self.body
        for i, cap in enumerate(self.captions):
            if cap.text:
                out[f"captions[{i}]"] = cap.text
            if cap.credit:
                out[f"captions[{i}].credit"] = cap.credit
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "section": self.section,
            "kicker": self.kicker,
            "headline": self.headline,
            "subheadline": self.subheadline,
            "bylines": [b.to_dict() for b in self.bylines],
            "dateline": self.dateline,
            "body": self.body,
            "captions": [c.to_dict() for c in self.captions],
            "facts": [f.to_dict() for f in self.facts],
            "blocks": list(self.blocks),
            "published": self.published,
            "outlet": self.outlet,
        }


@dataclass(slots=True)
class Source:
    name: str
    sha256: str
    format: str = "text"
    encoding: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "format": self.format,
                "encoding": self.encoding}


@dataclass(slots=True)
class Page:
    source: Source
    blocks: list[Block] = _field(default_factory=list)
    date: str | None = None
    articles: list[Article] = _field(default_factory=list)
    furniture: list[str] = _field(default_factory=list)  # running heads, page numbers, editor lines
    #: Pictures a layout reader found, as ``(page_no, (x0, y0, x1, y1))``: layout evidence.
    pictures: list[tuple[int, tuple[float, float, float, float]]] = _field(default_factory=list)

    def to_dict(self, *, with_blocks: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source.to_dict(),
            "date": self.date,
            "articles": [a.to_dict() for a in self.articles],
            "furniture": list(self.furniture),
        }
        if with_blocks:
            d["blocks"] = [b.to_dict() for b in self.blocks]
            if self.pictures:
                d["pictures"] = [{"page_no": n, "box": list(box)} for n, box in self.pictures]
        return d
