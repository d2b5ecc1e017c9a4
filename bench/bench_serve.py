"""Benchmark `banmian serve` under load: 50 concurrent clients for 60 s over loopback (wrk).

    python bench/bench_serve.py [--pages 3000] [--connections 50] [--duration 60] [--workers 1]
                                [--targets search,article] [--keep DIR] [--db FILE]

An archive of ``--pages`` pages printed by ``tests/pagegen.py`` (with the test pages of
``tests/webgen.py``) is ingested, or ``--db`` is used as it is. ``banmian serve`` starts as its own
process on a free loopback port; then, for each target, wrk (Debian's ``wrk``, C, a second process)
keeps ``--connections`` connections busy for ``--duration`` seconds, each request taking the next
address from a list made from the archive:

    search    the reader's search page (/search?q=..., facets included): ~2,000 distinct queries of
              a place as printed, a piece of a headline, or both, each taken from one article (so
              every query finds something), a quarter with a place or section filter, a tenth asking
              for page 2 (more distinct queries than the facet cache holds)
    article   the reader's article page (/article/ID, facts marked, fact panel) of random articles
    api       /api/search?q=...&facets=true with the same queries

It prints requests/s, latency percentiles (p50, p95, p99, max) and errors (socket errors and
answers that are not 2xx; a sample of addresses is checked for 200 before the run).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from pagegen import PageMaker, load_articles  # noqa: E402
from webgen import write_pages  # noqa: E402

WRK_SCRIPT = r"""
-- Each wrk thread walks the address list from its own random start.
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local counter = 0
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(os.time() * 1000 + (id or 0))
  counter = math.random(#paths)
end
function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d, "mean": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.max, latency.mean))
end
"""


def make_archive(work: Path, n_pages: int, seed: int, jobs: int) -> Path:
    pages = work / "pages"
    db = work / "serve.db"
    if db.exists():
        return db
    t0 = time.perf_counter()
    write_pages(pages / "web", generated=0)
    maker = PageMaker(load_articles(), seed=seed)
    seed_page = (ROOT / "examples" / "seed-page.txt").read_bytes()
    for k in range(n_pages):
        d = pages / f"2023-{1 + k % 12:02d}-{1 + k % 28:02d}"
        d.mkdir(parents=True, exist_ok=True)
        data = maker.page().text.encode("utf-8") if k % 50 else seed_page + f"\n第{k}版\n".encode()
        (d / f"p{k:06d}.txt").write_bytes(data)
    print(f"generated {n_pages} pages in {time.perf_counter() - t0:.0f} s", flush=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "banmian", "ingest", str(pages), "--db", str(db), "--jobs", str(jobs),
                    "--no-progress"], check=True)
    print(f"ingested in {time.perf_counter() - t0:.0f} s", flush=True)
    return db


def addresses(db: Path, seed: int) -> dict[str, list[str]]:
    """Request paths for each target, made from what the archive holds: every query is taken from one
    article (a place as printed, a piece of its headline, or both), so that it finds at least that one."""
    rng = random.Random(seed)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ids = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY key")]
    ids = rng.sample(ids, min(3000, len(ids)))
    queries: set[tuple] = set()
    for aid in ids:
        key, headline, section = con.execute("SELECT key, headline, section FROM articles WHERE id = ?",
                                             (aid,)).fetchone()
        places = con.execute("SELECT text, name FROM facts WHERE key BETWEEN ? AND ? AND type = 'place'"
                             " AND field IN ('headline', 'body')", (key << 16, (key << 16) + 65535)).fetchall()
        chunks = [c for c in re.split(r"[\s\W]+", headline or "") if len(c) >= 2]
        head = rng.choice(chunks) if chunks else ""
        piece = ""
        if len(head) >= 2:
            n = rng.randint(2, min(4, len(head)))
            i = rng.randrange(len(head) - n + 1)
            piece = head[i:i + n]
        place = rng.choice(places) if places else None
        r = rng.random()
        if place and (r < 0.35 or not piece):
            q = place[0]
        elif r < 0.6 or not place:
            q = piece
        else:
            q = f"{place[0]} {piece}"
        if not q:
            continue
        extra: tuple = ()
        r = rng.random()
        if r < 0.15 and place:
            extra = (("place", place[1]),)
        elif r < 0.25 and section:
            extra = (("section", section),)
        if rng.random() < 0.1:
            extra += (("page", "2"),)
        queries.add((q, *extra))
        if len(queries) >= 2000:
            break
    con.close()
    search = [f"/search?{urlencode([('q', q), *extra])}" for q, *extra in sorted(queries)]
    api = [f"/api/search?{urlencode([('q', q), ('facets', 'true'), *[e for e in extra if e[0] != 'page']])}"
           for q, *extra in sorted(queries)]
    rng.shuffle(search)
    rng.shuffle(api)
    return {"search": search, "article": [f"/article/{quote(i)}" for i in ids], "api": api}


def start_server(db: Path, workers: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "banmian", "serve", "--db", str(db), "--port", "0", "--workers",
                             str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    m = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
    if not m:
        proc.kill()
        raise SystemExit(f"banmian serve did not start: {line}{proc.stderr.read()}")
    base = m.group(1)
    for _ in range(300):
        try:
            with urllib.request.urlopen(base + "/api/stats", timeout=5):
                return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("banmian serve does not answer")


def check_sample(base: str, paths: list[str], n: int = 40) -> None:
    for p in paths[:n]:
        with urllib.request.urlopen(base + p, timeout=30) as r:
            if r.status != 200:
                raise SystemExit(f"{p}: HTTP {r.status}")


def run_wrk(base: str, paths: list[str], work: Path, connections: int, threads: int, duration: int) -> dict:
    plist = work / "paths.txt"
    plist.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = work / "bench.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", str(script), base]
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "BENCH_PATHS": str(plist)})
    m = re.search(r"^RESULT (\{.*\})$", out.stdout, re.M)
    if out.returncode or not m:
        raise SystemExit(f"wrk failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    return json.loads(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=3000, help="pages in the generated archive (default 3000)")
    ap.add_argument("--db", help="use this archive instead of generating one")
    ap.add_argument("--connections", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    ap.add_argument("--duration", type=int, default=60, help="seconds per target (default 60)")
    ap.add_argument("--workers", type=int, default=1, help="banmian serve --workers (default 1)")
    ap.add_argument("--targets", default="search,article", help="comma-separated: search, article, api")
    ap.add_argument("--jobs", type=int, default=2, help="ingest processes (default 2)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="work in this folder and keep it (the archive is reused if there)")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench_serve needs wrk: apt-get install wrk")

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_serve_"))
    work.mkdir(parents=True, exist_ok=True)
    proc = None
    try:
        db = Path(args.db) if args.db else make_archive(work, args.pages, args.seed, args.jobs)
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        n_pages, n_art = con.execute("SELECT count(*), coalesce(sum(n_articles), 0) FROM pages").fetchone()
        n_facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
        con.close()
        paths = addresses(db, args.seed)
        proc, base = start_server(db, args.workers)
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"SQLite {sqlite3.sqlite_version}; load average before {os.getloadavg()[0]:.1f}")
        print(f"archive: {n_pages:,} pages, {n_art:,} articles, {n_facts:,} facts ({db.stat().st_size / 1e6:.0f} MB)")
        print(f"server: banmian serve --workers {args.workers}; load: wrk -t{args.threads} -c{args.connections} "
              f"-d{args.duration}s over loopback")
        for target in [t.strip() for t in args.targets.split(",") if t.strip()]:
            check_sample(base, paths[target])
            r = run_wrk(base, paths[target], work, args.connections, args.threads, args.duration)
            secs = r["duration_us"] / 1e6
            errors = r["connect"] + r["read"] + r["write"] + r["timeout"]
            print(f"{target:8s} {r['requests'] / secs:7.1f} req/s  p50 {r['p50'] / 1000:6.1f} ms  p95 "
                  f"{r['p95'] / 1000:6.1f} ms  p99 {r['p99'] / 1000:6.1f} ms  max {r['max'] / 1000:6.0f} ms  "
                  f"{r['requests']:,} requests, {r['bytes'] / r['requests'] / 1024:.0f} KiB each, "
                  f"{errors} socket errors, {r['status']} non-2xx  ({len(paths[target]):,} distinct addresses)",
                  flush=True)
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
