"""Column-break repair: a text block that ends mid-sentence is joined to the text block that
continues it, also across a caption, credit, byline or page furniture printed in between.

Never across a title, a section label or an attribution (they end or start articles), and never
after a block that ends a sentence (two real paragraphs stay two).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block
from .blocks import is_terminal, number_ends_sentence

#: Roles that may stand between the two halves of a cut paragraph. Not a jump line: 下转第2版 ends
#: this page's part of the article, 上接第1版 starts the rest of one begun elsewhere.
_PASS_THROUGH = frozenset(("caption", "credit", "byline", "furniture"))


@dataclass(slots=True)
class Unit:
    """A paragraph or another element, made of one or more blocks."""

    role: str
    text: str
    blocks: list[int] = field(default_factory=list)
    gap_before: int = 0
    font_size: float | None = None


def join_text(left: str, right: str) -> str:
    """Join the halves of a cut paragraph. CJK text joins without a space; Latin words get one."""
    if left and right and left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha():
        if left.endswith("-"):
            return left[:-1] + right
        return left + " " + right
    return left + right


def join_blocks(blocks: list[Block]) -> list[Unit]:
    """Turn role-tagged blocks into units, repairing column breaks."""
    units: list[Unit] = []
    open_idx: int | None = None  # index in ``units`` of a paragraph waiting for its continuation
    for b in blocks:
        role = b.role or "text"
        if role == "text":
            if open_idx is not None and number_ends_sentence(units[open_idx].text, b.text):
                open_idx = None  # …跑进10秒20. | "今年是奥运年…": the number ended the sentence
            if open_idx is not None:
                u = units[open_idx]
                u.text = join_text(u.text, b.text)
                u.blocks.append(b.index)
                if is_terminal(u.text):
                    open_idx = None
                continue
            units.append(Unit("text", b.text, [b.index], b.gap_before, b.font_size))
            if not is_terminal(b.text):
                open_idx = len(units) - 1
            continue
        units.append(Unit(role, b.text, [b.index], b.gap_before, b.font_size))
        if role not in _PASS_THROUGH:
            open_idx = None
    return units
