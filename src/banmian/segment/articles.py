"""Group a page's units into articles and fill every field of the contract.

A run of titles (with a section label above it) opens an article. A single title inside an
article that already has body text is either an inner subhead (小标题, kept in the body) or the
headline of the next article; the evidence is weighed in ``_opens_article``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Article, Byline, Caption
from . import bylines as B
from . import patterns as P
from .blocks import is_roundup, lead_echo
from .joins import Unit
from .layout import caption_leads, headline_sized, unit_body_font

_DASH_RE = re.compile(r"^[—–-]{1,3}\s*")
_CLAUSE_RE = re.compile(r"[，,；;]")
_SECTIONISH_RE = re.compile(r"^[\u4e00-\u9fff]{2," + str(P.SECTION_SHORT_MAX) + r"}$")
_NUMBERED_SUBHEAD_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|【[^】]+】$)")


@dataclass
class _Draft:
    section: str | None = None
    titles: list[Unit] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    dateline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    subheads: int = 0
    subhead_kinds: set[str] = field(default_factory=set)  # how its inner subheads are printed
    captions: list[Caption] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    closed: bool = False  # an attribution or a credit ended it
    brief: bool = False
    body_chars: int = 0

    @property
    def has_content(self) -> bool:
        return bool(self.paragraphs or self.captions)

    def add_paragraph(self, text: str, blocks: list[int]) -> None:
        self.blocks.extend(blocks)
        if text[-1:] in "）)】]":
            text = P.END_MARK_RE.sub("", text)
        if len(self.paragraphs) == self.subheads and self.dateline is None:  # (only subheads so far)
            dateline, names, rest = B.split_dateline(text)
            if dateline:
                self.dateline = dateline
                self.bylines.extend(names)
                text = rest
        m = P.TRAILING_ATTRIBUTION_RE.search(text, max(0, len(text) - P.ATTRIBUTION_MAX_CHARS - 4)) \
            if text[-1:] in "）)" else None
        if m:
            names = B.parse_attribution(m.group("inner"))
            if names is not None:
                self.bylines.extend(n for n in names if n.name not in {b.name for b in self.bylines})
                text = text[:m.start()].rstrip()
                self.closed = True
        a = P.ATTRIBUTION_RE.match(text) if text[:1] in "（(" and self.paragraphs else None
        if a:  # an attribution cut by a column break, rejoined
            names = B.parse_attribution(a.group("inner"))
            if names is not None:
                self.bylines.extend(names)
                self.closed = True
                return
        if text:
            self.paragraphs.append(text)
            self.body_chars += len(text)

    def add_caption(self, text: str, blocks: list[int], after_text: bool = False) -> None:
        self.blocks.extend(blocks)
        body, credit = B.split_credit(text)
        if not body and self.captions and self.captions[-1].credit is None:
            self.captions[-1].credit = credit
        elif not body and after_text and self.paragraphs and (
                len(self.paragraphs) == 1 or P.CAPTION_START_RE.match(self.paragraphs[-1])):
            # A credit on its own line under the caption it belongs to (printed as text).
            cap = self.paragraphs.pop()
            self.body_chars -= len(cap)
            self.captions.append(Caption(cap, credit))
        else:
            self.captions.append(Caption(body, credit))


def _head_fields(titles: list[Unit]) -> tuple[str | None, str | None, str | None]:
    """(kicker, headline, subheadline) from a run of title lines."""
    texts = [t.text for t in titles]
    if not texts:
        return None, None, None
    if len(texts) == 1:
        return None, texts[0], None
    sizes = [t.font_size for t in titles]
    if all(sizes) and len(set(sizes)) > 1:
        k = max(range(len(texts)), key=lambda i: sizes[i])  # the largest type is the headline
        kick = " ".join(texts[:k]) or None
        sub = " ".join(_DASH_RE.sub("", s) for s in texts[k + 1:]) or None
        return kick, texts[k], sub
    if len(texts) == 2:
        first, second = texts
        if _kicker_over_headline(first, second):
            return first, second, None
        return None, first, _DASH_RE.sub("", second)
    if _DASH_RE.match(texts[1]):  # headline, ——subheadline, ——subheadline
        return None, texts[0], " ".join(_DASH_RE.sub("", s) for s in texts[1:])
    return texts[0], texts[1], " ".join(_DASH_RE.sub("", s) for s in texts[2:])


def _kicker_over_headline(first: str, second: str) -> bool:
    """Two title lines: kicker + headline (True) or headline + subheadline (False)?

    A subheadline opens with ——, follows a question or exclamation, or is long and explanatory
    (a comma, 18 characters or more); a kicker is a short theme line (…进行时, 聚焦…, 建设…) or
    stands over a line printed the way headlines are (地名：短语, two phrases split by a space).
    """
    if _DASH_RE.match(second) or len(first) > P.KICKER_MAX_CHARS or first[-1] in "？！?!" \
            or any(w in first for w in P.QUESTION_WORDS):
        return False  # (a question is a headline: 秋冬季节如何预防流感 / 专家提醒：…)
    if first in P.INSET_LABELS:
        return True  # 相关链接 / 什么是…, 短评 / …
    if first.startswith(P.KICKER_STARTS) or first.endswith(P.KICKER_ENDS):
        return len(second) <= P.TITLE_LONG_CHARS
    if (P.COLON_TITLE_RE.match(second) and not P.COLON_TITLE_RE.match(first)) or \
            (P.SPACED_TITLE_RE.match(second) and not P.SPACED_TITLE_RE.match(first)):
        return len(second) <= P.TITLE_LONG_CHARS  # 促进民营经济发展壮大 / 国家发展改革委：…
    return (not _CLAUSE_RE.search(second) and not _CLAUSE_RE.search(first)
            and len(second) < P.SUBHEADLINE_MIN_CHARS)


def _inner_subheads(titles: list[Unit]) -> int:
    """How many title lines at the end of an article's opening run are its first inner subheads:
    a numbered or bracketed line (一、… / 【…】), or a subhead-shaped line under a line that can only
    be a subheadline (long, with a comma) when a headline stands above it."""
    k = len(titles)
    while k >= 2:
        last, before = titles[k - 1].text, titles[k - 2].text
        if _NUMBERED_SUBHEAD_RE.match(last):
            k -= 1
            continue
        if (k >= 3 and _subhead_shaped(last) and len(last) <= P.SUBHEAD_MAX_CHARS
                and _CLAUSE_RE.search(before) and len(before) >= P.SUBHEADLINE_MIN_CHARS):
            k -= 1
            continue
        break
    return len(titles) - k


def _subhead_kind(title: str) -> str:
    """How an inner subhead is printed: numbered, bracketed, two spaced phrases, or plain."""
    if title.startswith("【"):
        return "bracket"
    if P.SUBHEAD_NUMBERED_RE.match(title):
        return "numbered"
    return "spaced" if P.SPACED_TITLE_RE.match(title) else "plain"


def _subhead_shaped(title: str) -> bool:
    """Printed the way inner subheads are: numbered, in 【】, or two phrases split by a space."""
    return bool(P.SUBHEAD_NUMBERED_RE.match(title) or P.SPACED_TITLE_RE.match(title))


def _parallel(units: list[Unit], i: int) -> bool:
    """Is the single title at ``i`` one of a set of parallel inner subheads: another short title
    standing alone between text nearby, of about the same length (展陈有新意 / 文创有人气)?"""
    n = len(units[i].text)
    if n > P.PARALLEL_MAX_CHARS:
        return False
    for j in range(max(1, i - P.SIBLING_WINDOW), min(len(units) - 1, i + P.SIBLING_WINDOW + 1)):
        if j == i or units[j].role != "title" or units[j - 1].role != "text" or units[j + 1].role != "text":
            continue
        if abs(len(units[j].text) - n) <= P.SIBLING_LEN_DIFF:
            return True
    return False


def _opens_article(cur: _Draft | None, group: list[Unit], nxt: Unit | None, roundup: bool,
                   usual_gap: int, parallel: bool = False) -> bool:
    """Does this run of titles open a new article (else it is an inner subhead of ``cur``)?"""
    if (cur is not None and cur.titles and cur.bylines and not cur.has_content and not cur.closed
            and len(group) == 1 and group[0].role == "title" and nxt is not None and nxt.role == "text"):
        return False  # headline, byline, then the first inner subhead of the article (also over its dateline)
    if cur is None or not cur.has_content or cur.closed:
        return True
    if not cur.paragraphs:  # a picture story (title and captions) ends at the next title
        return True
    if len(group) >= 2 and sum(1 for u in group if P.LIST_ITEM_RE.match(u.text)) >= 2:
        return False  # 1.… 2.… 3.…: a numbered list inside the article
    if len(group) >= 2 or any(u.role == "section" for u in group):
        return True
    if nxt is None:
        return False  # a lone title at the page's end stays with its article
    if nxt.role in ("byline", "caption", "credit"):
        return True
    if nxt.role == "text" and (P.DATELINE_RE.match(nxt.text) or P.STRONG_LEDE_RE.match(nxt.text)):
        return True
    if usual_gap and group[0].gap_before > usual_gap:
        return True
    title = group[0].text
    if _NUMBERED_SUBHEAD_RE.match(title):
        return False
    if roundup or cur.brief:
        return True
    if (nxt.role == "text" and not _subhead_shaped(title) and not parallel
            and lead_echo(title, nxt.text) >= P.LEAD_ECHO_MIN):
        return True  # the paragraph below restates it: a headline and its lead, not a subhead
    if cur.subheads and "plain" not in cur.subhead_kinds and _subhead_kind(title) not in cur.subhead_kinds:
        return True  # 一、… 二、… 三、… then an unnumbered title: the next article's headline
    if cur.bylines or cur.dateline or cur.subheads:
        return False
    return bool(nxt.role == "text" and P.LEDE_RE.match(nxt.text))


def build_articles(units: list[Unit], usual_gap: int = 0) -> tuple[list[Article], list[str]]:
    """Articles from units, and the page furniture that was set aside."""
    drafts: list[_Draft] = []
    furniture: list[str] = []
    cur: _Draft | None = None
    pending_section: str | None = None
    roundup: str | None = None
    pending_role: str | None = None  # a byline line ending in its role: 本报记者 | 张三 李四
    i, n = 0, len(units)
    layout = any(u.font_size for u in units)  # measured by a PDF or OCR reader
    body = unit_body_font(units) if layout else None

    def start(section: str | None) -> _Draft:
        nonlocal cur
        cur = _Draft(section=section)
        drafts.append(cur)
        return cur

    while i < n:
        u = units[i]
        role = u.role
        if role == "furniture":
            furniture.append(u.text)
            i += 1
            continue
        if role == "jump":
            if cur is not None and P.JUMP_OUT_RE.search(u.text):
                cur.closed = True  # （下转第二版）: the rest is on another page
            i += 1
            continue
        if role in ("title", "section"):
            j = i
            while j < n and units[j].role in ("title", "section"):
                j += 1
            group = units[i:j]
            nxt = units[j] if j < n else None
            parallel = len(group) == 1 and _parallel(units, i)
            if not headline_sized(group, body) and not _opens_article(cur, group, nxt, roundup is not None,
                                                                      usual_gap, parallel):
                assert cur is not None
                for g in group:
                    cur.paragraphs.append(g.text)
                    cur.blocks.extend(g.blocks)
                    cur.subheads += 1
                    cur.subhead_kinds.add(_subhead_kind(g.text))
                i = j
                continue
            titles = [g for g in group if g.role == "title"]
            if len(titles) >= 2 and group[0].role == "title" and _SECTIONISH_RE.match(titles[0].text) \
                    and not titles[0].text.startswith(P.KICKER_STARTS) and titles[0].text not in P.INSET_LABELS:
                group[0].role = "section"  # 交通 / 生态文明 above a headline: a section label
                titles = titles[1:]
            sections = [g.text for g in group if g.role == "section"]
            if sections:
                label = sections[-1]
                roundup = label if is_roundup(label, nxt.text if nxt is not None and nxt.role == "text" else None) \
                    else None
                pending_section = label
            elif roundup is not None and (len(titles) >= 2 or (nxt is not None and (
                    nxt.role == "byline" or (nxt.role == "text" and P.DATELINE_RE.match(nxt.text)
                                             and len(nxt.text) > P.BRIEF_MAX_CHARS)))):
                roundup = None  # a full article after the roundup
            d = start(roundup or pending_section)
            pending_section = None
            inner = _inner_subheads(titles)
            d.titles = titles[:len(titles) - inner]
            d.brief = roundup is not None
            for g in group:
                d.blocks.extend(g.blocks)
            for g in titles[len(titles) - inner:]:  # 郑州航空港：… / 货邮吞吐量…，… / 航线加密 通达全球
                d.paragraphs.append(g.text)
                d.subheads += 1
                d.subhead_kinds.add(_subhead_kind(g.text))
            i = j
            continue
        if role == "text" and roundup is not None and cur is not None:
            m = P.BRACKET_HEAD_RE.match(u.text)
            if m:  # 【标题】正文 inside a roundup: one brief per paragraph
                d = cur if not cur.titles and not cur.has_content else start(roundup)
                d.brief = True
                d.titles = [Unit("title", m.group("head"), [])]
                d.add_paragraph(u.text[m.end():], u.blocks)
                i += 1
                continue
        if (role == "text" and cur is not None and cur.has_content and P.OPENING_DATELINE_RE.match(u.text)
                and roundup is None and (len(cur.paragraphs) > cur.subheads or cur.captions)
                and not caption_leads(bool(cur.titles), bool(cur.bylines), bool(cur.paragraphs),
                                      bool(cur.captions), layout)):
            start(pending_section)  # 新华社北京…电 with no headline: a new item
            pending_section = None
        elif cur is None or (cur.closed and role in ("text", "caption")):
            start(pending_section)
            pending_section = None
        assert cur is not None
        if role == "text":
            cur.add_paragraph(u.text, u.blocks)
        elif role in ("caption", "credit"):
            cur.add_caption(u.text, u.blocks, after_text=i > 0 and units[i - 1].role == "text")
            if not cur.paragraphs and role == "credit":
                cur.closed = True
        elif role == "byline":
            cur.blocks.extend(u.blocks)
            names = B.parse_byline_block(u.text, after_byline=True) or []
            if pending_role:
                names = [Byline(b.name, b.role or pending_role) for b in names]
            cur.bylines.extend(names)
            pending_role = B.trailing_role(u.text)
        elif role == "attribution":
            cur.blocks.extend(u.blocks)
            m = P.ATTRIBUTION_RE.match(u.text)
            names = B.parse_attribution(m.group("inner")) if m else None
            cur.bylines.extend(names or [])
            cur.closed = True
        i += 1

    articles = []
    carried: str | None = None  # the section of a label that opened nothing (县域经济 over furniture)
    for d in drafts:
        if not (d.titles or d.paragraphs or d.captions or d.bylines):
            carried = carried or d.section
            continue
        if carried and d.section is None:
            d.section = carried
        carried = None
        kicker, headline, sub = _head_fields(d.titles)
        if d.brief:
            kind = "brief"
        elif not d.paragraphs and d.captions:
            kind = "photo"
        else:
            kind = "article"
        articles.append(Article(kind=kind, section=d.section, kicker=kicker, headline=headline,
                                subheadline=sub, bylines=d.bylines, dateline=d.dateline,
                                body="\n".join(d.paragraphs), captions=d.captions, blocks=d.blocks))
    return articles, furniture
