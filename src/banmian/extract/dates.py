"""Dates and periods, resolved against the issue date.

``find_dates(text, ref)`` returns ``Fact(type="date")`` with attrs ``value_start``, ``value_end``
(ISO ``YYYY-MM-DD`` or None) and ``precision`` (``day``, ``month``, ``quarter``, ``year``, ``range``).
With ``ref`` None a relative or year-less date is still a fact, its values None.

What is read (one master regex; the branches are tried in this order at each position):

* absolute: ``2023年5月17日``, ``2023-05-17``, ``2022年6月``, ``2023年``, ``二〇二三年五月``;
  ranges ``2023年5月17日至19日``, ``5月17日—19日``, ``1—4月``, ``2022年10月至2023年3月``,
  ``2021—2025年``;
* year-less: ``5月17日``, ``5月``, ``17日`` (year and month from ``ref``);
* parts of a month: ``上旬`` 1-10, ``中旬`` 11-20, ``下旬`` 21-end, ``初`` 1-10, ``底``/``末`` 21-end;
* parts of a year: ``一季度``/``第一季度``, ``上半年``/``下半年``, ``前三季度``, ``前4个月``,
  ``年初`` (January), ``年底``/``年末`` (December), with a year written next to them
  (``2022年一季度``, ``去年一季度``, ``今年前4个月``) or else the year of ``ref``;
* relative: ``今年 去年 前年 明年 上年 本年``, ``上月 本月 下月``, ``上周 本周 下周`` (Monday-Sunday),
  ``昨天 今天 明天 前天``;
* five-year plans: ``十四五`` 2021-2025 (``十一五`` … ``十五五``);
* vague (precision ``range``, the windows are named constants below): ``近日``/``日前``,
  ``近期``, ``近来``, ``近年来``/``近年``, ``近3年``, ``目前``/``当前``;
* ``截至``/``截止`` before a date: start None, end the end of that date;
  ``以来`` after one: from its start to ``ref``.

A bare period is never given a year from earlier in the sentence (``2022年，……上半年`` is the
first half of the ``ref`` year): only a year written right before it counts.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

from ..model import Fact
from .numbers import CN_DIGITS, normalize_digits

__all__ = ["find_dates", "VAGUE_WINDOWS"]

#: Vague words -> (days before ref, days after ref). 近日/日前 "a few days ago" reach back a month.
VAGUE_WINDOWS: dict[str, tuple[int, int]] = {
    "近日": (30, 0), "日前": (30, 0), "近期": (30, 30), "近来": (90, 0),
    "目前": (0, 0), "当前": (0, 0), "眼下": (0, 0), "现阶段": (0, 0),
}
#: 近年来 / 近年 / 近些年 / 近几年: from January 1 this many years before the ref year, to ref.
RECENT_YEARS = 5
#: A bare day (17日) more than a week after ref is read as last month's (news reports the past;
#: announcements with 将于 rarely reach further ahead than a week).
DAY_AHEAD_TOLERANCE = 7

_CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "十一": 11, "十二": 12, "正": 1, "冬": 11, "腊": 12}
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_REL_YEAR = {"今": 0, "本": 0, "去": -1, "上": -1, "前": -2, "明": 1, "后": 2}
_REL_DAY = {"昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "前天": -2, "明天": 1, "明日": 1}
_REL_MONTH = {"上月": -1, "上个月": -1, "本月": 0, "当月": None, "下月": 1, "下个月": 1}
_REL_WEEK = {"上周": -1, "本周": 0, "这周": 0, "下周": 1}
_SUB_MONTH = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "底": (21, 31),
              "末": (21, 31)}

# --- pattern pieces ----------------------------------------------------------------------------
_YEAR = r"(?:19|20)[0-9]{2}|[一二][〇零○一二三四五六七八九]{3}"
_MON = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_SEP = r"(?:至|到|～|~|—{1,2}|–|－|-)"
_NUMCH = "0-9〇零○一二两三四五六七八九十百千"
_SUB = r"上旬|中旬|下旬|初(?![步心衷级期中])|底(?![线部层气蕴色子])|末(?![端梢尾期])"
_YEND = r"(?:年(?:初(?![步心衷级期中])|底(?![线部层气蕴色子])|末(?![端梢尾期])))"
_NM = r"[0-9]{1,2}|十[一二]?|[一二两三四五六七八九]"
#: Characters that make 上年 / 前年 / 后年 part of another word (以上年龄, 线上年货, 目前年产,
#: 今后年均, 3年前年...).
_NOT_BEFORE_SHANG = "以向线网马早晚路山天地楼台界身手心"
_NOT_BEFORE_QIAN = "以提目此之年日月天向空史超领眼面跟战会节赛课饭睡生从"
_NOT_BEFORE_HOU = "此之以最然前落今先背"


def _month_part(x: str) -> str:
    """Month, with a day, a day range, a month range or a part of the month; names end in x."""
    return (
        rf"(?P<m{x}>{_MON})(?:"
        rf"月(?:份)?(?:"
        rf"(?P<d{x}>{_DAY})[日号](?:{_SEP}(?:(?P<ry{x}>{_YEAR})年)?(?:(?P<rm{x}>{_MON})月)?(?P<rd{x}>{_DAY})[日号])?"
        rf"|(?P<sub{x}>{_SUB})"
        rf"|{_SEP}(?:(?P<my{x}>{_YEAR})年)?(?P<m2a{x}>{_MON})月(?:份)?"
        rf")?"
        rf"|{_SEP}(?P<m2b{x}>{_MON})月(?:份)?"
        rf")"
    )


def _period_part(x: str, standalone: bool) -> str:
    """A part of a year: quarter, half, first N quarters or months, beginning/end."""
    yend = _YEND if standalone else rf"(?:{_YEND}|{_SUB.replace('上旬|中旬|下旬|', '')})"
    return (
        rf"(?:第)?(?P<q{x}>[一二三四1-4])季度"
        rf"|(?P<h{x}>[上下])半年"
        rf"|前(?P<qn{x}>[一二两三1-3])个?季度"
        rf"|前(?P<nm{x}>{_NM})个?月(?:份)?"
        rf"|(?P<ye{x}>{yend})"
    )


_DATE_RE = re.compile(
    rf"(?=[截0-9〇零一二三四五六七八九十今去前明后本上下当这第近日目眼现年月昨])"
    rf"(?P<cut>截至|截止(?:到|至)?)?"
    rf"(?:"
    # ISO-like numeric dates
    rf"(?<![0-9.])(?P<iy>(?:19|20)[0-9]{{2}})(?P<isep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=isep)"
    rf"(?P<id>3[01]|[12][0-9]|0?[1-9])(?![0-9])"
    # year ranges 2021—2025年, 2020年至2022年
    rf"|(?<![{_NUMCH}])(?P<yr1>{_YEAR})年?{_SEP}(?P<yr2>{_YEAR})年(?![0-9]|[一二三四五六七八九十]{{1,2}}月|度)"
    # a year (written or relative) and what follows it
    rf"|(?:(?<![{_NUMCH}.])(?P<y>{_YEAR})年|(?P<ry>(?<![{_NUMCH}多余几数同当全每次往历提之以此最然])"
    rf"(?:今|(?<!过)去|明|本|(?<![{_NOT_BEFORE_SHANG}])上|(?<![{_NOT_BEFORE_QIAN}])前"
    rf"|(?<![{_NOT_BEFORE_HOU}])后)年(?![龄纪级货轻华])))"
    rf"(?:{_month_part('A')}|{_period_part('A', False)}|(?P<yd>度))?"
    # a month without a year
    rf"|(?<![{_NUMCH}.第])(?!十[一二三四五]五){_month_part('B')}"
    # a part of the (ref) year
    rf"|(?<![{_NUMCH}])(?:{_period_part('B', True)})"
    # relative days, months, weeks
    rf"|(?P<rday>昨天|昨日|今天|今日|前天|(?<!的)明天|明日)"
    rf"|(?P<rmon>上个?月|本月|下个?月)(?P<rsub>{_SUB})?"
    rf"|(?P<rweek>上周|本周|这周|下周)"
    rf"|(?<![{_NUMCH}])月(?P<msub>初(?![步心衷级期中])|底(?![线部层气蕴色子])|末(?![端梢尾期]))"
    # five-year plans
    rf"|(?<![{_NUMCH}第])十(?P<fyp>[一二三四五])五(?![个万千百十%％年])"
    # vague
    rf"|(?P<recent>近(?:年来|些年|几年|年))"
    rf"|近(?P<recentn>[0-9]{{1,2}}|[一二两三四五六七八九十])(?:个)?年(?:来)?"
    rf"|(?P<vague>(?<![{_NUMCH}节生假工平时数每末])日前|(?<![最附将接])近日|近期|近来|目前|当前|眼下|现阶段)"
    # a bare day of the ref month
    rf"|(?<![{_NUMCH}.月第每])(?P<bd>[0-9]{{1,2}})日(?![元游内均期前后间])"
    rf")"
    rf"(?P<since>以来)?"
)


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    if s.isdigit():
        return int(s)
    if s in _CN_MONTH and s not in ("正", "冬", "腊"):
        return _CN_MONTH[s]
    # Chinese day numbers up to 三十一
    total, cur = 0, 0
    for c in s:
        if c == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = CN_DIGITS.get(c, 0)
    return total + cur


def _year(s: str) -> int:
    return int(s) if s.isdigit() else int("".join(str(CN_DIGITS[c]) for c in s))


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _safe(y: int | None, m: int, d: int) -> _dt.date | None:
    if y is None or not 1 <= m <= 12:
        return None
    try:
        return _dt.date(y, m, min(d, _last_day(y, m)) if d > 28 else d)
    except ValueError:
        return None


def _exact(y: int | None, m: int, d: int) -> _dt.date | None:
    """A written day: no clamping (2月30日 is no date)."""
    if y is None:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _valid_day(m: int, d: int) -> bool:
    """Could ``m``月``d``日 exist in some year (2月29日 can)."""
    return 1 <= m <= 12 and 1 <= d <= (29 if m == 2 else _last_day(2001, m))


def _month_span(y: int | None, m: int) -> tuple[_dt.date | None, _dt.date | None]:
    return _safe(y, m, 1), _safe(y, m, 31)


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None


Span = tuple[_dt.date | None, _dt.date | None, str]


def _resolve_month(g, x: str, y: int | None, ref: _dt.date | None) -> Span | None:
    m = _num(g(f"m{x}"))
    if m is None or not 1 <= m <= 12:
        return None
    chinese = not g(f"m{x}").isdigit()
    d = g(f"d{x}")
    if d is not None:
        day = _num(d)
        if not _valid_day(m, day):
            return None
        start = _exact(y, m, day)
        if y is not None and start is None:
            return None
        if g(f"rd{x}"):
            y2 = _year(g(f"ry{x}")) if g(f"ry{x}") else y
            m2 = _num(g(f"rm{x}")) if g(f"rm{x}") else m
            d2 = _num(g(f"rd{x}"))
            if not _valid_day(m2, d2):
                return None
            end = _exact(y2, m2, d2)
            if start and end and end < start:
                return None
            return start, end, "range"
        return start, start, "day"
    if g(f"sub{x}"):
        lo, hi = _SUB_MONTH[g(f"sub{x}")]
        return _safe(y, m, lo), _safe(y, m, hi), "range"
    m2 = g(f"m2a{x}") or g(f"m2b{x}")
    if m2:
        y2 = _year(g(f"my{x}")) if g(f"my{x}") else y
        n2 = _num(m2)
        if not 1 <= n2 <= 12:
            return None
        return _safe(y, m, 1), _safe(y2, n2, 31), "range"
    if chinese and x == "B":  # 五月 alone is too often not a date (一月一次)
        return None
    s, e = _month_span(y, m)
    return s, e, "month"


def _resolve_period(g, x: str, y: int | None) -> Span | None:
    if g(f"q{x}"):
        q = _QUARTER[g(f"q{x}")]
        return _safe(y, 3 * q - 2, 1), _safe(y, 3 * q, 31), "quarter"
    if g(f"h{x}"):
        first = g(f"h{x}") == "上"
        return (_safe(y, 1 if first else 7, 1), _safe(y, 6 if first else 12, 31), "range")
    if g(f"qn{x}"):
        n = {"两": 2}.get(g(f"qn{x}")) or _num(g(f"qn{x}")) or _QUARTER[g(f"qn{x}")]
        return _safe(y, 1, 1), _safe(y, 3 * n, 31), "range"
    if g(f"nm{x}"):
        n = 2 if g(f"nm{x}") == "两" else _num(g(f"nm{x}"))
        if not n or not 1 <= n <= 12:
            return None
        return _safe(y, 1, 1), _safe(y, n, 31), "range"
    ye = g(f"ye{x}")
    if ye:
        part = ye[-1]
        if part == "初":
            return _safe(y, 1, 1), _safe(y, 1, 31), "range"
        return _safe(y, 12, 1), _safe(y, 12, 31), "range"
    return None


def _resolve(m: re.Match, ref: _dt.date | None) -> Span | None:
    g = m.group
    ry = ref.year if ref else None
    if g("iy"):
        d = _exact(int(g("iy")), int(g("im")), int(g("id")))
        return (d, d, "day") if d else None
    if g("yr1"):
        y1, y2 = _year(g("yr1")), _year(g("yr2"))
        if y2 <= y1:
            return None
        return _dt.date(y1, 1, 1), _dt.date(y2, 12, 31), "range"
    if g("y") or g("ry"):
        if g("y"):
            y = _year(g("y"))
        else:
            y = ry + _REL_YEAR[g("ry")[0]] if ry else None
        if g("mA"):
            return _resolve_month(g, "A", y, ref)
        p = _resolve_period(g, "A", y)
        if p:
            return p
        if g("yeA") is None and any(g(k) for k in ("qA", "hA", "qnA", "nmA")):
            return None
        return _safe(y, 1, 1), _safe(y, 12, 31), "year"
    if g("mB"):
        return _resolve_month(g, "B", ry, ref)
    if any(g(k) for k in ("qB", "hB", "qnB", "nmB", "yeB")):
        return _resolve_period(g, "B", ry)
    if g("rday"):
        if not ref:
            return None, None, "day"
        d = ref + _dt.timedelta(days=_REL_DAY[g("rday")])
        return d, d, "day"
    if g("rmon"):
        if not ref:
            return None, None, "range" if g("rsub") else "month"
        k = _REL_MONTH[g("rmon")]
        y, mo = ref.year, ref.month + k
        if mo < 1:
            y, mo = y - 1, mo + 12
        elif mo > 12:
            y, mo = y + 1, mo - 12
        if g("rsub"):
            lo, hi = _SUB_MONTH[g("rsub")]
            return _safe(y, mo, lo), _safe(y, mo, hi), "range"
        s, e = _month_span(y, mo)
        return s, e, "month"
    if g("msub"):
        if not ref:
            return None, None, "range"
        lo, hi = _SUB_MONTH[g("msub")]
        return _safe(ref.year, ref.month, lo), _safe(ref.year, ref.month, hi), "range"
    if g("rweek"):
        if not ref:
            return None, None, "range"
        monday = ref - _dt.timedelta(days=ref.weekday()) + _dt.timedelta(weeks=_REL_WEEK[g("rweek")])
        return monday, monday + _dt.timedelta(days=6), "range"
    if g("fyp"):
        n = 10 + _num(g("fyp"))
        start = 1966 + 5 * (n - 3)   # the 3rd plan ran 1966-1970; 十四五 = 2021-2025
        return _dt.date(start, 1, 1), _dt.date(start + 4, 12, 31), "range"
    if g("recent") or g("recentn"):
        n = RECENT_YEARS if g("recent") else _num(g("recentn").replace("两", "二"))
        if not ref or not n:
            return None, None, "range"
        return _dt.date(ref.year - n, 1, 1), ref, "range"
    if g("vague"):
        if not ref:
            return None, None, "range"
        before, after = VAGUE_WINDOWS[g("vague")]
        return ref - _dt.timedelta(days=before), ref + _dt.timedelta(days=after), "range"
    if g("bd"):
        day = int(g("bd"))
        if not 1 <= day <= 31:
            return None
        if not ref:
            return None, None, "day"
        y, mo = ref.year, ref.month
        if day > ref.day + DAY_AHEAD_TOLERANCE:
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        d = _exact(y, mo, day)
        if d is None:
            return None
        return d, d, "day"
    return None


def find_dates(text: str, ref: _dt.date | None = None) -> list[Fact]:
    """Every date or period in ``text``, in order and non-overlapping."""
    if isinstance(ref, _dt.datetime):
        ref = ref.date()
    norm = normalize_digits(text)
    facts: list[Fact] = []
    for m in _DATE_RE.finditer(norm):
        span = _resolve(m, ref)
        if span is None:
            continue
        start, end, precision = span
        if m.group("cut"):
            start, precision = None, "range"
        if m.group("since"):
            end, precision = ref, "range"
        facts.append(Fact("date", text[m.start():m.end()], m.start(), m.end(),
                          attrs={"value_start": _iso(start), "value_end": _iso(end),
                                 "precision": precision}))
    return facts
