"""Numbers as newspapers print them: Arabic, Chinese, and the two mixed.

``parse_number`` reads one number string; the regex fragments below are what the quantity and
date extractors use to *find* number strings in running text. Nothing here knows about units.

Accepted forms (see ``tests/test_numbers.py`` for the full table):

* Arabic: ``1490``, ``3,500``, ``3626.9``, full-width ``１２．５``, a leading ``-``/``负``.
* Arabic with a scale: ``3.5万``, ``1.2亿``, ``3万亿`` (= 3e12), ``10万千`` (scales in a row multiply).
* Chinese: ``三千六百二十六点九``, ``两千``, ``十二``, ``二十万``, ``一百零五``, financial ``壹佰``.
* Elliptical Chinese: a last digit after a scale takes the next lower place
  (``一万二`` = 12000, ``三千五`` = 3500, ``一亿五`` = 1.5e8).
* Mixed: ``3万5千`` = 35000, ``3万500`` = 30500.
* Digit strings without place words read positionally: ``二〇二三`` = 2023, ``三点一四`` = 3.14.
* Fractions: ``三分之一``, ``百分之五`` = 0.05 (the quantity extractor reads the latter as 5 %).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["parse_number", "parse_decimal", "split_scale", "normalize_digits",
           "ARABIC_RE", "CHINESE_RE", "NUMBER_RE", "CN_DIGITS", "SCALES"]

#: Chinese digit characters and their values (including financial forms and 两/〇).
CN_DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "两": 2, "贰": 2, "貳": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
#: Place words below 万: multiply the digit before them.
_SMALL: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
#: Section words: close a section of up to four places.
_BIG: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
#: Every scale word (as a trailing multiplier of an Arabic number).
SCALES: dict[str, int] = {**_SMALL, **_BIG}

_FW_TABLE = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
_FW_RE = re.compile("[０-９．－]")
#: In one number string a full-width comma is a thousands separator; in running text it is the
#: clause comma (增长5，100家企业...), so ``normalize_digits`` leaves it alone.
_FW_NUMBER_TABLE = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


def normalize_digits(s: str) -> str:
    """Full-width digits, point and minus to ASCII; length is preserved (offsets stay valid)."""
    return s.translate(_FW_TABLE) if _FW_RE.search(s) else s


# --- regex fragments (used by quantities.py and dates.py on digit-normalised text) ---------------
_CD = "〇零○一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖"
_CU = "十拾百佰千仟万萬亿億"
#: An Arabic number: thousands groups (exactly 3 digits after each comma) or plain, optional decimals.
ARABIC_RE = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
#: A Chinese number: starts with a digit or 十, may hold place words and one 点 with digits after.
CHINESE_RE = rf"[{_CD}十拾][{_CD}{_CU}]*(?:点[{_CD}]+[万萬亿億]*)?"
#: Any number as found in text, with trailing scales and 多/余 before a scale (``2300多万``),
#: and the mixed tail of ``3万5千``; a 千 that starts a unit (千瓦, 千米, 千克, 千帕) is left to the
#: unit (2.6亿千瓦时). Approximation words (多/余) after the number are the caller's.
NUMBER_RE = (rf"(?:{ARABIC_RE}|{CHINESE_RE})"
             rf"(?:[多余]?(?:[十百万萬亿億]|千(?![瓦米克帕]))+(?:[0-9]+[千百])?)?")

_ARABIC_FULL = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[+-]?\.[0-9]+")
_TOKEN = re.compile(rf"[0-9]+(?:\.[0-9]+)?|点[{_CD}]+|[{_CD}]|[{_CU}]")
_VALID = re.compile(rf"(?:[0-9]+(?:\.[0-9]+)?|点[{_CD}]+|[{_CD}{_CU}])+")
_CN_DIGIT_STRING = re.compile(rf"[{_CD}]+(?:点[{_CD}]+)?")


def _dec(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def _digit_string(s: str) -> Decimal:
    """``二〇二三`` -> 2023, ``三点一四`` -> 3.14 (positional Chinese digits)."""
    return Decimal("".join(str(CN_DIGITS[c]) if c in CN_DIGITS else "." for c in s))


def _parse_positional(s: str) -> Decimal | None:
    """The place-value reading of a string made of numbers and place words."""
    if not _VALID.fullmatch(s):
        return None
    total = Decimal(0)       # closed 亿 sections
    section = Decimal(0)     # the value below the current 亿 section
    cur: Decimal | None = None
    cur_single = False       # cur is one Chinese or Arabic digit 1-9 (for the elliptical reading)
    prev_unit: int | None = None  # the place word just before cur
    prev_was_unit = False
    zero_seen = False
    for tok in _TOKEN.findall(s):
        c = tok[0]
        if c.isdigit():
            if cur is not None:
                return None
            cur = _dec(tok)
            cur_single = len(tok) == 1 and tok != "0"
            prev_was_unit = False
        elif c == "点":
            frac = Decimal("0." + "".join(str(CN_DIGITS[x]) for x in tok[1:]))
            cur = (cur or Decimal(0)) + frac
            cur_single = False
            prev_was_unit = False
        elif c in CN_DIGITS:
            d = CN_DIGITS[c]
            if cur is not None:
                if cur == 0:          # 零 as a placeholder before the digit
                    cur = Decimal(d)
                elif d == 0:
                    zero_seen = True
                    continue
                else:
                    return None
            else:
                cur = Decimal(d)
            if d == 0:
                zero_seen = True
            cur_single = d != 0
            prev_was_unit = False
        elif c in _SMALL:
            u = _SMALL[c]
            if cur is None:
                if prev_was_unit and section:
                    section *= u  # 万千 (10万千瓦): scales in a row multiply
                else:
                    section += u  # 十二: a leading 十 means 一十
            else:
                section += cur * u
            cur = None
            prev_unit, prev_was_unit, zero_seen = u, True, False
        else:  # 万 / 亿
            u = _BIG[c]
            if u == 10**8:
                total = (total + section + (cur or 0)) * u
                section = Decimal(0)
            else:
                section = (section + (cur or 0)) * u
            cur = None
            prev_unit, prev_was_unit, zero_seen = u, True, False
    if cur is not None:
        if prev_unit is not None and cur_single and not zero_seen and prev_unit >= 100:
            cur *= prev_unit // 10        # 一万二 = 12000, 三千五 = 3500
        section += cur
    return total + section


def _parse_decimal(s: str) -> Decimal | None:
    s = s.strip().translate(_FW_NUMBER_TABLE).replace(" ", "")
    if not s:
        return None
    if _ARABIC_FULL.fullmatch(s):
        try:
            return _dec(s)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
            return None
    neg = False
    if s[0] in "-−负":
        neg, s = True, s[1:]
    elif s[0] == "+":
        s = s[1:]
    if "分之" in s:
        den_s, _, num_s = s.partition("分之")
        den = Decimal(SCALES[den_s]) if den_s in SCALES else (
            _parse_decimal(den_s) if den_s else None)  # 百分之五: 百 alone is the denominator
        num = _parse_decimal(num_s) if num_s else None
        if den is None or num is None or den == 0:
            return None
        val = num / den
        return -val if neg else val
    if not any(c.isdigit() or c in CN_DIGITS or c in "十拾" for c in s):
        return None  # 万 / 百 alone are no numbers
    if "," in s:
        m = re.fullmatch(r"((?:[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?)(.*)", s)
        if not m:
            return None
        s = m.group(1).replace(",", "") + m.group(2)
    if _CN_DIGIT_STRING.fullmatch(s) and len(s) > 1 and s[0] != "点":
        # 二〇二三 / 三点一四: digits without place words read positionally
        val = _digit_string(s)
    else:
        val = _parse_positional(s)
    if val is None:
        return None
    return -val if neg else val


def parse_number(s: str) -> float | None:
    """The value of one number string, or None when ``s`` is not a number.

    >>> parse_number("三千六百二十六点九"), parse_number("3.5万"), parse_number("一万二")
    (3626.9, 35000.0, 12000.0)
    """
    val = _parse_decimal(s)
    return None if val is None else float(val)


def parse_decimal(s: str) -> Decimal | None:
    """Like ``parse_number`` but exact (``Decimal``), for callers that scale the value further."""
    return _parse_decimal(s)


def split_scale(s: str) -> tuple[str, int]:
    """Split trailing scale words off a number string: ``3.5万`` -> (``3.5``, 10000).

    After an Arabic core every trailing scale word counts (``3千万`` -> (``3``, 1e7)); after a Chinese
    core only the trailing 万/亿 run (``二十万`` -> (``二十``, 10000)), since 十/百/千 are its places.
    Used to carry the scale of the second number of a range to the first (``5至10亿元``).
    """
    i = len(s)
    while i > 0 and s[i - 1] in _BIG:
        i -= 1
    if i > 0 and s[i - 1] in _SMALL and s[:i].rstrip("十拾百佰千仟")[-1:].isdigit():
        while s[i - 1] in _SMALL:
            i -= 1
    core, scale_s = s[:i], s[i:]
    if not core or not scale_s:
        return s, 1
    scale = 1
    for c in scale_s:
        scale *= SCALES[c]
    return core, scale
