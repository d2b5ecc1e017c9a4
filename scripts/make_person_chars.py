#!/usr/bin/env python3
"""Regenerate src/banmian/data/person_chars.tsv, person_dictnames.txt and person_words.txt from jieba's dictionary.

person_chars.tsv: how much each character looks like part of a name.

banmian.extract.people scores a candidate name (surname + one or two given characters, or a run of
transliteration characters) by log-likelihood ratios: how much more often a character stands in that
place of a person name than anywhere in running text. Both distributions come from jieba's
dictionary (MIT licence, pip install jieba==0.42.1):

- running text: every character of every entry, weighted by the entry's frequency;
- Chinese names: entries tagged ``nr``/``nrfg`` of three characters whose first character is a
  surname of ``data/surnames.txt`` (and four characters starting with a compound surname), counted
  once each, giving the surname, first and second given-name character distributions;
- transliterated names: entries tagged ``nrt`` (克林顿, 道格拉斯...), counted once each.

Columns: char, surname, given1, given2, trans (natural-log ratios, 2 decimals; surname is empty for a
character that is not a listed surname).

person_dictnames.txt: the dictionary's common three-character names (tagged ``nr``/``nrfg``, frequency
>= NAME_MIN_FREQ, starting with a listed surname: 江泽民, 周恩来, 孙中山). They are words of
data/words.txt too; the recogniser must not hold that against them.

person_words.txt: less common words than data/words.txt holds (frequency WORDS_MIN_FREQ up to its
floor, two or three characters, not tagged as names) that start or end with a surname character:
钱包, 白皮, 高新: more evidence that a surname-led string is a word.

    python scripts/make_person_chars.py          # write the file
    python scripts/make_person_chars.py --check  # exit 1 if the committed file differs
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "banmian" / "data" / "person_chars.tsv"
OUT_NAMES = ROOT / "src" / "banmian" / "data" / "person_dictnames.txt"
OUT_WORDS = ROOT / "src" / "banmian" / "data" / "person_words.txt"
SURNAMES = ROOT / "src" / "banmian" / "data" / "surnames.txt"
JIEBA_VERSION = "0.42.1"
#: Add-k smoothing of the name distributions, in counts: one half keeps a character seen once in
#: 60,000 names from looking as good as a common one, without letting unseen ones reach -inf.
SMOOTH = 0.5
#: Every character this common in running text gets a row even if no name uses it, so that the
#: reader knows 们, 这, 说 are poor name characters; a character with no row is rare in text and the
#: reader treats it as neutral (rare characters are typical of given names: 镕, 昱).
TOP_TEXT_CHARS = 6000
#: The frequency floor of data/words.txt (scripts/make_wordlist.py), so that every name that list
#: holds as a word is listed here.
NAME_MIN_FREQ = 100
#: Words this frequent and below NAME_MIN_FREQ go to person_words.txt: 20 keeps the ordinary vocabulary
#: of news (钱包, 高新) and leaves out rare compounds that would hide real names.
WORDS_MIN_FREQ = 20


def _cjk(s: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in s)


def build() -> tuple[str, str, str]:
    import jieba

    if jieba.__version__ != JIEBA_VERSION:
        raise SystemExit(f"need jieba=={JIEBA_VERSION}, found {jieba.__version__}")
    single, double = set(), set()
    for line in SURNAMES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        for w in line.split():
            (single if len(w) == 1 else double).add(w)
    text: Counter[str] = Counter()
    sur: Counter[str] = Counter()
    g1: Counter[str] = Counter()
    g2: Counter[str] = Counter()
    trans: Counter[str] = Counter()
    seen = set()
    dictnames = set()
    firsts = single | {w[0] for w in double}
    words = set()
    src = Path(jieba.__file__).parent / "dict.txt"
    for line in src.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 3 or not _cjk(parts[0]):
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2]
        for ch in word:
            text[ch] += freq
        if word in seen:
            continue
        seen.add(word)
        if WORDS_MIN_FREQ <= freq < NAME_MIN_FREQ and 2 <= len(word) <= 3 and tag not in ("nr", "nrfg", "nrt") \
                and (word[0] in firsts or word[-1] in firsts):
            words.add(word)
        if tag in ("nr", "nrfg"):
            if len(word) == 3 and word[0] in single:
                if freq >= NAME_MIN_FREQ:
                    dictnames.add(word)
                sur[word[0]] += 1
                g1[word[1]] += 1
                g2[word[2]] += 1
            elif len(word) == 4 and word[:2] in double:
                g1[word[2]] += 1
                g2[word[3]] += 1
        elif tag == "nrt" and len(word) >= 2:
            for ch in word:
                trans[ch] += 1
    n_text = sum(text.values())
    common = {ch for ch, _ in text.most_common(TOP_TEXT_CHARS)}
    chars = sorted(set(sur) | set(g1) | set(g2) | set(trans) | common)

    def llr(dist: Counter[str], ch: str) -> str:
        p = (dist[ch] + SMOOTH) / (sum_of[id(dist)] + SMOOTH * len(dist))
        q = (text[ch] + 1) / (n_text + len(text))
        return f"{math.log(p / q):.2f}"

    sum_of = {id(d): sum(d.values()) for d in (sur, g1, g2, trans)}
    lines = [f"# made by scripts/make_person_chars.py from jieba {JIEBA_VERSION} dict.txt (MIT): "
             "log(P(char in that place of a name) / P(char in text))",
             "char\tsurname\tgiven1\tgiven2\ttrans"]
    for ch in chars:
        row = [llr(sur, ch) if ch in single else "", llr(g1, ch), llr(g2, ch), llr(trans, ch)]
        lines.append("\t".join([ch, *row]))
    names = (f"# made by scripts/make_person_chars.py from jieba {JIEBA_VERSION} dict.txt (MIT): three-character "
             f"entries tagged nr/nrfg with frequency >= {NAME_MIN_FREQ} starting with a surname of surnames.txt\n"
             + "\n".join(sorted(dictnames)) + "\n")
    more = (f"# made by scripts/make_person_chars.py from jieba {JIEBA_VERSION} dict.txt (MIT): words of 2-3 characters, "
            f"frequency {WORDS_MIN_FREQ} to {NAME_MIN_FREQ - 1}, not tagged nr/nrfg/nrt, starting or ending with a surname character\n"
            + "\n".join(sorted(words)) + "\n")
    return "\n".join(lines) + "\n", names, more


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    status = 0
    for path, text in zip((OUT, OUT_NAMES, OUT_WORDS), build()):
        if args.check:
            same = path.exists() and path.read_text(encoding="utf-8") == text
            print(f"{path.name} is up to date" if same else f"{path.name} differs from a fresh build")
            status |= not same
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({text.count(chr(10)) - 1} lines)")
    return status


if __name__ == "__main__":
    sys.exit(main())
