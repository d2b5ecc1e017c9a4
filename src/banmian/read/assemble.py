"""Assemble the layouts of a document's pages into one Page of blocks (PDF and OCR readers).

Running heads the page-by-page analysis could not tell (no rule under them, no date or page number
in them) are found here by repetition across the pages of the document.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Block, Page, Source
from .layout import FURNITURE_CHARS, Box, Layout

__all__ = ["to_page", "repeated_furniture"]

#: Repetition across the pages of a document: the first and last few blocks of each page are
#: compared; a match must recur on half the pages (two at least) at about the same height.
REPEAT_EDGE_BLOCKS = 3
REPEAT_Y_SLACK = 0.03  # share of the page height
REPEAT_BAND = 0.1      # within the top or bottom tenth of the page
#: ... set in small type: a headline repeated over its continuation (上接) is no running head.
REPEAT_MAX_SIZE = 1.2

_DIGITS_RE = re.compile(r"[0-9０-９一二三四五六七八九十]+")


def repeated_furniture(layouts: list[Layout]) -> None:
    """Running heads and feet found by repetition across the pages of one document: a short block
    at the top or bottom of its page that recurs, digits aside, at the same height on other pages
    (a head without a rule under it, the paper's name in the foot) is furniture."""
    if len(layouts) < 2:
        return
    seen: dict[str, list[tuple[int, float]]] = {}
    for k, lay in enumerate(layouts):
        for b in lay.blocks[:REPEAT_EDGE_BLOCKS] + lay.blocks[-REPEAT_EDGE_BLOCKS:]:
            y = b.box[1] / lay.height if lay.height else 0.5
            if (len(b.text) <= FURNITURE_CHARS and b.size <= REPEAT_MAX_SIZE * lay.body_size
                    and (y <= REPEAT_BAND or y >= 1 - REPEAT_BAND)):
                seen.setdefault(_DIGITS_RE.sub("#", b.text), []).append((k, y))
    need = max(2, (len(layouts) + 1) // 2)
    for key, places in seen.items():
        pages = {k for k, _y in places}
        ys = [y for _k, y in places]
        if len(pages) < need or max(ys) - min(ys) > REPEAT_Y_SLACK:
            continue
        for k in pages:
            lay = layouts[k]
            keep = []
            for b in lay.blocks:
                if _DIGITS_RE.sub("#", b.text) == key:
                    lay.furniture.append(b.text)
                else:
                    keep.append(b)
            lay.blocks = keep


def to_page(layouts: list[Layout], name: str, data: bytes, fmt: str) -> Page:
    """A Page of blocks from the layouts of a document's pages (``page_no`` counts from 1).

    ``start``/``end`` of each block are offsets into the page text the reader makes: the blocks'
    texts joined by blank lines, in order."""
    repeated_furniture(layouts)
    blocks: list[Block] = []
    furniture: list[str] = []
    pictures: list[tuple[int, Box]] = []
    pos = 0
    for page_no, lay in enumerate(layouts, 1):
        furniture.extend(lay.furniture)
        pictures.extend((page_no, _round(b)) for b in lay.pictures)
        for k, lb in enumerate(lay.blocks):
            gap = 2 if (k == 0 and page_no > 1) else lb.gap_before
            blocks.append(Block(lb.text, len(blocks), pos, pos + len(lb.text), 0 if not blocks else gap,
                                page_no, _round(lb.box), round(lb.size, 1)))
            pos += len(lb.text) + 2
    page = Page(Source(name.rsplit("/", 1)[-1], hashlib.sha256(data).hexdigest(), fmt, None), blocks)
    page.furniture = furniture
    page.pictures = pictures
    return page


def _round(b: Box) -> Box:
    return (round(b[0], 1), round(b[1], 1), round(b[2], 1), round(b[3], 1))
