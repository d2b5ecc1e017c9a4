"""Ingest pages into the archive: parsers in parallel, one writer, commits of whole pages.

Each input file is read and hashed (SHA-256 of its bytes) by a worker process; a page whose hash
the archive already holds is skipped without parsing. Otherwise the worker parses it
(``banmian.pipeline``) and prepares every row the page needs, full-text tokens included, so that the
single writer only inserts. The writer commits in batches (every ``COMMIT_PAGES`` pages or
``COMMIT_SECONDS``), each batch one transaction holding whole pages: a run killed at any moment
leaves the pages of the batches it committed and nothing of the one it was writing, and running it
again skips what is there and does the rest. An input that cannot be read or parsed is recorded in
``failures`` with its path, a code and the reason, and the run goes on.
"""

from __future__ import annotations

import concurrent.futures as cf
import fnmatch
import glob
import hashlib
import json
import multiprocessing as mp
import os
import re
import signal
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import BanmianError, InputError, StoreError
from .factcodec import pack
from .places import division_code_of, with_ancestors
from .schema import FACT_SHIFT, connect, day_of, key_block
from .textindex import char_set_tokens, column_tokens, normalize

__all__ = ["ingest", "IngestReport", "find_inputs", "page_rows", "Writer", "PAGE_SUFFIXES", "date_in_path",
           "optimize_index"]

#: Files taken from a folder (any file named on the command line is taken whatever its name).
PAGE_SUFFIXES = (".txt", ".text", ".htm", ".html", ".xhtml", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")
COMMIT_PAGES = 500  # pages per transaction at most: big enough that commits cost little (~1% at 500 pages/s)
COMMIT_SECONDS = 1.0  # ...and at most this long between commits: what a killed run has to redo
CHUNK = 8  # pages per task sent to a worker: ~25 ms of parsing, so the pool's overhead stays small
WINDOW_PER_JOB = 4  # chunks in flight per worker: keeps workers busy while bounding memory
MAX_REPORTED_FAILURES = 1000  # failures kept in the report (all are in the archive's failures table)
SNIFF_HEX = 16  # hex digits of a page hash the workers check against the archive (64 bits, as an int)

#: A date in a path: 2023-05-22, 20230522, 2023_05_22, 2023/05/22 (the last one in the path wins).
PATH_DATE = re.compile(r"(?<!\d)((?:18|19|20)\d\d)([-_./]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


@dataclass
class IngestReport:
    """What a run did; ``failures`` lists (path, code, reason) of this run's failed inputs."""

    run: int = 0
    found: int = 0  # inputs found (files named, matched or under the folders)
    done: int = 0  # inputs handled so far
    pages: int = 0  # pages added
    articles: int = 0
    facts: int = 0
    skipped: int = 0  # already in the archive (same SHA-256), or a duplicate of a page of this run
    failed: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    optimizing: bool = False  # set while the full-text index is merged at the end of the run

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["failures"] = [{"path": p, "code": c, "reason": r} for p, c, r in self.failures]
        return d


def date_in_path(path: str) -> str | None:
    """The last valid calendar date written in a path, as ISO, or None."""
    import datetime as _dt

    for m in reversed(list(PATH_DATE.finditer(path))):
        try:
            return _dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------------------------------------
# Finding inputs
# ---------------------------------------------------------------------------------------------
def _wanted(name: str, include: tuple[str, ...]) -> bool:
    if include:
        return any(fnmatch.fnmatch(name, pat) for pat in include)
    return name.lower().endswith(PAGE_SUFFIXES)


def _walk(folder: str, include: tuple[str, ...]) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and _wanted(f, include):
                yield os.path.join(root, f)


def find_inputs(inputs: Iterable[str], include: Iterable[str] = ()) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Files to ingest (absolute paths, each once, in a stable order) and inputs that name nothing.

    An input is a file (taken whatever its name), a folder (walked recursively for page files:
    ``PAGE_SUFFIXES``, or the ``include`` patterns), or a glob pattern (``**`` crosses folders).
    """
    inc = tuple(include)
    files: list[str] = []
    missing: list[tuple[str, str, str]] = []
    seen: set[str] = set()

    def add(p: str) -> None:
        ap = os.path.abspath(p)
        if ap not in seen:
            seen.add(ap)
            files.append(ap)

    for item in inputs:
        if os.path.isdir(item):
            for p in _walk(item, inc):
                add(p)
        elif os.path.exists(item):
            add(item)
        elif glob.has_magic(item):
            matched = sorted(glob.glob(item, recursive=True))
            hits = 0
            for m in matched:
                if os.path.isdir(m):
                    for p in _walk(m, inc):
                        add(p)
                        hits += 1
                elif os.path.isfile(m):
                    add(m)
                    hits += 1
            if not hits:
                missing.append((item, "E100", "no files match this pattern"))
        else:
            missing.append((item, "E100", "no such file or folder"))
    return files, missing


# ---------------------------------------------------------------------------------------------
# Workers: read, hash, parse, prepare rows
# ---------------------------------------------------------------------------------------------
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


_FACT_CACHE: dict[tuple, tuple] = {}
FACT_CACHE_MAX = 50_000  # distinct fact payloads remembered per worker (a page repeats its places often)


def _fact_payload(ftype: str, a: dict[str, Any]) -> tuple:
    """The indexed columns and the JSON of a fact's own fields (the same for every mention of a place)."""
    try:  # value types in the key: 5 and 5.0 are equal but print differently
        key = (ftype, *((k, type(v), v) for k, v in a.items()))
        hit = _FACT_CACHE.get(key)
    except TypeError:  # an unhashable value (a list): no caching
        key, hit = None, None
    if hit is not None:
        return hit
    payload = pack(ftype, a, division_code_of)
    if key is not None:
        if len(_FACT_CACHE) >= FACT_CACHE_MAX:
            _FACT_CACHE.clear()
        _FACT_CACHE[key] = payload
    return payload


def _fact_row(seq: int, f: Any) -> tuple:
    return (seq, f.type, f.text, f.field, f.start, f.end, *_fact_payload(f.type, f.attrs))


def page_rows(page: Any, path: str, size: int, source: str | None) -> tuple:
    """Everything the writer inserts for a parsed page, as plain tuples (cheap to send between processes)."""
    src = page.source
    page_row = (src.sha256, path, src.name, src.format, src.encoding, page.date, source, size,
                len(page.articles), _json(page.furniture))
    arts = []
    for seq, a in enumerate(page.articles, 1):
        if len(a.facts) >= 1 << FACT_SHIFT:
            raise StoreError(f"article {a.id} has {len(a.facts)} facts, more than an article can hold "
                             f"({1 << FACT_SHIFT})", source=path)
        caption_texts = [c.text for c in a.captions]
        article_row = (a.id, seq, page.date, a.kind, a.section, a.kicker, a.headline, a.subheadline,
                       _json([b.to_dict() for b in a.bylines]), a.dateline, a.body,
                       _json([c.to_dict() for c in a.captions]), _json(a.blocks), len(a.facts))
        body = normalize(a.body) if a.body else ""
        title = [normalize(t) for t in (a.kicker, a.headline, a.subheadline) if t]
        caps = [normalize(t) for t in caption_texts if t]
        text_row = (column_tokens([body]), column_tokens(title), column_tokens(caps))
        chars = char_set_tokens([body, *title, *caps])
        facts = [_fact_row(i, f) for i, f in enumerate(a.facts)]
        names = {b.name: b.role for b in a.bylines if b.name}
        codes = sorted({c for r in facts if r[7] for c in with_ancestors(r[7])})
        arts.append((article_row, text_row, chars, facts, tuple(names.items()), codes))
    return page_row, arts


_KNOWN: frozenset[int] = frozenset()
_OPTS: dict[str, Any] = {}


def _init_worker(known: frozenset[int] | None, opts: dict[str, Any]) -> None:
    global _KNOWN, _OPTS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    if known is not None:
        _KNOWN = known
    _OPTS = opts


def _sniff(sha: str) -> int:
    return int(sha[:SNIFF_HEX], 16)


def _prepare(path: str, opts: dict[str, Any], known: frozenset[int], check_known: bool = True) -> tuple:
    """("page", path, sha, rows) | ("known", path, sha) | ("failed", path, sha, code, reason)."""
    from ..pipeline import parse_bytes

    sha = None
    try:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except IsADirectoryError:
            raise InputError("is a folder, not a page", source=path) from None
        except FileNotFoundError:
            raise InputError("no such file (removed while the run went on?)", source=path) from None
        except PermissionError:
            raise InputError("cannot be read (permission denied)", source=path) from None
        except OSError as e:
            raise InputError(f"cannot be read ({e.strerror or e})", source=path) from None
        sha = hashlib.sha256(data).hexdigest()
        if check_known and _sniff(sha) in known:
            return ("known", path, sha)
        default = date_in_path(path) if opts.get("date_from_path") else None
        page = parse_bytes(data, path, opts.get("date"), opts.get("encoding"), default_date=default)
        return ("page", path, sha, page_rows(page, path, len(data), opts.get("source")))
    except BanmianError as e:
        return ("failed", path, sha, e.code, e.message)
    except Exception as e:  # noqa: BLE001 - one bad page must not stop the run
        return ("failed", path, sha, "E999", f"internal error ({type(e).__name__}: {e}); please report it")


def _prepare_chunk(paths: list[str]) -> list[tuple]:
    return [_prepare(p, _OPTS, _KNOWN) for p in paths]


# ---------------------------------------------------------------------------------------------
# The writer
# ---------------------------------------------------------------------------------------------
class Writer:
    """Inserts prepared pages; one transaction per batch, opened on first write."""

    def __init__(self, con: sqlite3.Connection, run: int | None = None) -> None:
        self.con = con
        self.run = run
        self.in_tx = False
        self.pending = 0
        self.since = time.monotonic()
        self._next: dict[int, int] = {}

    def _begin(self) -> None:
        if not self.in_tx:
            self.con.execute("BEGIN IMMEDIATE")
            self.in_tx = True
            self._next.clear()  # key counters are re-read in each transaction: safe with two writers
            self.since = time.monotonic()

    def _key(self, day: int) -> int:
        base, size = key_block(day)
        n = self._next.get(day)
        if n is None:
            top = self.con.execute("SELECT max(key) FROM articles WHERE key BETWEEN ? AND ?",
                                   (base, base + size - 1)).fetchone()[0]
            n = 0 if top is None else top - base + 1
        if n >= size:
            raise StoreError(f"more than {size:,} articles on one issue date")
        self._next[day] = n + 1
        return base + n

    def known(self, sha: str) -> bool:
        return self.con.execute("SELECT 1 FROM pages WHERE sha256 = ?", (sha,)).fetchone() is not None

    def add(self, rows: tuple) -> tuple[int, int] | None:
        """Insert one page; ``(articles, facts)`` added, or None when its hash is already stored.

        What could refuse a page (its issue date full, an article id already stored) is checked
        before anything is written, and raised as StoreError for the caller to record. (No savepoint
        per page: FTS5 flushes its pending index at every savepoint, which doubled its cost.) Any
        other error rolls the whole batch back and ends the run; the next run redoes the batch.
        """
        self._begin()
        page_row, arts = rows
        if self.con.execute("SELECT 1 FROM pages WHERE sha256 = ?", (page_row[0],)).fetchone():
            return None
        day = day_of(page_row[5])
        keys = [self._key(day) for _ in arts]
        ids = [a[0][0] for a in arts]
        if ids:
            dup = self.con.execute(f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(ids))}) LIMIT 1",
                                   ids).fetchone()
            if dup:
                raise StoreError(f"article id {dup[0]} is already stored, from another page")
        try:
            return self._add(page_row, arts, keys, day)
        except BaseException:
            self.rollback()
            raise

    def _add(self, page_row: tuple, arts: list, keys: list[int], day: int) -> tuple[int, int]:
        cur = self.con.execute(
            "INSERT INTO pages(sha256, path, name, format, encoding, date, source, size, n_articles, furniture,"
            " run, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            (*page_row, self.run))
        page_id = cur.lastrowid
        art_rows, bi_rows, uni_rows, fact_rows, name_rows, place_rows = [], [], [], [], [], []
        n_facts = 0
        for key, (article_row, text_row, chars, facts, names, codes) in zip(keys, arts):
            art_rows.append((key, article_row[0], page_id, *article_row[1:]))
            bi_rows.append((key, *text_row))
            uni_rows.append((key, chars))
            base = key << FACT_SHIFT
            fact_rows.extend((base | r[0], *r[1:]) for r in facts)
            name_rows.extend((name, key, role) for name, role in names)
            place_rows.extend((code, key) for code in codes)
            n_facts += len(facts)
        con = self.con
        con.executemany("INSERT INTO articles(key, id, page, seq, date, kind, section, kicker, headline, subheadline,"
                        " bylines, dateline, body, captions, blocks, n_facts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        art_rows)
        con.executemany("INSERT INTO facts(key, type, text, field, start, \"end\", name, division, indicator, value,"
                        " unit, period_start, period_end, attrs) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", fact_rows)
        con.executemany("INSERT OR IGNORE INTO bylines(name, article, role) VALUES (?,?,?)", name_rows)
        con.executemany("INSERT INTO article_places(code, article) VALUES (?,?)", place_rows)
        con.executemany("INSERT INTO text_bi(rowid, body, title, captions) VALUES (?,?,?,?)", bi_rows)
        con.executemany("INSERT INTO text_uni(rowid, chars) VALUES (?,?)", uni_rows)
        con.execute("INSERT INTO days(day, pages, articles) VALUES (?, 1, ?) ON CONFLICT(day) DO UPDATE SET"
                    " pages = pages + 1, articles = articles + excluded.articles", (day, len(arts)))
        con.execute("DELETE FROM failures WHERE path = ?", (page_row[1],))
        self.pending += 1
        return len(arts), n_facts

    def fail(self, path: str, sha: str | None, code: str, reason: str) -> None:
        self._begin()
        self.con.execute("INSERT INTO failures(path, sha256, code, reason, run, at) VALUES (?,?,?,?,?,"
                         " strftime('%Y-%m-%dT%H:%M:%SZ','now')) ON CONFLICT(path) DO UPDATE SET"
                         " sha256=excluded.sha256, code=excluded.code, reason=excluded.reason, run=excluded.run,"
                         " at=excluded.at", (path, sha, code, reason, self.run))
        self.pending += 1

    def due(self) -> bool:
        return self.in_tx and (self.pending >= COMMIT_PAGES or time.monotonic() - self.since >= COMMIT_SECONDS)

    def commit(self, report: IngestReport | None = None, status: str = "running") -> None:
        if not self.in_tx:
            self._begin()
        if report is not None and self.run is not None:
            self.con.execute("UPDATE runs SET pages=?, articles=?, facts=?, skipped=?, failed=?, status=?,"
                             " finished_at=CASE WHEN ?='running' THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%SZ','now')"
                             " END WHERE id=?", (report.pages, report.articles, report.facts, report.skipped,
                                                 report.failed, status, status, self.run))
        self.con.execute("COMMIT")
        self.in_tx = False
        self.pending = 0

    def rollback(self) -> None:
        if self.in_tx:
            self.con.execute("ROLLBACK")
            self.in_tx = False
            self.pending = 0


# ---------------------------------------------------------------------------------------------
# A run
# ---------------------------------------------------------------------------------------------
def _results(files: list[str], jobs: int, known: frozenset[int], opts: dict[str, Any]) -> Iterator[tuple]:
    """Prepared results in completion order; a crashed worker costs only the page that crashed it."""
    if jobs <= 1:
        for p in files:
            yield _prepare(p, opts, known)
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
    todo = iter(chunks)
    window = max(2, jobs * WINDOW_PER_JOB)
    while True:
        suspects: list[str] = []
        with cf.ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                                    initargs=(known, opts)) as pool:
            running: dict[cf.Future, list[str]] = {}
            unsent: list[str] = []  # a chunk taken from todo whose submit may fail on a broken pool
            try:
                for unsent in todo:
                    running[pool.submit(_prepare_chunk, unsent)] = unsent
                    unsent = []
                    if len(running) >= window:
                        break
                while running:
                    done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                    for fut in done:
                        results = fut.result()  # raises BrokenProcessPool if a worker died
                        del running[fut]
                        yield from results
                        unsent = next(todo, [])
                        if unsent:
                            running[pool.submit(_prepare_chunk, unsent)] = unsent
                            unsent = []
                return
            except cf.process.BrokenProcessPool:
                suspects = [p for chunk in running.values() for p in chunk] + unsent
        # A worker died (a crash in native code, or killed): retry its pages one by one, each alone.
        for p in suspects:
            with cf.ProcessPoolExecutor(1, mp_context=ctx, initializer=_init_worker,
                                        initargs=(known, opts)) as solo:
                try:
                    yield solo.submit(_prepare_chunk, [p]).result()[0]
                except cf.process.BrokenProcessPool:
                    yield ("failed", p, None, "E999", "the parser's process died on this page; please report it")


def ingest(db: str | os.PathLike[str], inputs: Iterable[str], *, jobs: int | None = None,
           date: str | None = None, source: str | None = None, encoding: str | None = None,
           date_from_path: bool = True, include: Iterable[str] = (),
           progress: Callable[[IngestReport], None] | None = None, command: str | None = None) -> IngestReport:
    """Ingest files, folders (recursively) and glob patterns into the archive at ``db`` (made if missing).

    ``jobs`` parser processes (default: all cores); ``date`` forces the issue date; otherwise the
    page's printed date, else (``date_from_path``) a date written in the file's path. ``source``
    labels the pages (a paper's name) for the ``source`` filter. ``progress`` is called with the
    live report after each input. Returns the run's report; failures are also kept in the archive.
    """
    from ..pipeline import check_date

    started = time.monotonic()
    opts = {"date": check_date(date), "encoding": encoding, "source": source, "date_from_path": date_from_path}
    files, missing = find_inputs(inputs, include)
    con = connect(db, create=True)
    con.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    report = IngestReport(found=len(files) + len(missing))
    try:
        cur = con.execute("INSERT INTO runs(started_at, command, status) VALUES"
                          " (strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, 'running')", (command,))
        report.run = cur.lastrowid
        writer = Writer(con, report.run)
        for item, code, reason in missing:
            _record_failure(writer, report, item, None, code, reason)
            report.done += 1
        known = frozenset(_sniff(r[0]) for r in con.execute("SELECT sha256 FROM pages"))
        jobs = max(1, jobs or os.cpu_count() or 1)
        jobs = min(jobs, max(1, len(files) // CHUNK))
        counters = ("pages", "articles", "facts", "skipped", "failed", "done")
        committed = {c: getattr(report, c) for c in counters}
        n_failures = len(report.failures)
        try:
            for res in _results(files, jobs, known, opts):
                if res[0] == "known":
                    if writer.known(res[2]):
                        report.skipped += 1
                        res = ("skipped",)
                    else:  # same 64-bit prefix as a stored page, different page: parse it here
                        res = _prepare(res[1], opts, known, check_known=False)
                if res[0] == "page":
                    try:
                        added = writer.add(res[3])
                    except StoreError as e:
                        res = ("failed", res[1], res[2], e.code, e.message)
                    else:
                        if added is None:
                            report.skipped += 1
                        else:
                            report.pages += 1
                            report.articles += added[0]
                            report.facts += added[1]
                if res[0] == "failed":
                    _record_failure(writer, report, res[1], res[2], res[3], res[4])
                report.done += 1
                if writer.due():
                    writer.commit(report)
                    committed = {c: getattr(report, c) for c in counters}
                    n_failures = len(report.failures)
                if progress is not None:
                    report.seconds = time.monotonic() - started
                    progress(report)
        except KeyboardInterrupt:
            report.interrupted = True
            if not writer.in_tx:  # interrupted inside a page: its batch was rolled back, count what is stored
                for c, v in committed.items():
                    setattr(report, c, v)
                del report.failures[n_failures:]
        report.seconds = time.monotonic() - started
        writer.commit(report, status="interrupted" if report.interrupted else "done")
        if report.pages and not report.interrupted:
            total = con.execute("SELECT count(*) FROM pages").fetchone()[0]
            if progress is not None:
                report.optimizing = True
                progress(report)
            optimize_index(con, full=report.pages >= OPTIMIZE_SHARE * total)
            report.seconds = time.monotonic() - started
    finally:
        con.close()
    report.seconds = time.monotonic() - started
    return report


WAL_CHECKPOINT_PAGES = 10_000  # the writer copies its log into the file every ~40 MB, not every 4 MB (the
# default): pages rewritten between checkpoints are copied once (measured: -0.15 ms of writer time a page)
MERGE_PAGES = 2000  # FTS5 'merge' work after a small run, in leaf pages (a few MB)
#: A run that added at least this share of the archive's pages ends by merging each full-text index into
#: one segment ('optimize'). Measured on 1,000,000 generated articles: 70 s, and then 4-character
#: queries p95 98 -> 48 ms, 2-character 54 -> 42 ms. A small daily run only folds its own segments.
OPTIMIZE_SHARE = 0.05


def optimize_index(con: sqlite3.Connection, full: bool = True) -> None:
    """Merge the full-text indexes' segments: all into one (``full``), or a bounded amount of work.
    Each is one transaction: a run killed meanwhile loses only the merge."""
    for table in ("text_bi", "text_uni"):
        if full:
            con.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        else:
            con.execute(f"INSERT INTO {table}({table}, rank) VALUES ('merge', ?)", (MERGE_PAGES,))


def _record_failure(writer: Writer, report: IngestReport, path: str, sha: str | None, code: str,
                    reason: str) -> None:
    writer.fail(path, sha, code, reason)
    report.failed += 1
    if len(report.failures) < MAX_REPORTED_FAILURES:
        report.failures.append((path, code, reason))
