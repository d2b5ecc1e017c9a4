"""Person facts: Chinese and transliterated names, with the title printed next to them.

``find_people(text) -> list[Fact]`` gives facts of type ``person`` with ``field`` ``"text"``, the span
being the name alone, and attrs ``name`` (the name as written) and ``title`` (the title as written
next to it, or ``None``): 成都市委常委、副市长王志华 -> 王志华, 成都市委常委、副市长.

How it reads:
1. Chinese names. Every surname of ``data/surnames.txt`` (王, 欧阳...) followed by one or two Chinese
   characters is a candidate. Its score adds log-likelihood ratios of its characters being a
   surname / given name rather than running text (``data/person_chars.tsv``, made from jieba's
   dictionary by ``scripts/make_person_chars.py``), takes off evidence that the characters form
   ordinary words (高度 in 高度重视, 周年, 黄金; a word glued across the name's edge as 重视 or
   全国; the head of a place name as 江苏, 宁德) and adds context: a title right before it (市长王志华,
   ``data/person_titles.txt``) or after it (江泽民主席), a word such as 说 or 同志 after it, 据 or 女儿
   before it (``data/person_cues.tsv``), being listed (``data/person_names.txt``: 习近平, 孔子;
   ``data/person_dictnames.txt``). With such a cue a candidate needs ``NAME_MIN``; with none it needs
   a common surname (``data/person_surnames_common.txt``) and ``NAME_MIN_BARE``. The better of the
   two lengths wins (李东围绕 -> 李东), overlaps go to the higher score.
2. A name next to an accepted name across 、/和 (李强、赵乐际、蔡奇) gets ``CUE_LIST`` and is scored
   again; a name accepted once is a name wherever else it is written, unless it is also a word.
3. Names without a Chinese surname: a run of transliteration characters (拜登, 古特雷斯, 扎西顿珠)
   right after a title and ended by punctuation or a cue, or right before 说/表示 (克林顿说); any
   run joined by · (约瑟夫·拜登); listed names (普京); 王某/李某某. Not names: a surname with a form of
   address (刘女士, 王总), a name heading a word (马克思主义).
4. Credits: space-separated names after a reporter role or before 摄 (新华社记者 徐昱 摄,
   本报记者 李四 王五 摄, (陈阳 摄)) are names whatever their score.
5. Titles: the title word right before the name (or one space before it) is read leftwards through
   the organisation it belongs to, and through 、 or 兼 to the titles before it, until punctuation or
   a stop word (据, 的, 在...). The organisation part is kept when it ends like one (…委, …局, …公司,
   a place, a title). With no title before it, a title after the name (吴建斌主任) is taken, joined
   to an organisation written right before the name (骨科吴建斌主任 -> 骨科主任). A name in a 、 list
   without its own title shares the title of the list's first name (副市长刘洋、陈静).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Fact
from .person_tables import _model, _Model

__all__ = ["find_people"]

# Scores are natural-log likelihood ratios (name vs. running text) plus named context weights. The
# weights were set by hand on tests/test_people.py and on the project's article collection
# (tests/corpus), looking at every name found and missed; they are not fitted to any gold standard.
GIVEN_UNSEEN = -1.0  # a character without a row in person_chars.tsv is rare in text and in no name of
# the dictionary's 60,000 (rare characters that names use, 镕 or 昱, have rows): slightly against
TRANS_UNSEEN = -1.0  # a rare character is seldom used to transliterate
LEN2_PRIOR = -1.0  # two-character names are a quarter to a third of Chinese names: log(0.3/0.7) ≈ -0.9
KNOWN_NAME = 3.0  # listed in person_names.txt, or in person_dictnames.txt and not led by a word
WORD_HEAD = -4.0  # surname + first given character is a common word (高度, 周年, 黄金, 王国)
WORD_WHOLE = -3.0  # the whole three-character candidate is a common word (方面军, 白皮书)
PLACE_HEAD = -6.0  # a place name starts at the surname or runs across it (江苏, 宁德, 新西兰 at 西)
SURE_DISCOUNT = 0.5  # evidence against a name counts half between a title and a strong cue after it
# (副市长黎明表示, 本报记者江夏报道): that frame is hardly ever filled by anything else
PLACE_GIVEN = -3.0  # the given part names a province, city or country (向贵州); county names are
# common given names (卫东, 朝阳, 建华) and are not held against them
GIVEN_WORD = -3.0  # the given part is a common word after a rare surname (和登记, 和维修)
PLACE_TAIL = -4.0  # followed by 村, 镇, 路... or ending in 镇, 乡, 村: a place (冯家湾村, 乔庄镇)
JIA_GIVEN = -2.0  # 家 right after the surname is mostly a place or a household (李家村, 张家口)
REPEAT_SURNAME = -3.0  # the given name ends with the surname character: a set phrase (以田养田, 陈陈相因)
GLUE_LEFT = -2.5  # the surname makes a word with the character before it (全国, 中华, 黄杨木)
GLUE_RIGHT = -2.5  # the last given character makes a word with the next one (重视, 围绕)
VERB_TAIL = -2.5  # followed by 着/过/了 (not 了解): the last character is a verb (张丽带着孩子)
WORD_SUFFIX = -6.0  # followed by 主义...: the name is part of a word (马克思主义, 列宁主义), as in the
# People's Daily corpus conventions, where 邓小平理论 and 毛泽东思想 still name a person
TRANS_TAIL = -3.0  # a transliteration goes on after it (叶卡捷|琳堡, 苏拉威|西): a foreign word
TRANS_HEAD = -3.0  # or before it (佛|罗伦萨)
CUE_TITLE_BEFORE = 4.0  # a title right before (市长王志华)
CUE_TITLE_AFTER = 3.0  # a title that may follow a name right after it (江泽民主席)
CUE_AFTER = 3.0  # 说, 表示, 同志... right after
CUE_AFTER_WEAK = 0.5  # 和, 的, 在... right after
CUE_AFTER_TIME = 2.0  # 今天, 日前... right after: 李鹏今天上午在人民大会堂会见, the newswire's way
CUE_PUNCT_AFTER = 1.0  # followed by a clause or list break (，、。) rather than by more text
CUE_BEFORE = 2.5  # 女儿, 会见... right before
CUE_BEFORE_WEAK = 0.5  # 据, 和, 向... right before
CUE_LIST = 2.5  # next to an accepted name across 、 or 和
NAME_MIN = 4.5  # accept a candidate with a context cue (title, 说, list...) at or above this score
NAME_MIN_BARE = 5.5  # accept one without any cue at or above this, and only with a common surname
# (looked at every candidate without a cue from 5 to 6.5 in the article collection and 160,000
# characters of blog text: about two in three were names)
PRUNE = -6.0  # characters scoring below this cannot reach NAME_MIN whatever their context
PROPAGATE_FIND_MAX = 20  # up to this many names are looked up one by one (str.find), more in one automaton
FIXED_SCORE = 100.0  # names read from their frame rather than scored (credits, names joined by ·) win
# over any scored candidate inside them
TRANS_CHAR_MIN = 0.5  # a character counts as transliteration-like at or above this ratio
TRANS_MEAN_MIN = 1.5  # a run of them is a foreign name when their mean ratio reaches this
NAME_CHAR_MIN = -1.0  # every character of a transliterated name reaches this (trans or given)
DOT_CHAR_MIN = -1.5  # the same for a name joined by ·, which is evidence enough to allow 别 (阿斯卡尔别克)
RUN_CHAR_MIN = -0.5  # every character of a title-led name without surname reaches this as a given
# or transliteration character (扎西顿珠, 撒贝宁, 怀进鹏)...
RUN_MEAN_MIN = 1.0  # ...and their mean reaches this
RUN_LEN = (2, 4)  # characters of such a name when it does not read as a transliteration
FOREIGN_LEN = (2, 8)  # characters in one part of a transliterated name
TITLE_MAX = 40  # characters of a title read leftwards, organisation included
PLACE_ACROSS_MAX = 6  # longest place name looked for across a surname (新西兰, 马来西亚); checked only for
# candidates that can still pass, by set lookups
_SPACE = " \t\u3000"
_BREAK_AFTER = "，、。；：！？,;:!?）)》”\"’ \t\u3000\n"
_DOT = "·•・‧﹒∙"
_MOU_NOT = "些种地个天年处类项部位家条件段时"  # 某些, 某种... are not 王某
_PLACE_SUFFIX = "村镇乡县市区省州路街巷港湾庄屯寨岭坡沟洼集堡营桥河湖江"  # after a name: 冯家湾村
_LIST_SEP = "、和与及"
_ROLES = ("记者", "通讯员", "摄影", "实习生", "摄像", "撰稿人", "编辑")  # credit roles end so
# parts of at most 8 characters keep the search linear (a longer first part is trimmed anyway)
_DOTTED = re.compile(f"([\u4e00-\u9fff]{{1,8}})((?:[{_DOT}][\u4e00-\u9fff]{{1,8}})*)[{_DOT}]([\u4e00-\u9fff]{{1,8}})")
_SEGMENT = re.compile(r"[^，。；：！？,;:!?（）()【】\[\]“”\"\n]+")
_TOKEN = re.compile(r"\S+")
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_ANY_DOT = re.compile(f"[{_DOT}]")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch == "〇"  # 〇 writes zero in names of units (第七〇二研究所)


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    score: float
    kind: str  # han | mou | known | foreign | credit | again
    strong: bool = True  # held by a context cue, a known name, or a common surname scoring NAME_MIN_BARE
    title: str | None = None  # credits: the role written before the names

    def ok(self) -> bool:
        return self.score >= NAME_MIN and self.strong


class _Reader:
    """One pass over one text: where titles and cues stand, candidates, titles of the names."""

    def __init__(self, m: _Model, text: str) -> None:
        self.m = m
        self.text = text
        self.n = len(text)
        self.title_end: dict[int, int] = {}  # end -> start of the longest title ending there
        self.after_cue: set[int] = set()  # starts of strong cues (说, 表示, 同志...)
        self.known: list[tuple[int, int]] = []  # listed names (普京, 拜登, 诸葛亮)
        self.title_start: set[int] = set()  # starts of titles that may follow a name (主任, 主席)
        self.before_end: set[int] = set()  # ends of strong cues before a name (女儿, 会见)
        inside: set[int] = set()
        for s, e, w in m.matches(text):
            if w in m.known_hand:
                self.known.append((s, e))
            if w in m.after_title:
                self.title_start.add(s)
            if w in m.before:
                self.before_end.add(e)
            if w in m.titles:
                prev = self.title_end.get(e)
                if prev is None or s < prev:
                    self.title_end[e] = s
                inside.update(range(s + 1, e))
            if w in m.after:
                self.after_cue.add(s)
        self.known_end = {s: e for s, e in sorted(self.known)}  # the longest listed name at each start
        for e in inside.intersection(self.title_end):
            del self.title_end[e]  # 秘书 in 秘书长, 首席 in 首席执行官: no title ends there

    # -- context ---------------------------------------------------------------------------
    def title_before(self, i: int) -> int | None:
        """Start of the title ending right before ``i`` (one space between allowed), or None.

        No title when it runs on into a word (代表性, 委员会) or belongs to a lone surname before
        it (毛主席纪念堂, 王书记说)."""
        text, m = self.text, self.m
        end = i
        t = self.title_end.get(i)
        if t is None and i > 0 and text[i - 1] in _SPACE:
            end = i - 1
            t = self.title_end.get(end)
        if t is None:
            return None
        if end == i and i < self.n and text[t:end + 1] in m.words:
            return None
        if t > 0 and self._lone_surname(t - 1):
            return None
        return t

    def _lone_surname(self, k: int) -> bool:
        """Is text[k] a surname standing alone before a title (毛主席, 江主席), not part of a word?"""
        text, m = self.text, self.m
        ch = text[k]
        if ch not in m.common or ch in m.before_weak or ch in m.after_weak or ch in m.stops:
            return False
        return k == 0 or not _is_cjk(text[k - 1]) or (
            text[k - 1:k + 1] not in m.words and text[k - 1:k + 1] not in m.places
            and text[max(0, k - 2):k + 1] not in m.places)

    def title_after(self, e: int) -> str | None:
        text, after_title = self.text, self.m.after_title
        for k in range(min(self.m.after_title_max, self.n - e), 1, -1):
            w = text[e:e + k]
            if w in after_title:
                return w
        return None

    def strong_after(self, e: int) -> bool:
        """A strong cue starts at ``e`` and is not the head of a longer word (说 in 说明)."""
        if e not in self.after_cue:
            return False
        m, text = self.m, self.text
        two = text[e:e + 2]
        return not (two in m.words and two not in m.after and text[e] in m.after)

    def ends_name(self, q: int) -> bool:
        """Can a name end right before ``q``: a cue, a title, a stop word or punctuation follows?"""
        if q >= self.n or not _is_cjk(self.text[q]) or self.strong_after(q) or self.title_after(q):
            return True
        text, m = self.text, self.m
        for k in (1, 2):
            w = text[q:q + k]
            if w in m.after_weak or w in m.stops:
                return True
        return False

    def context(self, i: int, e: int) -> tuple[float, bool, bool, bool]:
        """Context score of a name at [i, e); whether a strong cue holds it; whether its left and
        right edges are held (by a cue or punctuation), so that no word may be glued across them."""
        text, m = self.text, self.m
        sc = 0.0
        strong = False
        if self.title_before(i) is not None:
            sc += CUE_TITLE_BEFORE
            strong = left = True
        else:
            left = i == 0 or not _is_cjk(text[i - 1])
            for k in range(min(m.cue_max, i), 0, -1):
                w = text[i - k:i]
                if w in m.before:
                    sc += CUE_BEFORE
                    strong = left = True
                    break
                if w in m.before_weak:
                    sc += CUE_BEFORE_WEAK
                    break
        right = True
        if self.title_after(e) is not None:
            sc += CUE_TITLE_AFTER
            strong = True
        elif e >= self.n or text[e] in _BREAK_AFTER:
            sc += CUE_PUNCT_AFTER
        elif self.strong_after(e):
            sc += CUE_AFTER
            strong = True
        elif text[e:e + 2] in m.after_time:
            sc += CUE_AFTER_TIME
            strong = True
        else:
            right = False
            for k in range(min(m.cue_max, self.n - e), 0, -1):
                if text[e:e + k] in m.after_weak:
                    sc += CUE_AFTER_WEAK
                    break
        return sc, strong, left, right

    def place_at(self, i: int) -> bool:
        """Does a place name start at ``i`` (江苏, 宁德)?"""
        text, places = self.text, self.m.places
        for k in range(2, min(self.m.place_max, self.n - i) + 1):
            if text[i:i + k] in places:
                return True
        return False

    def place_across(self, i: int) -> bool:
        """Does a place name of up to PLACE_ACROSS_MAX characters run across ``i`` (新西兰 at 西)?"""
        text, places = self.text, self.m.places
        for back in range(1, min(i, PLACE_ACROSS_MAX - 1) + 1):
            for k in range(back + 1, PLACE_ACROSS_MAX + 1):
                if text[i - back:i - back + k] in places:
                    return True
        return False

    # -- Chinese names ---------------------------------------------------------------------
    def han_score(self, i: int, sl: int, gl: int, sc: float) -> _Cand | None:
        """Score the name text[i:i+sl+gl] (surname of ``sl``, given name of ``gl`` characters) whose
        characters alone score ``sc``: add its context and the words and places it would break."""
        text, m = self.text, self.m
        j = i + sl
        e = j + gl
        given = text[j:e]
        if given in m.honorific:
            return None  # 刘女士, 王大爷, 王总: a surname and a form of address, not a name
        name = text[i:e]
        known = name in m.known
        ctx, strong, left, right = self.context(i, e)
        sc += ctx
        sure = ctx >= CUE_TITLE_BEFORE + CUE_AFTER  # a title before and a strong cue after (副市长黎明表示)
        # Below this bound nothing can lift the candidate to NAME_MIN: skip the costlier checks.
        if sc + (KNOWN_NAME if known else 0.0) + CUE_LIST < NAME_MIN or name in m.vetoes:
            return None
        if name in m.known_hand:
            sc += KNOWN_NAME
        pen = 0.0  # evidence against: words and places the characters make
        if name not in m.known_hand and sl == 1:
            head_word = text[i:j + 1] in m.words
            if head_word:
                pen += WORD_HEAD
            if gl == 2 and known:
                sc += 0.0 if head_word else KNOWN_NAME
            elif gl == 2 and name in m.words:
                pen += WORD_WHOLE
        if not known:
            if self.place_at(i) or (not left and self.place_across(i)):
                pen += PLACE_HEAD  # 江苏, 宁德; 新西兰 at 西 (a title before ends any place: 局长江涛)
            if gl == 2:
                if given in m.big_places:
                    pen += PLACE_GIVEN
                if given[1] in "镇乡村":
                    pen += PLACE_TAIL
                if sl == 1 and text[i] not in m.common and given in m.words:
                    pen += GIVEN_WORD
                if given[0] == "家":
                    pen += JIA_GIVEN
                if given[1] == text[i]:
                    pen += REPEAT_SURNAME
        nxt = text[e:e + 1]
        if nxt:
            if nxt in _PLACE_SUFFIX and text[e:e + 2] not in m.words:
                pen += PLACE_TAIL
            if nxt in "着过" or (nxt == "了" and text[e:e + 2] not in m.words):
                pen += VERB_TAIL
            tr = m.trans
            if tr.get(nxt, TRANS_UNSEEN) >= TRANS_CHAR_MIN and self.trans_mean(name + nxt) >= TRANS_MEAN_MIN \
                    and not self.ends_name(e):
                pen += TRANS_TAIL
            e2 = self.known_end.get(e, e)
            if text[e2:e2 + 2] in m.word_suffix:
                pen += WORD_SUFFIX
        if not left:
            if text[i - 1:j] in m.words or text[i - 2:j] in m.words:
                pen += GLUE_LEFT
            prv = text[i - 1:i]
            if m.trans.get(prv, TRANS_UNSEEN) >= TRANS_CHAR_MIN and self.trans_mean(prv + name) >= TRANS_MEAN_MIN:
                pen += TRANS_HEAD
        if not right and (text[e - 1:e + 1] in m.words or text[e - 1:e + 2] in m.words):
            pen += GLUE_RIGHT
        sc += pen * (SURE_DISCOUNT if sure else 1.0)
        # standing alone: a common surname, a high score, and no common noun for a given name (田秀才;
        # county names are common given names: 郭建平)
        bare = text[i:j] in m.common and sc >= NAME_MIN_BARE and (gl == 1 or given not in m.words
                                                                  or given in m.places)
        return _Cand(i, e, sc, "han", strong or known or bare)

    def han(self) -> dict[int, _Cand]:
        """The best Chinese-name candidate at each surname position (whatever its score).

        Each candidate's characters are scored first, with an upper bound on what its context can
        add read off the cue positions found in one pass (a title ending before it, a strong cue or
        title starting after it, a list mark); only candidates that could still reach their
        threshold are scored in full."""
        text, m = self.text, self.m
        best: dict[int, _Cand] = {}
        s1, s2, sur, g1, g2 = m.surname1, m.surname2, m.sur, m.g1, m.g2
        title_end, title_start, after_cue, before_end = self.title_end, self.title_start, self.after_cue, self.before_end
        high_right = max(CUE_TITLE_AFTER, CUE_AFTER)
        after_time, known, get1, get2 = m.after_time, m.known, g1.get, g2.get
        for mt in m.surname_re.finditer(text):
            i = mt.start()
            prv = text[i - 1] if i > 0 else ""
            if i in title_end or (prv and prv in _SPACE):
                lift_left, near_left = CUE_TITLE_BEFORE, True
            elif i in before_end:
                lift_left, near_left = CUE_BEFORE, True
            else:
                lift_left, near_left = CUE_BEFORE_WEAK, bool(prv) and prv in _LIST_SEP
            top: _Cand | None = None
            for sl in ((1, 2) if text[i:i + 2] in s2 else (1,)) if text[i] in s1 else \
                    ((2,) if text[i:i + 2] in s2 else ()):
                j = i + sl
                c1 = text[j:j + 1]
                if c1 == "某":
                    k = j + 2 if text[j + 1:j + 2] == "某" else j + 1
                    if (text[k:k + 1] not in _MOU_NOT or k == j + 2) and not (self.place_at(i) or self.place_across(i)) \
                            and text[i - 1:j] not in m.words:
                        top = _Cand(i, k, NAME_MIN + CUE_AFTER, "mou")
                    continue
                if not c1 or not ("\u4e00" <= c1 <= "\u9fff" or c1 == "〇"):  # _is_cjk, inlined: hot loop
                    continue
                s_val = sur[text[i:j]]
                c2 = text[j + 1:j + 2]
                for gl in (1, 2):
                    if gl == 1:
                        base = s_val + get2(c1, GIVEN_UNSEEN) + LEN2_PRIOR
                    elif c2 and ("\u4e00" <= c2 <= "\u9fff" or c2 == "〇"):
                        base = s_val + get1(c1, GIVEN_UNSEEN) + get2(c2, GIVEN_UNSEEN)
                    else:
                        continue
                    if base < PRUNE:
                        continue
                    e = j + gl
                    nxt = text[e:e + 1]
                    strong_right = e in title_start or e in after_cue or text[e:e + 2] in after_time
                    listed = nxt in _LIST_SEP if nxt else False
                    bound = base + lift_left + (high_right if strong_right else CUE_PUNCT_AFTER) \
                        + (CUE_LIST if listed or near_left else 0.0)
                    if not (near_left or strong_right or listed) and bound < NAME_MIN_BARE \
                            or bound + KNOWN_NAME < NAME_MIN:
                        if text[i:e] not in known:
                            continue  # cannot reach its threshold, whatever the checks below say
                    c = self.han_score(i, sl, gl, base)
                    if c is not None and (top is None or c.score > top.score):
                        top = c
            if top is not None:
                best[i] = top
        return best

    # -- names without a Chinese surname ---------------------------------------------------
    def trans_mean(self, s: str) -> float:
        tr = self.m.trans
        return sum(tr.get(ch, TRANS_UNSEEN) for ch in s) / len(s)

    def has_place(self, s: str) -> bool:
        places = self.m.places
        for a in range(len(s) - 1):
            for b in range(a + 2, len(s) + 1):
                if s[a:b] in places:
                    return True
        return False

    def foreign_like(self, s: str) -> bool:
        """Reads as a transliterated name: no common word, no place, characters used to transliterate."""
        m = self.m
        if s in m.words and s not in m.known or s in m.titles or s in m.vetoes or self.has_place(s):
            return False
        for ch in s:
            if max(m.trans.get(ch, TRANS_UNSEEN), m.g1.get(ch, GIVEN_UNSEEN), m.g2.get(ch, GIVEN_UNSEEN)) < NAME_CHAR_MIN:
                return False
        return self.trans_mean(s) >= TRANS_MEAN_MIN

    def run_like(self, s: str) -> bool:
        """Reads as a name without surname (扎西顿珠): short, made of name characters, no word head."""
        m = self.m
        if not RUN_LEN[0] <= len(s) <= RUN_LEN[1] or s[:2] in m.words or s in m.titles or s in m.vetoes \
                or self.has_place(s):
            return False
        best = [max(m.g1.get(ch, GIVEN_UNSEEN), m.g2.get(ch, GIVEN_UNSEEN), m.trans.get(ch, TRANS_UNSEEN))
                for ch in s]
        return min(best) >= RUN_CHAR_MIN and sum(best) / len(best) >= RUN_MEAN_MIN

    def known_runs(self) -> list[_Cand]:
        """Listed names (普京, 拜登, 诸葛亮), unless glued into a longer word."""
        text, m = self.text, self.m
        out = []
        for s, e in self.known:
            left = self.title_before(s) is not None or s == 0 or not _is_cjk(text[s - 1]) \
                or text[s - 1:s + 1] not in m.words
            e2 = self.known_end.get(e, e)  # 马克思列宁主义: the suffix may follow a second name
            if left and (self.ends_name(e) or text[e - 1:e + 1] not in m.words) and text[e2:e2 + 2] not in m.word_suffix:
                out.append(_Cand(s, e, NAME_MIN + KNOWN_NAME, "known"))
        return out

    def after_title_runs(self, best: dict[int, _Cand]) -> list[_Cand]:
        """Names right after a title, read up to the cue, stop word or punctuation that ends them.

        A transliteration wins over a Chinese-name candidate covering part of it (古特雷斯 over
        古特雷); a name without surname wins over one that leaves its first character out (扎西顿珠
        over 西顿珠); a run led by a surname is left to the Chinese-name reading (孙剑 in 孙剑用)."""
        text, m, n = self.text, self.m, self.n
        out = []
        lo, hi = FOREIGN_LEN
        for p in sorted(self.title_end):
            if p < n and text[p] in _SPACE:
                p += 1
            if p >= n or self.title_before(p) is None:
                continue
            q = p
            while q < n and q - p < hi and _is_cjk(text[q]) and not (q - p >= lo and self.ends_name(q)):
                q += 1
            if not lo <= q - p <= hi or not self.ends_name(q):
                continue
            run = text[p:q]
            inside = [best[k].score for k in range(p, q) if k in best and best[k].ok()]
            if self.foreign_like(run):
                out.append(_Cand(p, q, max([NAME_MIN, *inside]) + 1.0, "foreign"))
            elif p not in best and run[0] not in m.surname1 and self.run_like(run) and (
                    self.strong_after(q) or self.title_after(q)
                    or (len(run) == 3 or len(run) == 2 and (q >= n or text[q] in _BREAK_AFTER))):
                # four characters need 说 or a title after them (扎西顿珠说; not 果农喜笑颜开)
                out.append(_Cand(p, q, max([NAME_MIN, *inside]) + 0.5, "foreign"))
        return out

    def before_cue_runs(self) -> list[_Cand]:
        """Transliterated names right before 说, 表示... (克林顿说)."""
        text, tr = self.text, self.m.trans
        out = []
        hi = FOREIGN_LEN[1]
        for q in self.after_cue:
            if not self.strong_after(q):
                continue
            p = q
            while p > 0 and q - p < hi and tr.get(text[p - 1], TRANS_UNSEEN) >= TRANS_CHAR_MIN:
                p -= 1
            if q - p < 3 or (p > 0 and _is_cjk(text[p - 1]) and self.title_before(p) is None):
                continue
            if self.foreign_like(text[p:q]):
                out.append(_Cand(p, q, NAME_MIN + 1.0, "foreign"))
        return out

    def dotted(self) -> list[_Cand]:
        """Names joined by · (约瑟夫·拜登, 买买提·吐尔逊)."""
        text, m = self.text, self.m
        out: list[_Cand] = []
        if _ANY_DOT.search(text) is None:
            return out

        def ok(ch: str) -> bool:
            return max(m.trans.get(ch, TRANS_UNSEEN), m.g1.get(ch, GIVEN_UNSEEN)) >= DOT_CHAR_MIN


        for mt in _DOTTED.finditer(text):
            s0 = s = mt.start(2) - 1 if mt.group(2) else mt.start(3) - 1  # the first dot
            s = mt.start(1) + len(mt.group(1))
            k = s  # read the first part leftwards until a title, stop word or common word
            while k > mt.start(1) and s - k < FOREIGN_LEN[1] and ok(text[k - 1]) and self.title_before(k) is None \
                    and not self._stop_ends_at(k) and not (s - k >= 2 and text[k - 2:k] in m.words
                                                           and self.trans_mean(text[k - 2:k]) < TRANS_MEAN_MIN):
                k -= 1
            last = mt.start(3)
            q = last  # read the last part rightwards the same way (拜登宣誓 -> 拜登, 瓦卡瓦卡弯腰 -> 瓦卡瓦卡)
            while q < mt.end(3) and q - last < FOREIGN_LEN[1] and (q == last or (
                    ok(text[q]) and not self.ends_name(q) and (q - last < 2 or (
                        text[q:q + 2] not in m.words and m.trans.get(text[q], TRANS_UNSEEN) >= TRANS_CHAR_MIN)))):
                q += 1
            q = max(q, self.known_end.get(last, q))  # 卡尔·马克思: a listed name ends the part
            parts = re.split(f"[{_DOT}]", text[k:q])
            if k < s0 and q > last and not any(
                    self.has_place(part) or part in m.places
                    for part in parts) and not all(part in m.words and part not in m.known for part in parts):
                out.append(_Cand(k, q, FIXED_SCORE, "foreign"))
        return out

    # -- credits and bylines ---------------------------------------------------------------
    def credits(self) -> list[_Cand]:
        """Space-separated names after a reporter role or before 摄 (新华社记者 徐昱 摄)."""
        text = self.text
        out: list[_Cand] = []
        if " " not in text and "\u3000" not in text:
            return out  # every credit has a space in its segment
        for seg in _SEGMENT.finditer(text):
            if " " not in seg.group() and "\u3000" not in seg.group():
                continue
            toks = [(t.start() + seg.start(), t.group()) for t in _TOKEN.finditer(seg.group())]
            if len(toks) < 2:
                continue
            tail = toks[-1][1]
            photo = tail in ("摄", "报道") or tail.endswith("摄")
            role: str | None = None
            for s, tok in toks:
                if tok in ("摄", "报道"):
                    continue
                if tok.endswith(_ROLES):
                    role = tok
                    continue
                body = tok[:-1] if tok.endswith("摄") and len(tok) > 2 else tok
                if (role or photo) and 2 <= len(body) <= 4 and _CJK_ONLY.fullmatch(body) and self._credit_name(body):
                    out.append(_Cand(s, s + len(body), FIXED_SCORE, "credit", True, role))
                elif not _CJK_ONLY.fullmatch(tok) or len(tok) > 4:
                    role = None  # 新华社杭州2月24日电: neither a name nor a role
        return out

    def _credit_name(self, s: str) -> bool:
        m = self.m
        if s in m.places or s in m.titles or s in m.vetoes or s in m.stops:
            return False
        if s[0] in m.surname1 or s[:2] in m.surname2:
            return s[1:] not in m.honorific
        return self.foreign_like(s) or self.run_like(s)

    # -- titles ----------------------------------------------------------------------------
    def _stop_ends_at(self, k: int) -> bool:
        text, m = self.text, self.m
        for L in range(1, min(m.stop_max, k) + 1):
            w = text[k - L:k]
            if w in m.stops and not self._protected(w, k - L):
                # a one-character stop inside a word is no stop (华为, 协和, 向阳区)
                if L == 1 and (text[k - 2:k] in m.words or text[k - 1:k + 1] in m.words):
                    continue
                return True
        return False

    def _protected(self, w: str, p: int) -> bool:
        text = self.text
        for phrase, off in self.m.protect.get(w, ()):
            if text[p - off:p - off + len(phrase)] == phrase:
                return True
        return False

    def _org_like(self, s: str) -> bool:
        m = self.m
        for k in range(1, min(len(s), max(m.tail_max, m.place_max)) + 1):
            tail = s[-k:]
            if tail in m.org_end or tail in m.places or tail in m.titles:
                return True
        return False

    def _org_start(self, head: int, occ: bytearray, title: bool = True) -> int:
        """Where the organisation written right before ``head`` starts (``head`` when there is none).

        Before a title the organisation may end in the title's first character (交通|部长: 交通部)."""
        text = self.text
        k = head
        while k > 0 and head - k < TITLE_MAX and _is_cjk(text[k - 1]) and not occ[k - 1] \
                and not self._stop_ends_at(k):
            k -= 1
        if k < head and (self._org_like(text[k:head]) or (title and self._org_like(text[k:head + 1]))):
            return k
        return head

    def title_for(self, c: _Cand, occ: bytearray) -> str | None:
        """The title written next to the name at ``c``, with its organisation, or None."""
        text = self.text
        s = c.start
        tstart = self.title_before(s)
        if tstart is not None:
            tend = s if s in self.title_end else s - 1
            head = self._org_start(tstart, occ)
            while head > 1 and text[head - 1] in "、兼" and (t := self.title_end.get(head - 1)) is not None:
                head = self._org_start(t, occ)  # 成都市委常委、副市长: titles joined by 、 or 兼
            return text[head:tend]
        w = self.title_after(c.end)
        if w is not None:
            return text[self._org_start(s, occ, title=False):s] + w
        return None


def _select(cands: list[_Cand], n: int) -> tuple[list[_Cand], bytearray]:
    """Non-overlapping accepted candidates, higher scores first (longer first among equals)."""
    occ = bytearray(n)
    chosen: list[_Cand] = []
    if not cands:
        return chosen, occ
    for c in sorted(cands, key=lambda c: (-c.score, c.start - c.end, c.start)):
        if c.ok() and not any(occ[c.start:c.end]):
            occ[c.start:c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    return chosen, occ


def _add(c: _Cand, chosen: list[_Cand], occ: bytearray) -> bool:
    if any(occ[c.start:c.end]):
        return False
    occ[c.start:c.end] = b"\x01" * (c.end - c.start)
    chosen.append(c)
    return True


def _lists(r: _Reader, best: dict[int, _Cand], chosen: list[_Cand], occ: bytearray) -> None:
    """Names next to accepted names across 、/和 get CUE_LIST and another chance (李强、赵乐际)."""
    text = r.text
    todo = list(chosen)
    while todo:
        c = todo.pop()
        nxt = best.get(c.end + 1)
        if nxt is not None and text[c.end:c.end + 1] in _LIST_SEP and nxt.score + CUE_LIST >= NAME_MIN:
            if _add(_Cand(nxt.start, nxt.end, nxt.score + CUE_LIST, nxt.kind), chosen, occ):
                todo.append(chosen[-1])
        if c.start >= 3 and text[c.start - 1] in _LIST_SEP:
            ending = [p for p in (best.get(c.start - 1 - k) for k in (2, 3, 4)) if p is not None and p.end == c.start - 1]
            prv = max(ending, key=lambda p: p.score, default=None)
            if prv is not None and prv.score + CUE_LIST >= NAME_MIN:
                if _add(_Cand(prv.start, prv.end, prv.score + CUE_LIST, prv.kind), chosen, occ):
                    todo.append(chosen[-1])


def _propagate(r: _Reader, chosen: list[_Cand], occ: bytearray) -> None:
    """A name accepted once is a name wherever else it is written (unless it is also a word)."""
    if not chosen:
        return
    text, m = r.text, r.m
    names = {text[c.start:c.end] for c in chosen}
    names = {x for x in names if not (x in m.words and x not in m.known)}
    if not names:
        return
    for i, j in _occurrences(text, names):
        if not any(occ[i:j]) and not (i > 0 and text[i - 1:i + 1] in m.words):
            _add(_Cand(i, j, NAME_MIN, "again"), chosen, occ)


def _occurrences(text: str, names: set[str]) -> list[tuple[int, int]]:
    """Every (start, end) of the given names in ``text``, overlaps included, in one pass."""
    if len(names) <= PROPAGATE_FIND_MAX:
        out = []
        for name in names:
            i = text.find(name)
            while i >= 0:
                out.append((i, i + len(name)))
                i = text.find(name, i + 1)
        return out
    try:
        import ahocorasick  # pyahocorasick, BSD-3-Clause
    except ImportError:  # pragma: no cover
        alts = "|".join(re.escape(x) for x in sorted(names, key=len, reverse=True))
        return [(mt.start(), mt.start() + len(mt.group(1))) for mt in re.finditer(f"(?=({alts}))", text)]
    a = ahocorasick.Automaton()
    for x in names:
        a.add_word(x, len(x))
    a.make_automaton()
    return [(end + 1 - k, end + 1) for end, k in a.iter(text)]


def find_people(text: str) -> list[Fact]:
    """All person facts of ``text``, sorted by start offset; ``text[f.start:f.end] == f.text``."""
    if not text:
        return []
    r = _Reader(_model(), text)
    best = r.han()
    cands = [c for c in best.values() if c.ok()]
    cands += r.credits() + r.dotted() + r.known_runs() + r.after_title_runs(best) + r.before_cue_runs()
    chosen, occ = _select(cands, len(text))
    if not chosen:
        return []  # lists and repeats only grow from an accepted name
    _lists(r, best, chosen, occ)
    _propagate(r, chosen, occ)
    chosen.sort(key=lambda c: c.start)
    facts: list[Fact] = []
    prev: tuple[_Cand, str | None] | None = None
    for c in chosen:
        title = c.title if c.kind == "credit" else r.title_for(c, occ)
        if title is None and prev is not None and prev[1] is not None and text[prev[0].end:c.start] == "、" \
                and c.kind != "credit":
            title = prev[1]  # 副市长刘洋、陈静: the list shares its title
        name = text[c.start:c.end]
        facts.append(Fact(type="person", text=name, start=c.start, end=c.end, field="text",
                          attrs={"name": name, "title": title}))
        prev = (c, title)
    return facts
