"""Page -> Articles: give every block a role, repair column breaks, group articles.

``segment_page(page)`` fills ``page.articles`` (without facts), ``page.furniture`` and, when the
page prints it, ``page.date``. Uses ``Block.font_size`` and ``Block.gap_before`` as extra
evidence when a reader provides them.
"""

from __future__ import annotations

from statistics import median

from ..model import Page
from . import patterns as P
from .articles import build_articles
from .blocks import assign_roles
from .joins import join_blocks
from .layout import apply_layout_evidence

__all__ = ["segment_page"]


def _usual_gap(page: Page) -> int:
    gaps = [b.gap_before for b in page.blocks[1:]]
    if not gaps:
        return 0
    usual = int(median(gaps))
    return 0 if max(gaps) == usual else usual


def _page_date(furniture: list[str]) -> str | None:
    for line in furniture:
        m = P.PAGE_DATE_RE.search(line)
        if m:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if 1900 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def segment_page(page: Page) -> Page:
    assign_roles(page.blocks)
    apply_layout_evidence(page)
    units = join_blocks(page.blocks)
    articles, furniture = build_articles(units, _usual_gap(page))
    prefix = page.source.sha256[:16]
    for k, art in enumerate(articles, 1):
        art.id = f"{prefix}-{k:02d}"
    page.articles = articles
    page.furniture = list(page.furniture) + furniture  # a layout reader's running heads come first
    if page.date is None:
        page.date = _page_date(page.furniture)
    return page
