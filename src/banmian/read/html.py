"""Read an HTML article page: an e-paper article page or a news site's article.

An article page holds one article whose structure the markup already tells, so this reader frames
the article itself: it finds the headline, the kicker above it and the subheadline below it, the
meta lines (publish time, 来源, 作者, 编辑), the text, the picture captions and the section, and
hands the pipeline a :class:`Page` with role-tagged blocks and one :class:`Article` whose
``blocks`` name them. The segmenter then only splits datelines and bylines out of the text
(``segment/marked.py``); it does not look for article boundaries.

How the text is found: trafilatura (an optional extra, ``pip install banmian[html]``) extracts the
main text; its lines are matched back to the page's leaves (``html_tree``) and the smallest element
holding most of them is the article's container. Within it, leaves between the headline's meta
lines and the end of the text are the body; picture captions, inner subheads, bylines and editor
lines are told apart by markup and wording (``html_patterns``). When trafilatura finds nothing, the
container is the element with the most paragraph text.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..errors import DecodeError, EmptyInputError, MissingExtraError, NoArticleError
from ..model import Article, Block, Page, Source
from . import html_patterns as HP
from . import html_text as T
from .html_meta import (HeadMeta, crumb_section, head_meta, page_label_section, parse_date,
                        parse_meta_line, title_parts)
from .html_tree import Leaf, ancestors, attrs, build_leaves, clean_text, common_ancestor, depth, is_centered, prune
from .text import decode_bytes

__all__ = ["read_html_page", "decode_html", "INSTALL_HINT"]

INSTALL_HINT = "pip install banmian[html]"

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_TERMINAL = "。！？!?…”’」』）)"
_CREDIT_LINE_RE = re.compile(r"^[^。，,；;！？]{2,30}(?:摄|摄影|供图|图|制图)$")
_CAPTION_START_RE = re.compile(r"^(?:图为|上图|下图|左图|右图|图[①②③④⑤⑥⑦⑧⑨⑩\d一二三四五六]|组图|资料图)")


# ---------------------------------------------------------------------------------------------
# decoding and parsing
# ---------------------------------------------------------------------------------------------
def _declared(data: bytes) -> str | None:
    m = _CHARSET_RE.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    if name in ("gb2312", "gbk", "gb18030", "cp936", "x-gbk", "x-gb2312", "gb_2312-80"):
        return "gb18030"  # a strict superset: read GB2312/GBK pages with it
    if name in ("big5", "big-5", "x-big5", "cp950"):
        return "big5hkscs"
    if name in ("utf8", "unicode", "utf-8"):
        return "utf-8"
    return name


def _decode_cut(data: bytes, codec: str) -> str:
    """Strict decode; a character cut at the very end (a truncated download) is dropped."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.end >= len(data) - 1 and "end of data" in exc.reason or exc.start >= len(data) - 3:
            return data[:exc.start].decode(codec)
        raise


def decode_html(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode an HTML page; return ``(text, encoding name)``.

    Order: ``encoding`` if given (strict); a byte-order mark; UTF-8 when the bytes are valid UTF-8
    (pages that declare gb2312 but are UTF-8 are common, the reverse practically never valid); the
    charset the page declares in ``<meta>``; the text reader's detection (``read/text.py``); and
    last the declared charset with replacement characters, if they stay under one in a thousand.
    """
    data = bytes(data)
    if not data.strip():
        raise EmptyInputError("empty input: no text to read", source=name)
    if encoding is not None:
        return decode_bytes(data, name, encoding)
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return decode_bytes(data, name)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    declared = _declared(data)
    codecs_to_try = ["utf-8"] + ([declared] if declared and declared != "utf-8" else [])
    for codec in codecs_to_try:
        try:
            return _decode_cut(data, codec), codec
        except (UnicodeDecodeError, LookupError):
            continue
    try:
        return decode_bytes(data, name)
    except DecodeError:
        if not declared:
            raise
    try:
        text = data.decode(declared, "replace")
    except LookupError:
        raise DecodeError(f"declares the unknown charset {declared!r}; give the encoding with --encoding",
                          source=name) from None
    if text.count("\ufffd") > max(2, HP.MAX_REPLACED_SHARE * len(text)):
        raise DecodeError(f"not valid {declared} as it declares, and no other encoding reads it; "
                          "give the encoding with --encoding", source=name)
    return text, declared


def _require(name: str) -> Any:
    try:
        import lxml.html  # noqa: F401
        import trafilatura
    except ImportError:
        raise MissingExtraError(f"reading HTML pages needs the html extra: {INSTALL_HINT}", source=name) from None
    log = logging.getLogger("trafilatura")
    if not log.handlers:  # its warnings ("discarding data") are not the user's business
        log.addHandler(logging.NullHandler())
        log.propagate = False
    return trafilatura


def _parse(text: str, name: str) -> Any:
    import lxml.html
    from lxml import etree

    text = _XML_DECL_RE.sub("", text, count=1)
    if not text.strip():
        raise EmptyInputError("empty input: only whitespace", source=name)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise NoArticleError(f"not a readable HTML page ({exc})", source=name) from None


_NORM_RE = re.compile(r"[\s\u3000\xa0]+")


# ---------------------------------------------------------------------------------------------
# the article's head: headline, kicker, subheadline
# ---------------------------------------------------------------------------------------------
def _font_big(lf: Leaf) -> bool:
    for k, a in enumerate(ancestors(lf.el)):
        if k > 2:
            break
        size = a.get("size")
        if a.tag == "font" and size and size.strip("+").isdigit() and int(size.strip("+")) >= 4:
            return True
        m = re.search(r"font-size\s*:\s*(\d+)px", a.get("style") or "")
        if m and int(m.group(1)) >= 18:
            return True
    for sub in lf.el.iter("font"):
        size = (sub.get("size") or "").strip("+")
        if size.isdigit() and int(size) >= 4:
            return True
    return False


def _headline_score(lf: Leaf, refs: list[str], first_body: int, last_body: int) -> float | None:
    t = lf.norm
    if not t or len(t) > HP.HEADLINE_MAX_CHARS:
        return None
    heading = lf.tag in HP.HEADING_TAGS
    if lf.link_share > HP.LINK_SHARE_MAX and not heading:
        return None
    if "。" in t[:-1] or T.metaish(lf) or HP.NOISE_RE.match(lf.text) or HP.END_HEADING_RE.match(lf.text):
        return None
    s = 0.0
    for r in refs:
        if t == r:
            s += 6
            break
        if len(t) >= 6 and len(r) >= 6 and (r.startswith(t) or t.startswith(r)):
            s += 3
            break
    s += {"h1": 3.0, "h2": 2.0}.get(lf.tag, 1.0 if heading else 0.0)
    cls = " ".join(attrs(a) for a in (lf.el, lf.el.getparent()) if a is not None)
    if HP.TITLE_CLASS_RE.search(cls) and not HP.KICKER_CLASS_RE.search(cls) and not HP.SUB_CLASS_RE.search(cls):
        s += 1.5
    if _font_big(lf) or (lf.bold_chars >= 0.9 * len(t) and len(t) >= 6):
        s += 1.0
    if lf.index < first_body:
        if first_body - lf.index <= HP.HEADLINE_WINDOW:
            s += 2.0 - 0.05 * (first_body - lf.index)
    elif lf.index > last_body:
        s -= 3.0
    blocks_above = list(ancestors(lf.el))
    if any(a.tag in ("li", "nav", "footer") or HP.JUNK_CLASS_RE.search(attrs(a)) for a in blocks_above):
        s -= 4.0
    return s


def _side_title(lf: Leaf | None, head: Leaf, kind: str, enp: str) -> bool:
    """Is ``lf`` (next to the headline) its kicker (``kind`` kicker) or subheadline?"""
    if lf is None or not lf.norm or len(lf.norm) > HP.SIDE_TITLE_MAX_CHARS:
        return False
    if enp and lf.norm == _NORM_RE.sub("", enp):
        return True
    if lf.link_share > HP.LINK_SHARE_MAX or T.metaish(lf) or HP.NOISE_RE.match(lf.text):
        return False
    if "。" in lf.norm[:-1] or HP.END_HEADING_RE.match(lf.text):
        return False
    if kind == "sub" and lf.text.startswith(("——", "—", "--")):
        return True
    cls = attrs(lf.el)
    if (HP.KICKER_CLASS_RE if kind == "kicker" else HP.SUB_CLASS_RE).search(cls):
        return True
    if lf.tag in HP.HEADING_TAGS and head.tag in HP.HEADING_TAGS:
        return True
    anc = common_ancestor(lf.el, head.el)
    if anc is None or depth(lf.el) - depth(anc) > 3:
        return False
    return lf.tag == head.tag and lf.tag not in ("div", "p", "span") or (
        lf.tag in HP.HEADING_TAGS and depth(lf.el) == depth(head.el))


# ---------------------------------------------------------------------------------------------
# the body
# ---------------------------------------------------------------------------------------------
def _is_caption(lf: Leaf, image: Leaf | None, prev_role: str | None) -> bool:
    if len(lf.norm) > HP.CAPTION_MAX_CHARS or lf.link_share > HP.LINK_SHARE_MAX:
        return False
    if T.caption_markup(lf):
        return True
    if prev_role == "caption" and _CREDIT_LINE_RE.match(lf.norm):
        return True
    if image is None:
        return False
    if is_centered(lf.el) or _CAPTION_START_RE.match(lf.norm) or _CREDIT_LINE_RE.search(lf.norm):
        return True
    anc = common_ancestor(lf.el, image.el)
    return anc is not None and anc is not lf.el and depth(lf.el) - depth(anc) <= 2 and len(lf.norm) <= 120


def _is_subhead(lf: Leaf) -> bool:
    t = lf.norm
    if not t or len(t) > HP.SUBHEAD_MAX_CHARS or t[-1] in "。，,；;：:":
        return False
    return lf.tag in HP.HEADING_TAGS or lf.bold_chars >= 0.9 * len(t)


def _body_like(lf: Leaf, container: Any) -> bool:
    if not lf.norm or lf.link_share > HP.LINK_SHARE_MAX or HP.NOISE_RE.match(lf.text):
        return False
    return not T.junk_between(lf.el, container)


@dataclass
class _Reading:
    """What the reader found, before it becomes blocks and an article."""

    roles: dict[int, str] = field(default_factory=dict)  # leaf index -> block role
    extra: list[tuple[int, str, str]] = field(default_factory=list)  # (after leaf, role, text) for split lines
    published: list[str] = field(default_factory=list)  # candidates, best first
    outlets: list[str] = field(default_factory=list)
    markup_outlets: list[str] = field(default_factory=list)  # named by class only: used when nothing says 来源
    editors: list[str] = field(default_factory=list)
    section: str | None = None

    def meta_line(self, lf: Leaf, *, bylines: bool = True) -> bool:
        """Take what a meta line says; True when it was one."""
        t = lf.spaced or lf.text
        if len(t) > HP.META_LINE_MAX_CHARS:
            return False
        src = HP.EPAPER_SOURCE_RE.match(lf.text)
        if src:
            self.outlets.append(src["outlet"].strip())
            d = parse_date(src["date"])
            if d:
                self.published.append(d)
            self.roles[lf.index] = "furniture"
            return True
        ml = parse_meta_line(t)
        if not ml.found and not (bylines and ml.bylines):
            if ml.rest and not ml.published:
                date = parse_date(t)
                m = HP.DATE_RE.search(t)
                if date and m and m["H"] is not None and len(t) <= 40:
                    self.published.append(date)  # 台江融媒 2023-08-21 18:30
                    return True
            return False
        if ml.rest and not (ml.labelled or ml.published) and not bylines:
            return False
        if ml.published:
            self.published.append(ml.published)
        if ml.outlet:
            self.outlets.append(ml.outlet)
        elif ml.rest:
            found = _source_markup(lf)
            if found:
                self.markup_outlets.append(found)
            elif ml.published:  # 2024-08-12 16:03 闪电新闻
                self.markup_outlets += [w for r in ml.rest for w in r.split() if HP.OUTLET_NAME_RE.match(w)][:1]
        self.editors.extend(ml.editors)
        if bylines and ml.bylines:
            if len(ml.bylines) == 1 and ml.bylines[0] == lf.text:
                self.roles[lf.index] = "byline"
            else:
                for b in ml.bylines:
                    self.extra.append((lf.index, "byline", b))
        if ml.editors and lf.index not in self.roles:
            if ml.published or ml.outlet or ml.bylines or ml.rest:  # set the editors aside, keep the rest read
                self.extra.extend((lf.index, "furniture", e) for e in ml.editors)
            else:
                self.roles[lf.index] = "furniture"
        return True


def _source_markup(lf: Leaf) -> str | None:
    """An outlet named by markup alone: <a class="source">中国新闻网</a> next to the publish time."""
    for el in lf.el.iter():
        if el is not lf.el and HP.SOURCE_CLASS_RE.search(attrs(el)):
            text = clean_text(el.text_content() or "")
            text = re.sub(r"^(?:来源|稿源)\s*[：:]\s*", "", text)
            if 2 <= len(text) <= 20 and not HP.DATE_RE.search(text):
                return text
    return None


def _summary(lf: Leaf) -> bool:
    return any(HP.SUMMARY_CLASS_RE.search(attrs(a)) for k, a in enumerate(ancestors(lf.el)) if k < 3)


def _meta_shaped(t: str) -> bool:
    return bool(HP.LABEL_RE.match(t) or HP.BRACKETED_EDITOR_RE.match(t) or HP.EDITOR_ONLY_RE.match(t)
                or HP.EPAPER_SOURCE_RE.match(t))


def _analyse(leaves: list[Leaf], meta: HeadMeta, lines: list[str]) -> tuple[_Reading, Article]:
    parts, guess = title_parts(meta.title, meta.site_names())
    refs = [_NORM_RE.sub("", r) for r in meta.titles() + ([guess] if guess else [])]
    site = {_NORM_RE.sub("", p) for p in parts if p != guess}
    refs = [r for r in refs if r and r not in site]

    matched = T.match(leaves, lines) if lines else set()
    clean = {i for i in matched if not T.junk_anywhere(leaves[i])}
    # trafilatura sometimes keeps a sidebar's teasers or the comments, or only those
    matched = clean if any(T.paragraph_like(leaves[i]) for i in clean) else set()
    container = T.container(leaves, matched) if matched else None
    if container is None:
        container, matched = T.density_container(leaves)
    anchor = T.anchor(leaves, refs)
    seeded = T.seed_container(leaves, anchor) if anchor is not None else None
    if seeded is not None and (container is None or not T.inside(leaves[min(seeded[1])].el, container)):
        # the text found does not hold the first paragraph under the page's own headline
        container = seeded[0]
        matched = seeded[1] | {i for i in matched if T.inside(leaves[i].el, container)}
    if container is None:
        raise NoArticleError("no article text in the HTML page")
    inside = [lf.index for lf in leaves if lf.index in matched and T.inside(lf.el, container)]
    if not inside:
        raise NoArticleError("no article text in the HTML page")
    first_m, last_m = inside[0], inside[-1]
    first_body = next((i for i in inside if T.paragraph_like(leaves[i]) and not T.metaish(leaves[i])), first_m)

    # --- headline
    lo = max(0, first_body - HP.HEADLINE_WINDOW)
    best: tuple[float, int] | None = None
    for lf in leaves:
        if lf.index < lo and lf.norm not in refs:
            continue
        if lf.index > last_m:
            break
        s = _headline_score(lf, refs, first_body, last_m)
        if s is not None and (best is None or s > best[0] or (s == best[0] and lf.index > best[1])):
            best = (s, lf.index)
    head = leaves[best[1]] if best and best[0] >= HP.HEADLINE_MIN_SCORE else None
    if head is None and not refs:  # no <title>, no heading: a fragment whose first short line is the headline
        prev = _neighbour(leaves, first_body, -1)
        if prev is not None and prev.index < first_body and _headline_score(prev, refs, first_body, last_m) is not None:
            head = prev
    rd = _Reading()
    art = Article()
    if head is not None:
        art.headline = head.text
        rd.roles[head.index] = "headline"
    else:
        titled = meta.titles()
        art.headline = titled[0] if titled else guess

    # --- kicker and subheadline
    top = bottom = head.index if head is not None else None
    if head is not None:
        prev = _neighbour(leaves, head.index, -1)
        nxt = _neighbour(leaves, head.index, 1)
        if _side_title(prev, head, "kicker", meta.enp.get("introtitle", "")):
            art.kicker = prev.text
            rd.roles[prev.index] = "kicker"
            top = prev.index
        if _side_title(nxt, head, "sub", meta.enp.get("subtitle", "")):
            art.subheadline = re.sub(r"^[—–-]{1,3}\s*", "", nxt.text)
            rd.roles[nxt.index] = "subheadline"
            bottom = nxt.index
    if art.kicker is None and meta.enp.get("introtitle"):
        art.kicker = meta.enp["introtitle"]
    if art.subheadline is None and meta.enp.get("subtitle"):
        art.subheadline = meta.enp["subtitle"]

    # --- meta lines around the head, then the body
    start = (bottom + 1) if bottom is not None else max(0, first_body - HP.HEADLINE_WINDOW)
    pre_lo = (top - 4) if top is not None else start
    for lf in leaves[max(0, pre_lo):top if top is not None else start]:
        if lf.norm and lf.index not in rd.roles and lf.link_share <= HP.LINK_SHARE_MAX:
            rd.meta_line(lf, bylines=False)
    pars = [i for i in inside if i >= start and T.paragraph_like(leaves[i]) and not T.metaish(leaves[i])
            and not _summary(leaves[i]) and not T.junk_between(leaves[i].el, container)]
    first_body = pars[0] if pars else max(first_body, start)
    last_par = pars[-1] if pars else last_m
    _read_body(leaves, start, first_body, last_m, last_par, container, matched, rd)
    _section(leaves, meta, rd, head.index if head is not None else start, art.headline)
    return rd, art


def _neighbour(leaves: list[Leaf], i: int, step: int) -> Leaf | None:
    j = i + step
    while 0 <= j < len(leaves):
        if leaves[j].norm:
            return leaves[j]
        j += step
    return None


def _read_body(leaves: list[Leaf], start: int, first_body: int, last_m: int, last_par: int, container: Any,
               matched: set[int], rd: _Reading) -> None:
    """Give the leaves from ``start`` (under the head) their roles. Before ``first_body`` only meta
    lines and captions are taken; from ``last_m`` (the last line trafilatura kept) on only meta
    lines and text that continues the article inside its container."""
    image: Leaf | None = None
    prev_role: str | None = None
    have_text = False
    ended = False
    trailer = 0
    for lf in leaves[start:]:
        i = lf.index
        past = i > last_m
        if past:
            trailer += 1
            if trailer > HP.TRAILER_WINDOW or not T.inside(lf.el, container) and trailer > 2 and ended:
                break
        if lf.image:
            image = lf
            continue
        if i in rd.roles:
            continue
        t = lf.text
        if len(lf.norm) <= 12 and HP.END_HEADING_RE.match(t) and (have_text or i > first_body):
            break
        if HP.NOISE_RE.match(t) or lf.link_share > HP.LINK_SHARE_MAX:
            if HP.LABEL_RE.search(t) and len(t) <= HP.META_LINE_MAX_CHARS:
                rd.meta_line(lf, bylines=False)  # 【纠错】 【责任编辑:刘笑冬】
            image = None
            continue
        if not ended and not (past and not T.inside(lf.el, container)) and _is_caption(lf, image, prev_role):
            rd.roles[i] = prev_role = "caption"
            image = None
            continue
        if have_text and len(t) <= HP.BYLINE_MAX_CHARS and HP.BYLINE_LINE_RE.match(t):
            rd.roles[i] = prev_role = "byline"  # 闪电新闻记者 王蕊 报道 under the text
            continue
        if len(t) <= HP.META_LINE_MAX_CHARS and (_meta_shaped(t) or (not have_text and T.metaish(lf))):
            before = len(rd.editors)
            if rd.meta_line(lf, bylines=not have_text or HP.LABEL_RE.match(t) is not None):
                # 责任编辑 under the last paragraph ends the article (编辑｜ above the text does not)
                ended = ended or (i > last_par and len(rd.editors) > before)
                prev_role = rd.roles.get(i)
                continue
        if ended or (past and not T.inside(lf.el, container)):
            continue
        image = None
        if i < first_body or _summary(lf):
            if len(t) <= HP.META_LINE_MAX_CHARS:
                rd.meta_line(lf)  # 台江融媒 2023-08-21 18:30 above the text
            continue
        if past and not (_body_like(lf, container) and T.paragraph_like(lf)):
            ended = True
            continue
        if not _body_like(lf, container):  # comments and widgets, even when trafilatura kept them
            continue
        if _is_subhead(lf):
            rd.roles[i] = prev_role = "subhead"
            continue
        if i in matched or T.paragraph_like(lf):
            rd.roles[i] = prev_role = "text"
            have_text = True


def _section(leaves: list[Leaf], meta: HeadMeta, rd: _Reading, head: int, headline: str | None) -> None:
    for lf in leaves:
        if lf.link_share <= HP.LINK_SHARE_MAX:
            s = page_label_section(lf.spaced or lf.text)
            if s:
                rd.section = s
                if not rd.published:
                    m = parse_date(lf.spaced)
                    if m:
                        rd.published.append(m)
                return
    if meta.enp.get("nodename"):
        rd.section = meta.enp["nodename"]
        return
    for lf in leaves[:head]:
        if T.crumb(lf):
            s = crumb_section(lf.spaced or lf.text, headline)
            if s:
                rd.section = s
                return
    rd.section = meta.first(HP.SECTION_META)


def _published(meta: HeadMeta, rd: _Reading) -> str | None:
    found = [meta.first(HP.PUBLISHED_META), str(meta.ld.get("datePublished") or "")]
    cands = [d for d in (parse_date(f) for f in found if f) if d] + rd.published
    if meta.enp.get("date"):
        d = parse_date(meta.enp["date"])
        if d:
            cands.append(d)
    if not cands:
        return None
    best = cands[0]
    for c in cands[1:]:  # the same day printed with the time: keep the more precise one
        if c[:10] == best[:10] and len(c) > len(best):
            best = c
    return best


# ---------------------------------------------------------------------------------------------
# the reader
# ---------------------------------------------------------------------------------------------
def read_html_page(data: bytes | str, name: str = "<html>", encoding: str | None = None) -> Page:
    """Read an HTML article page into a :class:`Page` with one framed :class:`Article`.

    Raises :class:`MissingExtraError` when the html extra is not installed, the text reader's
    errors for undecodable input, and :class:`NoArticleError` when the page holds no article text.
    """
    trafilatura = _require(name)
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
        text, enc = data, None
    else:
        raw = bytes(data)
        text, enc = decode_html(raw, name, encoding)
    root = _parse(text, name)
    meta = head_meta(root, text)
    prune(root)
    body = root.find("body")
    leaves = build_leaves(body if body is not None else root)
    if not any(lf.norm for lf in leaves):
        raise NoArticleError("no text in the HTML page", source=name)
    try:
        rd, art = _analyse(leaves, meta, T.kept_lines(root, trafilatura))
    except NoArticleError as exc:
        exc.source = name
        raise
    if not any(r in ("text", "caption") for r in rd.roles.values()):
        raise NoArticleError("no article text in the HTML page", source=name)

    blocks: list[Block] = []
    pos = 0
    extra = defaultdict(list)
    for after, role, txt in rd.extra:
        extra[after].append((role, txt))

    def emit(txt: str, role: str) -> int:
        nonlocal pos
        blocks.append(Block(text=txt, index=len(blocks), start=pos, end=pos + len(txt), role=role))
        pos += len(txt) + 1
        return len(blocks) - 1

    for lf in leaves:
        role = rd.roles.get(lf.index)
        if role is not None:
            k = emit(lf.text, role)
            if role != "furniture":
                art.blocks.append(k)
        for role2, txt in extra.get(lf.index, ()):
            k = emit(txt, role2)
            if role2 != "furniture":
                art.blocks.append(k)
    for ed in rd.editors:
        if not any(b.role == "furniture" and ed in b.text for b in blocks):
            emit(ed, "furniture")
    art.section = rd.section
    art.published = _published(meta, rd)
    outlets = rd.outlets + [o for o in [_meta_outlet(meta)] if o] + rd.markup_outlets  # best first
    art.outlet = outlets[0] if outlets else None
    base = os.path.basename(name) or name
    page = Page(source=Source(name=base, sha256=hashlib.sha256(raw).hexdigest(), format="html", encoding=enc),
                blocks=blocks, date=art.published[:10] if art.published else None, articles=[art])
    page.furniture = list(dict.fromkeys(b.text for b in blocks if b.role == "furniture"))
    return page


def _meta_outlet(meta: HeadMeta) -> str | None:
    v = meta.first(HP.OUTLET_META)
    if not v:
        return None
    v = re.sub(r"^(?:来源|稿源|信息来源)\s*[：:]\s*", "", v.strip())
    return v or None
