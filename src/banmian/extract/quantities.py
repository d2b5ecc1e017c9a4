"""Quantities: a number with its unit, normalised to the contract's canonical units.

``find_quantities(text)`` returns ``Fact(type="quantity")`` with attrs ``value`` (in the canonical
unit), ``unit``, ``qualifier`` (``exact``, ``about``, ``more_than``, ``less_than``, ``at_least``,
``at_most``, ``range``) and, for ranges, ``value_max``. The fact spans the whole mention, the
qualifier words written next to the number included (``约有1.5万亩``, ``2300多万元``, ``45周岁以下``).

The units are data (``banmian/data/units.tsv``); the patterns are built from it once, at import.
What is *not* a quantity (ordinals, years, slogans, idioms) is decided by the named rules in
``_rejected``; each has a test in ``tests/test_quantities.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal
from fractions import Fraction
from importlib import resources

from ..model import Fact
from .numbers import CN_DIGITS, NUMBER_RE, normalize_digits, parse_decimal, split_scale

__all__ = ["find_quantities", "UNITS", "Unit"]


@dataclass(frozen=True, slots=True)
class Unit:
    surface: str
    unit: str
    factor: Fraction
    kind: str
    flags: frozenset[str]
    not_before: str = ""


def _load_units() -> dict[str, Unit]:
    table: dict[str, Unit] = {}
    text = resources.files("banmian").joinpath("data/units.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        surface, unit, factor, kind = cols[:4]
        flags = frozenset(f for f in (cols[4].split(",") if len(cols) > 4 else []) if f)
        not_before = "".join(f[4:] for f in flags if f.startswith("not:"))
        table[surface] = Unit(surface, unit, Fraction(factor), kind, flags, not_before)
    return table


#: surface form -> Unit, as read from ``data/units.tsv``.
UNITS: dict[str, Unit] = _load_units()

# --- qualifier words -------------------------------------------------------------------------
#: Words before the number and the qualifier they give. Longest first in the pattern.
PREFIX_QUALIFIERS: dict[str, str] = {
    "超过": "more_than", "超出": "more_than", "逾": "more_than", "超": "more_than",
    "突破": "more_than", "大于": "more_than", "高于": "more_than", "多于": "more_than",
    "约": "about", "大约": "about", "大概": "about", "近": "about", "将近": "about",
    "接近": "about",
    "不少于": "at_least", "至少": "at_least", "不低于": "at_least", "最少": "at_least",
    "不超过": "at_most", "不高于": "at_most", "最多": "at_most", "至多": "at_most",
    "不到": "less_than", "不足": "less_than", "小于": "less_than", "低于": "less_than",
    "少于": "less_than", "不满": "less_than", "未满": "less_than",
}
#: Words after the unit.
POSTFIX_QUALIFIERS: dict[str, str] = {
    "以上": "at_least", "以下": "at_most", "及以上": "at_least", "及以下": "at_most", "以内": "at_most", "之内": "at_most", "内": "at_most",
    "左右": "about", "上下": "about", "开外": "more_than",
}
#: 内 ("within") only after a time or length (3年内, 5公里内), not 100家内资企业.
_INNER_KINDS = frozenset({"time", "length"})

# --- the pattern -----------------------------------------------------------------------------
_CN_NUM_CHARS = "".join(CN_DIGITS) + "十拾百佰千仟万萬亿億"
#: A number must not continue a word of letters, digits, an ordinal (第), a session (届), a vague
#: count (数十家, 几十元) or a Chinese number (第十三条 must not yield 三条).
_NUM_START_GUARD = rf"(?<![0-9A-Za-z.第届数几{_CN_NUM_CHARS}])"
_SEP = r"(?:至|到|~|～|—{1,2}|–|-|－)"
_RANGE_DASHES = "~～—–-－"


def _unit_alternation(allow_den: bool) -> str:
    alts = []
    for surface in sorted(UNITS, key=len, reverse=True):
        u = UNITS[surface]
        if "den" in u.flags and not allow_den:
            continue
        if surface.startswith("个") and len(surface) > 1:
            pat = "个[多余半]?" + re.escape(surface[1:])
        else:
            pat = re.escape(surface)
        if u.not_before:
            pat += f"(?![{re.escape(u.not_before)}])"
        if "latin" in u.flags:
            pat += "(?![A-Za-z])"
        alts.append(pat)
    return "|".join(alts)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_UNIT = _unit_alternation(False)
_DEN = _unit_alternation(True)
_PREFIX = _alternation(PREFIX_QUALIFIERS).replace("近", "(?<![最附])近(?![期日来年])", 1)
_POSTFIX = (_alternation(POSTFIX_QUALIFIERS)
            .replace("上下", "上下(?![游班半级])").replace("内", "内(?![资需地外部陆容涵])"))

#: Characters a mention can start with (a qualifier word, 百分之/千分之, a number): a lookahead on
#: them lets the regex engine skip every other position quickly (same matches, twice as fast).
_FIRST_CHARS = "".join(sorted({w[0] for w in PREFIX_QUALIFIERS} | set("百千0123456789十拾") | set(CN_DIGITS)))

_QUANTITY_RE = re.compile(
    rf"(?=[{re.escape(_FIRST_CHARS)}])"
    rf"(?:(?P<pre>{_PREFIX})[有为合达占]?)?"
    rf"(?:"
    rf"(?P<pct>百分之|千分之){_NUM_START_GUARD}(?P<pn>{NUMBER_RE})"
    rf"|"
    rf"{_NUM_START_GUARD}(?P<n1>{NUMBER_RE})(?P<m1>[多余])?"
    rf"(?:(?P<u1>{_UNIT})?(?P<sep>{_SEP})(?P<n2>{NUMBER_RE})(?P<m2>[多余])?)?"
    rf"(?P<unit>{_UNIT})"
    rf"(?:[/／](?P<den>{_DEN}))?"
    rf"(?P<mu>(?<=[年天月时周钟])[多余](?![少种样元]))?"
    rf")"
    rf"(?P<post>{_POSTFIX})?"
)

#: 人口 followed by a bare number: a head count in 人 (总人口超过3700万).
_HEADCOUNT_RE = re.compile(
    rf"人口(?:总数|总量|规模|数量)?[已将共]?(?:达到|达|为|有)?"
    rf"(?:(?P<pre>{_PREFIX})[有为合达]?)?{_NUM_START_GUARD}(?P<n1>{NUMBER_RE})(?P<m1>[多余])?"
    rf"(?![0-9A-Za-z.%％])")

#: Opening quotes: a Chinese number right after one starts a slogan (“四个加快”, “两个确立”).
_OPEN_QUOTES = "“‘「『\"'"
#: Lone Chinese digits that are ordinals or idioms before a measure word (一批, 一年一度, 二次全会);
#: counts of two are written 两.
_LONE_DIGITS = frozenset({"一", "二", "壹", "贰"})
#: Financial forms of the digits: written in amounts (壹佰元), never alone before a unit.
_FINANCIAL_DIGITS = frozenset("壹贰貳叁參肆伍陆陸柒捌玖")
#: A year written as a number: 年 after it makes a date (2022年), not a duration.
_YEAR_DATE_RE = re.compile(r"(?:1[0-9]|20)[0-9]{2}|[一二][〇零○一二三四五六七八九]{3}")
#: Time kinds that are periods, not durations, after 前/后 (今年前4个月 is a date).
_PERIOD_LEAD = "前后"


def _round(x: float) -> float | int:
    """Drop float noise (12 significant digits) and give whole numbers as int."""
    if x != x or x in (float("inf"), float("-inf")):
        return x
    r = float(f"{x:.12g}")
    return int(r) if r.is_integer() and abs(r) < 2**53 else r


_APPROX_PAIR_RE = re.compile("([一二两三四五六七八九])([二三四五六七八九])([十百千万萬亿億]*)")


def _approx_pair(core: str) -> tuple[Decimal, Decimal] | None:
    """三四 -> (3, 4), 两三百 -> (200, 300), 四五十 -> (40, 50): two Chinese digits in a row, then
    any place words, read as an approximate range."""
    m = _APPROX_PAIR_RE.fullmatch(core)
    if not m:
        return None
    a, b = CN_DIGITS[m.group(1)], CN_DIGITS[m.group(2)]
    if not 0 < a < b <= a + 2:
        return None
    scale = parse_decimal("一" + m.group(3)) if m.group(3) else Decimal(1)
    return a * scale, b * scale


#: Decimal arithmetic wide enough to be exact for any number printed in a newspaper.
_EXACT = Context(prec=100)


def _times(v: Decimal, factor: Fraction) -> float:
    """``float(Fraction(v) * factor)``, without building Fractions when the factor is whole.

    Both are the exact product rounded once to the nearest float, so the results are the same.
    """
    if factor.denominator == 1:
        return float(_EXACT.multiply(v, Decimal(factor.numerator)))
    return float(Fraction(v) * factor)


def _number(s: str) -> tuple[Decimal | None, bool, int]:
    """(value, has_approx_word, scale) of a number string that may hold 多/余 before its scale."""
    approx = "多" in s or "余" in s
    if approx:
        s = s.replace("多", "").replace("余", "")
    _, scale = split_scale(s)
    return parse_decimal(s), approx, scale


def _unit_of(surface: str) -> Unit | None:
    u = UNITS.get(surface)
    if u is None and surface.startswith("个") and len(surface) > 2 and surface[1] in "多余半":
        u = UNITS.get("个" + surface[2:])
    return u


def _rejected(text: str, m: re.Match, n1: str, unit: Unit, qualified: bool) -> bool:
    """The named reasons a number-with-unit match is not a quantity.

    ``qualified``: a qualifier word or 多/余 goes with the number (超过一年, 2000多年).
    """
    start = m.start("n1")
    lone = n1 in _LONE_DIGITS and not m.group("n2")
    # 一批, 一年一度, 一对一, 二次全会: a lone 一/二 without a qualifier is an article or ordinal.
    if lone and not qualified:
        return True
    # 第1—3名, 2020—2022年: the tail of a range whose head was rejected is rejected with it.
    if start > 1 and text[start - 1] in _RANGE_DASHES and text[start - 2].isdigit():
        return True
    # 陆克华, 伍家: one financial-form digit alone is a surname or a word, not an amount.
    if len(n1) == 1 and n1 in _FINANCIAL_DIGITS and not m.group("n2"):
        return True
    # 零部件, 〇号: a Chinese number never starts with a zero.
    if n1[0] in "零〇○":
        return True
    # “四个加快”: a Chinese number right after an opening quote starts a slogan.
    if start > 0 and text[start - 1] in _OPEN_QUOTES and n1[0] in _CN_NUM_CHARS:
        return True
    if unit.kind == "time":
        # 2022年, 二〇二三年: a year, unless a duration is plain (2000多年, 超过1000年).
        if unit.surface == "年" and _YEAR_DATE_RE.fullmatch(n1) and not qualified:
            return True
        # 前4个月 / 前三年: a period of a year (a date), not a duration.
        if start > 0 and text[start - 1] in _PERIOD_LEAD and not m.group("pre"):
            return True
    # 度 means kWh only with 万/亿 (100万度), else it is a temperature or an angle.
    if "scaled" in unit.flags and not re.search("[万萬亿億]", m.group("n1")):
        return True
    return False


def find_quantities(text: str) -> list[Fact]:
    """Every quantity in ``text``, in order, non-overlapping (the longest mention wins)."""
    norm = normalize_digits(text)
    facts: list[Fact] = []
    for m in _QUANTITY_RE.finditer(norm):
        f = _quantity(text, norm, m)
        if f is not None:
            if (f.start > 0 and norm[f.start - 1] in _MINUS and f.attrs["qualifier"] != "range"
                    and _is_sign(norm, f.start - 1)):
                f = _negated(text, f)
            facts.append(f)
    if "人口" in norm:
        facts = _add_headcounts(text, norm, facts)
    return facts


_MINUS = "-−负"


def _is_sign(norm: str, i: int) -> bool:
    """Is the minus at ``i`` a sign (增长-3.2%, 增速为负0.5%) rather than a hyphen (A-5, 2023-5)?"""
    if i == 0:
        return True
    before = norm[i - 1]
    return not (before.isascii() and before.isalnum()) and before not in "%％‰-−"


def _negated(text: str, f: Fact) -> Fact:
    attrs = dict(f.attrs)
    attrs["value"] = -attrs["value"]
    return Fact("quantity", text[f.start - 1:f.end], f.start - 1, f.end, attrs=attrs)


def _qualifier(m: re.Match, approx: bool, unit_kind: str) -> tuple[str, int, int]:
    """(qualifier, start, end) of the mention: prefix word, then suffix word, then 多/余."""
    start, end = m.start(), m.end()
    pre, post = m.group("pre"), m.group("post")
    if post == "内" and unit_kind not in _INNER_KINDS:
        end, post = m.start("post"), None
    qual = "exact"
    if approx:
        qual = "more_than"
    if post:
        qual = POSTFIX_QUALIFIERS[post]
    if pre:
        qual = PREFIX_QUALIFIERS[pre] if not (post and POSTFIX_QUALIFIERS[post] == "about") else "about"
    return qual, start, end


def _quantity(text: str, norm: str, m: re.Match) -> Fact | None:
    if m.group("pct"):
        val, approx, _ = _number(m.group("pn"))
        if val is None:
            return None
        factor = Fraction(1, 10) if m.group("pct") == "千分之" else Fraction(1)
        qual, start, end = _qualifier(m, approx, "percent")
        return _fact(text, start, end, _times(val, factor), "%", qual)

    surface = m.group("unit")
    unit = _unit_of(surface)
    if unit is None:
        return None
    n1 = m.group("n1")
    pre = m.group("pre")
    ge_word = surface[1:2] if surface.startswith("个") and len(surface) > 2 else ""
    approx = bool(m.group("m1") or m.group("m2") or m.group("mu")) or ge_word in ("多", "余")
    if _rejected(norm, m, n1, unit, bool(pre or m.group("post") or approx)):
        return None

    factor = unit.factor
    unit_name = unit.unit
    den = m.group("den")
    if den:
        d = _unit_of(den)
        if d is None or d.kind == "money":
            return None
        factor = factor / d.factor
        unit_name = f"{unit.unit}/{d.unit}"
    half = Fraction(1, 2) if ge_word == "半" else Fraction(0)  # 两个半小时

    n2 = m.group("n2")
    pair = _approx_pair(n1) if not n2 else None
    v1, a1, s1 = _number(n1)
    if v1 is None and pair is None:
        return None
    approx = approx or a1
    if n2 or pair:
        if pair:
            lo, hi = Fraction(pair[0]), Fraction(pair[1])
        else:
            v2, a2, s2 = _number(n2)
            if v2 is None:
                return None
            u1 = m.group("u1")
            if u1:
                first = _unit_of(u1)
                if first is None or first.unit != unit.unit:
                    return None
                lo = Fraction(v1) * first.factor / unit.factor
            else:
                lo = Fraction(v1)
                # 5至10亿元: the second number's scale carries to a first number without one.
                if s1 == 1 and s2 > 1 and lo < Fraction(v2) / s2:
                    lo *= s2
            hi = Fraction(v2)
        if lo > hi:  # 1万至8000元: a range written downwards
            lo, hi = hi, lo
        qual, start, end = _qualifier(m, False, unit.kind)
        return _fact(text, start, end, float((lo + half) * factor), unit_name, "range",
                     float((hi + half) * factor))
    qual, start, end = _qualifier(m, approx, unit.kind)
    value = _times(v1, factor) if not half else float((Fraction(v1) + half) * factor)
    return _fact(text, start, end, value, unit_name, qual)


def _fact(text: str, start: int, end: int, value: float, unit: str, qual: str,
          value_max: float | None = None) -> Fact:
    attrs = {"value": _round(value), "unit": unit, "qualifier": qual}
    if value_max is not None:
        attrs["value_max"] = _round(value_max)
    return Fact("quantity", text[start:end], start, end, attrs=attrs)


def _add_headcounts(text: str, norm: str, facts: list[Fact]) -> list[Fact]:
    taken = [(f.start, f.end) for f in facts]
    added = False
    for m in _HEADCOUNT_RE.finditer(norm):
        val, approx, _ = _number(m.group("n1"))
        if val is None:
            continue
        start = m.start("pre") if m.group("pre") else m.start("n1")
        end = m.end()
        if any(s < end and start < e for s, e in taken):
            continue
        qual = PREFIX_QUALIFIERS[m.group("pre")] if m.group("pre") else (
            "more_than" if approx or m.group("m1") else "exact")
        facts.append(_fact(text, start, end, float(val), "人", qual))
        added = True
    if added:
        facts.sort(key=lambda f: f.start)
    return facts
