"""What an HTML page says about its article outside the text: <meta> tags, JSON-LD, the Founder
``enpproperty`` comment, <title>, and the meta lines printed under a headline
(``2023年08月03日08:05 | 来源：人民网－人民日报``). Pure functions over strings and elements.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from . import html_patterns as HP
from .html_tree import clean_text

__all__ = ["HeadMeta", "head_meta", "parse_date", "title_parts", "MetaLine", "parse_meta_line", "byline_shaped",
           "crumb_section", "page_label_section"]


@dataclass
class HeadMeta:
    title: str = ""
    metas: dict[str, str] = field(default_factory=dict)  # lowercased name/property -> content
    enp: dict[str, str] = field(default_factory=dict)  # Founder enpproperty fields
    ld: dict[str, Any] = field(default_factory=dict)  # the first JSON-LD article object

    def first(self, names: tuple[str, ...]) -> str | None:
        for n in names:
            v = self.metas.get(n)
            if v:
                return v
        return None

    def site_names(self) -> set[str]:
        out = {self.metas.get(k, "") for k in ("og:site_name", "sitename", "application-name")}
        return {clean_text(s) for s in out if s}

    def titles(self) -> list[str]:
        """Headline references: og:title, ArticleTitle, JSON-LD headline, enpproperty title."""
        refs = [self.metas.get(k, "") for k in HP.TITLE_META]
        refs += [str(self.ld.get("headline") or ""), self.enp.get("title", "")]
        return [clean_text(r) for r in refs if r and r.strip()]


def head_meta(root: Any, source: str) -> HeadMeta:
    """Collect the page's metadata from the parsed tree (before pruning) and its source text."""
    meta = HeadMeta()
    t = root.find(".//title")
    if t is not None:
        meta.title = clean_text(t.text_content() or "")
    for m in root.iter("meta"):
        key = (m.get("name") or m.get("property") or m.get("itemprop") or "").strip().lower()
        content = m.get("content")
        if key and content and key not in meta.metas:
            meta.metas[key] = content.strip()
    for s in root.iter("script"):
        if (s.get("type") or "").lower() == "application/ld+json" and s.text:
            found = _ld_article(s.text)
            if found:
                meta.ld = found
                break
    for t in root.iter("time"):  # <time datetime="2024-09-03T17:20:00+08:00" pubdate>
        value = t.get("datetime")
        if value and "time:datetime" not in meta.metas:
            meta.metas["time:datetime"] = value.strip()
    m = HP.ENP_RE.search(source)
    if m:
        meta.enp = {f["k"].lower(): clean_text(f["v"]) for f in HP.ENP_FIELD_RE.finditer(m["body"])}
    return meta


def _ld_article(text: str) -> dict[str, Any] | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.append(item["@graph"])
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                return item
    return None


def parse_date(text: str | None) -> str | None:
    """The first date (and time) in ``text`` as ISO 8601: ``2023-05-22`` or ``2023-05-22T08:30[:12][+08:00]``."""
    if not text:
        return None
    m = HP.DATE_RE.search(text)
    if not m:
        return None
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    out = f"{y:04d}-{mo:02d}-{d:02d}"
    if m["H"] is not None:
        hh, mm = int(m["H"]), int(m["M"])
        if hh > 23 or mm > 59:
            return out
        out += f"T{hh:02d}:{mm:02d}"
        if m["S"] is not None and int(m["S"]) <= 59:
            out += f":{int(m['S']):02d}"
        tz = m["tz"]
        if tz:
            out += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    return out


def title_parts(title: str, site_names: set[str] = frozenset()) -> tuple[list[str], str | None]:
    """Split ``<title>`` into its parts and guess the headline among them.

    ``标题--财经--人民网`` -> (['标题', '财经', '人民网'], '标题'). The guess is the longest part that does
    not name a site or channel; None when every part does (``南江日报 - 数字报刊平台``).
    """
    title = clean_text(title)
    if not title:
        return [], None
    parts = [p for p in HP.TITLE_SEP_RE.split(title) if p and p.strip()]
    if len(parts) <= 1:
        return [title], title
    content = [p for p in parts if not _site_part(p, site_names)]
    if not content:
        return parts, None
    best = max(content, key=len)
    return parts, best


def _site_part(part: str, site_names: set[str]) -> bool:
    p = part.strip()
    if p in site_names:
        return True
    return len(p) <= HP.SITE_PART_MAX_CHARS and bool(HP.SITE_PART_RE.search(p)) or bool(
        re.fullmatch(r"[A-Za-z0-9 .()\-]+", p))


@dataclass
class MetaLine:
    """What a meta line says. ``bylines`` and ``editors`` keep their segments as printed."""

    published: str | None = None
    updated: str | None = None
    outlet: str | None = None
    bylines: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    labelled: int = 0  # how many labelled segments were found
    rest: list[str] = field(default_factory=list)  # unlabelled segments that are none of the above

    @property
    def found(self) -> bool:
        return bool(self.labelled or self.published)


#: Chunks of a meta line: split at bars with a space beside them and at wide gaps (文｜李想 stays).
_CHUNK_SPLIT_RE = re.compile(r"\s+[|｜]\s*|\s*[|｜]\s+|[\s\u3000]{2,}")
_BRACKETS = "【】[]"
_STRIP = " \u3000|｜" + _BRACKETS


def parse_meta_line(text: str) -> MetaLine:
    """Read ``发布时间：2023-11-03 16:20　来源：云州晚报　作者：记者 孙悦　编辑：郑一帆　【字号：大 中 小】``.

    The line is cut into chunks at bars and wide gaps; in a chunk, labels (``LABELS``) start
    segments that run to the next label. Unlabelled text is read as a date or a byline when it
    is one.
    """
    out = MetaLine()
    s = text.strip()
    if HP.BRACKETED_EDITOR_RE.match(s) or HP.EDITOR_ONLY_RE.match(s):
        out.editors.append(s)
        out.labelled += 1
        return out
    for chunk in _CHUNK_SPLIT_RE.split(s):
        chunk = chunk.strip(_STRIP)
        if chunk:
            _read_chunk(chunk, out)
    return out


def _read_chunk(s: str, out: MetaLine) -> None:
    marks = list(HP.LABEL_RE.finditer(s))
    head = (s[:marks[0].start()] if marks else s).strip(_STRIP)
    d = HP.DATE_RE.search(head) if head else None
    if d and d["H"] is not None and not HP.BARE_DATE_LINE_RE.match(head):
        out.published = out.published or parse_date(d.group(0))  # 新京报记者 吴婷婷 2023-06-01 10:25
        head = (head[:d.start()] + " " + head[d.end():]).strip(_STRIP)
    if head:
        date = parse_date(head) if HP.BARE_DATE_LINE_RE.match(head) else None
        if date:
            out.published = out.published or date
        elif byline_shaped(head):
            out.bylines.append(head)
        else:
            out.rest.append(head)
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(s)
        kind = HP.LABELS[m["label"]]
        if kind not in ("published", "updated"):
            d = HP.DATE_RE.search(s, m.end(), end)
            if d:  # 编辑｜周琳 2024-03-18 20:05: the date is not part of the value
                out.published = out.published or parse_date(d.group(0))
                end = d.start()
        value = s[m.end():end].strip(_STRIP)
        if not value:
            continue
        out.labelled += 1
        if kind == "published":
            date = parse_date(value)
            out.published = out.published or date
            tail = HP.DATE_RE.search(value)
            rest = value[tail.end():].strip(_STRIP) if tail else ""
            if rest:  # 时间：2023-10-20 张三: what follows the date is read on its own
                _read_chunk(rest, out)
        elif kind == "updated":
            out.updated = out.updated or parse_date(value)
        elif kind == "outlet":
            value = _outlet_value(value)
            if value:
                out.outlet = out.outlet or value
        elif kind == "byline":
            out.bylines.append(s[m.start():end].strip(_STRIP))
        elif kind == "editor":
            out.editors.append(s[m.start():end].strip(_STRIP))


_SENTENCE_MARKS_RE = re.compile(r"[，。；！？,;!?]")


def byline_shaped(s: str) -> bool:
    """A short run with a byline word and no sentence marks: 本报记者 刘晓峰 王丹, 澎湃新闻记者 钱跃."""
    return (len(s) <= HP.BYLINE_MAX_CHARS and bool(HP.BYLINE_WORD_RE.search(s))
            and not _SENTENCE_MARKS_RE.search(s))


_OUTLET_TAIL_RE = re.compile(r"\s+(?:\d{4}[-/.年]|作者|记者|编辑|责任编辑|浏览|点击|字号).*$")


def _outlet_value(value: str) -> str:
    value = _OUTLET_TAIL_RE.sub("", value).strip(" \u3000|｜")
    words = value.split()
    while len(words) > 1 and HP.NOISE_RE.match(words[-1]):  # 来源：中国新闻网 分享
        words.pop()
    return " ".join(words)


def crumb_section(text: str, headline: str | None = None) -> str | None:
    """The section a breadcrumb ends in: ``当前位置：首页 > 政务公开 > 部门动态`` -> 部门动态."""
    s = HP.CRUMB_LEAD_RE.sub("", text.strip())
    parts = [p.strip() for p in HP.CRUMB_SEP_RE.split(s) if p.strip()]
    if len(parts) < 2:
        return None
    # the last crumb may be the page's own title (首页 » 体育 » 女排联赛半决赛今晚开打)
    while parts and (parts[-1] in HP.CRUMB_NOT_SECTION or (headline and len(parts[-1]) >= 6 and parts[-1] in headline)):
        parts.pop()
    if len(parts) < 2:
        return None
    last = parts[-1]
    return last if 2 <= len(last) <= 12 else None


def page_label_section(text: str) -> str | None:
    """``第03版：要闻`` -> 要闻."""
    m = HP.PAGE_LABEL_RE.search(text)
    return m["section"] if m else None
