"""Benchmark search: latency p50/p95 by query kind over an archive of N articles, and its size.

    python bench/bench_search.py [--articles 100000] [--db PATH] [--queries 200] [--seed 1]

The archive is built (or reused, with --db naming an existing file) from synthetic articles: text from
an order-3 character Markov model of the project's article collection (tests/corpus), so that
characters, words and phrases keep newspaper frequencies while every article is new text; dates
spread over four years, sections, and 1-4 place facts each (random divisions). Articles go through
the same writer as `banmian ingest` (page_rows + Writer), without the page parser.

Queries, each kind drawn from the archive's own text (so most hit): 1 character (half weighted by
frequency, half any character seen), 2 characters, 4 characters, and multi-term (2-3 terms of 2-4
characters with AND, OR or NOT). Each query runs once, timed around Archive.search(limit=20),
snippets included; p50/p95/max and the median hit count are printed per kind, then a few filtered
variants (a year, a province with the divisions under it, newest first).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from banmian.model import Article, Caption, Fact, Page, Source  # noqa: E402
from banmian.store import Archive  # noqa: E402
from banmian.store.ingest import Writer, optimize_index, page_rows  # noqa: E402
from banmian.store.schema import connect  # noqa: E402

ORDER = 3
PER_PAGE = 8
SECTIONS = ["要闻", "经济", "地方", "社会", "文化", "体育", "国际", "评论"]
_MODEL: dict[str, list[str]] = {}
_KEYS: list[str] = []
_DIVS: list[tuple[str, str, str]] = []


def _train() -> None:
    from pagegen import load_articles

    text = "\n".join(p for a in load_articles() for p in [a["headline"], *a["paragraphs"]] if p)
    model: dict[str, list[str]] = defaultdict(list)
    for i in range(len(text) - ORDER):
        model[text[i:i + ORDER]].append(text[i + ORDER])
    _MODEL.update(model)
    _KEYS.extend(k for k in model if "\n" not in k)
    with open(ROOT / "src" / "banmian" / "data" / "divisions.tsv", encoding="utf-8") as fh:
        rows = [ln.rstrip("\n").split("\t") for ln in fh if not ln.startswith("#")][1:]
    _DIVS.extend((r[0], r[1], r[2]) for r in rows)


def _gen(rng: random.Random, n: int) -> str:
    k = rng.choice(_KEYS)
    out = [k]
    for _ in range(n):
        nxt = _MODEL.get(k)
        if not nxt:
            k = rng.choice(_KEYS)
            out.append(k)
            continue
        c = rng.choice(nxt)
        out.append(c)
        k = k[1:] + c
    return "".join(out)


def _page(seed: int, k: int) -> tuple:
    rng = random.Random(seed * 1_000_003 + k)
    sha = hashlib.sha256(f"bench-{seed}-{k}".encode()).hexdigest()
    day = 738521 + rng.randrange(4 * 365)  # 2023-01-01 + up to four years
    import datetime as dt

    arts = []
    for i in range(PER_PAGE):
        body = _gen(rng, rng.randint(300, 1300))
        a = Article(id=f"{sha[:16]}-{i + 1:02d}", section=rng.choice(SECTIONS), headline=_gen(rng, rng.randint(8, 18)),
                    body=body)
        if rng.random() < 0.2:
            a.captions = [Caption(_gen(rng, rng.randint(15, 40)), "本报记者 摄")]
        for _ in range(rng.randint(1, 4)):
            code, name, level = rng.choice(_DIVS)
            a.facts.append(Fact("place", name, 0, len(name), "body",
                                {"name": name, "code": code, "level": level, "parent": None}))
        arts.append(a)
    page = Page(source=Source(f"bench-{k}.txt", sha), date=dt.date.fromordinal(day).isoformat(), articles=arts)
    return page_rows(page, f"/bench/{k}.txt", 0, None)


def _pages(args: tuple[int, int, int]) -> list[tuple]:
    seed, start, stop = args
    return [_page(seed, k) for k in range(start, stop)]


def build(db: str, n_articles: int, seed: int) -> float:
    _train()
    n_pages = (n_articles + PER_PAGE - 1) // PER_PAGE
    con = connect(db, create=True)
    writer = Writer(con)
    t0 = time.perf_counter()
    step = 200
    ctx = mp.get_context("fork")
    with ctx.Pool(max(1, (os.cpu_count() or 2) - 1)) as pool:
        jobs = [(seed, s, min(s + step, n_pages)) for s in range(0, n_pages, step)]
        for done, batch in enumerate(pool.imap(_pages, jobs), 1):
            for rows in batch:
                writer.add(rows)
            writer.commit()
            if done % 50 == 0:
                print(f"  built {done * step * PER_PAGE:,} articles, {time.perf_counter() - t0:.0f} s", flush=True)
    t1 = time.perf_counter()
    optimize_index(con)  # as `banmian ingest` does after a run that added much
    print(f"  merged the full-text index in {time.perf_counter() - t1:.0f} s")
    con.close()
    return time.perf_counter() - t0


def _sample_queries(ar: Archive, n: int, seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    keys = rng.sample([k for (k,) in ar.con.execute("SELECT key FROM articles")], 2000)
    texts = [r[0] for k in keys for r in ar.con.execute("SELECT body FROM articles WHERE key = ?", (k,))]
    alnum = lambda s: all(c.isalnum() for c in s)  # noqa: E731  (no punctuation or spaces in a term)

    def cut(length: int) -> str:
        while True:
            t = rng.choice(texts)
            i = rng.randrange(max(1, len(t) - length))
            s = t[i:i + length]
            if len(s) == length and alnum(s):
                return s

    seen = sorted({c for t in texts for c in t if c.isalnum()})
    out: dict[str, list[str]] = {
        "1 char": [cut(1) if k % 2 == 0 else rng.choice(seen) for k in range(n)],
        "2 chars": [cut(2) for _ in range(n)],
        "4 chars": [cut(4) for _ in range(n)],
    }
    multi = []
    for _ in range(n):
        a, b, c = cut(rng.randint(2, 4)), cut(rng.randint(2, 4)), cut(rng.randint(2, 4))
        multi.append(rng.choice([f"{a} {b}", f"{a} {b} {c}", f"{a} OR {b}", f"{a} -{b}", f"({a} OR {b}) {c}"]))
    out["multi-term"] = multi
    return out


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def measure(ar: Archive, queries: dict[str, list[str]], **filters) -> None:
    for q in list(queries.values())[0][:20]:  # warm up the connection and the page cache
        ar.search(q, **filters)
    for kind, qs in queries.items():
        times, totals = [], []
        for q in qs:
            t0 = time.perf_counter()
            res = ar.search(q, limit=20, **filters)
            times.append((time.perf_counter() - t0) * 1000)
            totals.append(res.total)
        label = kind + (" " + json.dumps(filters, ensure_ascii=False) if filters else "")
        print(f"  {label:<44} p50 {_pct(times, .5):6.1f} ms  p95 {_pct(times, .95):6.1f} ms  "
              f"max {max(times):6.1f} ms  median hits {statistics.median(totals):>9,.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", help="archive to build (kept) or reuse (default: a temporary file, removed)")
    ap.add_argument("--queries", type=int, default=200, help="queries per kind")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    db = args.db or os.path.join(os.environ.get("TMPDIR", "/tmp"), f"bench_search_{os.getpid()}.db")
    try:
        if not os.path.exists(db):
            secs = build(db, args.articles, args.seed)
            print(f"built {args.articles:,} articles in {secs:.0f} s ({args.articles / secs:,.0f} articles/s, "
                  "writer + text generation, no parsing)")
        with Archive(db, readonly=True) as ar:
            stats = ar.stats()
            n = stats["articles"]
            print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
                  f"SQLite {sqlite3.sqlite_version}; load average {os.getloadavg()[0]:.1f}")
            print(f"archive: {n:,} articles, {stats['facts']:,} facts, {stats['bytes'] / 1e6:,.0f} MB = "
                  f"{stats['bytes'] / 1e6 / (n / 1000):.2f} MB per 1,000 articles")
            queries = _sample_queries(ar, args.queries, args.seed)
            print("search, limit 20, snippets included (one run per query):")
            measure(ar, queries)
            small = {k: v[: max(20, args.queries // 4)] for k, v in queries.items()}
            measure(ar, small, date_from="2024", date_to="2024")
            measure(ar, small, place="四川")
            measure(ar, small, sort="newest")
    finally:
        if not args.db:
            for s in ("", "-wal", "-shm"):
                if os.path.exists(db + s):
                    os.remove(db + s)


if __name__ == "__main__":
    main()
