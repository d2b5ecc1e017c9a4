"""The ``banmian`` command: thin commands over the Python API.

Each command parses its arguments, calls the API and prints data. A user's mistake ends in one
line on standard error naming the input and the reason; the run goes on with the other inputs
and exits with status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import IO, Any

from . import __version__
from .errors import BanmianError, UsageError

PARSE_EXAMPLES = """\
examples:
  banmian parse examples/seed-page.txt --date 2023-05-22
  banmian parse pages/*.txt --format jsonl > pages.jsonl
  banmian parse big5-page.txt --encoding big5
  banmian parse saved-article.html            # an e-paper or news site's article page (pip install banmian[html])
  banmian parse page.pdf --blocks          # PDF: pip install 'banmian[pdf]'
  banmian parse scan.png scan.tiff         # scans, by OCR: pip install 'banmian[ocr]'
  cat page.txt | banmian parse - --date 2023-05-22
"""

EXTRACT_EXAMPLES = """\
examples:
  echo '{"id": 1, "text": "绵阳去年实现地区生产总值3626.9亿元,同比增长5%。"}' | banmian extract --date 2023-05-22
  banmian extract sentences.jsonl > facts.jsonl
"""

EVAL_EXAMPLES = """\
examples:
  banmian eval tests/corpus/facts_gold.jsonl
  banmian eval gold.jsonl --pred facts.jsonl          # score the output of `banmian extract`
  banmian eval gold.jsonl --types place,person --format json
  banmian eval gold.jsonl --types date --misses       # what was missed, what was spurious
"""


INGEST_EXAMPLES = """\
examples:
  banmian ingest pages/                              # a folder, recursively (.txt, .html, .pdf, images)
  banmian ingest 'archive/**/2023-*/*.txt' --db papers.db --jobs 2
  banmian ingest scans/ --include '*.dat' --source 人民日报
  banmian ingest page.txt --date 2023-05-22          # the issue date, whatever the page prints
Run it again over the same files: stored pages are skipped by their SHA-256; an interrupted run
resumes where it stopped.
"""

SEARCH_EXAMPLES = """\
examples:
  banmian search 绵阳                                 # any length: 川, 绵阳, 地区生产总值
  banmian search '绵阳 增长'                           # both (AND is implied)
  banmian search '(绵阳 OR 德阳) 增长 -地震'
  banmian search '"京津冀 协同"'                        # a phrase, spaces kept
  banmian search 发展 --place 四川 --from 2023-01 --to 2023-06
  banmian search --person 王志华 --format jsonl       # filters alone, newest first
  banmian search 港口 --org 国家统计局 --section 要闻 --sort newest --limit 50
"""

FACTS_EXAMPLES = """\
examples:
  banmian facts --type indicator --place 四川 --indicator 地区生产总值
  banmian facts --type place --place 绵阳 --format csv > places.csv
  banmian facts --type quantity --from 2023-01 --to 2023-03 --format jsonl
  banmian facts --name 王志华
  banmian facts --article 3e15009421a634e3-01
"""

EXPORT_EXAMPLES = """\
examples:
  banmian export --format jsonl --out export/        # export/articles.jsonl, export/facts.jsonl
  banmian export --format parquet --out export/      # needs: pip install 'banmian[parquet]'
  banmian export --format csv --what facts --out - > facts.csv
  banmian export --format jsonl --from 2023 --to 2023 --out y2023/
"""

SERVE_EXAMPLES = """\
examples:
  banmian serve                                      # banmian.db at http://127.0.0.1:8000/
  banmian serve --db papers.db --port 8080
  banmian serve --db papers.db --port 0              # any free port (printed)
  banmian serve --db papers.db --workers 2           # one process per core
  banmian serve --host 0.0.0.0                       # readable from other machines: think first
Open the address in a browser for the reader (search, articles with their facts, places,
indicators); /docs documents the JSON API under /api, /openapi.json describes it.
"""

MIGRATE_EXAMPLES = """\
examples:
  banmian migrate --db banmian.db
  banmian stats --db banmian.db
"""


def _dump(obj: Any, out: IO[str], pretty: bool) -> None:
    if pretty:
        out.write(json.dumps(obj, ensure_ascii=False, indent=1))
    else:
        out.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")))
    out.write("\n")


def _fail(message: str) -> None:
    print(f"banmian: {message}", file=sys.stderr)


def _internal(source: str, exc: Exception) -> str:
    if os.environ.get("BANMIAN_DEBUG"):
        raise exc
    return f"{source}: internal error ({type(exc).__name__}: {exc}); please report it [E999]"


def cmd_parse(args: argparse.Namespace) -> int:
    from .pipeline import check_date, parse_bytes

    date = check_date(args.date)
    jsonl = args.format == "jsonl" or len(args.files) > 1
    status = 0
    out = sys.stdout
    for name in args.files:
        try:
            if name == "-":
                data = sys.stdin.buffer.read()
                page = parse_bytes(data, "<stdin>", date, args.encoding, facts=not args.no_facts)
            else:
                from .pipeline import parse_page
                if os.path.isdir(name):
                    raise BanmianError("is a folder, not a page (use `banmian ingest` for folders)", source=name)
                if not os.path.exists(name):
                    raise BanmianError("no such file", source=name)
                page = parse_page(os.fspath(name) if os.path.isfile(name) else name, date,
                                  encoding=args.encoding, facts=not args.no_facts)
        except BanmianError as e:
            _fail(str(e))
            status = 1
            continue
        except Exception as e:  # noqa: BLE001 - one bad page must not stop the run
            _fail(_internal(name, e))
            status = 1
            continue
        _dump(page.to_dict(with_blocks=args.blocks), out, pretty=not jsonl)
        out.flush()
    return status


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import check_date, extract_facts

    check_date(args.date)
    source = args.file or "-"
    try:
        stream = sys.stdin if source == "-" else open(source, encoding="utf-8-sig")
    except OSError as e:
        raise BanmianError(f"cannot be read ({e.strerror or e})", source=source) from None
    status = 0
    label = "<stdin>" if source == "-" else source
    with stream:
        try:
            for lineno, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                rec_id: Any = None
                try:
                    rec = json.loads(line)
                    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                        raise ValueError('expected an object with a "text" string')
                    rec_id = rec.get("id")
                    facts = extract_facts(rec["text"], args.date)
                    _dump({"id": rec_id, "facts": [f.to_dict() for f in facts]}, sys.stdout, False)
                except ValueError as e:
                    _fail(f"{label}:{lineno}: not a JSON line of the form {{\"id\": …, \"text\": …}} ({e})")
                    _dump({"id": rec_id, "facts": [], "error": str(e)}, sys.stdout, False)
                    status = 1
                except Exception as e:  # noqa: BLE001
                    _fail(_internal(f"{label}:{lineno}", e))
                    _dump({"id": rec_id, "facts": [], "error": "internal error"}, sys.stdout, False)
                    status = 1
        except UnicodeDecodeError as e:
            raise BanmianError(f"is not UTF-8 text ({e.reason} at byte {e.start})", source=label) from None
    return status


def _miss_line(m: dict[str, Any]) -> str:
    def brief(f: dict[str, Any]) -> str:
        extra = {k: v for k, v in f.items() if k not in ("type", "text", "field", "start", "end")}
        return f"{f.get('text')!r}@{f.get('start')}:{f.get('end')} {json.dumps(extra, ensure_ascii=False)}"

    line = f"{m['kind']:<9}{m['id']}  {m['fact'].get('type')}: {brief(m['fact'])}"
    if m.get("against"):
        line += f"   vs {brief(m['against'])}"
    return line


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import FACT_TYPES, evaluate, format_table
    from .pipeline import check_date

    types = [t.strip() for t in args.types.split(",") if t.strip()] if args.types else None
    bad = [t for t in types or () if t not in FACT_TYPES]
    if bad:
        raise UsageError(f"--types: {bad[0]!r} is not one of {', '.join(FACT_TYPES)}")
    report = evaluate(args.gold, args.pred, date=check_date(args.date), types=types, misses=args.misses)
    for e in report["errors"]:
        _fail(e)
    if args.format == "json":
        _dump(report, sys.stdout, pretty=True)
    else:
        print(format_table(report))
        for m in report.get("misses", []):
            print(_miss_line(m))
    return 1 if report["errors"] else 0


# -- the archive ------------------------------------------------------------------------------
def _archive(args: argparse.Namespace, readonly: bool = True):
    from .store import Archive

    return Archive(args.db, readonly=readonly, create=not readonly)


def _db_error(args: argparse.Namespace, e: Exception) -> int:
    _fail(f"{args.db}: database error ({e}) [E300]")
    return 1


def cmd_ingest(args: argparse.Namespace) -> int:
    import sqlite3

    from .render import IngestProgress
    from .store.ingest import ingest

    try:
        with IngestProgress(None if args.progress is None else args.progress) as progress:
            report = ingest(args.db, args.paths, jobs=args.jobs, date=args.date, source=args.source,
                            encoding=args.encoding, date_from_path=not args.no_date_from_path,
                            include=args.include or (), progress=progress,
                            command=" ".join(["banmian", *sys.argv[1:]])[:1000])
    except sqlite3.Error as e:
        return _db_error(args, e)
    for path, code, reason in report.failures:
        _fail(f"{path}: {reason} [{code}]")
    if report.failed > len(report.failures):
        _fail(f"... and {report.failed - len(report.failures)} more failures: see the archive's failures table")
    rate = report.done / report.seconds if report.seconds else 0.0
    summary = (f"{report.pages:,} pages, {report.articles:,} articles, {report.facts:,} facts added; "
               f"{report.skipped:,} skipped (already stored), {report.failed:,} failed; "
               f"{report.done:,} inputs in {report.seconds:.1f} s ({rate:.0f} pages/s) -> {args.db}")
    if report.interrupted:
        summary += "; interrupted: run the same command again to finish"
    if args.json:
        _dump(report.to_dict(), sys.stdout, False)
    print(f"banmian: {summary}", file=sys.stderr)
    if report.interrupted:
        return 130
    return 1 if report.failed else 0


def cmd_search(args: argparse.Namespace) -> int:
    import sqlite3

    from .render import HIT_CSV_COLUMNS, search_table, write_rows

    try:
        with _archive(args) as ar:
            res = ar.search(args.query, date_from=args.date_from, date_to=args.date_to, place=args.place,
                            person=args.person, organization=args.org, section=args.section, source=args.source,
                            kind=args.kind, sort=args.sort, limit=args.limit, offset=args.offset)
    except sqlite3.Error as e:
        return _db_error(args, e)
    if args.format == "table":
        search_table(res.to_dict())
    else:
        write_rows(res.hits, args.format, sys.stdout, HIT_CSV_COLUMNS,
                   lambda h: {**h, "source": h["source"]["name"]})
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    import sqlite3

    from .render import FACT_CSV_COLUMNS, facts_table, write_rows

    try:
        with _archive(args) as ar:
            res = ar.facts(type=args.type, place=args.place, indicator=args.indicator, name=args.name,
                           date_from=args.date_from, date_to=args.date_to, article=args.article,
                           limit=args.limit, offset=args.offset)
    except sqlite3.Error as e:
        return _db_error(args, e)
    if args.format == "table":
        facts_table(res.to_dict())
    else:
        write_rows(res.facts, args.format, sys.stdout, FACT_CSV_COLUMNS)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    import sqlite3

    tables = tuple(args.what) if args.what else ("articles", "facts")
    try:
        with _archive(args) as ar:
            written = ar.export(args.out, args.format, tables, args.date_from, args.date_to)
    except sqlite3.Error as e:
        return _db_error(args, e)
    for w in written:
        print(f"banmian: {w['rows']:,} {w['table']} -> {w['path']}", file=sys.stderr)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from .store.schema import LATEST

    with _archive(args, readonly=False) as ar:
        pass
    print(f"banmian: {args.db} is at schema version {LATEST}", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with _archive(args) as ar:
        stats = ar.stats()
        stats["check"] = ar.check() if args.check else None
    _dump(stats, sys.stdout, True)
    return 0 if not args.check or stats["check"]["ok"] else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .web import require_web

    require_web()
    from .web.serve import serve

    if args.workers < 1:
        raise UsageError(f"--workers {args.workers}: give 1 or more")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port {args.port}: give 0 to 65535 (0: any free port)")
    serve(args.db, args.host, args.port, workers=args.workers, access_log=args.access_log)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="banmian",
        description="banmian (版面): read Chinese newspaper pages into articles and facts.",
        epilog="Run `banmian COMMAND --help` for a command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"banmian {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="split newspaper pages into articles with their facts",
                       description="Split each page into its articles (kicker, headline, subheadline, "
                       "bylines, dateline, body with column breaks repaired, captions) with their facts. "
                       "One file prints one Page as JSON; several files, or --format jsonl, one Page per line.",
                       epilog=PARSE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="FILE", help="page files; - reads standard input")
    p.add_argument("--date", help="issue date YYYY-MM-DD: relative dates resolve against it "
                   "(default: the date printed on the page, if any)")
    p.add_argument("--format", choices=("json", "jsonl"), default="json", help="output format (default: json)")
    p.add_argument("--encoding", help="the pages' encoding when detection cannot tell (e.g. gb18030, big5)")
    p.add_argument("--blocks", action="store_true", help="also print every block with the role it was given")
    p.add_argument("--no-facts", action="store_true", help="articles only, no fact extraction")
    p.set_defaults(func=cmd_parse)

    e = sub.add_parser("extract", help="facts from running text given as JSON lines",
                       description='Read JSON lines {"id": ..., "text": ...} from FILE or standard input and '
                       'write JSON lines {"id": ..., "facts": [...]} in the same order.',
                       epilog=EXTRACT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("file", nargs="?", metavar="FILE", help="JSON lines file (default: standard input)")
    e.add_argument("--date", help="reference date YYYY-MM-DD for relative dates (今年, 去年, 上月…)")
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("eval", help="score facts against a gold file (precision, recall, F1 per type)",
                       description='Score facts against GOLD, JSON lines {"id", "text", "date" (optional), '
                       '"facts": [...]}: by default the facts are extracted from the texts now; with --pred '
                       'they are read from the output of `banmian extract`. Prints precision, recall and F1 '
                       'per type for exact spans, overlapping spans, and overlapping spans whose fields agree.',
                       epilog=EVAL_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    v.add_argument("gold", metavar="GOLD", help="gold JSON lines file")
    v.add_argument("--pred", metavar="PRED", help="predictions: the output of `banmian extract` on GOLD's texts")
    v.add_argument("--date", help="issue date YYYY-MM-DD for gold lines without a \"date\"")
    v.add_argument("--types", help="comma-separated fact types to score (default: all)")
    v.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    v.add_argument("--misses", action="store_true", help="also list every gold fact missed and every "
                   "prediction that matches none (attrs score), one per line")
    v.set_defaults(func=cmd_eval)

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default="banmian.db", metavar="FILE", help="the archive (default: banmian.db)")

    def date_options(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument("--from", dest="date_from", metavar="DATE", help=f"{what} from (YYYY, YYYY-MM or YYYY-MM-DD)")
        p.add_argument("--to", dest="date_to", metavar="DATE", help=f"{what} up to, inclusive (YYYY, YYYY-MM or YYYY-MM-DD)")

    def page_options(p: argparse.ArgumentParser, limit: int) -> None:
        p.add_argument("--limit", type=int, default=limit, help=f"at most this many (default: {limit})")
        p.add_argument("--offset", type=int, default=0, help="skip this many first (paging)")
        p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table",
                       help="a table (default), JSON lines or CSV")

    raw = argparse.RawDescriptionHelpFormatter
    i = sub.add_parser("ingest", help="parse pages into an archive (SQLite), resumable",
                       description="Parse files, folders (recursively) and glob patterns into the archive, in "
                       "parallel, committing whole pages. Pages already stored (same SHA-256) are skipped; an "
                       "input that cannot be read is recorded with its reason and the run goes on.",
                       epilog=INGEST_EXAMPLES, formatter_class=raw)
    i.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or glob patterns")
    db_option(i)
    i.add_argument("--jobs", type=int, default=None, help="parser processes (default: all cores)")
    i.add_argument("--date", help="issue date YYYY-MM-DD for every page (default: the page's own, else a date "
                   "in its path)")
    i.add_argument("--no-date-from-path", action="store_true", help="do not take dates from folder or file names")
    i.add_argument("--source", metavar="LABEL", help="label the pages (e.g. the paper's name) for --source filters")
    i.add_argument("--encoding", help="the pages' encoding when detection cannot tell")
    i.add_argument("--include", action="append", metavar="GLOB",
                   help="in folders, take files matching this pattern instead of the page suffixes (repeatable)")
    i.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help="show a progress bar (default: when standard error is a terminal)")
    i.add_argument("--no-progress", dest="progress", action="store_false", help="no progress output")
    i.add_argument("--json", action="store_true", help="also print the run's report as JSON")
    i.set_defaults(func=cmd_ingest)

    s = sub.add_parser("search", help="full-text search of the archive, with filters",
                       description="Search headlines, kickers, subheadlines, bodies and captions. Terms of any "
                       "length match exactly where they occur; phrases in quotes; AND (implied), OR, NOT or -term, "
                       "parentheses. Filters narrow by issue date, place (with the divisions under it), person, "
                       "organization, section, source, kind.", epilog=SEARCH_EXAMPLES, formatter_class=raw)
    s.add_argument("query", nargs="?", default=None, metavar="QUERY", help="what to look for (omit to list by filters)")
    db_option(s)
    date_options(s, "issue dates")
    s.add_argument("--place", help="articles naming this place or a division under it (name or 6-digit code)")
    s.add_argument("--person", help="articles naming this person, or signed by them")
    s.add_argument("--org", help="articles naming this organization (or a longer name starting with it)")
    s.add_argument("--section", help="articles of this section (栏目)")
    s.add_argument("--source", help="pages labelled so at ingest, or whose file name or path contains this")
    s.add_argument("--kind", choices=("article", "photo", "brief"), help="only this kind of item")
    s.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance",
                   help="order of hits (default: relevance)")
    page_options(s, 20)
    s.set_defaults(func=cmd_search)

    f = sub.add_parser("facts", help="query the stored facts",
                       description="List stored facts matching every filter given, oldest issue first.",
                       epilog=FACTS_EXAMPLES, formatter_class=raw)
    db_option(f)
    f.add_argument("--type", help="place, person, organization, quantity, date, document, indicator...")
    f.add_argument("--place", help="facts of this place or a division under it, and placeless facts of articles "
                   "naming it")
    f.add_argument("--indicator", help="indicator facts whose indicator contains this (地区生产总值)")
    f.add_argument("--name", help="facts with this name (a place, person, organization, document, subject)")
    date_options(f, "facts whose period (else issue date) falls")
    f.add_argument("--article", metavar="ID", help="the facts of one article")
    page_options(f, 100)
    f.set_defaults(func=cmd_facts)

    x = sub.add_parser("export", help="export articles and facts (JSON lines, CSV, Parquet)",
                       description="Write the archive's articles and facts, oldest issue first, to files in a "
                       "folder (written under a .part name, renamed when complete).",
                       epilog=EXPORT_EXAMPLES, formatter_class=raw)
    db_option(x)
    x.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl", help="default: jsonl")
    x.add_argument("--out", default="export", metavar="FOLDER",
                   help="folder for articles.<format> and facts.<format> (default: export); - for standard output")
    x.add_argument("--what", action="append", choices=("articles", "facts"),
                   help="only this table (repeatable; default: both)")
    date_options(x, "issue dates")
    x.set_defaults(func=cmd_export)

    m = sub.add_parser("migrate", help="bring an archive to this version's schema",
                       description="Apply the schema migrations an archive lacks (ingest does this by itself).",
                       epilog=MIGRATE_EXAMPLES, formatter_class=raw)
    db_option(m)
    m.set_defaults(func=cmd_migrate)

    st = sub.add_parser("stats", help="counts, dates and size of an archive (JSON)",
                        description="Print an archive's counts (pages, articles, facts by type, failures), the "
                        "issue dates it covers, its schema version and size.", epilog=MIGRATE_EXAMPLES,
                        formatter_class=raw)
    db_option(st)
    st.add_argument("--check", action="store_true", help="also run consistency checks (exit 1 if one fails)")
    st.set_defaults(func=cmd_stats)

    sv = sub.add_parser("serve", help="web reader and JSON API over an archive (read-only)",
                        description="Serve the archive over HTTP: a web reader (search with facets, articles "
                        "with their facts highlighted, places, indicator charts) and a JSON API with OpenAPI "
                        "docs. The archive is opened read-only; an ingest may go on writing to it. Needs "
                        "pip install 'banmian[web]'.", epilog=SERVE_EXAMPLES, formatter_class=raw)
    db_option(sv)
    sv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    sv.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    sv.add_argument("--workers", type=int, default=1, help="server processes (default: 1)")
    sv.add_argument("--access-log", action="store_true", help="log every request to standard error")
    sv.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except BanmianError as e:
        _fail(str(e))
        return 1
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
