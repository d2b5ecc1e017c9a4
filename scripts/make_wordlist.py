#!/usr/bin/env python3
"""Regenerate src/banmian/data/words.txt: common Chinese words of 2-4 characters.

The segmenter uses it for one piece of evidence: a column break that cut a word in two
(刘东升表|示, 国家图|书馆) leaves a word spanning the two blocks. The words come from jieba's
dictionary (MIT licence, pip install jieba==0.42.1), keeping those with frequency >= MIN_FREQ.

    python scripts/make_wordlist.py          # write the file
    python scripts/make_wordlist.py --check  # exit 1 if the committed file differs
"""

from __future__ import annotations

import sys
from pathlib import Path

from regen import write_or_check

OUT = Path(__file__).resolve().parents[1] / "src" / "banmian" / "data" / "words.txt"
#: Frequency floor in jieba's dictionary. 100 keeps ~31,000 words: the common vocabulary of news
#: text, leaving out rare compounds that would span title/body boundaries by chance.
MIN_FREQ = 100
JIEBA_VERSION = "0.42.1"


def build() -> str:
    import jieba

    if jieba.__version__ != JIEBA_VERSION:
        raise SystemExit(f"need jieba=={JIEBA_VERSION}, found {jieba.__version__}")
    src = Path(jieba.__file__).parent / "dict.txt"
    words = set()
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and 2 <= len(parts[0]) <= 4 and int(parts[1]) >= MIN_FREQ:
            if all("\u4e00" <= ch <= "\u9fff" for ch in parts[0]):
                words.add(parts[0])
    header = f"# words of 2-4 characters with frequency >= {MIN_FREQ} in jieba {JIEBA_VERSION} dict.txt (MIT); made by scripts/make_wordlist.py\n"
    return header + "\n".join(sorted(words)) + "\n"


def main() -> int:
    return write_or_check(OUT, build, __doc__)


if __name__ == "__main__":
    sys.exit(main())
