"""What the reader prints for the archive's codes: Chinese labels, colours, units and number display.

Tables only (rules as data); ``fmt_value`` is the one function, turning a value in its canonical unit
back into the way a Chinese paper writes it (3626.9亿元, 8.7万平方米).
"""

from __future__ import annotations

import math
from decimal import Decimal

__all__ = ["FACT_TYPES", "FACT_TYPE_ORDER", "LEVELS", "KINDS", "FIELDS", "QUALIFIERS", "PRECISIONS", "UNITS",
           "FREQUENCIES", "fmt_value", "fmt_number", "unit_label", "field_label"]

#: Fact type -> (label, colour of its highlight). The colours are distinct for the common kinds of
#: colour blindness (checked against the Okabe-Ito palette they are taken from) and light enough for
#: black text on them.
FACT_TYPES: dict[str, tuple[str, str]] = {
    "place": ("地点", "#cde8f6"),
    "person": ("人物", "#fde2c4"),
    "organization": ("机构", "#d4f0e4"),
    "quantity": ("数量", "#fbf4b6"),
    "date": ("日期", "#e8dcf2"),
    "document": ("文件", "#f8d5e4"),
    "indicator": ("指标", "#ffd0bf"),
}
FACT_TYPE_ORDER = tuple(FACT_TYPES)

LEVELS = {"country": "国家", "province": "省级", "city": "地级", "county": "县级", "town": "乡镇",
          "village": "村", "region": "区域", "other": "其他"}
KINDS = {"article": "文章", "photo": "图片新闻", "brief": "简讯"}
FIELDS = {"headline": "主标题", "kicker": "引题", "subheadline": "副题", "dateline": "电头", "body": "正文",
          "text": "正文"}
QUALIFIERS = {"exact": "", "about": "约", "more_than": "超过", "less_than": "不到", "at_least": "至少",
              "at_most": "至多", "range": ""}
PRECISIONS = {"day": "日", "month": "月", "quarter": "季度", "year": "年", "range": "时段"}
#: Indicator series frequencies (see ``queries.frequency``) in the order a page lists them.
FREQUENCIES = {"year": "年度", "half": "半年", "quarter": "季度", "month": "月度", "ytd": "年内累计",
               "point": "时点", "other": "其他时段", "none": "未注明时期"}

#: Canonical unit -> how it is printed. Counts keep their measure word (个, 家), which prints as is.
UNITS = {"CNY": "元", "USD": "美元", "EUR": "欧元", "JPY": "日元", "HKD": "港元", "GBP": "英镑", "KRW": "韩元",
         "AUD": "澳元", "CAD": "加元", "m": "米", "m2": "平方米", "m3": "立方米", "t": "吨", "t/a": "吨/年",
         "W": "瓦", "kWh": "千瓦时", "Pa": "帕", "d": "天", "h": "小时", "a": "年", "%": "%", "pp": "个百分点",
         "V": "伏", "°C": "℃"}
#: Units a value is never scaled with 万/亿 (percentages, ages, temperatures read wrong as 1.2万%).
UNSCALED = frozenset({"%", "pp", "岁", "°C", "倍", "a", "d", "h"})
#: Scale words, largest first, and the smallest value written with each (1.5万, not 15000).
SCALES = ((Decimal(100_000_000), "亿"), (Decimal(10_000), "万"))
SIGNIFICANT = 6  # digits kept when a value is scaled: 3626.9亿 keeps all the paper printed


def unit_label(unit: str | None) -> str:
    return "" if not unit else UNITS.get(unit, unit)


def field_label(field: str) -> str:
    if field.startswith("captions["):
        return "图片署名" if field.endswith(".credit") else "图片说明"
    return FIELDS.get(field, field)


def fmt_number(value: float | int | None) -> str:
    """A number as printed: no float noise (266666666.667 -> 266666666.67), no trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return str(value)
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    d = round(d, 2) if abs(d) >= 1 else d.normalize()
    s = format(d.normalize(), "f")
    return s


def _scaled(value: float | int) -> tuple[str, str]:
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    for size, word in SCALES:
        if abs(d) >= size:
            q = d / size
            digits = max(0, SIGNIFICANT - len(str(int(abs(q)))))
            q = round(q, min(digits, 4)).normalize()
            return format(q, "f"), word
    return fmt_number(value), ""


def fmt_value(value: float | int | None, unit: str | None, qualifier: str | None = None,
              value_max: float | int | None = None) -> str:
    """``362690000000, CNY`` -> ``3626.9亿元``; ``5.48, %, range, 14.2`` -> ``5.48%—14.2%``."""
    if value is None:
        return ""
    label = unit_label(unit)

    def one(v: float | int) -> str:
        if unit is None or unit in UNSCALED:
            return fmt_number(v) + label
        text, scale = _scaled(v)
        return text + scale + label

    if value_max is not None:
        return f"{one(value)}—{one(value_max)}"
    return QUALIFIERS.get(qualifier or "exact", "") + one(value)
