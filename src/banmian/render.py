"""Terminal output for the archive commands: rich tables, JSON lines, CSV, and ingest progress.

Only the CLI imports this module; the API returns data and never prints.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Sequence
from typing import IO, Any

__all__ = ["write_rows", "search_table", "facts_table", "IngestProgress", "OUTPUT_FORMATS", "FACT_CSV_COLUMNS",
           "HIT_CSV_COLUMNS"]

OUTPUT_FORMATS = ("table", "jsonl", "csv")
PROGRESS_LOG_SECONDS = 10.0  # without a terminal, one progress line this often (for logs)
HIGHLIGHT = "bold yellow"

HIT_CSV_COLUMNS = ("id", "date", "kind", "section", "headline", "snippet", "score", "source")
FACT_CSV_COLUMNS = ("issue_date", "article_id", "type", "text", "name", "code", "level", "parent", "indicator",
                    "subject", "value", "unit", "qualifier", "value_max", "period_start", "period_end", "growth",
                    "value_start", "value_end", "precision", "title", "field", "start", "end", "headline")


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _cell(v: Any) -> Any:
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return v


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, out: IO[str], columns: Sequence[str],
               flatten: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> None:
    """JSON lines (each dict whole) or CSV (the named columns; other keys dropped)."""
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(columns)
        for r in rows:
            flat = flatten(r) if flatten else r
            w.writerow([_cell(flat.get(c)) for c in columns])
    out.flush()


def _highlighted(text: str | None, spans: list[list[int]]):
    from rich.text import Text

    t = Text(text or "")
    for s, e in spans:
        t.stylize(HIGHLIGHT, s, e)
    return t


def search_table(result: dict[str, Any]) -> None:
    from rich.table import Table

    hits = result["hits"]
    order = result["sort"]
    if order == "relevance" and result["ranked"] < result["total"]:
        order = f"relevance over the newest {result['ranked']:,}, then newest first"
    noun = "article" if result["total"] == 1 else "articles"
    title = (f"{result['total']:,} {noun}" + (f" for {result['query']}" if result["query"] else "")
             + f" ({order}; {result['took_ms']:.0f} ms)")
    table = Table(title=title, show_lines=True, title_justify="left")
    table.add_column("#", justify="right", style="dim")
    table.add_column("date", no_wrap=True)
    table.add_column("headline / snippet", ratio=1)
    table.add_column("article", style="dim", no_wrap=True)
    for i, h in enumerate(hits, result["offset"] + 1):
        cell = _highlighted(h["headline"] or "(no headline)", h["headline_highlights"])
        cell.stylize("bold")
        cell.append("\n")
        cell.append_text(_highlighted(h["snippet"], h["highlights"]))
        table.add_row(str(i), h["date"] or "-", cell, h["id"])
    _print_table(table, result, len(hits))


def _print_table(table: Any, result: dict[str, Any], shown: int) -> None:
    """The table, the filters applied, and how to see more."""
    con = _console()
    con.print(table)
    if result["filters"]:
        con.print("filters: " + "; ".join(f"{k}={v}" for k, v in result["filters"].items()), style="dim")
    if result["total"] > result["offset"] + shown:
        con.print(f"showing {result['offset'] + 1}-{result['offset'] + shown}; more with --offset "
                  f"{result['offset'] + shown}", style="dim")


def _fact_summary(f: dict[str, Any]) -> str:
    t = f["type"]
    if t == "place":
        return " ".join(str(x) for x in (f.get("name"), f.get("code"), f.get("level")) if x)
    if t == "indicator":
        parts = [f.get("subject"), f.get("indicator"), _num(f.get("value")), f.get("unit")]
        if f.get("period_start"):
            parts.append(f"{f['period_start']}…{f.get('period_end') or ''}")
        if f.get("growth") is not None:
            parts.append(f"growth {f['growth']}%")
        return " ".join(str(x) for x in parts if x not in (None, ""))
    if t == "quantity":
        v = _num(f.get("value"))
        if f.get("value_max") is not None:
            v = f"{v}–{_num(f['value_max'])}"
        return f"{v} {f.get('unit') or ''} ({f.get('qualifier')})"
    if t == "date":
        return f"{f.get('value_start')} … {f.get('value_end')} ({f.get('precision')})"
    if t == "person":
        return " ".join(x for x in (f.get("title"), f.get("name")) if x)
    return str(f.get("name") or "")


def _num(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, (int, float)) else str(v)


def facts_table(result: dict[str, Any]) -> None:
    from rich.table import Table

    total = f"{result['total']:,}{'+' if result['total_capped'] else ''}"
    table = Table(title=f"{total} facts ({result['took_ms']:.0f} ms)", title_justify="left")
    for col, kw in (("issue", {"no_wrap": True}), ("type", {}), ("text", {}), ("what it says", {"ratio": 1}),
                    ("article", {"style": "dim", "no_wrap": True})):
        table.add_column(col, **kw)
    for f in result["facts"]:
        table.add_row(f["issue_date"] or "-", f["type"], f["text"], _fact_summary(f), f["article_id"])
    _print_table(table, result, len(result["facts"]))


class IngestProgress:
    """A progress bar with pages/s and ETA on a terminal; a line every PROGRESS_LOG_SECONDS otherwise."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.tty = sys.stderr.isatty() if enabled is None else enabled
        self.quiet = enabled is False
        self.bar = None
        self.task = None
        self.last = time.monotonic()

    def __enter__(self) -> IngestProgress:
        if self.tty and not self.quiet:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("ingest"), BarColumn(bar_width=24), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]:>4.0f} pages/s  ETA"), TimeRemainingColumn(),
                                TextColumn("{task.fields[detail]}", style="dim"),
                                console=_console(stderr=True), transient=False)
            self.bar.__enter__()
        return self

    def __call__(self, report: Any) -> None:
        rate = report.done / report.seconds if report.seconds > 0 else 0.0
        detail = f"+{report.articles:,} articles, {report.skipped:,} skipped, {report.failed:,} failed"
        if report.optimizing:
            detail += "; merging the full-text index"
            self.last = 0.0  # say so now, also in logs
        if self.bar is not None:
            if self.task is None:
                self.task = self.bar.add_task("ingest", total=report.found, rate=0.0, detail="")
            self.bar.update(self.task, completed=report.done, rate=rate, detail=detail)
        elif not self.quiet and time.monotonic() - self.last >= PROGRESS_LOG_SECONDS:
            self.last = time.monotonic()
            left = (report.found - report.done) / rate if rate else 0
            print(f"banmian: ingest {report.done:,}/{report.found:,} pages, {rate:.0f} pages/s, "
                  f"ETA {left:.0f} s; {detail}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
