"""Shared command line of the data generators: write a table, or with --check say whether the
committed one equals a fresh build (the regeneration tests run the --check form)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable


def write_or_check(out: Path, build: Callable[[], str], doc: str | None, unit: str = "words") -> int:
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed file differs from a fresh build")
    args = ap.parse_args()
    text = build()
    if args.check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print(f"{out.name} is up to date" if same else f"{out.name} differs from a fresh build")
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({text.count(chr(10)) - 1} {unit})")
    return 0
