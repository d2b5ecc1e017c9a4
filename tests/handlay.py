"""Lay out hand-written pages: ``tests/corpus/pages_c/pageNN.src`` -> ``pageNN.txt`` + ``pageNN.truth.json``.

A source is the page as printed, one block per line, each line tagged with what it is, so that
the truth comes from the same text as the page and cannot drift from it:

    #date 2019-06-12          the issue date
    #half                     the page prints half-width punctuation (, . : ; ? ! " ( ))
    #col 170                  column height in characters: body text is cut every so many
                              characters, as a column break would (0: only the cuts marked +>)
    F> 第3版                   page furniture (running head, date line, editor line)
    SEC> 地方传真               a section label, printed
    @ article {"section": "地方传真", "dl": "本报讯", "by": [["张三", "本报记者"]], "col": 150}
                              a new article (article, photo or brief) and its fields that are
                              not printed as their own line (also "headline" for 【城关镇】…)
    K> / H> / S>              kicker, headline, subheadline (S may open with ——)
    BY> □ 本报记者 张三          a byline line, printed (the names come from "by")
    P> text                   a new body paragraph; {{...}} is printed but not body (a dateline,
                              bylines inside it, an attribution at the end)
    +> text                   the same paragraph after a column break marked by hand
    SUB> text                 an inner subhead (a paragraph of the body, never cut)
    C> text {{credit}}        a caption with its credit; CR> credit: a credit on its own line
    X> text                   printed, not part of any field (（完）, 下转第3版)

Column breaks: besides the ones marked ``+>``, the body of each article is cut every ``col``
characters counted from a start that depends on the headline (columns do not start with the
article), unless the cut would leave fewer than 3 characters on either side of it.

    python tests/handlay.py            # write the .txt and .truth.json files
    python tests/handlay.py --check    # exit 1 if a committed file differs
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent / "corpus"
HALF = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!", "“": '"', "”": '"',
                      "（": "(", "）": ")"})
_HIDDEN_RE = re.compile(r"\{\{(.*?)\}\}")
_TAG_RE = re.compile(r"^(F|SEC|K|H|S|BY|P|\+|SUB|C|CR|X)>\s?(.*)$")
#: Fewest characters a column break leaves on either side of it.
MIN_PIECE = 3


def _body(text: str) -> str:
    return _HIDDEN_RE.sub("", text).strip()


def _printed(text: str) -> str:
    return _HIDDEN_RE.sub(lambda m: m.group(1), text)


class _Article:
    def __init__(self, kind: str, meta: dict[str, Any], col: int) -> None:
        self.kind = kind
        self.meta = meta
        self.col = int(meta.get("col", col))
        # A headline printed inside the first paragraph (【城关镇】… in a roundup) comes from meta.
        self.fields: dict[str, str | None] = {k: meta.get(k) for k in ("kicker", "headline", "subheadline")}
        self.paragraphs: list[str] = []
        self.captions: list[dict[str, str | None]] = []
        self.used = 0  # characters of the current column already filled

    def truth(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "section": self.meta.get("section"), **self.fields,
            "bylines": [{"name": n, "role": r} for n, r in self.meta.get("by", [])],
            "dateline": self.meta.get("dl"), "body": "\n".join(p for p in self.paragraphs if p),
            "captions": self.captions,
        }


def _flow(art: _Article, printed: str, blocks: list[str]) -> None:
    """Print a paragraph (or its continuation), cut where the column fills."""
    start = 0
    while True:
        room = art.col - art.used if art.col > 0 else len(printed)
        rest = len(printed) - start
        if rest <= room:
            art.used += rest
            blocks.append(printed[start:])
            return
        end = start + max(room, MIN_PIECE)
        if len(printed) - end < MIN_PIECE:  # the paragraph ends in this column after all
            art.used = 0
            blocks.append(printed[start:])
            return
        while end < len(printed) - MIN_PIECE and (printed[end - 1].isspace() or printed[end].isspace()):
            end += 1
        blocks.append(printed[start:end])
        art.used = 0
        start = end


def _half(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(HALF)
    if isinstance(value, list):
        return [_half(v) for v in value]
    if isinstance(value, dict):
        return {k: _half(v) for k, v in value.items()}
    return value


def lay(source: str) -> tuple[str, dict[str, Any]]:
    """(page text, truth) from a page source."""
    date = None
    half = False
    col = 0
    blocks: list[str] = []
    articles: list[_Article] = []
    art: _Article | None = None
    for raw in source.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("#date "):
            date = line.split()[1]
            continue
        if line == "#half":
            half = True
            continue
        if line.startswith("#col "):
            col = int(line.split()[1])
            continue
        if line.startswith("#"):
            continue
        if line.startswith("@ "):
            kind, _, meta = line[2:].partition(" ")
            fields = json.loads(meta) if meta.strip() else {}
            art = _Article(kind, _half(fields) if half else fields, col)
            art.used = zlib.crc32(f"{len(articles)} {meta}".encode()) % max(art.col, 1)
            articles.append(art)
            continue
        if half:
            line = line.translate(HALF)
        m = _TAG_RE.match(line)
        if not m:
            raise ValueError(f"untagged line: {line!r}")
        tag, text = m.groups()
        if tag in ("F", "SEC", "X", "BY"):
            blocks.append(_printed(text))
            continue
        if art is None:
            raise ValueError(f"{tag}> before any @ article: {line!r}")
        if tag in ("K", "H", "S"):
            key = {"K": "kicker", "H": "headline", "S": "subheadline"}[tag]
            art.fields[key] = text.lstrip("—").strip() if tag == "S" else text
            blocks.append(text)
        elif tag == "P":
            art.paragraphs.append(_body(text))
            _flow(art, _printed(text), blocks)
        elif tag == "+":
            art.paragraphs[-1] += _body(text)
            art.used = 0
            _flow(art, _printed(text), blocks)
        elif tag == "SUB":
            art.paragraphs.append(text)
            blocks.append(text)
        elif tag == "C":
            m2 = _HIDDEN_RE.search(text)
            credit = m2.group(1).strip() if m2 else None
            art.captions.append({"text": _body(text), "credit": credit})
            blocks.append(_printed(text))
        elif tag == "CR":
            art.captions[-1]["credit"] = _body(text) or _printed(text).strip()
            blocks.append(_printed(text))
    page = "\n\n".join(blocks) + "\n"
    return page, {"date": date, "articles": [a.truth() for a in articles]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    stale = 0
    for src in sorted(ROOT.glob("pages_*/page*.src")):
        text, truth = lay(src.read_text(encoding="utf-8"))
        truth_text = json.dumps(truth, ensure_ascii=False, indent=1) + "\n"
        for path, content in ((src.with_suffix(".txt"), text), (src.with_suffix(".truth.json"), truth_text)):
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != content:
                    print(f"{path} differs from its source")
                    stale += 1
            else:
                path.write_text(content, encoding="utf-8")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
