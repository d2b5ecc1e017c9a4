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
