"""How a fact's own fields are stored: indexed columns, plus JSON of what the columns do not hold.

A fact's type-specific fields (``name``, ``code``, ``value``...) feed the indexed columns ``name``,
``division``, ``indicator``, ``value``, ``unit``, ``period_start``, ``period_end``. A field whose
value a column holds exactly (same value, same type) is not written again in the JSON: the JSON
names it in ``MARK`` instead, by a letter, and ``unpack`` puts it back. This saves about a quarter
of the facts table (a place's name and code, a quantity's value and unit, a date's span).
``unpack(pack(...)) == attrs``, keys in their order (fields move to columns only when they lead the
dict in the order of ``SLOTS``, which is the contract's order for its types).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

__all__ = ["pack", "unpack", "MARK"]

MARK = "~"
#: (letter, field, column index), in the order fields come back: the contract's order for its types
#: (place: name, code; quantity: value, unit; date: value_start, value_end; indicator: subject,
#: indicator, value, unit, period_start, period_end).
SLOTS = (("n", "name", 0), ("j", "subject", 0), ("k", "code", 1), ("i", "indicator", 2), ("v", "value", 3),
         ("u", "unit", 4), ("s", "value_start", 5), ("e", "value_end", 6), ("p", "period_start", 5),
         ("q", "period_end", 6))
_BY_LETTER = {letter: (name, col) for letter, name, col in SLOTS}
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _str(v: Any) -> str | None:
    return v if isinstance(v, str) else None


def _first_str(a: dict[str, Any], *keys: str) -> tuple[str | None, str | None]:
    for k in keys:
        if isinstance(a.get(k), str):
            return k, a[k]
    return None, None


def pack(ftype: str, a: dict[str, Any], division_of: Callable[[str], str | None]) -> tuple:
    """``(name, division, indicator, value, unit, period_start, period_end, attrs_json)``.

    ``division`` is the fact's own code, else (a town) its parent's, else (an indicator) its
    subject's when that names a division; ``division_of`` resolves a name to a code.
    """
    name_key, name = _first_str(a, "name", "subject")
    division = a.get("code") if isinstance(a.get("code"), str) and a.get("code") else None
    if division is None:
        ref = a.get("parent") if ftype == "place" else a.get("subject")
        if isinstance(ref, str) and ref:
            division = division_of(ref)
    value = a.get("value")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        value = None
    start_key, start = _first_str(a, "period_start", "value_start")
    end_key, end = _first_str(a, "period_end", "value_end")
    cols = (name, division, _str(a.get("indicator")), value, _str(a.get("unit")), start, end)
    source = {0: name_key, 5: start_key, 6: end_key}
    moved = []
    for letter, key, col in SLOTS:
        if key not in a or source.get(col, key) != key:
            continue
        v = a[key]
        if type(v) is type(cols[col]) and v == cols[col]:
            moved.append(letter)
    keys = [_BY_LETTER[m][0] for m in moved]
    if keys != list(a)[:len(keys)]:  # they would not come back in their order: keep the JSON whole
        moved = []
    if moved:
        gone = set(keys)
        rest: dict[str, Any] = {k: v for k, v in a.items() if k not in gone}
        rest[MARK] = "".join(moved)
    else:
        rest = a
    return (*cols, _json(rest))


def unpack(attrs_json: str, cols: tuple) -> dict[str, Any]:
    """The fact's fields from the stored JSON and columns ``(name, division, indicator, value, unit,
    period_start, period_end)``."""
    rest = json.loads(attrs_json)
    moved = rest.pop(MARK, "")
    if not moved:
        return rest
    out = {_BY_LETTER[m][0]: cols[_BY_LETTER[m][1]] for m in moved}
    out.update(rest)
    return out
