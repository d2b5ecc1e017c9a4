"""Benchmark `banmian ingest`: pages/s on N cores and peak memory, over generated pages on disk.

    python bench/bench_ingest.py [--pages 100000] [--jobs 2] [--per-day 100] [--keep DIR]

Pages are printed by ``tests/pagegen.py`` from the project's article collection (every 50th one the
sample page, as in bench_parse.py) and written under ``DIR/pages/YYYY-MM-DD/`` (``--per-day`` pages a
day, so the archive spans many issue dates, taken from the folder names). Then ``banmian ingest``
runs as a separate process, timed from start to exit, while the whole process tree's resident memory
is sampled every 0.2 s (peak = the largest sum over the tree). A second run over the same pages
measures the skip path. The database size is reported per 1,000 articles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from pagegen import PageMaker, load_articles  # noqa: E402


def make_pages(folder: Path, n: int, per_day: int, seed: int) -> int:
    maker = PageMaker(load_articles(), seed=seed)
    seed_page = (ROOT / "examples" / "seed-page.txt").read_bytes()
    day0 = dt.date(2021, 1, 1)
    size = 0
    for k in range(n):
        day = day0 + dt.timedelta(days=k // per_day)
        d = folder / day.isoformat()
        if k % per_day == 0:
            d.mkdir(parents=True, exist_ok=True)
        data = seed_page if k % 50 == 0 else maker.page().text.encode("utf-8")
        if k % 50 == 0:  # the sample page, made unique so that it is not skipped as a duplicate
            data = data + f"\n第{k}版\n".encode()
        (d / f"p{k:07d}.txt").write_bytes(data)
        size += len(data)
    return size


def _tree_rss_kb(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            for t in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{t}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_ingest(db: Path, pages: Path, jobs: int) -> tuple[float, int, str, float]:
    cmd = [sys.executable, "-m", "banmian", "ingest", str(pages), "--db", str(db), "--jobs", str(jobs),
           "--no-progress"]
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.2)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, _ = proc.communicate()
    secs = time.perf_counter() - t0
    done.set()
    th.join()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"ingest failed ({proc.returncode}):\n{out}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return secs, peak, out.strip().splitlines()[-1] if out.strip() else "", cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--per-day", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="work in this folder and keep it (default: a temporary folder, removed)")
    args = ap.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    work.mkdir(parents=True, exist_ok=True)
    pages, db = work / "pages", work / "bench.db"
    try:
        if not pages.exists():
            t0 = time.perf_counter()
            size = make_pages(pages, args.pages, args.per_day, args.seed)
            print(f"generated {args.pages} pages ({size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s")
        for p in (db, Path(str(db) + "-wal"), Path(str(db) + "-shm")):
            if p.exists():
                p.unlink()
        secs, peak_kb, summary, cpu = run_ingest(db, pages, args.jobs)
        con = sqlite3.connect(db)
        n_pages, n_articles = con.execute("SELECT count(*), coalesce(sum(n_articles), 0) FROM pages").fetchone()
        n_facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
        con.close()
        size = sum(os.path.getsize(str(db) + s) for s in ("", "-wal") if os.path.exists(str(db) + s))
        secs2, peak2_kb, _, _ = run_ingest(db, pages, args.jobs)
        load = os.getloadavg()
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()},"
              f" SQLite {sqlite3.sqlite_version}; load average at the end {load[0]:.1f}")
        print(f"ingest, --jobs {args.jobs}: {n_pages} pages, {n_articles} articles, {n_facts} facts"
              f" in {secs:.1f} s = {n_pages / secs:.0f} pages/s ({n_articles / secs:.0f} articles/s)")
        print(f"  CPU time (all processes): {cpu:.0f} s = {cpu / n_pages * 1000:.2f} ms per page, so "
              f"{args.jobs / (cpu / n_pages):.0f} pages/s if {args.jobs} cores were ours alone")
        print(f"  peak memory (whole process tree): {peak_kb / 1024:.0f} MB")
        print(f"  summary line: {summary}")
        print(f"re-ingest (all skipped by hash): {secs2:.1f} s = {n_pages / secs2:.0f} pages/s,"
              f" peak {peak2_kb / 1024:.0f} MB")
        print(f"database: {size / 1e6:.0f} MB = {size / 1e6 / (n_articles / 1000):.2f} MB per 1,000 articles")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
