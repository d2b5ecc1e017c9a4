"""Export articles and facts as JSON lines, CSV or Parquet, streamed in key order (issue date).

``articles``: one record per article. JSON lines carry the contract's Article (facts nested) plus
``date`` and ``source``; CSV and Parquet are flat (``bylines`` and ``captions`` as JSON text in CSV,
as lists of structs in Parquet). ``facts``: one record per fact with its article's id and issue date,
the indexed columns and ``attrs`` (every field of the fact's type, as JSON text).
Parquet needs pyarrow: ``pip install 'banmian[parquet]'``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from typing import IO, Any

from ..errors import FilterError, MissingExtraError
from .factcodec import unpack
from .filters import date_bound
from .schema import FACT_SHIFT, day_range

__all__ = ["export", "article_json", "FORMATS", "TABLES", "ARTICLE_COLUMNS", "FACT_COLUMNS"]

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("articles", "facts")
PART = ".part"  # files are written under this suffix and renamed when complete: no half-written exports
BATCH = 2000  # rows fetched and written at a time: bounded memory whatever the archive's size
ARTICLE_COLUMNS = ("id", "date", "source_name", "source_label", "sha256", "path", "kind", "section", "kicker",
                   "headline", "subheadline", "bylines", "dateline", "body", "captions", "n_facts")
FACT_COLUMNS = ("article_id", "issue_date", "type", "text", "field", "start", "end", "name", "division",
                "indicator", "value", "unit", "period_start", "period_end", "attrs")

_ARTICLE_COLUMNS_SQL = ("SELECT a.id, a.date, p.name, p.source, p.sha256, p.path, a.kind, a.section, a.kicker,"
                        " a.headline, a.subheadline, a.bylines, a.dateline, a.body, a.captions, a.n_facts, a.key,"
                        " p.format, p.encoding, a.blocks FROM articles a JOIN pages p ON p.id = a.page")
_ARTICLES = _ARTICLE_COLUMNS_SQL + " WHERE a.key BETWEEN ? AND ? ORDER BY a.key"
_FACTS = ("SELECT a.id, a.date, f.type, f.text, f.field, f.start, f.\"end\", f.name, f.division, f.indicator,"
          " f.value, f.unit, f.period_start, f.period_end, f.attrs FROM facts f"
          f" JOIN articles a ON a.key = f.key >> {FACT_SHIFT} WHERE f.key BETWEEN ? AND ? ORDER BY f.key")
_ARTICLE_FACTS = ("SELECT type, text, field, start, \"end\", attrs, name, division, indicator, value, unit,"
                  " period_start, period_end FROM facts WHERE key BETWEEN ? AND ? ORDER BY key")


def _rows(con: sqlite3.Connection, sql: str, params: tuple) -> Iterator[list[tuple]]:
    cur = con.execute(sql, params)
    while batch := cur.fetchmany(BATCH):
        yield batch


def _article_json(con: sqlite3.Connection, r: tuple) -> dict[str, Any]:
    key = r[16]
    facts = []
    for row in con.execute(_ARTICLE_FACTS, (key << FACT_SHIFT, ((key + 1) << FACT_SHIFT) - 1)):
        f = {"type": row[0], "text": row[1], "field": row[2], "start": row[3], "end": row[4]}
        f.update(unpack(row[5], row[6:13]))
        facts.append(f)
    return {"id": r[0], "kind": r[6], "section": r[7], "kicker": r[8], "headline": r[9], "subheadline": r[10],
            "bylines": json.loads(r[11]), "dateline": r[12], "body": r[13], "captions": json.loads(r[14]),
            "facts": facts, "blocks": json.loads(r[19]), "date": r[1],
            "source": {"name": r[2], "sha256": r[4], "format": r[17], "encoding": r[18], "path": r[5],
                       "label": r[3]}}


def article_json(con: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """One stored article as the contract's Article plus ``date`` and ``source``, or None."""
    row = con.execute(_ARTICLE_COLUMNS_SQL + " WHERE a.id = ?", (article_id,)).fetchone()
    return _article_json(con, row) if row else None


def _open(out: str, table: str, fmt: str) -> tuple[IO[str], str, bool]:
    if out == "-":
        return sys.stdout, "<stdout>", False
    path = os.path.join(out, f"{table}.{fmt}")
    return open(path + PART, "w", encoding="utf-8", newline=""), path, True


def _fact_out(r: tuple) -> tuple:
    """An export row of a fact with ``attrs`` whole again (JSON text)."""
    return (*r[:14], _json(unpack(r[14], r[7:14])))


_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _write_text(con: sqlite3.Connection, table: str, fmt: str, out: str, lo: int, hi: int) -> tuple[str, int]:
    fh, path, close = _open(out, table, fmt)
    n = 0
    try:
        writer = None
        if fmt == "csv":
            writer = csv.writer(fh)
            writer.writerow(ARTICLE_COLUMNS if table == "articles" else FACT_COLUMNS)
        if table == "articles":
            batches = _rows(con, _ARTICLES, (lo, hi))
        else:
            batches = _rows(con, _FACTS, (lo << FACT_SHIFT, ((hi + 1) << FACT_SHIFT) - 1))
        for batch in batches:
            buf = io.StringIO()
            for r in batch:
                if fmt == "jsonl":
                    if table == "articles":
                        rec = _article_json(con, r)
                    else:
                        rec = dict(zip(FACT_COLUMNS, r))
                        rec["attrs"] = unpack(r[14], r[7:14])
                    buf.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
                    buf.write("\n")
                else:
                    assert writer is not None
                    writer.writerow(r[:len(ARTICLE_COLUMNS)] if table == "articles" else _fact_out(r))
                n += 1
            if fmt == "jsonl":
                fh.write(buf.getvalue())
    except BaseException:
        if close:
            fh.close()
            os.unlink(path + PART)
        raise
    if close:
        fh.close()
        os.replace(path + PART, path)
    else:
        fh.flush()
    return path, n


def _write_parquet(con: sqlite3.Connection, table: str, out: str, lo: int, hi: int) -> tuple[str, int]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingExtraError("Parquet export needs pyarrow: pip install 'banmian[parquet]'") from None
    path = os.path.join(out, f"{table}.parquet")
    if table == "articles":
        byline = pa.struct([("name", pa.string()), ("role", pa.string())])
        caption = pa.struct([("text", pa.string()), ("credit", pa.string())])
        schema = pa.schema([(c, pa.string()) for c in ARTICLE_COLUMNS[:11]]
                           + [("bylines", pa.list_(byline)), ("dateline", pa.string()), ("body", pa.string()),
                              ("captions", pa.list_(caption)), ("n_facts", pa.int32())])
        batches = _rows(con, _ARTICLES, (lo, hi))
    else:
        schema = pa.schema([(c, pa.string()) for c in FACT_COLUMNS[:5]]
                           + [("start", pa.int32()), ("end", pa.int32())]
                           + [(c, pa.string()) for c in ("name", "division", "indicator")]
                           + [("value", pa.float64())]
                           + [(c, pa.string()) for c in ("unit", "period_start", "period_end", "attrs")])
        batches = _rows(con, _FACTS, (lo << FACT_SHIFT, ((hi + 1) << FACT_SHIFT) - 1))
    n = 0
    try:
        pw = pq.ParquetWriter(path + PART, schema, compression="zstd")
    except OSError as e:
        raise FilterError(f"cannot write {path!r} ({e})") from None
    with pw:
        for batch in batches:
            if table == "articles":
                cols: list[list] = [[r[i] for r in batch] for i in range(len(ARTICLE_COLUMNS))]
                cols[11] = [json.loads(v) for v in cols[11]]
                cols[14] = [json.loads(v) for v in cols[14]]
            else:
                rows = [_fact_out(r) for r in batch]
                cols = [[r[i] for r in rows] for i in range(len(FACT_COLUMNS))]
            pw.write_table(pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(cols, schema)],
                                                schema=schema))
            n += len(batch)
    os.replace(path + PART, path)
    return path, n


def export(con: sqlite3.Connection, out: str, fmt: str = "jsonl", tables: tuple[str, ...] = TABLES,
           date_from: str | None = None, date_to: str | None = None) -> list[dict[str, Any]]:
    """Write each table in ``tables`` to ``out/<table>.<fmt>`` (``out`` ``-``: standard output, one
    text table only). Returns ``[{"table", "path", "rows"}]``."""
    if fmt not in FORMATS:
        raise FilterError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    bad = [t for t in tables if t not in TABLES]
    if bad or not tables:
        raise FilterError(f"table {bad[0] if bad else ''!r} is not one of {', '.join(TABLES)}")
    if out == "-":
        if fmt == "parquet":
            raise FilterError("Parquet cannot go to standard output: give --out FOLDER")
        if len(tables) != 1:
            raise FilterError("standard output takes one table: add --what articles or --what facts")
    elif not os.path.isdir(out):
        try:
            os.makedirs(out, exist_ok=True)
        except OSError as e:
            raise FilterError(f"cannot make the folder {out!r} ({e.strerror or e})") from None
    lo, hi = day_range(date_bound(date_from, end=False, what="--from"), date_bound(date_to, end=True, what="--to"))
    written = []
    for table in tables:
        if fmt == "parquet":
            path, n = _write_parquet(con, table, out, lo, hi)
        else:
            path, n = _write_text(con, table, fmt, out, lo, hi)
        written.append({"table": table, "path": path, "rows": n})
    return written
