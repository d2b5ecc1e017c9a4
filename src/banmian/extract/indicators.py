"""Indicators: a statistic stated for a place or an organization over a period.

``find_indicators(text, facts)`` reads the facts already found in ``text`` (quantities, dates,
places, and organizations when an extractor provides them) and returns ``Fact(type="indicator")``
with attrs ``subject``, ``indicator``, ``value``, ``unit``, ``period_start``, ``period_end``,
``growth`` (percent, or None) and ``qualifier`` (the value's, from the quantity fact).

    绵阳去年实现地区生产总值3626.9亿元,同比增长5%
    -> 绵阳市, 地区生产总值, 362690000000, CNY, 2022-01-01, 2022-12-31, 5

How a statement is read (the words are data: ``data/indicator_words.tsv``):

* **Measure.** For each quantity, the phrase before it in its clause, after the last place,
  organization, date or quantity there, with scope words (全市, 该区), helper verbs before it
  (实现, 完成, 累计) and after it (达到, 为, 已) stripped: ``绵阳去年实现地区生产总值3626.9亿元`` ->
  ``地区生产总值``. The phrase is a measure when it holds a named statistic (``term``), ends in a
  measure word (``head``: 总额, 收入, 余额, 资金…) or begins with a verb that counts (``lead``: 投入,
  新增, 接待…); a percent is a value only after a rate (``rate``: 失业率, 比重). Phrases longer than
  ``MAX_MEASURE_CHARS`` are clauses, not measures.
* **Growth.** A percent after 增长/上涨/提高 (``up``) or 下降/减少 (``down``), optionally after
  同比/比上年 (``basis``), or after 增速/增幅 (``rate_of``), is a growth; ``增长1.2倍`` is 120.
  It belongs to the indicator before it in the sentence when nothing but comparison words stands
  between (``…3626.9亿元,同比增长5%``); with a measure of its own it is an indicator whose value is
  None (``规上工业增加值同比增长8.1%``). A value written after its growth
  (``…同比增长5%，达到3626.9亿元``) joins it. 个百分点 after a growth verb is no growth in percent.
* **Subject.** The place or organization named last before the measure in the sentence, else
  the last one earlier in the paragraph, else earlier in the text. A place after 对/与/向/比…
  (``partner``) is not a subject, nor an organization the figures come from (``记者从市统计局获悉``).
  A scope word points back to a division of its kind (该区 -> the last name ending in 区; 全国,
  我国 -> 中国; 该公司 -> the last organization). The name is the place's standard full name.
* **Period.** The date nearest before the value in the sentence, not a comparison base (比上年)
  nor a vague one (近日, 目前), else the last such date earlier in the paragraph; no date, no
  period (None: news that do not say the period are not given one). A year narrowed by a later
  date in the sentence takes the narrower one. ``截至X`` (up to X) ends at X and starts on
  January 1 of X's year (a flow to date: 截至4月底 -> 2023-01-01..2023-04-30), except for a stock
  (余额, 存栏: the balance at X, start = end) and for a cumulative figure (累计) with no year
  named, whose start is unknown (None).
* **Skipped.** Targets and forecasts (力争, 预计: ``target``), one project's or product's figures
  (项目, 单价: ``topic``), several values given at once (分别), a person's figures (a person fact
  in the measure's clause: 村民张三家去年收入…).

The fact spans the measure to the value (or to the growth, for a growth without value).
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Fact

__all__ = ["find_indicators", "MAX_MEASURE_CHARS"]

DATA = Path(__file__).resolve().parent.parent / "data"

#: Longest measure phrase, in characters. Most are 2-12 (农村居民人均可支配收入 is 11); shares run
#: longer (数字经济核心产业增加值占GDP比重, 17); beyond 20 the phrase is a clause with verbs.
MAX_MEASURE_CHARS = 20
#: Characters searched before a percent for its growth phrase: 比去年同期增长 is 7, and a basis
#: with a year (较2022年同期增长了) 11.
GROWTH_WINDOW = 14
#: Characters after an organization searched for a source word (市统计局日前发布: 发布 at 2).
SOURCE_WINDOW = 4

SENTENCE_ENDS = frozenset("。！？!?\n")
CLAUSE_ENDS = frozenset("。！？!?\n，,；;：:、（）()“”\"")
#: Units whose values are never an indicator's value (a growth of 1.2倍 is read as growth).
SKIP_UNITS = frozenset({"倍", "pp", "°C"})
#: Units of a span of time: such a quantity after a growth is its time frame (为18个月来最低),
#: not the value the growth was of.
TIME_UNITS = frozenset({"a", "d", "h"})
#: Date texts that say "recently", not a period.
VAGUE_DATES = ("近日", "日前", "近期", "近来", "目前", "当前", "眼下", "现阶段", "近年来", "近年", "近些年", "近几年")
#: Division words a scope word ends in (该区 -> a name ending in 区).
DIVISION_CHARS = "省市区县州盟旗镇乡村"
_YEAR_WORDS = ("今年", "本年", "年内", "当年")
_ORG_SCOPES = ("公司", "集团", "行", "企业")


@dataclass(frozen=True, slots=True)
class _Words:
    terms: tuple[str, ...]
    heads: tuple[str, ...]
    rates: tuple[str, ...]
    leads: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]
    scopes: tuple[str, ...]
    partners: frozenset[str]
    targets: tuple[str, ...]
    topics: tuple[str, ...]
    stocks: tuple[str, ...]
    inner: tuple[str, ...]
    sources: tuple[str, ...]
    source_before: tuple[str, ...]
    nested: dict[str, str]
    growth_re: re.Pattern[str]
    change_re: re.Pattern[str]
    # the word lists as patterns, longest first (what the string loops would pick, in one C call)
    lead_re: re.Pattern[str]     # a scope word, or a helper verb with something after it, at the start
    before_re: re.Pattern[str]   # a helper verb with something after it
    after_re: re.Pattern[str]    # a helper verb at the end
    terms_re: re.Pattern[str]
    topics_re: re.Pattern[str]
    counting_re: re.Pattern[str]  # a counting verb with something after it
    scope_re: re.Pattern[str]
    scope_firsts: frozenset[str]
    any_re: re.Pattern[str]  # every word a measure or a growth needs one of: no hit, no indicator
    up: frozenset[str]


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in _longest_first(list(words)))


#: One-character growth verbs that end other words (新增 is "newly added", 缩减 a verb of its own).
_VERB_GUARDS = {"增": "新递倍", "减": "削缩裁递"}


def _verbs(words: list[str]) -> str:
    return "|".join((f"(?<![{_VERB_GUARDS[v]}])" if v in _VERB_GUARDS else "") + re.escape(v)
                    for v in _longest_first(words))


@lru_cache(maxsize=1)
def _words() -> _Words:
    by: dict[str, list[str]] = {}
    nested: dict[str, str] = {}
    header = True
    for line in (DATA / "indicator_words.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        cols = line.split("\t")
        by.setdefault(cols[0], []).append(cols[1])
        if cols[0] == "nested":
            nested[cols[1]] = cols[2]
    up, down = by["up"], by["down"]
    verb = rf"(?P<up>{_verbs(up)})|(?P<down>{_verbs(down)})"
    growth_re = re.compile(
        rf"(?P<basis>{_alt(by['basis'])}|(?:比|较)(?:19|20)[0-9]{{2}}年(?:同期)?)?"
        rf"(?:(?P<rof>{_alt(by['rate_of'])})(?:为|是|达到|达)?|(?:名义|实际)?(?:{verb})了?)$")
    change_re = re.compile(rf"(?:{_alt(by['basis'])})?(?:{verb})了?$")
    scopes = list(by["scope"]) + list(nested)
    return _Words(
        lead_re=re.compile(rf"(?P<scope>{_alt(scopes)})|(?:{_alt(by['before'])})(?=.)", re.S),
        before_re=re.compile(rf"(?:{_alt(by['before'])})(?=.)", re.S),
        after_re=re.compile(rf"(?:{_alt(by['after'])})$"),
        terms_re=re.compile(_alt(by["term"])), topics_re=re.compile(_alt(by["topic"])),
        counting_re=re.compile(rf"(?:{_alt(by['lead'])})(?=.)", re.S),
        scope_re=re.compile(_alt(scopes)), scope_firsts=frozenset(x[0] for x in scopes),
        any_re=re.compile(_alt(by["term"] + by["head"] + by["rate"] + by["lead"] + up + down + by["rate_of"])),
        terms=_longest_first(by["term"]), heads=_longest_first(by["head"]),
        rates=_longest_first(by["rate"]), leads=_longest_first(by["lead"]),
        before=_longest_first(by["before"]), after=_longest_first(by["after"]),
        scopes=_longest_first(scopes), partners=frozenset(by["partner"]),
        targets=_longest_first(by["target"]), topics=_longest_first(by["topic"]),
        stocks=_longest_first(by["stock"]), inner=_longest_first(by["inner"]), sources=_longest_first(by["source_after"]),
        source_before=_longest_first(by["source_before"]),
        nested=nested, growth_re=growth_re, change_re=change_re, up=frozenset(up))


@dataclass(slots=True)
class _Growth:
    q: Fact
    value: float | None  # percent; None for percentage points
    start: int  # where the growth phrase (basis and verb) starts
    used: bool = False


@dataclass(slots=True)
class _Ind:
    start: int
    end: int
    measure: str
    scope: str | None
    value: Fact | None
    growth: _Growth | None
    at: int  # position the period and subject are looked up from (the value or the growth)


# --- text structure ------------------------------------------------------------------------------

_SENTENCE_END_RE = re.compile("[" + re.escape("".join(sorted(SENTENCE_ENDS))) + "]")


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _clause_start(text: str, pos: int, floor: int) -> int:
    i = pos
    while i > floor and text[i - 1] not in CLAUSE_ENDS:
        i -= 1
    return i


# --- the measure phrase --------------------------------------------------------------------------

def _strip(phrase: str, w: _Words) -> tuple[str, int, str | None]:
    """(measure, chars cut from the start, scope word seen) of a raw phrase; helper verbs inside
    the measure are taken out of its name (the span keeps them)."""
    cut, scope = 0, None
    lead, after = w.lead_re.match, w.after_re.search
    while phrase:
        n = len(phrase)
        m = lead(phrase)
        if m is not None and m.group("scope"):  # a scope word, then a helper verb, as they come
            scope = m.group()
            phrase, cut = phrase[m.end():], cut + m.end()
            m = w.before_re.match(phrase)
        if m is not None:
            phrase, cut = phrase[m.end():], cut + m.end()
        m = after(phrase)
        if m is not None:
            phrase = phrase[:m.start()]
        if len(phrase) == n:
            break
    for v in w.inner:
        if v in phrase[1:]:
            phrase = phrase[0] + phrase[1:].replace(v, "")
    return phrase, cut, scope


def _settle(start: int, m: str, percent: bool, w: _Words) -> tuple[int, str, bool]:
    """(start, measure, is a measure): a phrase that is none may hold one from a counting verb on
    (消协组织共受理消费者投诉 -> 受理消费者投诉, 市博物馆当天接待游客 -> 接待游客)."""
    if _is_measure(m, percent, w):
        return start, m, True
    found = w.counting_re.search(m, 1)
    if found is not None and _is_measure(m[found.start():], percent, w):
        return start + found.start(), m[found.start():], True
    return start, m, False


def _is_measure(m: str, percent: bool, w: _Words) -> bool:
    if not 2 <= len(m) <= MAX_MEASURE_CHARS:
        return False
    if w.topics_re.search(m):
        return False
    if percent:
        return m.endswith(w.rates)
    if w.terms_re.search(m) or m.endswith(w.heads):
        return True
    return w.counting_re.match(m) is not None


def _measure(text: str, q_start: int, floor: int, stops: list[int], date_at: dict[int, int],
             w: _Words):
    """(start, measure, scope) of the phrase before ``q_start``; measure '' when nothing stands.

    The phrase starts after the last stop (a place, organization, date or quantity) in the clause;
    when only a date stands there (地区生产总值去年增长6.1%), the phrase is the one before the date.
    """
    clause = _clause_start(text, q_start, floor)
    end = q_start
    while True:
        k = bisect_right(stops, end)
        left = stops[k - 1] if k and stops[k - 1] > clause else clause
        m, cut, scope = _strip(text[left:end], w)
        if m or left not in date_at or date_at[left] <= clause:
            return left + cut, m, scope
        end = date_at[left]  # skip back over the date


# --- growth ---------------------------------------------------------------------------------------

def _growths(text: str, quants: list[Fact], w: _Words) -> dict[int, _Growth]:
    """Quantities that are growths, by their start offset."""
    out: dict[int, _Growth] = {}
    for q in quants:
        unit = q.attrs.get("unit")
        if unit not in ("%", "pp", "倍"):
            continue
        lo = max(_clause_start(text, q.start, 0), q.start - GROWTH_WINDOW)
        m = w.growth_re.search(text, lo, q.start)
        if m is None:
            continue
        value = q.attrs["value"]
        if unit == "pp":
            g = None
        elif unit == "倍":
            if m.group("rof") or not m.group("up"):
                continue
            g = value * 100
        else:
            g = -value if m.group("down") and value > 0 else value
        out[q.start] = _Growth(q, _num(g) if g is not None else None, m.start())
    return out


def _num(x: float) -> float | int:
    r = float(f"{x:.12g}")
    return int(r) if r.is_integer() else r


# --- subject and period ---------------------------------------------------------------------------

def _is_source(text: str, f: Fact, w: _Words) -> bool:
    if f.type != "organization":
        return False
    if text[max(0, f.start - 2):f.start].endswith(w.source_before):
        return True
    after = text[f.end:f.end + SOURCE_WINDOW + 4]
    return any(0 <= after.find(s) <= SOURCE_WINDOW for s in w.sources)


def _subject(text: str, ind: _Ind, anchors: list[Fact], bounds: list[int], w: _Words) -> str | None:
    scope = ind.scope
    if scope in w.nested:
        return w.nested[scope]
    want_org = scope is not None and scope.endswith(_ORG_SCOPES)
    want_char = scope[-1] if scope and scope[-1] in DIVISION_CHARS else None
    cands = [f for f in anchors if f.end <= ind.start
             and not (f.start > 0 and text[f.start - 1] in w.partners)
             and not _is_source(text, f, w)]
    for lo in bounds:  # the sentence, the paragraph, the text
        pool = [f for f in cands if f.start >= lo]
        if want_org:
            pool = [f for f in pool if f.type == "organization"]
        elif want_char:
            pool = [f for f in pool if _name(f).endswith(want_char)]
        if pool:
            best = max(pool, key=lambda f: (f.end, f.end - f.start))
            return _name(best)
    return None


def _name(f: Fact) -> str:
    return f.attrs.get("name") or f.text


def _date(s: str | None) -> _dt.date | None:
    return _dt.date.fromisoformat(s) if s else None


def _period(text: str, ind: _Ind, dates: list[Fact], sent: int, para: int,
            w: _Words) -> tuple[str | None, str | None]:
    def usable(d: Fact) -> bool:
        if d.start > 0 and text[d.start - 1] in w.partners:
            return False
        if d.attrs.get("value_end") is None:
            return False
        t = d.text
        return t.startswith("截") or not any(t.startswith(v) for v in VAGUE_DATES)

    before = [d for d in dates if d.end <= ind.at and d.start >= sent and usable(d)]
    if not before:
        earlier = [d for d in dates if para <= d.start and d.end <= sent and usable(d)]
        if not earlier:
            return None, None
        before = [earlier[-1]]
    pick = before[-1]
    start, end = pick.attrs.get("value_start"), pick.attrs["value_end"]
    if pick.attrs.get("precision") == "year":
        # 今年…截至4月底: a narrower date of the same year written earlier in the sentence.
        inner = [d for d in before[:-1] if d.attrs.get("precision") not in ("year", "day")
                 and start <= d.attrs["value_end"] <= end]
        if inner:
            start, end = inner[-1].attrs.get("value_start") or start, inner[-1].attrs["value_end"]
    elif start is None:  # 截至X
        sentence = text[sent:ind.end]
        end_d = _date(end)
        if end_d is not None and ("累计" not in sentence or any(y in sentence for y in _YEAR_WORDS)):
            start = _dt.date(end_d.year, 1, 1).isoformat()
    if ind.measure.endswith(w.stocks) and not ind.measure.startswith(w.leads):
        # a balance or a rate at a point in time: the period's end (减少贫困人口 is a flow)
        return end, end
    return start, end


# --- the reading ----------------------------------------------------------------------------------

def find_indicators(text: str, facts: list[Fact]) -> list[Fact]:
    """Indicator facts stated in ``text``, given the other facts found in it (any order)."""
    quants = sorted((f for f in facts if f.type == "quantity"), key=lambda f: f.start)
    if not quants:
        return []
    w = _words()
    if w.any_re.search(text) is None:
        return []
    anchors = sorted((f for f in facts if f.type in ("place", "organization")), key=lambda f: f.start)
    dates = sorted((f for f in facts if f.type == "date"), key=lambda f: f.start)
    # A partner's name (对东盟出口额) is part of the measure, not where it starts.
    heads = [f for f in anchors + dates if not (f.start > 0 and text[f.start - 1] in w.partners)]
    stops = sorted({f.end for f in heads} | {f.end for f in quants})
    date_at = {f.end: f.start for f in dates}
    persons = [f for f in facts if f.type == "person"]
    growths = _growths(text, quants, w)
    out: list[Fact] = []
    para, k = 0, 0
    for s_start, s_end in _sentences(text):
        if s_start > 0 and text[s_start - 1] == "\n":
            para = s_start
        while k < len(quants) and quants[k].start < s_start:
            k += 1
        qs = []
        while k < len(quants) and quants[k].start < s_end:
            if quants[k].end <= s_end:
                qs.append(quants[k])
            k += 1
        if not qs:
            continue
        for ind in _sentence(text, s_start, qs, growths, stops, date_at, w):
            clause = _clause_start(text, ind.start, s_start)
            if any(clause <= p.start and p.end <= ind.start for p in persons):
                continue  # 村民张三家去年收入10万元: a person's figure, not a place's
            subject = _subject(text, ind, anchors, [s_start, para, 0], w)
            p_start, p_end = _period(text, ind, dates, s_start, para, w)
            v = ind.value
            out.append(Fact("indicator", text[ind.start:ind.end], ind.start, ind.end, attrs={
                "subject": subject, "indicator": ind.measure,
                "value": v.attrs["value"] if v else None, "unit": v.attrs["unit"] if v else None,
                "period_start": p_start, "period_end": p_end,
                "growth": ind.growth.value if ind.growth else None,
                "qualifier": v.attrs.get("qualifier") if v else None}))
    return out


def _sentence(text: str, s_start: int, qs: list[Fact], growths: dict[int, _Growth],
              stops: list[int], date_at: dict[int, int], w: _Words) -> list[_Ind]:
    found: list[_Ind] = []
    last: _Ind | None = None
    for q in qs:
        g = growths.get(q.start)
        if g is not None:
            last = _growth(text, s_start, g, last, found, stops, date_at, w)
            continue
        unit = q.attrs.get("unit")
        if unit in SKIP_UNITS or text.startswith("的", q.end):  # 价值30万元的汽车: a modifier
            last = None
            continue
        start, m, scope = _measure(text, q.start, s_start, stops, date_at, w)
        if not m:
            # …同比增长5%，达到3626.9亿元: the value of the growth just read.
            if last is not None and last.value is None and last.growth is not None and unit not in TIME_UNITS \
                    and last.end <= q.start and not _skipped(text, s_start, last.start, q.end, w):
                last.value, last.end, last.at = q, q.end, q.end
            continue
        start, m, ok = _settle(start, m, unit == "%", w)
        if not ok or _skipped(text, s_start, start, q.end, w):
            if not w.change_re.search(m):  # 比上年增加177.6亿斤 between a value and its growth
                last = None
            continue
        last = _Ind(start, q.end, m, scope or _scope_before(text, s_start, start, w), q, None, q.start)
        found.append(last)
    return found


def _growth(text: str, s_start: int, g: _Growth, last: _Ind | None, found: list[_Ind],
            stops: list[int], date_at: dict[int, int], w: _Words) -> _Ind | None:
    start, m, scope = _measure(text, g.start, s_start, stops, date_at, w)
    if not m:
        if last is not None and last.growth is None and last.value is not None:
            if g.value is not None:
                last.growth = g
            return last
        return None
    start, m, ok = _settle(start, m, False, w)
    if g.value is None or not ok and not m.endswith(w.rates) or _skipped(text, s_start, start, g.q.end, w):
        return None
    ind = _Ind(start, g.q.end, m, scope or _scope_before(text, s_start, start, w), None, g, g.q.start)
    found.append(ind)
    return ind


def _scope_before(text: str, s_start: int, pos: int, w: _Words) -> str | None:
    """The last scope word in the clause before ``pos`` (全市一季度实现…: 全市)."""
    lo = _clause_start(text, pos, s_start)
    for i in range(pos - 1, lo - 1, -1):
        if text[i] in w.scope_firsts:
            m = w.scope_re.match(text, i, pos)
            if m is not None:
                return m.group()
    return None


def _skipped(text: str, s_start: int, start: int, end: int, w: _Words) -> bool:
    """A target, a forecast, one project's figure, or several values at once.

    Target words count in the clause and the one before it, outside named statistics
    (人均预期寿命 is no forecast).
    """
    c_start = _clause_start(text, start, s_start)
    clause = text[c_start:end]
    scan = w.terms_re.sub("|", text[_clause_start(text, max(s_start, c_start - 1), s_start):end])
    if "分别" in clause:
        return True
    if any(t in scan for t in w.targets):
        return True
    return w.topics_re.search(clause) is not None
