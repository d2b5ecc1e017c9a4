"""Place facts: divisions of China, towns and villages, named regions and countries.

``find_places(text) -> list[Fact]`` gives facts of type ``place`` with ``field`` ``"text"`` and
attrs ``name`` (standard full name), ``code`` (6-digit division code or ``None``), ``level``
(``country``, ``province``, ``city``, ``county``, ``town``, ``village``, ``region``, ``other``) and
``parent`` (name of the enclosing division or ``None``).

How it reads:
1. One Aho-Corasick automaton over every surface form (full division names, short forms derived
   by ``scripts/make_divisions.py``, hand-kept aliases, regions, countries, foreign cities and natural
   features (``world_places.tsv``), and *block* phrases)
   is scanned leftmost-longest, so 广西壮族自治区 beats 广西 and 孙中山 hides 中山.
2. Short forms that are common words or given names are vetoed (``data/place_vetoes.tsv``); a
   two-character short form right after a surname is dropped when a title stands before the
   surname or a speech verb after the name (副市长黄朝阳表示: no 朝阳).
3. A form naming several divisions is resolved in this order: the full name written elsewhere in
   the text; the parent written just before it (长春市朝阳区); the highest level (广安 -> 广安市,
   河北 -> 河北省); among equals, the division whose parent or grandparent the text names, nearest
   first; a current division over an abolished one. Still tied: ``code`` ``None``, ``parent``
   ``None``, the shared full name when there is one (朝阳区 in a text naming neither 北京 nor 长春).
4. Towns and villages (…镇/乡/街道, …村/社区) count when a division or town is written right
   before them (临平区塘栖镇), and then everywhere else in the text too.
5. One-character abbreviations count only in fixed company (进京, 来蓉, see ``place_aliases.tsv``);
   combinations like 京津冀 and 川渝 are regions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..model import Fact

__all__ = ["find_places", "Division", "divisions"]

DATA = Path(__file__).resolve().parent.parent / "data"

LEVEL_RANK = {"province": 0, "city": 1, "county": 2}
GIVEN_NAME_MAX = 2  # a short form this long may be a given name (黄朝阳): Chinese given names are 1-2 chars
TOWN_NAME_MIN, TOWN_NAME_MAX = 2, 3  # chars before 镇/乡/街道/村/社区: 2 covers most names, 3 the rest;
# 4 would let verbs in (临平区推进塘栖镇), so it is not allowed.
TITLE_BEFORE_SURNAME = ("市长", "书记", "主任", "局长", "厅长", "部长", "县长", "区长", "镇长", "乡长", "村长",
                        "省长", "州长", "主席", "常委", "委员", "代表", "经理", "董事长", "总裁", "院长", "校长",
                        "所长", "处长", "科长", "队长", "站长", "记者", "通讯员", "负责人", "教授", "专家",
                        "医生", "老师", "同志", "总监", "理事长", "会长", "秘书长", "行长", "厂长", "社长",
                        "主编", "员工", "村民", "居民", "市民", "游客", "选手", "运动员", "演员", "作家")
AFTER_GIVEN_NAME = ("表示", "说", "介绍", "指出", "认为", "强调", "称", "透露", "告诉", "坦言", "回忆", "解释",
                    "提出", "建议", "要求", "希望", "呼吁", "分析", "主持", "讲话", "致辞", "发言", "同志",
                    "先生", "女士", "教授", "一行", "接受", "出席", "调研", "参加", "坦承", "感慨", "笑着",
                    "老人", "大爷", "大妈", "阿姨", "奶奶", "爷爷")
TITLE_AFTER_NAME = ("主任", "书记", "市长", "局长", "院长", "医生", "博士", "教授", "老师", "校长", "部长",
                    "总经理", "经理", "董事长", "主席", "委员", "代表", "县长", "区长", "镇长", "村长", "厅长",
                    "处长", "科长", "所长", "队长", "站长", "记者", "摄")
#: Levels of world places whose names are also given names (刘长江, 张华山): read like short forms.
_NAMELIKE_LEVELS = frozenset({"other", "city"})
TOWN_SUFFIX = re.compile(r"街道|社区|镇|乡|村")
TOWN_LEVEL = {"街道": "town", "镇": "town", "乡": "town", "社区": "village", "村": "village"}
# 镇村, 乡村, 村民... are words, not the end of a name.
TOWN_NOT_FOLLOWED = {"镇": "村街", "乡": "村镇亲土愁贤里下", "村": "民庄落级镇集干组务居寨社", "街道": "", "社区": ""}
# Words ending in a town suffix (农村, 乡镇, 古镇...): the character before the suffix makes a word with it.
TOWN_WORD_BIGRAMS = frozenset("""农村 乡村 山村 渔村 新村 古村 名村 强村 穷村 邻村 本村 该村 各村 全村 每村 驻村 进村 入村
    下村 外村 城镇 乡镇 集镇 小镇 古镇 名镇 重镇 强镇 村镇 特色镇 城乡 下乡 返乡 家乡 故乡 老乡 同乡 异乡 水乡 侨乡 还乡
    思乡 梦乡 街道 社区 小区 新区""".split())
TOWN_NAME_STOP = set("的了在和与及等各全每个是把被将从向对为以于或并其该此本这那有到推进建设发展开实施打造美丽")
ROAD = ("路", "街")
_CJK = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    level: str  # province | city | county
    parent_code: str | None
    short_names: tuple[str, ...]
    status: str  # current | abolished-YEAR


@dataclass(frozen=True, slots=True)
class _Cand:
    name: str
    level: str
    kind: str  # division | region | country
    full: bool  # the surface is the full name (or a region/country name), not a derived short form
    code: str | None = None
    parent: str | None = None
    ancestors: tuple[str, ...] = ()  # parent and grandparent codes
    current: bool = True


def _rows(fname: str) -> list[list[str]]:
    rows = []
    with (DATA / fname).open(encoding="utf-8") as fh:
        header_seen = False
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def divisions() -> dict[str, Division]:
    """The division table (``data/divisions.tsv``) by code."""
    out = {}
    for r in _rows("divisions.tsv"):
        code, name, level, parent, shorts, status = (r + [""] * 6)[:6]
        out[code] = Division(code, name, level, parent or None,
                             tuple(s for s in shorts.split("|") if s), status or "current")
    return out


def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    words = []
    with (DATA / "surnames.txt").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                words.extend(line.split())
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) == 2)


class _Index:
    def __init__(self) -> None:
        divs = divisions()
        vetoes = _rows("place_vetoes.tsv")
        veto_short = {r[1] for r in vetoes if r[0] == "short"}
        veto_name = {r[1] for r in vetoes if r[0] == "name"}
        self.blocks = {r[1] for r in vetoes if r[0] == "block"}
        self.table: dict[str, list[_Cand]] = {}
        self.by_name: dict[str, list[Division]] = {}

        def add(surface: str, cand: _Cand) -> None:
            self.table.setdefault(surface, []).append(cand)

        for d in divs.values():
            self.by_name.setdefault(d.name, []).append(d)
            parent = divs[d.parent_code] if d.parent_code else None
            anc = tuple(c for c in (d.parent_code, parent.parent_code if parent else None) if c)
            base = dict(name=d.name, level=d.level, kind="division", code=d.code,
                        parent=parent.name if parent else None, ancestors=anc,
                        current=d.status == "current")
            if d.name not in veto_name:
                add(d.name, _Cand(full=True, **base))
            for s in d.short_names:
                if s not in veto_short:
                    add(s, _Cand(full=False, **base))
        for name, level, aliases in ((r + [""] * 3)[:3] for r in _rows("regions.tsv")):
            for s in [name, *aliases.split("|")]:
                if s and s not in veto_short:
                    add(s, _Cand(name=name, level=level, kind="region", full=True))
        # The short-form vetoes do not apply here: they keep 南海, 西湖 from meaning 南海区, 西湖区.
        for name, level, parent, aliases in ((r + [""] * 4)[:4] for r in _rows("world_places.tsv")):
            for s in [name, *aliases.split("|")]:
                if s:
                    add(s, _Cand(name=name, level=level, kind="region", full=True, parent=parent or None))
        for name, aliases in ((r + [""] * 2)[:2] for r in _rows("countries.tsv")):
            for s in [name, *aliases.split("|")]:
                if s and s not in veto_short:
                    add(s, _Cand(name=name, level="country", kind="country", full=True))
        self.context_aliases: list[tuple[str, re.Pattern[str], _Cand]] = []
        self.not_after: dict[str, str] = {}
        for surface, name, before, not_after in ((r + [""] * 4)[:4] for r in _rows("place_aliases.tsv")):
            targets = ([divs[name[5:]]] if name.startswith("code:") else self.by_name.get(name, []))
            if len(targets) != 1:
                raise ValueError(f"place_aliases.tsv: {surface} -> {name}: not one division")
            cand = self.table[targets[0].name][0]
            cand = _Cand(cand.name, cand.level, cand.kind, False, cand.code, cand.parent,
                         cand.ancestors, cand.current)
            if before:
                pat = f"(?<=[{re.escape(before)}]){re.escape(surface)}"
                if not_after:
                    pat += f"(?![{re.escape(not_after)}])"
                self.context_aliases.append((surface, re.compile(pat), cand))
            else:
                if len(surface) < 2:
                    raise ValueError(f"place_aliases.tsv: {surface}: one character needs a 'before' context")
                add(surface, cand)
                if not_after:
                    self.not_after[surface] = not_after
        self.surname1, self.surname2 = _surnames()
        self.surfaces = set(self.table) | self.blocks
        self.maxlen = max(map(len, self.surfaces))
        self.automaton = None
        try:
            import ahocorasick  # pyahocorasick, BSD-3-Clause
        except ImportError:  # pragma: no cover - pure-Python fallback, same results, slower
            self.first_chars = {s[0] for s in self.surfaces}
        else:
            a = ahocorasick.Automaton()
            for s in self.surfaces:
                a.add_word(s, s)
            a.make_automaton()
            self.automaton = a

    def scan(self, text: str):
        """Leftmost-longest matches as (start, end, surface)."""
        if self.automaton is not None:
            return [(end + 1 - len(s), end + 1, s) for end, s in self.automaton.iter_long(text)]
        return self._scan_py(text)

    def _scan_py(self, text: str):  # pragma: no cover - without pyahocorasick
        i, n, surfaces, first = 0, len(text), self.surfaces, self.first_chars  # pragma: no cover
        while i < n:  # pragma: no cover
            if text[i] in first:
                for length in range(min(self.maxlen, n - i), 0, -1):
                    s = text[i:i + length]
                    if s in surfaces:
                        yield i, i + length, s
                        i += length
                        break
                else:
                    i += 1
            else:
                i += 1


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index()


def _given_name(idx: _Index, text: str, start: int, end: int, prev_end: int) -> bool:
    """Is text[start:end] a given name (黄朝阳表示), judged by the surname before it and its context?"""
    if end - start > GIVEN_NAME_MAX:
        return False
    if start >= 2 and text[start - 2:start] in idx.surname2 and prev_end <= start - 2:
        s0 = start - 2
    elif start >= 1 and text[start - 1] in idx.surname1 and prev_end <= start - 1:
        s0 = start - 1
    else:
        return False
    after = text[end:end + 4]
    if any(after.startswith(w) for w in AFTER_GIVEN_NAME + TITLE_AFTER_NAME):
        return True
    before = text[max(0, s0 - 4):s0]
    return any(before.endswith(t) for t in TITLE_BEFORE_SURNAME)


def _choose(cands: list[_Cand], start: int, prev: tuple[int, _Cand | None],
            explicit: set[str], anchors: dict[str, list[int]]) -> _Cand | None:
    """Pick one candidate of an ambiguous form, or None when the text does not say which."""
    full = [c for c in cands if c.full]
    pool = full or cands
    if len(pool) == 1:
        return pool[0]
    divs = [c for c in pool if c.kind == "division"]
    if not divs:
        return pool[0]
    pool = divs
    named = [c for c in pool if c.code in explicit]
    if len(named) == 1:
        return named[0]
    prev_end, prev_cand = prev
    if prev_cand is not None and prev_end == start and prev_cand.code:
        adj = [c for c in pool if prev_cand.code in c.ancestors]
        if len(adj) == 1:
            return adj[0]
    top = min(LEVEL_RANK[c.level] for c in pool)
    pool = [c for c in pool if LEVEL_RANK[c.level] == top]
    if len(pool) == 1:
        return pool[0]
    own = {c.code for c in pool}
    best: list[tuple[int, _Cand]] = []
    for c in pool:
        dists = [start - p if p < start else 10**6 + p - start
                 for a in c.ancestors if a not in own for p in anchors.get(a, ())]
        if dists:
            best.append((min(dists), c))
    if best:
        best.sort(key=lambda t: t[0])
        if len(best) == 1 or best[0][0] < best[1][0]:
            return best[0][1]
        pool = [c for d, c in best if d == best[0][0]]
    cur = [c for c in pool if c.current]
    if len(cur) == 1:
        return cur[0]
    return None


def _fact(text: str, start: int, end: int, name: str, code: str | None, level: str,
          parent: str | None) -> Fact:
    return Fact(type="place", text=text[start:end], start=start, end=end, field="text",
                attrs={"name": name, "code": code, "level": level, "parent": parent})


def find_places(text: str) -> list[Fact]:
    """All place facts of ``text``, sorted by start offset; ``text[f.start:f.end] == f.text``."""
    if not text:
        return []
    idx = _index()
    raw: list[tuple[int, int, str, list[_Cand]]] = []
    prev_end = -1
    for start, end, s in idx.scan(text):
        if s in idx.blocks:
            prev_end = end
            continue
        cands = idx.table[s]
        na = idx.not_after.get(s)
        if na and text[end:end + 1] and text[end] in na:
            continue
        if (not any(c.full for c in cands) or all(c.level in _NAMELIKE_LEVELS and c.kind == "region"
                                                    for c in cands)) \
                and _given_name(idx, text, start, end, prev_end):
            continue
        raw.append((start, end, s, cands))
        prev_end = end

    # Anchors: divisions the text names unambiguously, with their ancestors, by position.
    explicit: set[str] = set()
    anchors: dict[str, list[int]] = {}
    for start, _end, _s, cands in raw:
        full = [c for c in cands if c.full]
        pool = full or cands
        if len(pool) == 1 and pool[0].code:
            c = pool[0]
            explicit.add(c.code)
            for code in (c.code, *c.ancestors):
                anchors.setdefault(code, []).append(start)

    facts: list[Fact] = []
    prev: tuple[int, _Cand | None] = (-1, None)
    for start, end, s, cands in raw:
        c = _choose(cands, start, prev, explicit, anchors)
        if c is None:
            names = {x.name for x in cands if x.full} or {x.name for x in cands}
            levels = {x.level for x in cands}
            top = min(levels, key=lambda lv: LEVEL_RANK.get(lv, 9))
            facts.append(_fact(text, start, end, names.pop() if len(names) == 1 else s, None, top, None))
        else:
            facts.append(_fact(text, start, end, c.name, c.code, c.level, c.parent))
        prev = (end, c)

    facts = _towns(text, facts)
    facts = _context_aliases(idx, text, facts)
    facts.sort(key=lambda f: (f.start, -f.end))
    return facts


def _covered(facts: list[Fact], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in facts)


def _towns(text: str, facts: list[Fact]) -> list[Fact]:
    """Towns and villages written right after their county (or town), then their other mentions."""
    if not facts:
        return facts
    by_end = {f.end: f for f in facts if f.attrs["level"] in ("city", "county", "town")}
    known: dict[str, tuple[str, str]] = {}
    found: list[Fact] = []
    for m in TOWN_SUFFIX.finditer(text):
        p, q = m.span()
        suffix = m.group()
        if text[q:q + 1] and text[q] in TOWN_NOT_FOLLOWED[suffix]:
            continue
        level = TOWN_LEVEL[suffix]
        for n in range(TOWN_NAME_MIN, TOWN_NAME_MAX + 1):
            parent = by_end.get(p - n)
            if parent is None:
                continue
            plevel = parent.attrs["level"]
            if level == "town" and plevel == "town":
                continue
            name = text[p - n:p]
            if not _CJK.fullmatch(name):
                continue
            if TOWN_NAME_STOP & set(name) and not name.endswith(ROAD):  # 建设路街道 is named after a road
                continue
            if name[-1] + suffix in TOWN_WORD_BIGRAMS:
                continue
            inside = [x for x in facts if x.start < q and p - n < x.end]
            # 太湖街道: a town named after a lake or a mountain is the town.
            if any(x.attrs["level"] != "other" or x.start < p - n or x.end > q for x in inside) \
                    or _covered(found, p - n, q):
                continue
            if inside:
                facts = [x for x in facts if x not in inside]
            f = _fact(text, p - n, q, text[p - n:q], None, level, parent.attrs["name"])
            found.append(f)
            by_end[q] = f
            known.setdefault(f.text, (level, parent.attrs["name"]))
            break
    if not known:
        return facts + found
    occ = bytearray(len(text))  # characters under a fact: one lookup per mention, not a scan of the facts
    for x in facts + found:
        occ[x.start:x.end] = b"\x01" * (x.end - x.start)
    for surface, (level, parent) in known.items():
        i = text.find(surface)
        while i >= 0:
            j = i + len(surface)
            if not any(occ[i:j]):
                found.append(_fact(text, i, j, surface, None, level, parent))
                occ[i:j] = b"\x01" * (j - i)
            i = text.find(surface, j)
    return facts + found


def _context_aliases(idx: _Index, text: str, facts: list[Fact]) -> list[Fact]:
    extra = []
    for surface, pat, c in idx.context_aliases:
        if surface not in text:  # most texts hold few of the one-character forms: skip the scan
            continue
        for m in pat.finditer(text):
            if not _covered(facts, m.start(), m.end()):
                extra.append(_fact(text, m.start(), m.end(), c.name, c.code, c.level, c.parent))
    return facts + extra
