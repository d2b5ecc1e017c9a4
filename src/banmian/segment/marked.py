"""Articles a reader has already framed (HTML pages): fill in the fields that need the segmenter.

The HTML reader knows where an article page's headline, kicker, subheadline, bylines, text and
captions stand (the markup says so) and gives each block its role. What it leaves to this module
is the newspaper knowledge the segmenter keeps: datelines and bylines split off the first
paragraph (本报北京5月21日电（记者 张三）), attributions and end marks off the last, names and
roles parsed out of byline lines (作者：记者 孙悦, 澎湃新闻记者 钱跃 实习生 张霖, 文｜李想) and credits
out of captions. Article boundaries are not searched for.
"""

from __future__ import annotations

import re

from ..model import Byline, Caption, Page
from . import bylines as B
from . import patterns as P
from .articles import _Draft

__all__ = ["fill_marked", "parse_marked_byline", "split_lead"]

#: Labels a byline line may start with, and the role each gives its names (None: no role).
_LABEL_ROLES = {"作者": None, "文": "文", "撰文": "撰文", "撰稿": None, "采写": None, "文字": "文",
                "记者": "记者", "通讯员": "通讯员", "实习生": "实习生", "摄影": "摄影", "图": "图",
                "文/图": "文/图", "图/文": "图/文", "特约记者": "特约记者", "本报记者": "本报记者"}
_LABEL_RE = re.compile(r"^(?P<label>" + "|".join(sorted(map(re.escape, _LABEL_ROLES), key=len, reverse=True))
                       + r")\s*[：:丨｜|/／]\s*")
#: A role printed as an outlet's reporter: 澎湃新闻记者, 人民网记者, 央视记者, 本报特约评论员.
_OUTLET_ROLE_RE = re.compile(r"^[" + P.CJK + r"A-Za-z]{1,10}?(?:记者|通讯员|实习生|评论员|特约撰稿人|摄影记者)$")
_SPLIT_RE = re.compile(r"[\s\u3000、，,;；]+")
_NAME_RE = re.compile(r"^" + P.NAME + r"$")
#: An outlet's own dateline: 经济日报-中国经济网杭州5月29日电, 澎湃新闻上海5月3日讯, 新京报讯.
_OUTLET_DATELINE_RE = re.compile(r"^(?P<dl>[" + P.CJK + r"A-Za-z\-－—·]{2,24}?\d{1,2}月\d{1,2}日(?:电|讯)"
                                 r"|[" + P.CJK + r"]{1,8}?(?:报|网|社|台|新闻|客户端|融媒)讯(?=[\s\u3000（(【:：,，]))")
#: A lead in lenticular brackets: 【环球网报道 记者 李梓瑜】, 【央视新闻客户端消息】.
_BRACKET_LEAD_RE = re.compile(r"^【(?P<dl>[" + P.CJK + r"]{2,12}?(?:报道|消息|讯|电))\s*(?P<by>[^】]{0,40})】\s*")
#: Credits the caption splitter does not know: 澎湃新闻记者 钱跃 图, 王海滨摄（人民视觉）.
_EXTRA_CREDIT_RE = re.compile(
    r"(?P<credit>(?:[^。！？!?\s（(]{0,12}\s*)?[" + P.CJK + r"·]{2,10}\s+图"
    r"|[" + P.CJK + r"·]{2,10}\s*摄\s*[（(][^（()）]{2,12}[）)])\s*$")


def parse_marked_byline(text: str) -> list[Byline]:
    """Names and roles from a line the markup calls a byline.

    ``作者：记者 孙悦`` -> [孙悦/记者]; ``澎湃新闻记者 钱跃 实习生 张霖`` -> [钱跃/澎湃新闻记者, 张霖/实习生];
    ``文｜李想`` -> [李想/文]; ``本报记者 刘晓峰 王丹`` -> both 本报记者. Tokens that are not names end it.
    """
    s = re.sub(r"^[" + P.BYLINE_MARKERS + r"\s\u3000]+", "", text.strip())
    role: str | None = None
    m = _LABEL_RE.match(s)
    if m:
        role = _LABEL_ROLES[m["label"]]
        s = s[m.end():]
    s = re.sub(r"(?:报道|采写|撰稿|整理)$", "", s).strip()
    out: list[Byline] = []
    for tok in _SPLIT_RE.split(s):
        tok = tok.strip("：:/／丨｜|")
        if not tok:
            continue
        if _OUTLET_ROLE_RE.match(tok) or tok in P.BYLINE_ROLES:
            role = tok
            continue
        parsed = B.parse_names(tok, strict_names=False)
        if parsed:
            out.extend(Byline(b.name, b.role or role) for b in parsed)
            role = parsed[-1].role or role
            continue
        if _NAME_RE.match(tok) and (role is not None or B.plausible_name(tok)):
            out.append(Byline(tok, role))
            continue
        break
    return out


def split_lead(paragraph: str) -> tuple[str | None, list[Byline], str]:
    """(dateline, bylines, rest) of a first paragraph, as ``bylines.split_dateline`` and also for an
    outlet's own dateline and a programme named in brackets (央视网消息（新闻联播）：…)."""
    dateline, names, rest = B.split_dateline(paragraph)
    if dateline is None:
        m = _BRACKET_LEAD_RE.match(paragraph)
        if m and paragraph[m.end():]:
            return m["dl"], parse_marked_byline(m["by"]) if m["by"] else [], paragraph[m.end():]
        m = _OUTLET_DATELINE_RE.match(paragraph)
        if not m:
            return None, [], paragraph
        dateline, rest = m["dl"], paragraph[m.end():]
        b = P.BRACKETED_BYLINE_RE.match(rest)
        names = []
        if b:
            parsed = B.parse_names(b["inner"], strict_names=False)
            if parsed:
                names, rest = parsed, rest[b.end():]
        rest = rest.lstrip(" \u3000:：,，")
        return (dateline, names, rest) if rest else (None, [], paragraph)
    if names and not all(n.role or B.plausible_name(n.name) for n in names):
        b = P.BRACKETED_BYLINE_RE.match(paragraph[len(dateline):])
        if b:  # not people: the bracket belongs to the dateline
            rest = paragraph[len(dateline) + b.end():].lstrip(" \u3000:：,，")
            if rest:
                return dateline + b.group(0).strip(), [], rest
    return dateline, names, rest


def _split_caption(text: str) -> tuple[str, str | None]:
    body, credit = B.split_credit(text)
    if credit is None:
        m = _EXTRA_CREDIT_RE.search(text, max(0, len(text) - B.CREDIT_WINDOW))
        if m:
            return text[:m.start("credit")].rstrip(), m["credit"].strip()
    return body, credit


def fill_marked(page: Page) -> Page:
    """Fill bylines, dateline, body and captions of the articles a reader framed."""
    prefix = page.source.sha256[:16]
    for k, art in enumerate(page.articles, 1):
        d = _Draft(section=art.section)
        for i in art.blocks:
            block = page.blocks[i]
            role, text = block.role, block.text
            if role == "byline":
                d.bylines.extend(parse_marked_byline(text))
            elif role == "text":
                if not d.paragraphs and d.dateline is None and not d.subheads:
                    dateline, names, rest = split_lead(text)
                    if dateline:
                        d.dateline = dateline
                        d.bylines.extend(names)
                        text = rest
                d.add_paragraph(text, [i])
            elif role == "subhead":
                d.paragraphs.append(text)
                d.subheads += 1
            elif role == "caption":
                body, credit = _split_caption(text)
                if not body and d.captions and d.captions[-1].credit is None:
                    d.captions[-1].credit = credit  # a credit on its own line under its caption
                else:
                    d.captions.append(Caption(body or text, credit if body else None))
        seen: dict[str, Byline] = {}
        for b in d.bylines:
            if b.name not in seen or (seen[b.name].role is None and b.role):
                seen[b.name] = b
        art.bylines = list(seen.values())
        art.dateline = d.dateline
        art.body = "\n".join(d.paragraphs)
        art.captions = d.captions
        if not d.paragraphs and d.captions:
            art.kind = "photo"
        art.id = f"{prefix}-{k:02d}"
    return page
