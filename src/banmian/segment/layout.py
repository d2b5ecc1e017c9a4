"""Layout evidence for block roles, when a reader measured the page (PDF, OCR).

The text evidence in :mod:`blocks` decides most roles; a page with boxes and font sizes adds two
kinds it cannot see:

- **font-size rank**: a block set clearly larger than the body text and short enough to be a
  headline is a title, whatever its punctuation (a headline may end in 。 or ？);
- **pictures**: a block set smaller than the body text right under a picture (or beside it,
  level with its bottom) is its caption.

Each rule only upgrades a block from ``text`` (or a title candidate the text evidence rejected),
so pages without layout evidence are untouched. Thresholds are named in :mod:`patterns` style
here, each with a note on how it was chosen.
"""

from __future__ import annotations

from statistics import median

import re

from ..model import Block, Page
from . import bylines as B
from . import patterns as P

#: A line of names only: 2-4 characters each (with a · in names of minorities), space-separated.
_NAMES_RE = re.compile(r"^[\u4e00-\u9fff·]{2,8}(?:[ \u3000]+[\u4e00-\u9fff·]{2,8}){0,3}$")

#: Font size / body font size from which a block is surely a headline: inner subheads are set in
#: the body size or up to a quarter larger; the headline of a short item 1.4-1.6 times the body,
#: a main headline 2-4 times.
HEADLINE_FONT_RATIO = 1.35
#: A caption is set smaller than the body (papers use 0.8-0.95 of the body size).
CAPTION_FONT_RATIO = 0.97
#: How far under a picture's bottom edge (in body ems) a caption may start.
CAPTION_GAP_EMS = 2.0
#: Share of the caption's width that must lie within the picture's width.
CAPTION_OVERLAP = 0.5


def body_font(blocks: list[Block]) -> float | None:
    """The body text size: the median size of text blocks, weighted by characters."""
    sizes = [(b.font_size, len(b.text)) for b in blocks if b.font_size and b.role == "text"]
    if not sizes:
        return None
    flat: list[float] = []
    for size, n in sizes:
        flat.extend([size] * min(n, 200))
    return median(flat)


def under_picture(block: Block, pictures: list[tuple[int, tuple[float, float, float, float]]],
                  em: float) -> bool:
    """Does the block start right under a picture (or beside its bottom) on its page?"""
    if block.box is None:
        return False
    x0, y0, x1, _y1 = block.box
    width = max(x1 - x0, 1e-6)
    for page_no, (px0, _py0, px1, py1) in pictures:
        if page_no != block.page_no:
            continue
        overlap = min(x1, px1) - max(x0, px0)
        if overlap >= CAPTION_OVERLAP * width and -0.5 * em <= y0 - py1 <= CAPTION_GAP_EMS * em:
            return True
    return False


def before_jump(blocks: list[Block]) -> None:
    """A block right before a 下转第N版 line is the text the article breaks off in (however
    short and unfinished it looks), never a headline."""
    for prev, b in zip(blocks, blocks[1:]):
        if b.role == "jump" and prev.role == "title" and ("下转" in b.text or "转第" in b.text):
            prev.role = "text"


def wrapped_byline_names(blocks: list[Block]) -> None:
    """A byline broken after its role (``本报记者 王鸣峰 宋浩新 通讯员`` / ``扎西卓玛``): the
    names on the next line are the rest of the byline, not a headline."""
    for prev, b in zip(blocks, blocks[1:]):
        if (prev.role == "byline" and b.role in ("title", "text") and _NAMES_RE.match(b.text)
                and B.trailing_role(prev.text)):
            b.role = "byline"


def apply_layout_evidence(page: Page) -> None:
    """Adjust roles set by :func:`blocks.assign_roles` with the page's measured layout."""
    blocks = page.blocks
    before_jump(blocks)
    wrapped_byline_names(blocks)
    if not any(b.font_size for b in blocks):
        return
    body = body_font(blocks)
    if not body:
        return
    for i, b in enumerate(blocks):
        if not b.font_size:
            continue
        if (b.role == "text" and b.font_size >= HEADLINE_FONT_RATIO * body
                and len(b.text) <= P.TITLE_MAX_CHARS):
            b.role = "title"
        elif (b.role in ("text", "title") and b.font_size < CAPTION_FONT_RATIO * body
              and under_picture(b, page.pictures, body)):
            b.role = "caption"
            # The lines of a caption the reader kept apart, set in the same size below it.
            for nxt in blocks[i + 1:]:
                if nxt.role not in ("text", "title") or nxt.font_size != b.font_size or nxt.box is None \
                        or b.box is None or nxt.box[1] - b.box[3] > body:
                    break
                nxt.role = "caption"


def caption_leads(has_titles: bool, has_bylines: bool, has_paragraphs: bool, has_captions: bool,
                  layout: bool) -> bool:
    """An article whose picture and caption are set above its first paragraph: a dateline that
    follows continues it (on a measured page, or when the article is signed) rather than opening
    a new item."""
    return has_titles and has_captions and not has_paragraphs and (layout or has_bylines)


def unit_body_font(units: list) -> float | None:
    """The body text size of a page's units (text units, weighted by characters)."""
    flat: list[float] = []
    for u in units:
        if u.role == "text" and u.font_size:
            flat.extend([u.font_size] * min(len(u.text), 200))
    return median(flat) if flat else None


def headline_sized(group: list, body: float | None) -> bool:
    """A run of titles set in headline size opens an article: an inner subhead is set in the
    body size or barely above it."""
    return bool(body) and any(u.font_size and u.font_size >= HEADLINE_FONT_RATIO * body  # type: ignore[operator]
                              for u in group if u.role == "title")
