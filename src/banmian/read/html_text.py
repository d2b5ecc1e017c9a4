"""Where an HTML page's article text is: trafilatura's lines matched back to the page's leaves, the
element that holds them (the container), and the checks that keep sidebars, comments and teasers
out of it: junk class names, and the first paragraph under the page's own headline (the anchor).
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from typing import Any

from . import html_patterns as HP
from .html_meta import byline_shaped
from .html_tree import Leaf, ancestors, attrs, common_ancestor, depth

__all__ = ["kept_lines", "match", "container", "paragraph_like", "density_container", "inside", "junk_between",
           "junk_anywhere", "metaish", "crumb", "caption_markup", "anchor", "seed_container"]

_NORM_RE = re.compile(r"[\s\u3000\xa0]+")
_LIST_MARK_RE = re.compile(r"^[-*|]\s*|\s*\|$")
_TERMINAL = "。！？!?…”’」』）)"


def kept_lines(root: Any, trafilatura: Any) -> list[str]:
    """trafilatura's main text as lines without whitespace. Its fast mode first; when that keeps
    too little, again with its fallback extractors (readability, jusText)."""
    lines = extract(root, trafilatura, fast=True)
    if sum(map(len, lines)) < HP.FAST_EXTRACT_MIN_CHARS:
        lines = extract(root, trafilatura, fast=False) or lines
    return lines


def extract(root: Any, trafilatura: Any, fast: bool) -> list[str]:
    try:
        out = trafilatura.extract(copy.deepcopy(root), output_format="txt", include_comments=False,
                                  include_tables=True, include_images=False, include_links=False,
                                  deduplicate=False, favor_recall=True, fast=fast)
    except Exception:  # noqa: BLE001 - a failure of the extractor is a page without its help
        return []
    if not out:
        return []
    lines = []
    for line in out.split("\n"):
        for cell in line.split(" | ") if line.startswith("|") else [line]:
            cell = _NORM_RE.sub("", _LIST_MARK_RE.sub("", cell.strip()))
            if cell:
                lines.append(cell)
    return lines


def match(leaves: list[Leaf], lines: list[str]) -> set[int]:
    by_norm: dict[str, list[int]] = defaultdict(list)
    for lf in leaves:
        if lf.norm:
            by_norm[lf.norm].append(lf.index)
    matched: set[int] = set()
    missing = []
    for line in lines:
        hits = by_norm.get(line)
        if hits:
            matched.update(hits)
        elif len(line) >= HP.PARAGRAPH_MIN_CHARS:
            missing.append(line)
    if missing:
        long_leaves = [lf for lf in leaves if len(lf.norm) >= 4 and lf.index not in matched]
        for line in missing:
            for lf in long_leaves:
                if lf.norm in line or line in lf.norm:
                    matched.add(lf.index)
    return matched


def container(leaves: list[Leaf], matched: set[int]) -> Any:
    weight: dict[int, list[Any]] = {}
    total = 0
    for i in matched:
        lf = leaves[i]
        n = len(lf.norm)
        total += n
        for a in ancestors(lf.el):
            slot = weight.setdefault(id(a), [a, 0])
            slot[1] += n
    best, best_depth = None, -1
    for el, n in weight.values():
        if n >= HP.CONTAINER_SHARE * total:
            d = depth(el)
            if d > best_depth:
                best, best_depth = el, d
    return best


def paragraph_like(lf: Leaf) -> bool:
    return bool(lf.norm) and (len(lf.norm) >= HP.PARAGRAPH_MIN_CHARS or lf.norm[-1] in _TERMINAL) and (
        "。" in lf.norm or "，" in lf.norm or "," in lf.norm or len(lf.norm) >= 2 * HP.PARAGRAPH_MIN_CHARS)


def density_container(leaves: list[Leaf], skip_junk: bool = True) -> tuple[Any, set[int]]:
    """Without trafilatura's lines: the element with the most paragraph text (readability-style)."""
    score: dict[int, list[Any]] = {}
    for lf in leaves:
        if paragraph_like(lf) and lf.link_share < 0.3 and not (skip_junk and junk_anywhere(lf)):
            for k, a in enumerate(ancestors(lf.el)):
                if k > 2:
                    break
                slot = score.setdefault(id(a), [a, 0.0])
                slot[1] += len(lf.norm) / (1, 1, 2)[k]
    if not score:
        return density_container(leaves, False) if skip_junk else (None, set())
    el = max(score.values(), key=lambda s: s[1])[0]
    found = {lf.index for lf in leaves if lf.norm and inside(lf.el, el) and paragraph_like(lf)}
    return el, found


def inside(el: Any, container: Any) -> bool:
    return any(a is container for a in ancestors(el))


def junk_between(el: Any, container: Any) -> bool:
    for a in ancestors(el, container):
        if a.tag in ("nav", "footer", "aside") or HP.JUNK_CLASS_RE.search(attrs(a)):
            return True
    return False


def metaish(lf: Leaf) -> bool:
    """A meta line, a date line, a page label or a breadcrumb: never a title."""
    t = lf.spaced or lf.text
    if HP.BARE_DATE_LINE_RE.match(t) or HP.PAGE_LABEL_RE.search(t) or HP.EPAPER_SOURCE_RE.match(t):
        return True
    if HP.LABEL_RE.search(t) or HP.BRACKETED_EDITOR_RE.match(t) or crumb(lf):
        return True
    return byline_shaped(t)


def crumb(lf: Leaf) -> bool:
    t = lf.text
    if len(t) > 80:
        return False
    if HP.CRUMB_LEAD_RE.match(t):
        return True
    return lf.link_share >= 0.4 and bool(re.search(r">|»|›|→", t))


def caption_markup(lf: Leaf) -> bool:
    for k, a in enumerate(ancestors(lf.el)):
        if k > 3:
            break
        if a.tag in ("figcaption", "caption") or HP.CAPTION_CLASS_RE.search(attrs(a)):
            return True
    return False


def junk_anywhere(lf: Leaf) -> bool:
    """In navigation, a sidebar, comments, related links or a footer anywhere up the tree."""
    return any(a.tag in ("nav", "footer", "aside") or HP.STRICT_JUNK_CLASS_RE.search(attrs(a))
               for a in ancestors(lf.el) if a.tag not in ("body", "html"))


def anchor(leaves: list[Leaf], refs: list[str]) -> Leaf | None:
    """A headline the page vouches for: the text of its <title>/og:title, or its only <h1>."""
    exact = [lf for lf in leaves if lf.norm and len(lf.norm) >= 4 and lf.norm in refs and not junk_anywhere(lf)]
    if exact:
        return next((lf for lf in exact if lf.tag in HP.HEADING_TAGS), exact[0])
    h1 = [lf for lf in leaves if lf.tag == "h1" and 4 <= len(lf.norm) <= HP.HEADLINE_MAX_CHARS]
    return h1[0] if len(h1) == 1 and not junk_anywhere(h1[0]) else None


def seed_container(leaves: list[Leaf], anchor: Leaf) -> tuple[Any, set[int]] | None:
    """The element holding the first paragraph under ``anchor``, and its paragraphs (the first first)."""
    for lf in leaves[anchor.index + 1:anchor.index + 1 + HP.HEADLINE_WINDOW]:
        sentence = "。" in lf.norm or lf.norm[-1:] in "。！？!?…”" or len(lf.norm) >= 4 * HP.PARAGRAPH_MIN_CHARS
        if lf.image or not sentence or lf.tag in HP.HEADING_TAGS or caption_markup(lf) or leaves[lf.index - 1].image:
            continue
        anc = common_ancestor(anchor.el, lf.el)
        if anc is None or depth(anchor.el) - depth(anc) > HP.SEED_MAX_CLIMB:
            return None  # not near the headline in the page's tree: a sidebar's teaser
        if paragraph_like(lf) and lf.link_share < 0.3 and not metaish(lf) and not junk_anywhere(lf):
            shared = sum(1 for other in leaves if other.el is lf.el) > 1  # <td>甲<br>乙</td>
            el = lf.el if shared or lf.el.getparent() is None else lf.el.getparent()
            found = {o.index for o in leaves if inside(o.el, el) and paragraph_like(o) and not junk_anywhere(o)}
            return el, found
    return None
