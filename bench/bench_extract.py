"""Benchmark `extract`: chars/s and peak memory of fact extraction on one core, next to jieba.

    python bench/bench_extract.py [--chars 3000000] [--seed 1] [--profile] [--no-jieba]

The corpus is made of running text the project holds: the sentences of the facts gold corpus
(``tests/corpus/facts_gold.jsonl``) and every paragraph, headline and caption of the article
collection (``tests/corpus/articles_*.json``), shuffled and repeated up to ``--chars`` characters.
Each unit is extracted on its own, as ``banmian extract`` does one line at a time, with the issue
date 2023-05-22. Then jieba's part-of-speech tagger (``jieba.posseg.cut``, the usual first step of a
Chinese entity extractor) runs over the same units in the same process, and the ratio is printed.
jieba's dictionary load is done before its clock starts; so is banmian's first call (its tables).

Speeds are characters per second of CPU time of this process (``time.process_time``), which other
work on the machine disturbs less than the wall clock; the wall-clock figure is printed next to it.
Peak memory is the process's maximum resident set size (``ru_maxrss``): once with the corpus built,
once after extraction (banmian's peak), once after jieba (jieba's dictionary adds to it).
``--profile`` runs the extraction under pyinstrument (the ``bench`` extra) and prints where the time goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from banmian.extract import dates, documents, facts, indicators, orgs, people, places, quantities  # noqa: E402
from banmian.extract.facts import extract_text  # noqa: E402

REF = dt.date(2023, 5, 22)
GOAL, FLOOR = 1_000_000, 300_000  # chars/s, from the issue


def units() -> list[str]:
    """Every piece of running text the project holds, once."""
    out = []
    for line in (ROOT / "tests" / "corpus" / "facts_gold.jsonl").read_text(encoding="utf-8").splitlines():
        out.append(json.loads(line)["text"])
    for path in sorted((ROOT / "tests" / "corpus").glob("articles_*.json")):
        for art in json.loads(path.read_text(encoding="utf-8")):
            out.extend(p for p in art.get("paragraphs", []) if p)
            out.extend(art.get(k) for k in ("headline", "kicker", "subheadline") if art.get(k))
            out.extend(c["text"] for c in art.get("captions", []) if isinstance(c, dict) and c.get("text"))
    return [u for u in out if isinstance(u, str) and u.strip()]


def corpus(target: int, seed: int) -> list[str]:
    base = units()
    rng = random.Random(seed)
    out, n = [], 0
    while n < target:
        batch = base[:]
        rng.shuffle(batch)
        for u in batch:
            out.append(u)
            n += len(u)
            if n >= target:
                break
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_extract(texts: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, facts) of extracting every text."""
    n_facts = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        n_facts += len(extract_text(t, REF))
    return time.perf_counter() - t0, time.process_time() - c0, n_facts


def stage_times(texts: list[str]) -> dict[str, float]:
    """Seconds spent in each step of ``extract_text`` over the corpus, taken in the same order with the
    same inputs (the sum is a little more than one run). Keep in step with ``facts.extract_text``."""
    clock = time.perf_counter
    spent = dict.fromkeys(("people", "places", "organizations", "quantities", "dates", "documents",
                           "indicators", "merge+sort"), 0.0)
    for t in texts:
        t0 = clock()
        found_people = people.find_people(t)
        t1 = clock()
        found_places = places.find_places(t)
        t2 = clock()
        out = facts._people_over_places(found_people, found_places)
        t3 = clock()
        out += orgs.find_organizations(t, [f for f in out if f.type == "place"])
        t4 = clock()
        out += quantities.find_quantities(t)
        t5 = clock()
        out += dates.find_dates(t, REF)
        t6 = clock()
        out += documents.find_documents(t)
        t7 = clock()
        out += indicators.find_indicators(t, out)
        t8 = clock()
        out.sort(key=lambda f: (f.start, -f.end, f.type))
        t9 = clock()
        spent["people"] += t1 - t0
        spent["places"] += t2 - t1
        spent["organizations"] += t4 - t3
        spent["quantities"] += t5 - t4
        spent["dates"] += t6 - t5
        spent["documents"] += t7 - t6
        spent["indicators"] += t8 - t7
        spent["merge+sort"] += (t3 - t2) + (t9 - t8)
    return spent


def run_jieba(texts: list[str]) -> tuple[float, float] | None:
    try:
        import jieba
        import jieba.posseg as pseg
    except ImportError:
        print("jieba: not installed (pip install 'banmian[bench]'); skipped")
        return None
    jieba.setLogLevel(60)
    jieba.initialize()
    list(pseg.cut("绵阳去年实现地区生产总值3626.9亿元"))  # loads the tagger's tables too
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        for _ in pseg.cut(t):
            pass
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=3_000_000, help="corpus size in characters (default 3,000,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--profile", action="store_true", help="profile the extraction with pyinstrument")
    ap.add_argument("--no-jieba", action="store_true", help="skip the jieba comparison")
    args = ap.parse_args()

    texts = corpus(args.chars, args.seed)
    chars = sum(map(len, texts))
    extract_text("绵阳去年实现地区生产总值3626.9亿元，同比增长5%。", REF)  # load the tables
    base_mb = rss_mb()
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one core")
    print(f"corpus: {len(texts):,} texts, {chars:,} chars (seed {args.seed})")

    if args.profile:
        try:
            from pyinstrument import Profiler
        except ImportError:
            sys.exit("--profile needs pyinstrument: pip install 'banmian[bench]'")
        prof = Profiler()
        prof.start()
        run_extract(texts)
        prof.stop()
        print(prof.output_text(unicode=True, color=False, show_all=False))
        return

    secs, cpu, n_facts = run_extract(texts)
    peak_mb = rss_mb()
    rate = chars / cpu
    verdict = "goal met" if rate >= GOAL else ("above the floor" if rate >= FLOOR else "BELOW THE FLOOR")
    print(f"extract: {rate:12,.0f} chars/s CPU ({chars / secs:,.0f} wall)  {cpu:6.2f} s  {n_facts:,} facts  "
          f"({verdict}: goal {GOAL:,}, floor {FLOOR:,})")
    spent = stage_times(texts)
    total = sum(spent.values())
    print("  by extractor: " + ", ".join(f"{k} {v / total:.0%}" for k, v in spent.items()))
    print(f"peak memory: {peak_mb:.0f} MB max RSS after extraction ({base_mb:.0f} MB with the corpus built "
          "and the tables loaded)")
    if args.no_jieba:
        return
    timed = run_jieba(texts)
    if timed is None:
        return
    j_secs, j_cpu = timed
    j_rate = chars / j_cpu
    print(f"jieba.posseg: {j_rate:12,.0f} chars/s CPU ({chars / j_secs:,.0f} wall)  {j_cpu:6.2f} s  "
          "(same texts, same process)")
    print(f"ratio: extract is {rate / j_rate:.2f}x jieba.posseg's speed")
    print(f"peak memory after jieba: {rss_mb():.0f} MB max RSS")


if __name__ == "__main__":
    main()
