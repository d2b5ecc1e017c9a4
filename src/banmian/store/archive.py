"""``Archive``: the Python API over the store. Every query returns plain data (dicts, dataclasses).

    >>> from banmian import Archive
    >>> with Archive("banmian.db") as ar:                     # doctest: +SKIP
    ...     ar.ingest(["pages/"])                             # files, folders, globs
    ...     res = ar.search("绵阳 增长", place="四川", date_from="2023")
    ...     [h["headline"] for h in res.hits]

A reader (a web server, a notebook) opens ``Archive(path, readonly=True)``: a read-only SQLite
connection, safe while an ingest is writing (WAL). A connection belongs to one ``Archive``; open one
per thread or per request (opening costs well under a millisecond).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from ..errors import StoreError
from ..model import Page
from .export import TABLES, article_json, export
from .facts import DEFAULT_FACTS_LIMIT, FactsResult, query_facts
from .filters import Filters
from .ingest import IngestReport, Writer, ingest, page_rows
from .schema import FACT_SHIFT, LATEST, connect, migrate, schema_version
from .search import DEFAULT_LIMIT, SearchResult, search

__all__ = ["Archive", "DEFAULT_DB"]

DEFAULT_DB = "banmian.db"


class Archive:
    """An archive of parsed pages in one SQLite file.

    ``readonly``: open for queries only (the file must exist). Otherwise the file is created when
    missing (``create``) and brought to the latest schema.
    """

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_DB, *, readonly: bool = False,
                 create: bool = True) -> None:
        self.path = os.fspath(path)
        self.readonly = readonly
        self.con = connect(self.path, readonly=readonly, create=create and not readonly)

    # -- lifecycle ----------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError("is open read-only", source=self.path)

    # -- writing ------------------------------------------------------------------------------
    def ingest(self, inputs: Iterable[str], *, jobs: int | None = None, date: str | None = None,
               source: str | None = None, encoding: str | None = None, date_from_path: bool = True,
               include: Iterable[str] = (), progress: Callable[[IngestReport], None] | None = None) -> IngestReport:
        """Parse and store files, folders (recursively) and glob patterns; see ``store.ingest.ingest``."""
        self._writable()
        return ingest(self.path, inputs, jobs=jobs, date=date, source=source, encoding=encoding,
                      date_from_path=date_from_path, include=include, progress=progress)

    def add_page(self, page: Page, *, path: str | None = None, size: int = 0, source: str | None = None) -> bool:
        """Store an already parsed page; False when a page with its hash is already there."""
        self._writable()
        writer = Writer(self.con)
        try:
            added = writer.add(page_rows(page, path or page.source.name, size, source))
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        return added is not None

    def migrate(self) -> list[int]:
        """Apply missing schema migrations (done on every writable open); the versions applied."""
        self._writable()
        return migrate(self.con, self.path)

    # -- queries ------------------------------------------------------------------------------
    def search(self, query: str | None = None, *, date_from: str | None = None, date_to: str | None = None,
               place: str | None = None, person: str | None = None, organization: str | None = None,
               section: str | None = None, source: str | None = None, kind: str | None = None,
               fact_type: str | None = None, sort: str = "relevance", limit: int | None = DEFAULT_LIMIT,
               offset: int = 0) -> SearchResult:
        """Full-text search (see ``store.search``); ``query`` None or empty lists by the filters alone.
        ``fact_type``: only articles stating a fact of this type (indicator, document...)."""
        flt = Filters(place=place, person=person, organization=organization, section=section, source=source,
                      kind=kind, fact_type=fact_type)
        return search(self.con, query, date_from=date_from, date_to=date_to, filters=flt, sort=sort,
                      limit=limit, offset=offset)

    def facts(self, *, type: str | None = None, place: str | None = None, indicator: str | None = None,
              name: str | None = None, date_from: str | None = None, date_to: str | None = None,
              article: str | None = None, limit: int | None = DEFAULT_FACTS_LIMIT, offset: int = 0) -> FactsResult:
        """Stored facts matching every filter given (see ``store.facts.query_facts``)."""
        return query_facts(self.con, type=type, place=place, indicator=indicator, name=name, date_from=date_from,
                           date_to=date_to, article=article, limit=limit, offset=offset)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article as the contract's Article JSON plus ``date`` and ``source``; None if unknown."""
        return article_json(self.con, article_id)

    def page(self, sha256: str) -> dict[str, Any] | None:
        """One page as the contract's Page JSON plus ``path`` and ``label``; None if unknown."""
        row = self.con.execute("SELECT id, sha256, name, format, encoding, date, furniture, path, source"
                               " FROM pages WHERE sha256 = ?", (sha256,)).fetchone()
        if not row:
            return None
        ids = [r[0] for r in self.con.execute("SELECT id FROM articles WHERE page = ? ORDER BY seq", (row[0],))]
        return {"source": {"name": row[2], "sha256": row[1], "format": row[3], "encoding": row[4]},
                "date": row[5], "articles": [self.article(i) for i in ids], "furniture": json.loads(row[6]),
                "path": row[7], "label": row[8]}

    def stats(self) -> dict[str, Any]:
        """Counts (pages, articles, facts by type, failures), issue dates covered, schema, file size."""
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        by_type = dict(self.con.execute("SELECT type, count(*) FROM facts GROUP BY type ORDER BY 2 DESC"))
        first, last = self.con.execute("SELECT min(day), max(day) FROM days WHERE day > 0").fetchone()
        from .schema import date_of_day

        size = sum(os.path.getsize(self.path + s) for s in ("", "-wal") if os.path.exists(self.path + s))
        return {"path": self.path, "schema_version": schema_version(self.con), "latest_schema": LATEST,
                "pages": one("SELECT count(*) FROM pages"), "articles": one("SELECT coalesce(sum(articles), 0) FROM days"),
                "facts": sum(by_type.values()), "facts_by_type": by_type,
                "failures": one("SELECT count(*) FROM failures"),
                "first_date": date_of_day(first) if first else None, "last_date": date_of_day(last) if last else None,
                "undated_articles": one("SELECT coalesce(sum(articles), 0) FROM days WHERE day = 0"),
                "bytes": size}

    def days(self) -> list[dict[str, Any]]:
        """Issue dates with their page and article counts, oldest first (undated pages as date None)."""
        from .schema import date_of_day

        return [{"date": date_of_day(d), "pages": p, "articles": a}
                for d, p, a in self.con.execute("SELECT day, pages, articles FROM days ORDER BY day")]

    def failures(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Inputs that could not be stored: path, hash (when read), code, reason, run, time."""
        sql = "SELECT path, sha256, code, reason, run, at FROM failures ORDER BY at, path"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [dict(zip(("path", "sha256", "code", "reason", "run", "at"), r)) for r in self.con.execute(sql)]

    def runs(self) -> list[dict[str, Any]]:
        """Ingest runs: when, what they added, and whether they finished (``done``) or not."""
        cols = ("id", "started_at", "finished_at", "command", "pages", "articles", "facts", "skipped", "failed",
                "status")
        return [dict(zip(cols, r)) for r in self.con.execute(f"SELECT {', '.join(cols)} FROM runs ORDER BY id")]

    def export(self, out: str, format: str = "jsonl", tables: tuple[str, ...] = TABLES,
               date_from: str | None = None, date_to: str | None = None) -> list[dict[str, Any]]:
        """Write articles and/or facts to ``out/<table>.<format>`` (see ``store.export``)."""
        return export(self.con, out, format, tables, date_from, date_to)

    def check(self) -> dict[str, Any]:
        """Consistency checks: SQLite's integrity check, the full-text indexes', and counts that must agree."""
        problems: list[str] = []
        ok = self.con.execute("PRAGMA integrity_check").fetchone()[0]
        if ok != "ok":
            problems.append(f"integrity_check: {ok}")
        if not self.readonly:
            for t in ("text_bi", "text_uni"):
                try:
                    self.con.execute(f"INSERT INTO {t}({t}) VALUES ('integrity-check')")
                except Exception as e:  # noqa: BLE001
                    problems.append(f"{t}: {e}")
        q = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        checks = {
            "articles vs pages.n_articles": (q("SELECT count(*) FROM articles"),
                                             q("SELECT coalesce(sum(n_articles), 0) FROM pages")),
            "articles vs days": (q("SELECT count(*) FROM articles"), q("SELECT coalesce(sum(articles), 0) FROM days")),
            "facts vs articles.n_facts": (q("SELECT count(*) FROM facts"),
                                          q("SELECT coalesce(sum(n_facts), 0) FROM articles")),
            "pages vs days": (q("SELECT count(*) FROM pages"), q("SELECT coalesce(sum(pages), 0) FROM days")),
            "facts without article": (q(f"SELECT count(*) FROM facts WHERE key >> {FACT_SHIFT} NOT IN"
                                        " (SELECT key FROM articles)"), 0),
        }
        for name, (a, b) in checks.items():
            if a != b:
                problems.append(f"{name}: {a} != {b}")
        return {"ok": not problems, "problems": problems}
