"""The parsed HTML page as a flat list of leaves: the runs of text a browser shows as lines.

A leaf is the inline text of one block element up to the next block element or ``<br>``
(``<p>一段<b>话</b></p>`` is one leaf; ``<td>甲<br>乙</td>`` two), or a picture standing alone.
Leaves keep their element, so the reader can look at tags, classes and neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import html_patterns as HP

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Whitespace a browser collapses. NBSP counts: pages indent and pad with &nbsp;.
_WS_RUN_RE = re.compile(r"[ \t\r\n\f\v\xa0\u2002\u2003\u2009\u200b\ufeff]+")
_CJK_PUNCT = _CJK + "，。、；：！？“”‘’（）《》【】"
_CJK_GAP_RE = re.compile(r"(?<=[" + _CJK_PUNCT + r"])[ \t\xa0]*\n\s*(?=[" + _CJK_PUNCT + r"])")
_EDGE_RE = re.compile(r"^[\s\u3000\xa0\u2002\u2003]+|[\s\u3000\xa0\u2002\u2003]+$")
_CENTER_RE = re.compile(r"text-align\s*:\s*center", re.I)
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def clean_text(raw: str) -> str:
    """Text as a browser shows it: source line breaks between Chinese characters vanish, other
    whitespace runs become one space, the edges (indent spaces, &nbsp;, U+3000) go."""
    if "\n" in raw:
        raw = _CJK_GAP_RE.sub("", raw.replace("\r", ""))
    return _EDGE_RE.sub("", _WS_RUN_RE.sub(" ", raw))


@dataclass(slots=True)
class Leaf:
    index: int
    text: str
    el: Any  # the block element the text stands in
    link_chars: int = 0
    bold_chars: int = 0
    image: bool = False  # a picture standing alone (no text)
    norm: str = ""  # text without whitespace, for matching
    spaced: str = ""  # text with a space where inline elements meet (<span>文｜李想</span><span>编辑…)

    @property
    def link_share(self) -> float:
        return self.link_chars / len(self.norm) if self.norm else 0.0

    @property
    def tag(self) -> str:
        return self.el.tag if isinstance(self.el.tag, str) else ""


@dataclass
class _Run:
    parts: list[str] = field(default_factory=list)
    link: int = 0
    bold: int = 0
    image: bool = False


def prune(root: Any) -> None:
    """Drop what never shows as page text: scripts, styles, forms' widgets, hidden blocks."""
    doomed = []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comments and processing instructions
            doomed.append(el)
        elif tag.lower() in HP.DROP_TAGS or el.get("hidden") is not None or (
                el.get("style") and _HIDDEN_RE.search(el.get("style", ""))):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()  # keeps the tail text


def _visible_len(s: str) -> int:
    return len(_WS_RUN_RE.sub("", s).replace("\u3000", ""))


_MARK = "\ue000"  # where a top-level inline element starts or ends, for ``Leaf.spaced``
_GAP = "\ue001"  # stands for that boundary while the text is cleaned (it is not whitespace)
_SPACES_RE = re.compile(r" {2,}")


def build_leaves(body: Any) -> list[Leaf]:
    """The leaves of ``body`` in document order."""
    from lxml import etree

    leaves: list[Leaf] = []
    blocks: list[Any] = [body]
    run = _Run()
    link_depth = bold_depth = inline_depth = 0
    saved: list[int] = []  # inline depth outside each open block (a <div> inside an <a>)

    def add(text: str | None) -> None:
        if text:
            run.parts.append(text)
            if link_depth or bold_depth:
                n = _visible_len(text)
                if link_depth:
                    run.link += n
                if bold_depth:
                    run.bold += n

    def flush() -> None:
        nonlocal run
        raw = "".join(run.parts)
        marked = _MARK in raw
        text = clean_text(raw.replace(_MARK, "") if marked else raw) if raw else ""
        if text:
            norm = _WS_RUN_RE.sub("", text).replace("\u3000", "")
            spaced = _SPACES_RE.sub(" ", clean_text(raw.replace(_MARK, _GAP)).replace(_GAP, " ")).strip() if marked else text
            leaves.append(Leaf(len(leaves), text, blocks[-1], min(run.link, len(norm)),
                               min(run.bold, len(norm)), False, norm, spaced))
        elif run.image:
            leaves.append(Leaf(len(leaves), "", blocks[-1], image=True))
        run = _Run()

    for event, el in etree.iterwalk(body, events=("start", "end")):
        if el is body:
            if event == "start":
                add(el.text)
            continue
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "br":
            if event == "start":
                flush()
            else:
                add(el.tail)
        elif tag == "img":
            if event == "start":
                run.image = True
            else:
                add(el.tail)
        elif tag in HP.INLINE_TAGS:
            if event == "start":
                inline_depth += 1
                if inline_depth == 1:
                    run.parts.append(_MARK)
                link_depth += tag == "a"
                bold_depth += tag in HP.BOLD_TAGS
                add(el.text)
            else:
                link_depth -= tag == "a"
                bold_depth -= tag in HP.BOLD_TAGS
                if inline_depth == 1:
                    run.parts.append(_MARK)
                inline_depth -= 1
                add(el.tail)
        elif event == "start":
            flush()
            blocks.append(el)
            saved.append(inline_depth)
            inline_depth = 0
            add(el.text)
        else:
            flush()
            blocks.pop()
            inline_depth = saved.pop()
            add(el.tail)
    flush()
    return leaves


def attrs(el: Any) -> str:
    """``class`` and ``id`` of an element, lowercased, for the class-name patterns."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower().strip()


def ancestors(el: Any, stop: Any = None):
    """``el`` and its ancestors up to (not including) ``stop``."""
    while el is not None and el is not stop:
        yield el
        el = el.getparent()


def is_centered(el: Any, levels: int = 3) -> bool:
    for k, a in enumerate(ancestors(el)):
        if k >= levels:
            break
        if (a.get("align") or "").lower() == "center" or _CENTER_RE.search(a.get("style") or "") or a.tag == "center":
            return True
    return False


def depth(el: Any) -> int:
    n = 0
    while el is not None:
        el = el.getparent()
        n += 1
    return n


def common_ancestor(a: Any, b: Any) -> Any:
    seen = {id(x) for x in ancestors(a)}
    for x in ancestors(b):
        if id(x) in seen:
            return x
    return None


def contains(container: Any, el: Any) -> bool:
    return any(x is container for x in ancestors(el))
