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
  banmian parse page.pdf --blocks          # PDF: pip install 'banmian[pdf]'
  banmian parse scan.png scan.tiff         # scans, by OCR: pip install 'banmian[ocr]'
  cat page.txt | banmian parse - --date 2023-05-22
"""

EXTRACT_EXAMPLES = """\
examples:
  echo '{"id": 1, "text": "绵阳去年实现地区生产总值3626.9亿元,同比增长5%。"}' | banmian extract --date 2023-05-22
  banmian extract sentences.jsonl > facts.jsonl
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
