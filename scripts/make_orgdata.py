#!/usr/bin/env python3
"""Regenerate the organisation data derived from jieba's dictionary (MIT, pip install jieba==0.42.1).

Two files in src/banmian/data/:

``org_names_jieba.tsv``  organisation names jieba tags ``nt`` (they come from annotated People's Daily
    text), kept when they end with a suffix of ``org_suffixes.tsv`` and say *which* body they are:
    the part before the suffix is neither empty, nor only category words (文理学院, 高级中学), nor only
    a place (湖北省人民政府, 美国政府: the rules find those, and 中国大学 is no organisation).
    Hand vetoes in ``org_vetoes.txt`` drop the rest of the noise.
``org_stopwords.tsv``  words that end an organisation's name to their left (推进|华为公司, 今年|比亚迪公司):
    jieba words of 2-3 characters tagged as adverbs, prepositions, conjunctions, pronouns, time, measure,
    direction or particle words (frequency >= STOP_MIN_FREQ), or as verbs and adjectives
    (frequency >= STOP_CONTENT_MIN_FREQ; rarer ones down to SOFT_MIN_FREQ are *soft*: they end only a
    name with no anchor), not numbers or ordinals, and never found inside an organisation's name (any jieba ``nt`` word, any hand-kept name,
    suffix or name word), so that 发展 (国家开发银行... 发展银行) or 组织 (世界卫生组织) stay usable.

    python scripts/make_orgdata.py          # write both files
    python scripts/make_orgdata.py --check  # exit 1 if a committed file differs from a fresh build
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from banmian.extract.places import DATA, _rows  # noqa: E402  (the package's own table reader)

NAMES_OUT = DATA / "org_names_jieba.tsv"
STOP_OUT = DATA / "org_stopwords.tsv"
JIEBA_VERSION = "0.42.1"
#: jieba frequency floor for an ``nt`` name. 3 is jieba's own floor for most entries: the nt words
#: come from annotated news text, so a rare one is still a real name; the filters below do the work.
NT_MIN_FREQ = 3
NT_MAX_LEN = 16  # longer nt entries are sentences glued together
#: Frequency floor for a function word (preposition, conjunction, pronoun, time, measure, direction,
#: particle, adverb) as stop word: 30 keeps the common ones of news text. Numeral words (m) are left
#: out: they live in names (百步亭, 万家乐), and a number before a name is followed by a measure word.
STOP_MIN_FREQ = 30
STOP_TAGS = {"d", "p", "c", "r", "t", "q", "f", "u", "uj", "ul", "y", "e", "o"}
#: Frequency floor for a verb or adjective as a *hard* stop word, one that ends every name. Verbs
#: also name what a body does (卫星导航定位协会, 物流与采购联合会), so only the most common ones
#: (推进, 支持, 积极...; about 1,700) are hard; 2000 keeps 导航 (801) and 采购 (1843) out.
STOP_CONTENT_MIN_FREQ = 2000
#: Frequency floor for a verb or adjective as a *soft* stop word: it ends a name that has no place or
#: organisation before it (为助力|集团公司 is no name), but an anchored name reads through it
#: (中国|卫星导航定位|协会).
SOFT_MIN_FREQ = 100
STOP_CONTENT_TAGS = {"v", "vd", "vi", "vq", "a", "ad", "z"}
NUMERAL_CHARS = set("〇零一二三四五六七八九十百千万亿两几")


#: One-character country abbreviations that open foreign bodies' names in news text (美国务院, 俄外交部).
COUNTRY_ABBR = set("美俄英法日韩德朝越以巴印澳加意葡荷比瑞挪芬丹波捷匈罗希土伊埃苏蒙泰缅老柬菲新")


def _cjk(w: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in w)


def _places() -> set[str]:
    out = set()
    for r in _rows("divisions.tsv"):
        out.add(r[1])
        out.update(s for s in (r[4] if len(r) > 4 else "").split("|") if s)
    for r in _rows("countries.tsv"):
        out.add(r[0])
        out.update(s for s in (r[1] if len(r) > 1 else "").split("|") if s)
    return out


def _covered(s: str, words: set[str], maxlen: int) -> bool:
    """Can ``s`` be cut entirely into ``words``? (empty string: yes)"""
    ok = [True] + [False] * len(s)
    for i in range(1, len(s) + 1):
        for k in range(1, min(maxlen, i) + 1):
            if ok[i - k] and s[i - k:i] in words:
                ok[i] = True
                break
    return ok[len(s)]


def build() -> tuple[str, str]:
    import jieba

    if jieba.__version__ != JIEBA_VERSION:
        raise SystemExit(f"need jieba=={JIEBA_VERSION}, found {jieba.__version__}")
    entries = []
    for line in (Path(jieba.__file__).parent / "dict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3:
            entries.append((parts[0], int(parts[1]), parts[2]))

    suffixes = {r[0]: (r[1], (r + ["", "", ""])[3]) for r in _rows("org_suffixes.tsv")}
    words = {r[0]: set(r[1].split()) for r in _rows("org_words.tsv")}
    hand = set()
    for r in _rows("org_names.tsv"):
        hand.update(r[1].split())
    vetoes = set()
    for line in (DATA / "org_vetoes.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            vetoes.update(line.split())
    places = _places()
    generic = words["generic"] | words["level"] | words["prefix"] | words["determiner"]
    gmax = max(map(len, generic))
    pmax = max(map(len, places))

    names: dict[str, str] = {}
    nt_all = []
    for w, freq, tag in entries:
        if tag != "nt":
            continue
        nt_all.append(w)
        if freq < NT_MIN_FREQ or not (3 <= len(w) <= NT_MAX_LEN) or not _cjk(w) or w in vetoes or w in hand \
                or w in suffixes:  # 党工委, 公安局 alone: a kind of body
            continue
        suf = next((w[-k:] for k in range(min(len(w) - 1, 8), 0, -1)
                    if w[-k:] in suffixes and w[-k - 1] not in suffixes[w[-k:]][1]), None)
        if suf is None:
            continue
        head = w[: -len(suf)]
        if _covered(head, generic, gmax) or _covered(head, places, pmax):
            continue
        kind = suffixes[suf][0]
        named = any(p in head for p in places if len(p) <= len(head)) or head in COUNTRY_ABBR
        if kind in ("government", "court") and len(head) <= 3 and not named:
            continue  # 民政局, 外事委员会, 党委政府: a department, not which one
        if suf == "中心" and len(head) <= 2:
            continue  # 交易中心, 广播中心
        if any(ch in words["stopchar"] for ch in head[-1:]):
            continue  # 的, 和... right before the suffix: a phrase, not a name
        names[w] = kind

    inside = nt_all + list(hand) + list(suffixes)
    for k in ("body", "generic", "prefix", "connector"):
        inside += list(words[k])
    blob = "\n".join(inside)
    stops: dict[str, str] = {}
    for w, freq, tag in entries:
        if not (2 <= len(w) <= 3) or not _cjk(w) or w in blob:
            continue
        if w.startswith("第") or set(w) <= NUMERAL_CHARS:
            continue  # 第一, 八十: ordinals and numbers are parts of names (南平第一医院, 第八十中学)
        if tag in STOP_TAGS and freq >= STOP_MIN_FREQ:
            stops[w] = "hard"
        elif tag in STOP_CONTENT_TAGS and freq >= SOFT_MIN_FREQ:
            stops[w] = "hard" if freq >= STOP_CONTENT_MIN_FREQ else "soft"

    head = (f"# generated by scripts/make_orgdata.py from jieba {JIEBA_VERSION} dict.txt (MIT); do not edit by hand\n")
    names_txt = head + "name\tkind\n" + "".join(f"{w}\t{k}\n" for w, k in sorted(names.items()))
    stops_txt = head + "word\tstrength\n" + "".join(f"{w}\t{k}\n" for w, k in sorted(stops.items()))
    return names_txt, stops_txt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    names_txt, stops_txt = build()
    if args.check:
        bad = [p.name for p, t in ((NAMES_OUT, names_txt), (STOP_OUT, stops_txt))
               if not p.exists() or p.read_text(encoding="utf-8") != t]
        print(("differ from a fresh build: " + ", ".join(bad)) if bad else "organisation data is up to date")
        return 1 if bad else 0
    NAMES_OUT.write_text(names_txt, encoding="utf-8")
    STOP_OUT.write_text(stops_txt, encoding="utf-8")
    print(f"wrote {NAMES_OUT.name} ({names_txt.count(chr(10)) - 2} names), "
          f"{STOP_OUT.name} ({stops_txt.count(chr(10)) - 2} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
