"""Benchmark organisation facts: chars/s of ``find_organizations`` and of the whole ``extract_text``.

    python bench/bench_orgs.py [--mb 4]

The text is the paragraphs of the project's article collection (``tests/corpus/articles_*.json``)
repeated to about ``--mb`` million characters, one paragraph per call, on one core, as ``banmian
extract`` and ``parse`` call the extractors. Three figures:
  orgs        find_organizations with the paragraph's place facts given (as extract_text does)
  orgs+places find_organizations computing the place facts itself
  extract     extract_text: every extractor (places, organisations, quantities, dates, documents)
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from banmian.extract.facts import extract_text  # noqa: E402
from banmian.extract.orgs import find_organizations  # noqa: E402
from banmian.extract.places import find_places  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=4.0, help="million characters of text (default 4)")
    args = ap.parse_args()

    paras = []
    for path in sorted((ROOT / "tests" / "corpus").glob("articles_*.json")):
        for art in json.loads(path.read_text(encoding="utf-8")):
            paras.extend(p for p in [art.get("headline") or "", *art["paragraphs"]] if p)
    once = sum(map(len, paras))
    reps = max(1, round(args.mb * 1e6 / once))
    chars = once * reps
    places = [find_places(p) for p in paras]
    find_organizations("北京市商务局")  # load the tables outside the timing

    clock = time.perf_counter
    t0 = clock()
    n_orgs = 0
    for _ in range(reps):
        for p, pl in zip(paras, places):
            n_orgs += len(find_organizations(p, pl))
    t_orgs = clock() - t0
    t0 = clock()
    for _ in range(reps):
        for p in paras:
            find_organizations(p)
    t_both = clock() - t0
    t0 = clock()
    for _ in range(reps):
        for p in paras:
            extract_text(p)
    t_all = clock() - t0

    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one core")
    print(f"text: {chars / 1e6:.1f} M chars ({len(paras)} paragraphs x {reps}), {n_orgs // reps} organisations per pass")
    print(f"orgs:        {chars / t_orgs:12,.0f} chars/s")
    print(f"orgs+places: {chars / t_both:12,.0f} chars/s")
    print(f"extract:     {chars / t_all:12,.0f} chars/s  (all extractors)")


if __name__ == "__main__":
    main()
