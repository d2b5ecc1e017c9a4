#!/usr/bin/env python3
"""Build tests/corpus/facts_gold.jsonl from the hand-annotated tests/corpus/facts_gold.txt.

    python scripts/make_facts_gold.py [--check]

The annotation is written inline, one sentence per line (the rules of what is annotated are in
tests/corpus/FACTS_GOLD.md). A fact is ``[span|T args]``, nested as the text nests
(``[[北京市|P]商务局|O]``); ``T`` is the type:

    P place         [绵阳|P 绵阳市]  [北京市|P]  [朝阳区|P 朝阳区 code=110105]  [长江|P level=other]
                    name defaults to the span; code, level and parent come from the division,
                    country and region tables by name unless given (code=, level=, parent=)
    R person        [王志华|R 成都市委常委、副市长]   [张三|R]  (no title)
    O organization  [中国工商银行钦州分行|O]   [工行|O 中国工商银行]
    Q quantity      [3626.9亿元|Q 362690000000 CNY]   [超过128亿元|Q 12800000000 CNY more_than]
                    [5至10亿元|Q 500000000 CNY range 1000000000]
    D date          [去年|D 2022]  [一季度|D 2023Q1]  [4月|D 2023-04]  [5月17日|D 2023-05-17]
                    [1—4月|D 2023-01-01..2023-04-30]  [截至4月底|D ..2023-04-30]
    C document      [《…》|C]  (name: the title inside the marks)
    I indicator     [地区生产总值[3626.9亿元|Q …]|I 绵阳市 地区生产总值 2022 g=5]
                    subject (- for none), measure, period (as for D, - for none), g=growth;
                    value and unit from the last quantity inside, or v=… u=… (v=- for none)

Lines: ``# …`` comments, ``@date YYYY-MM-DD`` sets the issue date of the lines after it.
Ids are ``fg-NNNN`` in file order. ``--check`` exits 1 when the JSONL is not what the source gives.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from calendar import monthrange
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tests" / "corpus" / "facts_gold.txt"
OUT = ROOT / "tests" / "corpus" / "facts_gold.jsonl"
DATA = ROOT / "src" / "banmian" / "data"
TYPES = {"P": "place", "R": "person", "O": "organization", "Q": "quantity", "D": "date", "C": "document",
         "I": "indicator"}


class AnnotationError(ValueError):
    pass


def _rows(name: str) -> list[list[str]]:
    out, header = [], True
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        out.append(line.split("\t"))
    return out


def _place_table() -> dict[str, list[dict]]:
    """Standard name -> candidate places (divisions current first, then countries and regions)."""
    table: dict[str, list[dict]] = {}
    divs = {r[0]: r for r in _rows("divisions.tsv")}
    for code, r in divs.items():
        status = r[5] if len(r) > 5 and r[5] else "current"
        if status != "current":
            continue
        parent = divs[r[3]][1] if len(r) > 3 and r[3] in divs else None
        table.setdefault(r[1], []).append({"name": r[1], "code": code, "level": r[2], "parent": parent})
    for r in _rows("countries.tsv"):
        table.setdefault(r[0], []).append({"name": r[0], "code": None, "level": "country", "parent": None})
    for r in _rows("regions.tsv"):
        table.setdefault(r[0], []).append({"name": r[0], "code": None, "level": r[1], "parent": None})
    return table


PLACES = _place_table()
CODES = {c["code"]: c for cands in PLACES.values() for c in cands if c["code"]}


def _num(s: str) -> float | int:
    v = float(s)
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def _period(s: str) -> tuple[str | None, str | None, str]:
    """Date shorthand -> (start, end, precision)."""
    if ".." in s:
        a, b = s.split("..")
        return (a or None), b, "range"
    if re.fullmatch(r"\d{4}", s):
        return f"{s}-01-01", f"{s}-12-31", "year"
    m = re.fullmatch(r"(\d{4})Q([1-4])", s)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        end = dt.date(y, 3 * q, monthrange(y, 3 * q)[1])
        return f"{y}-{3 * q - 2:02d}-01", end.isoformat(), "quarter"
    m = re.fullmatch(r"(\d{4})-(\d{2})", s)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return f"{y}-{mo:02d}-01", dt.date(y, mo, monthrange(y, mo)[1]).isoformat(), "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        dt.date.fromisoformat(s)
        return s, s, "day"
    raise AnnotationError(f"bad date {s!r}")


def _split(args: str) -> tuple[list[str], dict[str, str]]:
    pos, kw = [], {}
    for tok in args.split():
        if "=" in tok:
            k, _, v = tok.partition("=")
            kw[k] = v
        else:
            pos.append(tok)
    return pos, kw


def _fact(kind: str, args: str, span: str, start: int, end: int, inner: list[dict]) -> dict:
    if kind not in TYPES:
        raise AnnotationError(f"unknown type {kind!r} in [{span}|{kind}]")
    f: dict = {"type": TYPES[kind], "text": span, "field": "text", "start": start, "end": end}
    pos, kw = _split(args) if kind != "R" else ([args.strip()] if args.strip() else [], {})
    if kind == "P":
        name = pos[0] if pos else span
        if "code" in kw:
            cand = dict(CODES[kw["code"]])
        else:
            cands = PLACES.get(name, [])
            if len(cands) > 1 and "level" not in kw:
                raise AnnotationError(f"place {name!r} is ambiguous: give code=")
            cand = dict(cands[0]) if cands else None
            if cand is None:
                if "level" not in kw:
                    raise AnnotationError(f"place {name!r} is in no table: give level=")
                cand = {"name": name, "code": None, "level": kw["level"], "parent": kw.get("parent")}
        cand["name"] = name if "code" not in kw else cand["name"]
        for k in ("level", "parent"):
            if k in kw:
                cand[k] = kw[k]
        f.update(name=cand["name"], code=cand["code"], level=cand["level"], parent=cand["parent"])
    elif kind == "R":
        f.update(name=span, title=pos[0] if pos else None)
    elif kind == "O":
        f.update(name=" ".join(pos) if pos else span)
    elif kind == "C":
        if not (span.startswith("《") and span.endswith("》")):
            raise AnnotationError(f"document {span!r} is not in 《》")
        f.update(name=span[1:-1].strip())
    elif kind == "Q":
        if len(pos) < 2:
            raise AnnotationError(f"quantity {span!r} needs value and unit")
        f.update(value=_num(pos[0]), unit=pos[1], qualifier=pos[2] if len(pos) > 2 else "exact")
        if f["qualifier"] == "range":
            f["value_max"] = _num(pos[3])
    elif kind == "D":
        s, e, p = _period(pos[0])
        f.update(value_start=s, value_end=e, precision=p)
    elif kind == "I":
        if len(pos) < 3:
            raise AnnotationError(f"indicator {span!r} needs subject, measure and period")
        s, e = (None, None) if pos[2] == "-" else _period(pos[2])[:2]
        qs = [q for q in inner if q["type"] == "quantity"]
        if "v" in kw:
            value = None if kw["v"] == "-" else _num(kw["v"])
            unit = None if kw["v"] == "-" else kw.get("u")
        elif qs:
            value, unit = qs[-1]["value"], qs[-1]["unit"]
        else:
            raise AnnotationError(f"indicator {span!r}: no quantity inside and no v=")
        f.update(subject=None if pos[0] == "-" else pos[0], indicator=pos[1], value=value, unit=unit,
                 period_start=s, period_end=e, growth=_num(kw["g"]) if "g" in kw else None)
    return f


def parse_line(line: str) -> tuple[str, list[dict]]:
    """(plain text, facts) of one annotated line."""
    out: list[str] = []
    n = 0  # length of out's text
    stack: list[dict] = []  # frames: start, mode ('span' | 'ann'), ann, end, inner
    facts: list[dict] = []
    for ch in line:
        top = stack[-1] if stack else None
        if top is not None and top["mode"] == "ann":
            if ch == "]":
                stack.pop()
                ann = top["ann"].strip()
                kind, _, args = ann.partition(" ")
                span = "".join(out)[top["start"]:top["end"]]
                f = _fact(kind, args, span, top["start"], top["end"], top["inner"])
                facts.append(f)
                if stack:
                    stack[-1]["inner"].append(f)
                    stack[-1]["inner"].extend(top["inner"])
            else:
                top["ann"] += ch
            continue
        if ch == "[":
            stack.append({"start": n, "mode": "span", "ann": "", "end": None, "inner": []})
        elif ch == "|" and top is not None:
            top["end"], top["mode"] = n, "ann"
        elif ch == "]":
            raise AnnotationError("] without [")
        else:
            out.append(ch)
            n += 1
    if stack:
        raise AnnotationError("[ without ]")
    facts.sort(key=lambda f: (f["start"], -f["end"], f["type"]))
    return "".join(out), facts


def build(src: Path = SRC) -> list[dict]:
    records, date = [], None
    for lineno, raw in enumerate(src.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@date "):
            date = dt.date.fromisoformat(line[6:].strip()).isoformat()
            continue
        try:
            text, facts = parse_line(line)
        except (AnnotationError, KeyError) as e:
            raise SystemExit(f"{src.name}:{lineno}: {e}") from None
        records.append({"id": f"fg-{len(records) + 1:04d}", "date": date, "text": text, "facts": facts})
    return records


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the JSONL differs from a fresh build")
    args = ap.parse_args()
    text = dumps(build())
    if args.check:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("facts_gold.jsonl is up to date" if same else "facts_gold.jsonl differs: run make_facts_gold.py")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {text.count(chr(10))} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
