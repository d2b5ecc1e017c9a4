"""Indicator charts as inline SVG made here: no script, no library, nothing fetched.

A series' points are placed by date (x: the end of each period, else the issue date) and value (y,
from zero when every value has one sign, so bars of growth are not exaggerated). Every statement is a
dot with its source in a tooltip; the line joins one value per period: the one most articles gave,
the latest issue breaking ties (a later article may correct an earlier figure).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import Counter
from typing import Any

from markupsafe import Markup, escape

from .labels import fmt_value
from .present import period_label

__all__ = ["line_chart", "nice_ticks", "period_values", "WIDTH", "HEIGHT"]

WIDTH, HEIGHT = 640, 280  # viewBox; the SVG scales to its container's width
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 84, 16, 16, 44
Y_TICKS = 5  # about this many value gridlines
X_LABEL_GAP = 72  # viewBox units between period labels: a label closer to the previous one is left out


def nice_ticks(lo: float, hi: float, n: int = Y_TICKS) -> list[float]:
    """Round tick values covering [lo, hi]: steps of 1, 2 or 5 times a power of ten."""
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        hi = lo + (abs(lo) or 1)
    raw = (hi - lo) / max(1, n - 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    v = start
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 10))
        v += step
    if ticks[-1] < hi:
        ticks.append(round(v, 10))
    return ticks


def period_values(points: list[dict[str, Any]], key: str = "value") -> list[dict[str, Any]]:
    """One point per period (``x``): the value most statements gave, the latest issue breaking ties."""
    by_x: dict[str, list[dict[str, Any]]] = {}
    for p in points:
        if p.get(key) is not None and p.get("x"):
            by_x.setdefault(p["x"], []).append(p)
    out = []
    for x in sorted(by_x):
        group = by_x[x]
        counts = Counter(p[key] for p in group)
        best = max(group, key=lambda p: (counts[p[key]], p.get("issue_date") or ""))
        out.append(best)
    return out


def _day(x: str) -> int:
    return _dt.date.fromisoformat(x[:10]).toordinal()


def line_chart(points: list[dict[str, Any]], unit: str | None, *, key: str = "value",
               title: str = "") -> Markup:
    """An SVG chart of ``points`` (dicts with ``x`` = ISO date and ``key``); empty markup when none has both."""
    pts = [p for p in points if p.get(key) is not None and p.get("x")]
    if not pts:
        return Markup("")
    line = period_values(pts, key)
    shown_unit = "%" if key == "growth" else unit
    values = [float(p[key]) for p in pts]
    lo, hi = min(values), max(values)
    if lo > 0:
        lo = 0.0
    if hi < 0:
        hi = 0.0
    ticks = nice_ticks(lo, hi)
    y0, y1 = ticks[0], ticks[-1]
    days = [_day(p["x"]) for p in pts]
    d0, d1 = min(days), max(days)
    span = max(1, d1 - d0)
    pw = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    ph = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def X(x: str) -> float:
        if d0 == d1:
            return MARGIN_LEFT + pw / 2
        return MARGIN_LEFT + (_day(x) - d0) / span * pw

    def Y(v: float) -> float:
        return MARGIN_TOP + (1 - (v - y0) / (y1 - y0)) * ph

    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" xmlns="http://www.w3.org/2000/svg"'
           f' aria-label="{escape(title)}">']
    if title:
        out.append(f"<title>{escape(title)}</title>")
    for t in ticks:
        y = Y(t)
        out.append(f'<line class="grid" x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="ylab" x="{MARGIN_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
                   f"{escape(fmt_value(t, shown_unit))}</text>")
    if y0 < 0 < y1:
        out.append(f'<line class="zero" x1="{MARGIN_LEFT}" x2="{WIDTH - MARGIN_RIGHT}" y1="{Y(0):.1f}" y2="{Y(0):.1f}"/>')
    last_x = -math.inf
    for x in sorted({p["x"] for p in pts}):
        if X(x) - last_x < X_LABEL_GAP:
            continue
        last_x = X(x)
        p0 = next(p for p in pts if p["x"] == x)
        label = period_label(p0.get("period_start"), p0.get("period_end")) or x
        anchor = "end" if X(x) > WIDTH - MARGIN_RIGHT - X_LABEL_GAP / 2 else "middle"
        out.append(f'<text class="xlab" x="{X(x):.1f}" y="{HEIGHT - MARGIN_BOTTOM + 18}" text-anchor="{anchor}">'
                   f"{escape(label)}</text>")
    if len(line) > 1:
        path = " ".join(f"{'M' if i == 0 else 'L'}{X(p['x']):.1f},{Y(float(p[key])):.1f}" for i, p in enumerate(line))
        out.append(f'<path class="line" d="{path}"/>')
    for p in pts:
        tip = (f"{period_label(p.get('period_start'), p.get('period_end')) or p['x']}: "
               f"{fmt_value(p[key], shown_unit, p.get('qualifier') if key == 'value' else None)}"
               f" ({p.get('issue_date') or '日期不详'} {p.get('headline') or ''})")
        out.append(f'<circle class="dot" cx="{X(p["x"]):.1f}" cy="{Y(float(p[key])):.1f}" r="4">'
                   f"<title>{escape(tip)}</title></circle>")
    out.append("</svg>")
    return Markup("".join(out))
