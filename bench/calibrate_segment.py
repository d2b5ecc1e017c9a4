"""Sweep one segmentation threshold or weight over the golden pages and print the measures.

    python bench/calibrate_segment.py                          # TITLE_SCORE_MIN
    python bench/calibrate_segment.py --param W_SPLIT_WORD --values -3 -2 -1 0
    python bench/calibrate_segment.py --param SUBHEADLINE_MIN_CHARS --values 14 16 18 20 24

Each value is set on ``banmian.segment.patterns`` and the pages are parsed again: the generated
pages of ``tests/pagegen.py`` (seeded) and the hand-laid pages under ``tests/corpus/pages_*``.
This is how the thresholds in ``patterns.py`` were chosen: take the value with the best
balance of articles 1:1, breaks joined and wrong joins, preferring round values on a plateau.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from pagegen import PageMaker, load_articles, load_hand_pages, score  # noqa: E402

from banmian.read import read_text_page  # noqa: E402
from banmian.segment import patterns, segment_page  # noqa: E402

COLUMNS = ("one_to_one", "headline", "breaks_joined", "wrong_joins", "titles_glued", "paragraphs_intact")
SHORT = ("1:1", "head", "breaks", "wrong", "glued", "intact")


def measure(pages):
    parsed = [(segment_page(read_text_page(r.text.encode("utf-8"), name)).to_dict(), r) for name, r in pages]
    return score(parsed)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--param", default="TITLE_SCORE_MIN")
    ap.add_argument("--values", nargs="+", type=float, default=[-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0])
    ap.add_argument("--pages", type=int, default=300)
    args = ap.parse_args()
    if not hasattr(patterns, args.param):
        raise SystemExit(f"no such parameter in banmian.segment.patterns: {args.param}")
    maker = PageMaker(load_articles(), seed=0)
    groups = {"generated": [(f"gen{k}", maker.page()) for k in range(args.pages)]}
    for name, rend in load_hand_pages():  # one group per folder: pages_a, pages_b, pages_c…
        groups.setdefault(Path(name).parent.name, []).append((name, rend))
    original = getattr(patterns, args.param)
    print(f"{args.param} (now {original}); " + ", ".join(f"{k} {len(v)} pages" for k, v in groups.items()))
    print(f"{'value':>7} {'pages':<10} " + " ".join(f"{c:>7}" for c in SHORT))
    for v in args.values:
        value = int(v) if isinstance(original, int) else v
        setattr(patterns, args.param, value)
        for k, pages in groups.items():
            m = measure(pages)
            print(f"{value:>7} {k:<10} " + " ".join(f"{m[c]:7.3f}" for c in COLUMNS))
    setattr(patterns, args.param, original)


if __name__ == "__main__":
    main()
