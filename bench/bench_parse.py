"""Benchmark `parse`: pages/s and chars/s over a corpus of generated pages, and peak memory.

    python bench/bench_parse.py [--pages 10000] [--seed 1]

The corpus is printed by ``tests/pagegen.py`` from the project's own article collection
(``tests/corpus/articles_*.json``) plus the sample page, in memory, on one core. Three figures:
  read      bytes -> Page of blocks (decode, normalise, split)
  segment   Page -> articles (roles, column-break repair, fields), alone
  parse     read + segment + facts, what `banmian parse` does per page
Pages are parsed one at a time, as `banmian parse` does; peak memory is the process's maximum
resident set size after the run (the generated corpus itself is held in memory throughout).
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from pagegen import PageMaker, load_articles  # noqa: E402

from banmian.extract.facts import extract_article  # noqa: E402
from banmian.read import read_text_page  # noqa: E402
from banmian.segment import segment_page  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    maker = PageMaker(load_articles(), seed=args.seed)
    seed_page = (ROOT / "examples" / "seed-page.txt").read_bytes()
    corpus = [seed_page if k % 50 == 0 else maker.page().text.encode("utf-8") for k in range(args.pages)]
    chars = sum(len(b.decode("utf-8")) for b in corpus)

    # Stream the pages one at a time, as `banmian parse` does, timing each stage.
    read_s = seg_s = facts_s = 0.0
    n_articles = 0
    clock = time.perf_counter
    for k, data in enumerate(corpus):
        t0 = clock()
        page = read_text_page(data, f"p{k}.txt")
        t1 = clock()
        segment_page(page)
        t2 = clock()
        for a in page.articles:
            a.facts = extract_article(a, None)
        t3 = clock()
        read_s += t1 - t0
        seg_s += t2 - t1
        facts_s += t3 - t2
        n_articles += len(page.articles)

    parse_s = read_s + seg_s + facts_s
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one core")
    print(f"corpus: {args.pages} pages, {chars / 1e6:.1f} M chars, {n_articles} articles (seed {args.seed})")
    print(f"read:    {args.pages / read_s:10.0f} pages/s {chars / read_s:12,.0f} chars/s")
    print(f"segment: {args.pages / seg_s:10.0f} pages/s {chars / seg_s:12,.0f} chars/s")
    print(f"parse:   {args.pages / parse_s:10.0f} pages/s {chars / parse_s:12,.0f} chars/s  (read + segment + facts)")
    print(f"peak memory: {peak_mb:.0f} MB (max RSS, with the {chars / 1e6:.0f} M-char corpus in memory)")


if __name__ == "__main__":
    main()
