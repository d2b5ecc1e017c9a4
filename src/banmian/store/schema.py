"""The archive's schema, its migrations, and how connections are opened.

Migrations are numbered and applied in order, each in its own transaction, and recorded in the
``schema_migrations`` table (version, name, time); ``PRAGMA user_version`` mirrors the latest.
A writer applies what is missing when it opens the archive; a reader refuses an archive that is
behind (``banmian migrate`` brings it up) or ahead (written by a newer banmian) of this code.

Keys. ``articles.key`` orders articles by issue date: ``day << DAY_SHIFT | n`` where ``day`` is the
issue date's proleptic ordinal and ``n`` counts the day's articles in the order they were stored;
articles without a date get ``UNDATED_BASE + n`` (negative: they sort before every dated one). A
date range is then a key range, which FTS5 and the B-trees seek to directly, and "newest first" is
key order. ``facts.key`` is ``article.key << FACT_SHIFT | seq``, so an article's facts are one key
range too. (Why 18 bits a day: FTS5 stores the gaps between the keys of each term's articles as
varints, and a gap of a few days stays within 3 bytes; 24 bits made the full-text index ~15% larger.)
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ArchiveMissingError, ArchiveVersionError, StoreError

__all__ = ["MIGRATIONS", "LATEST", "connect", "migrate", "schema_version", "day_of", "date_of_day",
           "DAY_SHIFT", "FACT_SHIFT", "MAX_KEY", "UNDATED_BASE", "day_range", "key_block"]

DAY_SHIFT = 18  # up to 262,144 articles per issue date
FACT_SHIFT = 16  # up to 65,536 facts per article
UNDATED_BASE = -(1 << 45)  # undated articles: UNDATED_BASE + n, n < 2**45; fact keys stay above -2**61
# Largest article key: ordinal(9999-12-31) = 3,652,059 < 2**22, so keys < 2**40 and fact keys < 2**56.
MAX_KEY = (1 << (22 + DAY_SHIFT)) - 1

#: BM25 weights of the ``text_bi`` columns (body, title, captions): a hit in the headline, kicker or
#: subheadline counts four times one in the body, a caption twice. Chosen by hand: newspapers put the
#: subject of an article in its title; captions name it more often than a random body sentence.
RANK_WEIGHTS = (1.0, 4.0, 2.0)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    steps: tuple[str, ...] | Callable[[sqlite3.Connection], None]


_V1 = (
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, command TEXT,
        pages INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0, facts INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL)""",
    """CREATE TABLE pages (
        id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, path TEXT NOT NULL, name TEXT NOT NULL,
        format TEXT, encoding TEXT, date TEXT, source TEXT, size INTEGER NOT NULL,
        n_articles INTEGER NOT NULL, furniture TEXT NOT NULL, run INTEGER, ingested_at TEXT NOT NULL)""",
    "CREATE INDEX pages_source ON pages(source) WHERE source IS NOT NULL",
    """CREATE TABLE articles (
        key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, page INTEGER NOT NULL, seq INTEGER NOT NULL,
        date TEXT, kind TEXT NOT NULL, section TEXT, kicker TEXT, headline TEXT, subheadline TEXT,
        bylines TEXT NOT NULL, dateline TEXT, body TEXT NOT NULL, captions TEXT NOT NULL,
        blocks TEXT NOT NULL, n_facts INTEGER NOT NULL)""",
    "CREATE INDEX articles_page ON articles(page)",
    "CREATE TABLE days (day INTEGER PRIMARY KEY, pages INTEGER NOT NULL, articles INTEGER NOT NULL)",
    "CREATE INDEX articles_section ON articles(section) WHERE section IS NOT NULL",
    """CREATE TABLE facts (
        key INTEGER PRIMARY KEY, type TEXT NOT NULL, text TEXT NOT NULL, field TEXT NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        name TEXT, division TEXT, indicator TEXT, value, unit TEXT, period_start TEXT, period_end TEXT,
        attrs TEXT NOT NULL)""",  # value untyped: an integer stays an integer, a real a real (factcodec)
    # Names of facts without a division (people, organizations, documents, regions, countries):
    # places and subjects with a division code are found through facts_division instead, which
    # keeps three facts in four out of this index.
    "CREATE INDEX facts_name ON facts(type, name) WHERE name IS NOT NULL AND division IS NULL",
    "CREATE INDEX facts_division ON facts(division) WHERE division IS NOT NULL",
    "CREATE INDEX facts_indicator ON facts(indicator) WHERE indicator IS NOT NULL",
    # Every division an article names, with the divisions above it: a place filter is one range.
    """CREATE TABLE article_places (
        code TEXT NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (code, article)) WITHOUT ROWID""",
    """CREATE TABLE bylines (
        name TEXT NOT NULL, article INTEGER NOT NULL, role TEXT, PRIMARY KEY (name, article)) WITHOUT ROWID""",
    """CREATE TABLE failures (
        path TEXT PRIMARY KEY, sha256 TEXT, code TEXT NOT NULL, reason TEXT NOT NULL, run INTEGER,
        at TEXT NOT NULL)""",
    "CREATE VIRTUAL TABLE text_bi USING fts5(body, title, captions, content='', tokenize='ascii')",
    "INSERT INTO text_bi(text_bi, rank) VALUES('rank', 'bm25({}, {}, {})')".format(*RANK_WEIGHTS),
    "CREATE VIRTUAL TABLE text_uni USING fts5(chars, content='', tokenize='ascii', detail='none')",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "pages, articles, facts, article_places, bylines, days, failures, runs; full-text tables text_bi and text_uni", _V1),
)
LATEST = MIGRATIONS[-1].version

BUSY_TIMEOUT_MS = 30_000  # a reader or second writer waits this long for a writer's batch to commit


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def schema_version(con: sqlite3.Connection) -> int:
    """The latest migration applied, 0 for an empty database."""
    has = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").fetchone()
    if not has:
        return 0
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def migrate(con: sqlite3.Connection, label: str = "archive") -> list[int]:
    """Apply the missing migrations, each in one transaction; return the versions applied."""
    con.execute("""CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)""")
    current = schema_version(con)
    if current > LATEST:
        raise ArchiveVersionError(f"has schema version {current}, newer than this banmian knows ({LATEST}): "
                                  "upgrade banmian", source=label)
    applied: list[int] = []
    for m in MIGRATIONS:
        if m.version <= current:
            continue
        con.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(con) >= m.version:  # another process got there first
                con.execute("ROLLBACK")
                continue
            if callable(m.steps):
                m.steps(con)
            else:
                for sql in m.steps:
                    con.execute(sql)
            con.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                        (m.version, m.name, _now()))
            con.execute(f"PRAGMA user_version = {m.version}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(m.version)
    return applied


def connect(path: str | os.PathLike[str], *, readonly: bool = False, create: bool = False) -> sqlite3.Connection:
    """Open the archive at ``path``.

    ``readonly``: a read-only connection (``mode=ro``), for queries and serving; the archive must
    exist and be at the latest schema. Otherwise a writable connection in WAL mode; ``create``
    makes the archive when missing; migrations are applied.
    """
    label = os.fspath(path)
    p = Path(path)
    if label != ":memory:" and not p.exists() and not create:
        raise ArchiveMissingError("no archive here: make one with `banmian ingest --db "
                                  f"{label} PAGES...`", source=label)
    if p.is_dir():
        raise ArchiveMissingError("is a folder, not an archive file", source=label)
    if create and label != ":memory:" and not p.parent.exists():
        raise ArchiveMissingError(f"cannot be created: the folder {str(p.parent)!r} does not exist", source=label)
    try:
        if readonly:
            con = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                  check_same_thread=False)
        else:
            con = sqlite3.connect(label, isolation_level=None, check_same_thread=False)
        con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not readonly:
            con.execute("PRAGMA journal_mode = WAL")
            # WAL with synchronous=NORMAL: a killed process loses no committed transaction; only a
            # power cut can lose the last few, and never leaves a half-written one.
            con.execute("PRAGMA synchronous = NORMAL")
        version = schema_version(con)
    except sqlite3.DatabaseError as e:
        raise ArchiveMissingError(f"is not a banmian archive ({e})", source=label) from None
    if version == 0:
        tables = con.execute("SELECT count(*) FROM sqlite_master WHERE name != 'schema_migrations'").fetchone()[0]
        if tables or not create:
            con.close()
            what = "is an SQLite database but not a banmian archive" if tables else "is an empty archive"
            raise ArchiveMissingError(what, source=label)
    if readonly:
        if version > LATEST:
            con.close()
            raise ArchiveVersionError(f"has schema version {version}, newer than this banmian knows ({LATEST}): "
                                      "upgrade banmian", source=label)
        if version < LATEST:
            con.close()
            raise ArchiveVersionError(f"has schema version {version}, older than this banmian's ({LATEST}): "
                                      f"run `banmian migrate --db {label}`", source=label)
    else:
        try:
            migrate(con, label)
        except sqlite3.DatabaseError as e:
            con.close()
            raise StoreError(f"cannot be brought to schema {LATEST} ({e})", source=label) from None
    return con


def day_of(date: str | None) -> int:
    """The key day of an ISO issue date (0 for none)."""
    if not date:
        return 0
    return _dt.date.fromisoformat(date).toordinal()


def key_block(day: int) -> tuple[int, int]:
    """First article key of a day (0: undated) and how many keys the day has."""
    if day == 0:
        return UNDATED_BASE, -UNDATED_BASE
    return day << DAY_SHIFT, 1 << DAY_SHIFT


def date_of_day(day: int) -> str | None:
    return _dt.date.fromordinal(day).isoformat() if day else None


def day_range(date_from: str | None, date_to: str | None) -> tuple[int, int]:
    """Article keys of issue dates in [date_from, date_to] (ISO strings, either may be None).

    Undated articles are inside only when no lower bound is given.
    """
    lo = day_of(date_from) << DAY_SHIFT if date_from else UNDATED_BASE
    hi = ((day_of(date_to) + 1) << DAY_SHIFT) - 1 if date_to else MAX_KEY
    return lo, hi
