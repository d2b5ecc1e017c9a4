"""Score facts against a gold file: precision, recall and F1 per fact type.

    >>> import banmian
    >>> report = banmian.evaluate("tests/corpus/facts_gold.jsonl")   # doctest: +SKIP
    >>> report["types"]["place"]["exact"]["f1"]                        # doctest: +SKIP

The gold file is JSON lines ``{"id": …, "text": …, "date": "YYYY-MM-DD" (optional), "facts": [Fact…]}``
with the contract's facts (``field`` ``text``, offsets into ``text``). Predictions are extracted from
the texts (``extract_facts(text, date)``) or read from the output of ``banmian extract`` (JSON lines
``{"id": …, "facts": […]}``), matched to gold lines by ``id`` (by line order when ids repeat or are
missing).

Three scores per type, each precision / recall / F1 over one-to-one matches:

* ``exact``: same type, same start and end.
* ``overlap``: same type, spans overlap (each gold fact matched to at most one prediction, the
  largest overlap first).
* ``attrs``: an overlap match whose type fields agree as well (``ATTR_KEYS``): a place's name, a
  person's name and title, a quantity's value (``VALUE_REL_TOL``), unit and qualifier, a date's
  start and end, an indicator's subject, measure, value, unit, period and growth.

Quantities are also scored by kind (``quantity:money``, ``quantity:percent``, …), and persons get
``name_title_accuracy``: among overlap-matched persons, the share whose name and title both agree.
A bad gold line is reported (``errors``: line and reason) and left out; the rest is scored.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import GoldError

__all__ = ["evaluate", "load_gold", "format_table", "FACT_TYPES", "ATTR_KEYS"]

FACT_TYPES = ("place", "person", "organization", "quantity", "date", "document", "indicator")
#: The fields that must agree for an ``attrs`` match, by type.
ATTR_KEYS: dict[str, tuple[str, ...]] = {
    "place": ("name",),
    "person": ("name", "title"),
    "organization": ("name",),
    "quantity": ("value", "unit", "qualifier", "value_max"),
    "date": ("value_start", "value_end"),
    "document": ("name",),
    "indicator": ("subject", "indicator", "value", "unit", "period_start", "period_end", "growth"),
}
#: Relative tolerance for numbers (values in canonical units): 0.1 %, as the seed scorer uses.
VALUE_REL_TOL = 1e-3
#: Quantity kinds reported on their own rows, by unit.
QUANTITY_KINDS = {"money": lambda u: isinstance(u, str) and len(u) == 3 and u.isupper(),
                  "percent": lambda u: u == "%"}

Source = str | os.PathLike[str] | Iterable[dict[str, Any]]


# --- reading -------------------------------------------------------------------------------------

def _lines(source: Source, label: str) -> Iterable[tuple[int, str, Any]]:
    """(line number, label, parsed object or an exception) for each non-empty line or record."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            fh = path.open(encoding="utf-8-sig")
        except FileNotFoundError:
            raise GoldError("no such file", source=str(path)) from None
        except OSError as e:
            raise GoldError(f"cannot be read ({e.strerror or e})", source=str(path)) from None
        with fh:
            try:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        try:
                            yield n, str(path), json.loads(line)
                        except ValueError as e:
                            yield n, str(path), ValueError(f"not JSON ({e.msg})")
            except UnicodeDecodeError as e:
                raise GoldError(f"is not UTF-8 text ({e.reason})", source=str(path)) from None
    else:
        for n, rec in enumerate(source, 1):
            yield n, label, rec


def _check_fact(f: Any, text: str) -> str | None:
    if not isinstance(f, dict):
        return "a fact is not an object"
    if f.get("type") not in FACT_TYPES:
        return f"fact type {f.get('type')!r} is not one of {', '.join(FACT_TYPES)}"
    start, end = f.get("start"), f.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return f"fact {f.get('text')!r}: start/end {start!r}/{end!r} are not offsets into the text"
    if text[start:end] != f.get("text"):
        return f"fact {f.get('text')!r}: text[{start}:{end}] is {text[start:end]!r}"
    if f.get("field", "text") != "text":
        return f"fact {f.get('text')!r}: field must be 'text'"
    return None


def load_gold(gold: Source) -> tuple[list[dict[str, Any]], list[str]]:
    """The valid gold records and one message per bad line (``FILE:LINE: reason``)."""
    records, errors = [], []
    for n, label, rec in _lines(gold, "<gold>"):
        where = f"{label}:{n}"
        if isinstance(rec, Exception):
            errors.append(f"{where}: {rec}")
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            errors.append(f'{where}: expected an object with a "text" string')
            continue
        if not isinstance(rec.get("facts"), list):
            errors.append(f'{where}: expected a "facts" list')
            continue
        date = rec.get("date")
        if date is not None:
            from .pipeline import check_date
            try:
                check_date(date)
            except Exception:  # noqa: BLE001 - reported as the line's reason
                errors.append(f"{where}: date {date!r} is not YYYY-MM-DD")
                continue
        problems = [p for p in (_check_fact(f, rec["text"]) for f in rec["facts"]) if p]
        if problems:
            errors.append(f"{where}: {problems[0]}")
            continue
        records.append(rec)
    return records, errors


def _predictions(gold: list[dict[str, Any]], pred: Source | None, date: str | None,
                 errors: list[str]) -> list[list[dict[str, Any]]]:
    if pred is None:
        from .pipeline import extract_facts
        return [[f.to_dict() for f in extract_facts(g["text"], g.get("date") or date)] for g in gold]
    rows: list[tuple[Any, list[dict[str, Any]]]] = []
    for n, label, rec in _lines(pred, "<pred>"):
        if isinstance(rec, Exception) or not isinstance(rec, dict) or not isinstance(rec.get("facts"), list):
            errors.append(f"{label}:{n}: expected an object with a \"facts\" list")
            rows.append((None, []))
            continue
        rows.append((rec.get("id"), [f for f in rec["facts"] if isinstance(f, dict)]))
    ids = [g.get("id") for g in gold]
    unique = None not in ids and len(set(map(repr, ids))) == len(ids)
    if unique:
        by_id = {repr(i): facts for i, facts in rows}
        missing = [i for i in ids if repr(i) not in by_id]
        if missing:
            errors.append(f"predictions: no line for gold id {missing[0]!r} ({len(missing)} in all)")
        return [by_id.get(repr(i), []) for i in ids]
    if len(rows) != len(gold):
        errors.append(f"predictions: {len(rows)} lines for {len(gold)} gold lines")
    return [rows[i][1] if i < len(rows) else [] for i in range(len(gold))]


# --- matching ------------------------------------------------------------------------------------

def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=VALUE_REL_TOL, abs_tol=1e-9)
    return a == b


def _attrs_agree(g: dict[str, Any], p: dict[str, Any]) -> bool:
    return all(_same(g.get(k), p.get(k)) for k in ATTR_KEYS.get(g["type"], ()) if k in g or k in p)


def _match(golds: list[dict], preds: list[dict], exact: bool) -> list[tuple[dict, dict]]:
    """One-to-one matches of facts of one type: exact spans, or the largest overlaps first."""
    if exact:
        by_span: dict[tuple[int, int], list[dict]] = {}
        for p in preds:
            by_span.setdefault((p.get("start"), p.get("end")), []).append(p)
        pairs = []
        for g in golds:
            cands = by_span.get((g["start"], g["end"]))
            if cands:
                # among predictions of the same span, the one whose fields agree
                best = next((c for c in cands if _attrs_agree(g, c)), cands[0])
                cands.remove(best)
                pairs.append((g, best))
        return pairs
    scored = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            ps, pe = p.get("start"), p.get("end")
            if not isinstance(ps, int) or not isinstance(pe, int):
                continue
            ov = min(g["end"], pe) - max(g["start"], ps)
            if ov > 0:
                scored.append((-int(_attrs_agree(g, p)), -ov, i, j))
    scored.sort()
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in scored:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((golds[i], preds[j]))
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _kind(f: dict[str, Any]) -> str | None:
    if f.get("type") != "quantity":
        return None
    for name, test in QUANTITY_KINDS.items():
        if test(f.get("unit")):
            return name
    return None


# --- the score -----------------------------------------------------------------------------------

def evaluate(gold: Source, pred: Source | None = None, *, date: str | None = None,
             types: Iterable[str] | None = None, misses: bool = False) -> dict[str, Any]:
    """Score predictions against ``gold`` (a path or records); returns the report as a dict.

    ``pred``: a path to ``banmian extract`` output, or records ``{"id", "facts"}``; None extracts
    the facts from the gold texts now. ``date``: the issue date for gold lines without one.
    ``types``: the fact types to score (default: every type). ``misses``: also list, under
    ``"misses"``, every gold fact without an ``attrs`` match (``missed``) and every prediction
    without one (``spurious``), with the sentence id.
    """
    records, errors = load_gold(gold)
    preds = _predictions(records, pred, date, errors)
    wanted = tuple(types) if types else FACT_TYPES
    rows = list(wanted) + [f"quantity:{k}" for k in QUANTITY_KINDS if "quantity" in wanted]
    counts = {r: {"gold": 0, "pred": 0, "exact": 0, "overlap": 0, "attrs": 0} for r in rows}
    persons = {"matched": 0, "name_title": 0}
    miss_list: list[dict[str, Any]] = []
    for rec, pfacts in zip(records, preds):
        pfacts = [p for p in pfacts if p.get("field", "text") == "text"]
        for row in rows:
            t, _, kind = row.partition(":")
            golds = [g for g in rec["facts"] if g["type"] == t and (not kind or _kind(g) == kind)]
            ps = [p for p in pfacts if p.get("type") == t and (not kind or _kind(p) == kind)]
            c = counts[row]
            c["gold"] += len(golds)
            c["pred"] += len(ps)
            c["exact"] += len(_match(golds, ps, exact=True))
            over = _match(golds, ps, exact=False)
            c["overlap"] += len(over)
            good = [(g, p) for g, p in over if _attrs_agree(g, p)]
            c["attrs"] += len(good)
            if misses and not kind:
                hit_g, hit_p = {id(g) for g, _ in good}, {id(p) for _, p in good}
                partner = {id(g): p for g, p in over} | {id(p): g for g, p in over}
                for what, facts, hit in (("missed", golds, hit_g), ("spurious", ps, hit_p)):
                    for f in facts:
                        if id(f) not in hit:
                            miss_list.append({"id": rec.get("id"), "kind": what, "fact": f,
                                              "against": partner.get(id(f))})
            if row == "person":
                persons["matched"] += len(over)
                persons["name_title"] += sum(1 for g, p in over
                                             if g.get("name") == p.get("name") and g.get("title") == p.get("title"))
    report_types = {}
    for row, c in counts.items():
        report_types[row] = {"gold": c["gold"], "pred": c["pred"],
                             **{k: _prf(c[k], c["pred"], c["gold"]) for k in ("exact", "overlap", "attrs")}}
    main = [counts[t] for t in wanted]
    total = {k: sum(c[k] for c in main) for k in ("gold", "pred", "exact", "overlap", "attrs")}
    report: dict[str, Any] = {
        "sentences": len(records),
        "types": report_types,
        "micro": {"gold": total["gold"], "pred": total["pred"],
                  **{k: _prf(total[k], total["pred"], total["gold"]) for k in ("exact", "overlap", "attrs")}},
        "errors": errors,
    }
    if misses:
        report["misses"] = miss_list
    if "person" in wanted:
        m = persons["matched"]
        report["types"]["person"]["name_title_accuracy"] = round(persons["name_title"] / m, 4) if m else None
    return report


def format_table(report: dict[str, Any]) -> str:
    """The report as a plain-text table, one row per type."""
    head = (f"{'type':<18}{'gold':>6}{'pred':>6}   {'exact P':>7}{'R':>6}{'F1':>6}"
            f"   {'overlap P':>9}{'R':>6}{'F1':>6}   {'attrs P':>7}{'R':>6}{'F1':>6}")
    lines = [f"{report['sentences']} sentences", head, "-" * len(head)]

    def row(name: str, r: dict[str, Any]) -> str:
        cells = "".join(f"   {r[k]['precision']:>{7 if k != 'overlap' else 9}.3f}{r[k]['recall']:>6.3f}"
                        f"{r[k]['f1']:>6.3f}" for k in ("exact", "overlap", "attrs"))
        return f"{name:<18}{r['gold']:>6}{r['pred']:>6}{cells}"

    for name, r in report["types"].items():
        lines.append(row(name, r))
    lines.append("-" * len(head))
    lines.append(row("all (micro)", report["micro"]))
    person = report["types"].get("person")
    if person and person.get("name_title_accuracy") is not None:
        lines.append(f"persons: name and title right for {person['name_title_accuracy']:.3f} "
                     f"of {person['overlap']['tp']} found")
    return "\n".join(lines)
