"""The tables banmian.extract.people reads, loaded once: surnames and their weights, character ratios,
titles, context words, word lists, place names, known names, and the automata over them."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .places import _rows  # the tab-separated data reader the extractors share

__all__ = ["_Model", "_model"]

DATA = Path(__file__).resolve().parent.parent / "data"

SURNAME_UNSEEN = -1.0  # a listed surname the dictionary has no three-character name for
SURNAME_RARE_CAP = 1.0  # a surname outside person_surnames_common.txt counts at most this much: the
# dictionary's ratio for rare characters (伏, 柴) rests on a handful of names and runs high
COMPOUND_SURNAME = 2.0  # 欧阳, 司马...: rare in text except as surnames


def _words(fname: str) -> list[str]:
    out = []
    with (DATA / fname).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                out.extend(line.split())
    return out


class _Model:
    """Every table the recogniser reads, loaded once."""

    def __init__(self) -> None:
        names = _words("surnames.txt")
        self.surname1 = frozenset(w for w in names if len(w) == 1)
        self.surname2 = frozenset(w for w in names if len(w) == 2)
        common = frozenset(_words("person_surnames_common.txt"))
        self.sur: dict[str, float] = {}
        self.g1: dict[str, float] = {}
        self.g2: dict[str, float] = {}
        self.trans: dict[str, float] = {}
        for row in _rows("person_chars.tsv"):
            ch, s, a, b, t = (row + [""] * 5)[:5]
            for table, v in ((self.sur, s), (self.g1, a), (self.g2, b), (self.trans, t)):
                if v:
                    table[ch] = float(v)
        for ch in self.surname1:
            v = self.sur.get(ch, SURNAME_UNSEEN)
            self.sur[ch] = v if ch in common else min(v, SURNAME_RARE_CAP)
        for w in self.surname2:
            self.sur[w] = COMPOUND_SURNAME
        self.common = common
        base = _words("person_titles.txt")
        titles = set(base)
        for t in base:
            titles.update(("副" + t, "常务副" + t, "代" + t, "代理" + t))
        self.titles = frozenset(titles)
        self.title_max = max(map(len, titles))
        cues: dict[str, set[str]] = {}
        for kind, word, *_ in _rows("person_cues.tsv"):
            cues.setdefault(kind, set()).add(word)
        self.after = frozenset(cues["after"])
        self.after_weak = frozenset(cues["after_weak"])
        self.after_time = frozenset(cues["after_time"])
        self.before = frozenset(cues["before"])
        self.before_weak = frozenset(cues["before_weak"])
        self.after_title = frozenset(cues["after_title"] | {"副" + t for t in cues["after_title"]})
        self.after_title_max = max(map(len, self.after_title))
        self.stops = frozenset(cues["stop"])
        self.honorific = frozenset(cues["honorific"])
        self.word_suffix = frozenset(cues["word_suffix"])
        self.org_end = frozenset(cues["org_end"])
        self.protect: dict[str, list[tuple[str, int]]] = {}
        for p in cues["protect"]:
            for w in self.stops:
                k = p.find(w)
                while k >= 0:
                    self.protect.setdefault(w, []).append((p, k))
                    k = p.find(w, k + 1)
        self.cue_max = max(map(len, self.after | self.after_weak | self.before | self.before_weak))
        self.stop_max = max(map(len, self.stops))
        self.tail_max = max(map(len, self.org_end | self.titles))
        self.words = frozenset(_words("words.txt")) | frozenset(_words("person_words.txt"))
        self.places, self.big_places = self._place_surfaces()
        self.place_max = max(map(len, self.places))
        self.vetoes = frozenset(_words("person_vetoes.txt"))
        self.known_hand = frozenset(_words("person_names.txt"))
        self.known = self.known_hand | frozenset(w for w in _words("person_dictnames.txt")
                                                 if w[0] in common and w not in self.places)
        firsts = self.surname1 | {w[0] for w in self.surname2}
        self.surname_re = re.compile("[" + "".join(sorted(firsts)) + "](?=[\u4e00-\u9fff])")
        self.automaton = self._automaton(self.titles | self.after | self.known_hand | self.after_title | self.before)

    @staticmethod
    def _place_surfaces() -> tuple[frozenset[str], frozenset[str]]:
        """Every place surface, and those of provinces, cities, regions and countries."""
        small: set[str] = set()
        big: set[str] = set()
        for row in _rows("divisions.tsv"):
            forms = {row[1]} | ({s for s in row[4].split("|") if s} if len(row) > 4 else set())
            (big if len(row) > 2 and row[2] in ("province", "city") else small).update(forms)
        for fname, alias_col in (("regions.tsv", 2), ("countries.tsv", 1)):
            for row in _rows(fname):
                big.add(row[0])
                if len(row) > alias_col:
                    big.update(s for s in row[alias_col].split("|") if s)
        big = {s for s in big if len(s) >= 2}
        return frozenset(big | {s for s in small if len(s) >= 2}), frozenset(big)

    @staticmethod
    def _automaton(words: frozenset[str]):
        try:
            import ahocorasick  # pyahocorasick, BSD-3-Clause
        except ImportError:  # pragma: no cover - the regex fallback gives the same matches, slower
            alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            return re.compile(f"(?=({alts}))")
        a = ahocorasick.Automaton()
        for w in words:
            a.add_word(w, w)
        a.make_automaton()
        return a

    def matches(self, text: str):
        """Every title, strong cue or listed name in ``text`` as (start, end, word), overlaps included."""
        a = self.automaton
        if isinstance(a, re.Pattern):  # pragma: no cover
            for m in a.finditer(text):
                yield m.start(), m.start() + len(m.group(1)), m.group(1)
            return
        for end, w in a.iter(text):
            yield end + 1 - len(w), end + 1, w


@lru_cache(maxsize=1)
def _model() -> _Model:
    return _Model()
