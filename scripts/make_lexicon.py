#!/usr/bin/env python3
"""Regenerate src/banmian/data/lexicon.tsv: Chinese words with their cost (-ln of frequency).

The segmenter uses it to tell whether a column break cut a word (发|展, 国家图|书馆, 高标|准农田)
and whether a block opens with a particle that only follows other words (的, 了, 们, 着). It runs
a unigram word model over the few characters around a break: when the best reading of the two
halves together needs a word running across the break, the break is inside a word.

Source: jieba 0.42.1's dictionary (MIT licence, ``pip install jieba==0.42.1``): ~349,000 words with
frequencies and part-of-speech tags. Kept: words of 1 to MAX_LEN CJK characters with frequency
>= MIN_FREQ. Columns: word, cost = round(-ln(freq / total)) (total over the whole dictionary; a
resolution of 1 nat changes no decision on the golden pages), and ``p`` for a one-character
particle, suffix or modal word (jieba tags u*, k, y) that cannot open a sentence.

    python scripts/make_lexicon.py          # write the file
    python scripts/make_lexicon.py --check  # exit 1 if the committed file differs
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from regen import write_or_check

OUT = Path(__file__).resolve().parents[1] / "src" / "banmian" / "data" / "lexicon.tsv"
JIEBA_VERSION = "0.42.1"
#: Frequency floor. 10 keeps ~105,000 words; the sweep in the module notes of
#: ``banmian.segment.lexicon`` shows 5, 10 and 20 catch nearly the same cut words (550/543/533 of
#: 1,444 cut lines on the golden pages) and no title at any floor.
MIN_FREQ = 10
#: Longest word kept: the model looks at most 4 characters either side of a break.
MAX_LEN = 6
#: jieba's tags of words that only follow others: particles (u, uj, ul, uz, uv, ud, ug), suffixes (k)
#: and sentence-final modal words (y).
PARTICLE_TAGS = frozenset(("u", "uj", "ul", "uz", "uv", "ud", "ug", "k", "y"))


def _cjk(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


def build() -> str:
    import jieba

    if jieba.__version__ != JIEBA_VERSION:
        raise SystemExit(f"need jieba=={JIEBA_VERSION}, found {jieba.__version__}")
    src = Path(jieba.__file__).parent / "dict.txt"
    rows = [line.split() for line in src.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if len(r) >= 2]
    total = sum(int(r[1]) for r in rows)
    best: dict[str, tuple[int, str]] = {}
    for r in rows:
        word, freq, tag = r[0], int(r[1]), (r[2] if len(r) > 2 else "")
        if freq < MIN_FREQ or not 1 <= len(word) <= MAX_LEN or not _cjk(word):
            continue
        cost = round(-math.log(freq / total))
        flag = "p" if len(word) == 1 and tag in PARTICLE_TAGS else ""
        if word not in best or cost < best[word][0]:
            best[word] = (cost, flag)
    header = (f"# word\tcost = round(-ln(freq/total))\tp = particle; from jieba {JIEBA_VERSION} dict.txt (MIT), "
              f"freq >= {MIN_FREQ}, 1-{MAX_LEN} characters; made by scripts/make_lexicon.py\n")
    lines = [f"{w}\t{c}\t{f}" if f else f"{w}\t{c}" for w, (c, f) in sorted(best.items())]
    return header + "\n".join(lines) + "\n"


def main() -> int:
    return write_or_check(OUT, build, __doc__)


if __name__ == "__main__":
    sys.exit(main())
