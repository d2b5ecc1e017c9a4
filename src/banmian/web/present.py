"""How a fact reads in the reader: a one-line summary, where it links to, and the side panel's groups."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from .labels import FACT_TYPE_ORDER, FACT_TYPES, LEVELS, PRECISIONS, fmt_number, fmt_value

__all__ = ["is_subhead", "SUBHEAD_MAX_CHARS", "fact_summary", "fact_link", "fact_panel", "place_url", "indicator_url", "period_label"]


#: An inner subhead (小标题) kept in the body is a short line with no sentence punctuation. 30
#: characters holds the two-phrase subheads papers print (协同创新 成都强化省会城市担当, 15).
SUBHEAD_MAX_CHARS = 30
_SENTENCE_MARKS = frozenset("。！？!?；;，,、")
#: A numbering in front of a subhead: 一、 （二） 3. 4、
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")


def is_subhead(line: str) -> bool:
    """Whether a body paragraph reads as an inner subhead, to be set in bold without indent."""
    s = _NUMBERING.sub("", line.strip(), count=1)
    return 0 < len(s) <= SUBHEAD_MAX_CHARS and not any(ch in _SENTENCE_MARKS for ch in s)


def place_url(name: str | None, code: str | None = None) -> str:
    return "/place/" + quote(code or name or "", safe="")


def indicator_url(subject: str | None, indicator: str | None) -> str:
    params = {k: v for k, v in (("place", subject), ("name", indicator)) if v}
    return "/indicator?" + urlencode(params)


def period_label(start: str | None, end: str | None) -> str:
    """``2022-01-01..2022-12-31`` -> ``2022年``; a quarter, a month, a span from January, a day."""
    if not start and not end:
        return ""
    if not start or not end or start == end:
        d = end or start or ""
        return f"{d[:4]}年{int(d[5:7])}月{int(d[8:10])}日" if len(d) == 10 else d
    ys, ms, ds = start[:4], int(start[5:7]), int(start[8:10])
    ye, me = end[:4], int(end[5:7])
    if ys == ye and ms == 1 and ds == 1 and end[5:] == "12-31":
        return f"{ys}年"
    if ys == ye and ds == 1:
        if ms == me:
            return f"{ys}年{ms}月"
        if (ms - 1) % 3 == 0 and me == ms + 2:
            return f"{ys}年第{(ms - 1) // 3 + 1}季度"
        if ms == 1 and me == 6:
            return f"{ys}年上半年"
        return f"{ys}年{ms}—{me}月"
    return f"{start} 至 {end}"


def fact_summary(f: dict[str, Any]) -> str:
    """What the fact says, in a line: ``地点 · 绵阳市 · 四川省``, ``数量 · 超过128亿元``."""
    typ = f.get("type", "")
    label = FACT_TYPES.get(typ, (typ, ""))[0]
    parts: list[str] = []
    if typ == "place":
        parts = [f.get("name") or f.get("text", ""), LEVELS.get(f.get("level") or "", ""), f.get("parent") or ""]
        if f.get("code"):
            parts.append(f["code"])
    elif typ == "person":
        parts = [f.get("name") or f.get("text", ""), f.get("title") or ""]
    elif typ in ("organization", "document"):
        parts = [f.get("name") or f.get("text", "")]
    elif typ == "quantity":
        parts = [fmt_value(f.get("value"), f.get("unit"), f.get("qualifier"), f.get("value_max"))]
    elif typ == "date":
        parts = [period_label(f.get("value_start"), f.get("value_end")) or f.get("text", ""),
                 PRECISIONS.get(f.get("precision") or "", "")]
    elif typ == "indicator":
        value = fmt_value(f.get("value"), f.get("unit"), f.get("qualifier"))
        growth = f.get("growth")
        parts = [f.get("subject") or "", f.get("indicator") or "", value,
                 f"增长{fmt_number(growth)}%" if growth is not None and growth >= 0 else
                 (f"下降{fmt_number(-growth)}%" if growth is not None else ""),
                 period_label(f.get("period_start"), f.get("period_end"))]
    else:
        parts = [f.get("text", "")]
    return " · ".join([label, *[p for p in parts if p]])


def fact_link(f: dict[str, Any]) -> str | None:
    """Where the fact leads in the reader, or None."""
    typ = f.get("type")
    if typ == "place":
        return place_url(f.get("name"), f.get("code"))
    if typ == "person" and f.get("name"):
        return "/search?" + urlencode({"person": f["name"]})
    if typ == "organization" and f.get("name"):
        return "/search?" + urlencode({"org": f["name"]})
    if typ == "document" and f.get("name"):
        return "/search?" + urlencode({"q": f'"{f["name"]}"'})
    if typ == "indicator" and f.get("indicator"):
        return indicator_url(f.get("subject"), f.get("indicator"))
    return None


def fact_panel(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts grouped by type for the side panel: ``[{"type", "label", "color", "items": [...]}]``.

    Repeats of one fact (绵阳 named five times) are one item with every occurrence's index, so a
    click can step through them in the text.
    """
    groups: dict[str, dict[str, Any]] = {}
    for i, f in enumerate(facts):
        typ = f.get("type", "other")
        g = groups.setdefault(typ, {"type": typ, "label": FACT_TYPES.get(typ, (typ, ""))[0],
                                    "color": FACT_TYPES.get(typ, ("", "#eee"))[1], "items": {}})
        summary = fact_summary(f)
        item = g["items"].get(summary)
        if item is None:
            g["items"][summary] = {"summary": summary, "text": f.get("text", ""), "link": fact_link(f),
                                   "occurrences": [i], "type": typ}
        else:
            item["occurrences"].append(i)
    order = {t: n for n, t in enumerate(FACT_TYPE_ORDER)}
    out = sorted(groups.values(), key=lambda g: order.get(g["type"], len(order)))
    for g in out:
        g["items"] = list(g["items"].values())
        g["count"] = sum(len(it["occurrences"]) for it in g["items"])
    return out
