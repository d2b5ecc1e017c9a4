"""Organisation facts: government bodies, party organs, companies, banks, schools, hospitals, media...

``find_organizations(text, places=None) -> list[Fact]`` gives facts of type ``organization`` with
``field`` ``"text"`` and attrs ``name`` (the full name as written) and ``kind`` (``government``,
``party``, ``court``, ``military``, ``company``, ``bank``, ``school``, ``hospital``, ``research``,
``association``, ``media``, ``international``, ``team``, ``village``, ``venue``, ``other``).
``places`` are the place facts of the same text (``find_places``); they are computed when not given.
Spans are flat: the longest name wins (中国工商银行钦州分行, not also 中国工商银行); place facts inside
an organisation's name stay, as the contract allows.

How it reads (all word lists are data: ``org_suffixes.tsv``, ``org_names.tsv``,
``org_names_jieba.tsv``, ``org_words.tsv``, ``org_stopwords.tsv``):
1. One Aho-Corasick pass finds every known name (国务院, 新华社, 工行...) and every suffix that can end
   a name (局, 委员会, 有限公司, 大学, 医院...).
2. For each suffix, the name is read leftwards from it: name characters and name words are taken
   until an *anchor* (a place: 北京市|商务局; an organisation: 中国工商银行|钦州|分行; a national or
   party prefix: 国家|统计局; a bare level word after a boundary: 县|人民医院) or a *boundary* (start,
   punctuation, a stop character such as 在/的/和, a stop word such as 推进/今年/记者).
3. The suffix's mode (see ``org_suffixes.tsv``) says what it needs: an anchor, an organisation, an
   adjacent place, or, for strong suffixes (有限公司, 大学, 银行...), a name of its own of at least
   ``FREE_MIN_DISTINCT`` characters that are not category words (华为|技术有限公司, but not 一家科技公司).
4. After a place, the name may go on leftwards through more places (河北省唐山市), party prefixes
   (中共|成都市委), connectors to an organisation (福建医科大学|附属|南平第一医院) or an organisation
   (中国工商银行|钦州分行).
5. Overlapping candidates: the longest wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Fact
from .places import _rows

__all__ = ["find_organizations"]

#: Longest run of free name characters (not category or name words) read leftwards from a suffix.
#: 8 covers trade names with their line of business (阿里巴巴网络技术, 腾讯计算机系统); a run that
#: reaches it without a boundary or anchor is not taken as a name at all.
MAX_FREE = 8
#: Longest name part between anchor and suffix, category words included: 人力资源和社会保障 (9) plus
#: a few characters; longer runs are sentences, not names.
MAX_BODY = 14
#: Name characters between an organisation and the suffix that makes a unit of it: 钦州|分行 and
#: 光华管理|学院 need 2, 银保监会|XX监管|分局 4; more is a phrase (上海合作组织|成员国外长|理事会).
MAX_CHAIN_FREE = 4
#: Characters of a name of its own (no anchor) that are not category words: 华为|技术有限公司 has 2.
#: One would let 大|集团 or 新|公司 in.
FREE_MIN_DISTINCT = 2
#: A known name of this length or shorter (工行, 人大, 北大) is an abbreviation and needs a boundary or a
#: place before it: two characters occur inside ordinary words too often (集中行动).
SHORT_NAME = 2
#: A two-character word at most this costly (-ln of its share of jieba's counts; 13 is about 130
#: in 60 million) vetoes a short known name it runs across (全|国网|上): common words only, so
#: that a rare word does not veto a real name.
CROSSING_WORD_MAX_COST = 13
#: Kinds whose name may be a place alone (中国|队, 美国|政府, 四川|大学, 县|医院). For companies a bare
#: place is no name (北京公司); after a country it is no name for any suffix but the adjacent ones.
BARE_PLACE_KINDS = frozenset({"government", "party", "court", "military", "bank", "school", "hospital",
                              "research", "association", "media", "international", "team", "village",
                              "venue", "other"})
#: Kinds whose name may be a country alone (日本|队); 中国|大学 and 美国|公司 are kinds of bodies.
BARE_COUNTRY_KINDS = frozenset({"team"})
#: Kinds for which a country plus category words is no name (中国科技公司, 美国汽车公司).
GENERIC_AFTER_COUNTRY = frozenset({"company", "school", "hospital"})
#: Kinds of known names that may continue an organisation written right before them
#: (四川大学|华西医院): affiliated units. Government and party names never do (中共中央|国务院 are two).
CHAINING_NAME_KINDS = frozenset({"hospital", "school", "research", "bank", "media", "military"})
#: Conjunctions read as part of a name when category words stand on both sides (深海科学|与|工程研究所,
#: 经济合作|与|发展组织); elsewhere they join two names (北京市政府|和|华为公司).
NAME_CONJUNCTIONS = frozenset("和与及")
#: Levels below the county: a name of VILLAGE_NAME_MIN..VILLAGE_NAME_MAX characters written after a
#: boundary and before one of them is a place anchor (塘栖村|村委会), as in places.py.
SMALL_LEVELS = ("村", "镇", "乡", "街道", "社区")
VILLAGE_NAME_MIN, VILLAGE_NAME_MAX = 2, 3

_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_SPACE = re.compile(r"\s+")


class _Words(frozenset):
    """A word set that answers "which word ends here?" fast: by last character first."""

    def __new__(cls, words=()):
        self = super().__new__(cls, words)
        by_last: dict[str, set[int]] = {}
        for w in self:
            by_last.setdefault(w[-1], set()).add(len(w))
        self.lengths = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in by_last.items()}
        return self

    def ending(self, text: str, pos: int) -> str | None:
        """The longest word of the set ending at ``pos`` of ``text``."""
        if pos <= 0:
            return None
        for k in self.lengths.get(text[pos - 1], ()):
            if k <= pos and text[pos - k:pos] in self:
                return text[pos - k:pos]
        return None


@dataclass(frozen=True, slots=True)
class _Suffix:
    text: str
    kind: str
    mode: str  # free | anchored | named | chain | adjacent | alone | none
    not_before: str
    not_after: str


class _Index:
    def __init__(self) -> None:
        self.suffixes: dict[str, _Suffix] = {}
        for r in _rows("org_suffixes.tsv"):
            s, kind, mode, nb, na = (r + [""] * 5)[:5]
            if mode not in ("free", "anchored", "named", "chain", "adjacent", "alone", "none"):
                raise ValueError(f"org_suffixes.tsv: {s}: unknown mode {mode!r}")
            self.suffixes[s] = _Suffix(s, kind, mode, nb, na)
        words: dict[str, set[str]] = {}
        for kind, ws in ((r + [""])[:2] for r in _rows("org_words.tsv")):
            words.setdefault(kind, set()).update(ws.split())
        self.prefix = _Words(words["prefix"])
        self.level = _Words(words["level"])
        self.connector = _Words(words["connector"])
        self.body = _Words(words["body"])
        self.generic = _Words(words["generic"] - self.body)
        self.stopchar = frozenset("".join(words["stopchar"]))
        self.determiner = frozenset("".join(words["determiner"]))
        gen = {r[0]: r[1] for r in _rows("org_stopwords.tsv")}
        self.stop = _Words((words["stopword"] | {w for w, k in gen.items() if k == "hard"}) - self.body
                           - self.generic)
        self.soft = _Words((words["softstop"] | {w for w, k in gen.items() if k == "soft"}) - self.stop
                           - self.body - self.generic)
        self.names: dict[str, str] = {}
        for kind, ws in ((r + [""])[:2] for r in _rows("org_names.tsv")):
            for w in ws.split():
                self.names.setdefault(w, kind)
        for w, kind in ((r + [""])[:2] for r in _rows("org_names_jieba.tsv")):
            self.names.setdefault(w, kind)
        # A known name ending in a suffix keeps that suffix's not_after (共产党|员, 北京大学|生).
        self.name_not_after: dict[str, str] = {}
        for w in self.names:
            for k in range(min(len(w), 8), 0, -1):
                suf = self.suffixes.get(w[-k:])
                if suf is not None:
                    if suf.not_after:
                        self.name_not_after[w] = suf.not_after
                    break
        self.titles = words.get("title", set())
        self.protected = _Words(self.body | self.generic)

        import ahocorasick  # pyahocorasick, BSD-3-Clause (a core dependency)

        a = ahocorasick.Automaton()
        for w in set(self.suffixes) | set(self.names):
            a.add_word(w, (w, w in self.names, w in self.suffixes))
        a.make_automaton()
        self.automaton = a


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


class _Reader:
    """One text: its places, known names and organisations found so far, and the leftward walk."""

    def __init__(self, idx: _Index, text: str, places: list[Fact]) -> None:
        self.idx = idx
        self.text = text
        self.place_end: dict[int, tuple[int, bool]] = {}  # end -> (start, is_country)
        self.inside_place: dict[int, int] = {}  # a position inside a place -> that place's start
        for f in places:
            if f.type != "place":
                continue
            old = self.place_end.get(f.end)
            if old is None or f.start < old[0]:
                self.place_end[f.end] = (f.start, f.attrs.get("level") == "country")
            for i in range(f.start + 1, f.end):
                if self.inside_place.get(i, i) > f.start:
                    self.inside_place[i] = f.start
        self.org_end: dict[int, int] = {}  # end -> start of the longest organisation ending there

    # -- boundaries -----------------------------------------------------------------------------
    def boundary(self, pos: int, soft: bool = True) -> bool:
        """Does a name have to start at ``pos`` (nothing of a name can stand right before it)?
        With ``soft`` False, soft stop words (助力, 导航) do not count."""
        if pos <= 0:
            return True
        ch = self.text[pos - 1]
        if not _NAME_CHAR.match(ch) or ch in self.idx.stopchar:
            return True
        if self.idx.stop.ending(self.text, pos) is not None:
            return True
        return soft and self.idx.soft.ending(self.text, pos) is not None

    def clean_boundary(self, pos: int) -> bool:
        """A boundary that is not a determiner (各市, 该县, 两家医院 are not names)."""
        return self.boundary(pos) and not (pos > 0 and self.text[pos - 1] in self.idx.determiner)

    # -- leftward extension past an anchor ------------------------------------------------------------
    def extend(self, st: int) -> tuple[int, bool]:
        """From a place or prefix starting at ``st``, go on left; returns (start, reached an organisation)."""
        idx, text = self.idx, self.text
        while True:
            hit = self.before(st)
            c = idx.connector.ending(text, st) if hit is None else None
            if c is not None:
                hit = self.before(st - len(c))
            if hit is not None:
                kind, st = hit
                if kind == "org":
                    return st, True
                continue
            w = idx.prefix.ending(text, st)
            if w is None:
                return st, False
            st -= len(w)

    def before(self, pos: int) -> tuple[str, int] | None:
        """The organisation or place ending at ``pos``, as (``org``|``place``, its start)."""
        o = self.org_end.get(pos)
        if o is not None:
            return "org", o
        p = self.place_end.get(pos)
        return ("place", p[0]) if p is not None else None

    # -- the walk ---------------------------------------------------------------------------------------
    def walk(self, s: int) -> tuple:
        """Read a name leftwards from ``s``.

        Returns (start, anchor, anchor_end, distinct, reached_org, country, cut): ``anchor`` is
        ``org``, ``place``, ``prefix``, ``level``, None (a boundary), or ``limit`` when the run grew too
        long without either; ``anchor_end`` is where the anchor ends (``s`` when nothing stands
        between it and the suffix); ``distinct`` counts name characters that are not category words;
        ``cut`` is the same answer for a name read only up to the first soft stop word, or None.
        """
        idx, text = self.idx, self.text
        pos, free, distinct = s, 0, 0
        last_generic = False  # the unit just read (right of pos) was a category word
        cut = None  # the walk's answer if no anchor turns up: the first soft stop word
        while True:
            o = self.org_end.get(pos)
            if o is not None:
                return o, "org", pos, distinct, True, False, cut
            p = self.place_end.get(pos)
            if p is not None:
                st, org = self.extend(p[0])
                return st, "place", pos, distinct, org, p[1] and st == p[0], None
            w = idx.prefix.ending(text, pos)
            if w is not None:
                q = pos - len(w)
                if self.boundary(q) or q in self.place_end or q in self.org_end:
                    st, org = self.extend(q)
                    return st, "prefix", pos, distinct, org, False, None
            w = idx.protected.ending(text, pos)
            if w is not None and len(w) < self.stop_len(pos):
                w = None  # 三大|运营商: the stop word is longer than the category word 大
            if w is not None and s - (pos - len(w)) <= MAX_BODY:
                pos -= len(w)
                if w in idx.body:
                    distinct += len(w)
                last_generic = w in idx.generic
                continue
            w = idx.level.ending(text, pos)
            if w is not None:
                q = pos - len(w)
                if self.clean_boundary(q):
                    return q, "level", pos, distinct, False, False, None
                if w in SMALL_LEVELS:
                    v = self.village(q)
                    if v is not None:
                        st, org = self.extend(v)
                        return st, "place", pos, distinct, org, False, None
            if (last_generic and pos > 1 and text[pos - 1] in NAME_CONJUNCTIONS
                    and idx.generic.ending(text, pos - 1) is not None):
                pos -= 1  # 深海科学|与|工程
                last_generic = False
                continue
            b = self.bracketed_place(pos)
            if b is not None:
                pos = b  # 腾讯科技|（深圳）|有限公司: the seat in brackets is part of the name
                last_generic = False
                continue
            if self.boundary(pos, soft=False):
                return (*(cut or (pos, None, pos, distinct, False, False)), None)
            if free >= MAX_FREE or s - pos >= MAX_BODY:
                return (*(cut or (pos, "limit", pos, distinct, False, False)), None)
            if cut is None and idx.soft.ending(text, pos) is not None:
                cut = (pos, None, pos, distinct, False, False)  # where a name with no anchor starts
            pos -= 1
            free += 1
            distinct += 1
            last_generic = False

    def bracketed_place(self, pos: int) -> int | None:
        """Start of a bracketed place ending at ``pos`` (（深圳）), when a name goes on before it."""
        text = self.text
        if pos < 4 or text[pos - 1] not in ")）":
            return None
        p = self.place_end.get(pos - 1)
        if p is None or p[0] < 1 or text[p[0] - 1] not in "(（":
            return None
        a = p[0] - 1
        return a if a > 0 and _NAME_CHAR.match(text[a - 1]) else None

    def stop_len(self, pos: int) -> int:
        w = self.idx.stop.ending(self.text, pos)
        return len(w) if w else 0

    def village(self, q: int) -> int | None:
        """Start of a village or town name ending at ``q`` (塘栖|村), written after a boundary."""
        for k in range(VILLAGE_NAME_MIN, VILLAGE_NAME_MAX + 1):
            a = q - k
            if a < 0:
                break
            ch = self.text[a]
            if not _NAME_CHAR.match(ch) or ch in self.idx.stopchar:
                break
            if any(0 < self.stop_len(p) <= p - a for p in range(a + 1, q + 1)):
                break  # a stop word inside: 建成|城镇
            if self.boundary(a) or a in self.place_end:
                return a
        return None

    def accept(self, suf: _Suffix, s: int, e: int) -> int | None:
        """Start of the organisation whose suffix ``suf`` spans ``s``..``e``, or None."""
        st, anchor, apos, distinct, org, country, cut = self.walk(s)
        if anchor == "org" and cut is not None:
            st, anchor, apos, distinct, org, country = cut  # 县人民医院|派出|医疗队: a verb after an organisation
        mode = suf.mode
        if anchor == "limit":
            return None
        if org and distinct > MAX_CHAIN_FREE:
            return None  # 上海合作组织|成员国外长|理事会: a phrase after the organisation, not a unit of it
        if mode == "chain":
            return st if org else None
        if mode in ("adjacent", "alone") and anchor in ("org", "place", "level") and apos == s:
            return st
        if mode == "adjacent":
            return None
        if mode == "alone" and st == s and self.clean_boundary(s):
            return None if self.title_after(e) else s
        if anchor is None:  # a boundary: a name of its own, not after 一家/该/各 (一家竹木制品公司)
            if mode in ("free", "alone") and distinct >= FREE_MIN_DISTINCT and self.clean_boundary(st):
                return st
            return None
        if mode == "named" and apos == s:
            return None
        if anchor != "org" and apos == s:  # nothing between anchor and suffix: 中国|大学, 国家|银行
            if (country and suf.kind not in BARE_COUNTRY_KINDS) or anchor == "prefix" \
                    or suf.kind not in BARE_PLACE_KINDS:
                return None
        if country and distinct == 0 and suf.kind in GENERIC_AFTER_COUNTRY:
            return None  # 中国|科技|公司, 美国|汽车|公司: a kind of company
        return st

    def title_after(self, e: int) -> bool:
        """Does a title follow (市委|书记)? Then a bare 市委 is part of the title, not a body."""
        return any(self.text.startswith(t, e) for t in self.idx.titles)


def find_organizations(text: str, places: list[Fact] | None = None) -> list[Fact]:
    """All organisation facts of ``text``, sorted by start; ``text[f.start:f.end] == f.text``."""
    if not text:
        return []
    idx = _index()
    if places is None:
        from .places import find_places

        places = find_places(text)
    rd = _Reader(idx, text, places)
    n = len(text)

    names: list[tuple[int, int, str]] = []
    suffix_at: dict[int, list[str]] = {}
    for end, (w, is_name, is_suffix) in idx.automaton.iter(text):
        e = end + 1
        s = e - len(w)
        if is_name:
            na = idx.name_not_after.get(w)
            if not (na and e < n and text[e] in na):
                if len(w) > SHORT_NAME or ((rd.boundary(s) or s in rd.place_end)
                                           and not _crosses_word(text, s, e)):
                    names.append((s, e, w))
        if is_suffix:
            suffix_at.setdefault(e, []).append(w)

    # Known names: leftmost-longest, then extended left over places and prefixes (美国|国务院).
    names.sort(key=lambda t: (t[0], -t[1]))
    cands: list[tuple[int, int, str]] = []  # (start, end, kind)
    name_spans: list[tuple[int, int]] = []
    last_end = -1
    for s, e, w in names:
        if s < last_end:
            continue
        last_end = e
        name_spans.append((s, e))
        kind = idx.names[w]
        st = s
        if s in rd.place_end:
            st, _ = rd.extend(rd.place_end[s][0])
        elif s in rd.inside_place:  # 台湾|海峡交流基金会: the name begins inside a place that it holds
            st, _ = rd.extend(rd.inside_place[s])
        else:
            p = idx.prefix.ending(text, s)
            lv = idx.level.ending(text, s)
            if p is not None and rd.boundary(s - len(p)):
                st = s - len(p)
            elif lv is not None and rd.clean_boundary(s - len(lv)):
                st = s - len(lv)
        cands.append((st, e, kind))
    # Names and suffixes, by end: a suffix inside a known name is that name's (中国工商|银行).
    name_end = {e: (s, i) for i, (s, e) in enumerate(name_spans)}
    inside_name = set()
    for s, e in name_spans:
        inside_name.update(range(s + 1, e + 1))
    events = sorted(set(suffix_at) | set(name_end))
    ci = {c[1]: k for k, c in enumerate(cands)}  # name candidates by end (names do not overlap)
    for e in events:
        if e in name_end:
            k = ci[e]
            st, _, kind = cands[k]
            s0 = name_spans[name_end[e][1]][0]
            if kind in CHAINING_NAME_KINDS and s0 == st:
                hit = rd.before(s0)
                c = idx.connector.ending(text, s0) if hit is None else None
                if c is not None:
                    hit = rd.before(s0 - len(c))  # 复旦大学|附属|中山医院
                if hit is not None and hit[0] == "org":
                    st = hit[1]
                    cands[k] = (st, e, kind)
            _note(rd, st, e)
            continue
        for w in sorted(suffix_at.get(e, ()), key=len, reverse=True):
            suf = idx.suffixes[w]
            s = e - len(w)
            if s in rd.inside_place or (e in inside_name and s + 1 in inside_name):
                continue
            if e < n and text[e] in suf.not_after:
                continue
            if s > 0 and text[s - 1] in suf.not_before:
                continue
            if suf.mode == "none":
                break
            st = rd.accept(suf, s, e)
            if st is not None:
                cands.append((st, e, suf.kind))
                _note(rd, st, e)
            break  # the longest suffix that fits decides (县委|书记 is not 县|委)

    # Flat output: longest first, no overlaps.
    cands.sort(key=lambda c: (c[0] - c[1], c[0]))
    taken = bytearray(n)
    facts: list[Fact] = []
    for st, e, kind in cands:
        if any(taken[st:e]):
            continue
        taken[st:e] = b"\x01" * (e - st)
        name = _SPACE.sub("", text[st:e])
        facts.append(Fact(type="organization", text=text[st:e], start=st, end=e, field="text",
                          attrs={"name": name, "kind": kind}))
    facts.sort(key=lambda f: f.start)
    return facts


@lru_cache(maxsize=1)
def _two_char_words() -> frozenset[str]:
    """Common two-character words: data/lexicon.tsv (made by scripts/make_lexicon.py) entries
    with cost at most ``CROSSING_WORD_MAX_COST``."""
    from importlib.resources import files

    words = set()
    for line in files("banmian").joinpath("data/lexicon.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and len(parts[0]) == 2 and not line.startswith("#") \
                and int(parts[1]) <= CROSSING_WORD_MAX_COST:
            words.add(parts[0])
    return frozenset(words)


def _crosses_word(text: str, s: int, e: int) -> bool:
    """Does a common word run across either edge of ``text[s:e]``? A short known name inside
    another word is no name (全|国网|上 reads 全国 网上, not 国网)."""
    words = _two_char_words()
    return (s > 0 and text[s - 1:s + 1] in words) or (e < len(text) and text[e - 1:e + 1] in words)


def _note(rd: _Reader, st: int, e: int) -> None:
    old = rd.org_end.get(e)
    if old is None or st < old:
        rd.org_end[e] = st
