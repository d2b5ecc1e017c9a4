"""Give every block of a page its role, from its own text and its neighbours.

Roles: ``furniture`` (running heads, page numbers, editor lines), ``section`` (栏目 label),
``title`` (headline, kicker, subheadline or inner subhead: which one is decided per article),
``byline``, ``caption``, ``credit`` (a credit printed on its own), ``attribution`` (``(兰云)``),
``jump`` (上接/下转 lines) and ``text`` (body text, possibly a column-break fragment).

The hard call is title against fragment: a column break can cut a paragraph anywhere, and
the first half, printed as its own block, is short and unfinished like a headline. It is
decided by a score: evidence for a title adds, evidence for a fragment subtracts, each weight a
named constant in ``patterns``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from statistics import median

from ..model import Block
from . import bylines as B
from . import patterns as P
from .lexicon import cut_inside_word, opens_with_particle

_TERMINAL = frozenset(P.TERMINAL)
_CLOSERS = frozenset(P.CLOSERS)
_CLAUSE_RE = re.compile(r"[" + P.CLAUSE_MARKS + r"]")
#: A full stop or semicolon inside a block; a half-width stop only between non-digits (3.5 is a number).
_INNER_STOP_RE = re.compile(r"[。；;…](?=.)|(?<=[^0-9A-Za-z.])\.(?=[^0-9.])")
_INNER_EXCLAIM_RE = re.compile(r"[！？!?](?=.)")
_EXCLAIM_END = frozenset("！？!?")
_CONT_START = frozenset(P.CONTINUATION_START)
_DANGLING = frozenset(P.DANGLING_ENDINGS)
_SECTION_WORDS = frozenset(P.SECTION_WORDS)
_ROUNDUP = frozenset(P.ROUNDUP_WORDS)
_WORDLIKE_RE = re.compile(r"[" + P.CJK + r"A-Za-z0-9０-９]")
_PAIRS = (("“", "”"), ("（", "）"), ("(", ")"), ("《", "》"), ("‘", "’"), ("「", "」"), ("【", "】"))
_COLON_END = frozenset("：:")
_STOP_OR_COLON = frozenset("：:.")
_CREDIT_ENDS = ("摄", "摄影", "供图")  # 本报记者 王汉超摄: a credit, not a byline
_OPEN_END = frozenset(P.OPEN_END_CHARS)
_NUMBER_UNIT = frozenset(P.NUMBER_UNIT_START)
_INSET_LABELS = frozenset(P.INSET_LABELS)
_SPACE_RE = re.compile(r"[ \u3000]")
_SECTION_JOIN_RE = re.compile(r"[·•/／]")


def is_terminal(text: str) -> bool:
    """Does the block end a sentence (so that a paragraph may end here)?

    A colon also counts: a paragraph ending in one introduces a quote or a list in the next.
    """
    t = text.rstrip()
    if not t:
        return True
    last = t[-1]
    if last in _TERMINAL:
        return True
    if last in _COLON_END or last == ".":
        return _half_stop(t)
    if last in _CLOSERS:
        if last in "）)】]":
            if P.END_MARK_RE.search(t, max(0, len(t) - 8)):
                return True
            m = P.TRAILING_ATTRIBUTION_RE.search(t, max(0, len(t) - P.ATTRIBUTION_MAX_CHARS - 4))
            if m and B.parse_attribution(m.group("inner")) is not None:
                return True
        stripped = t.rstrip(P.CLOSERS)
        return bool(stripped) and (stripped[-1] in _TERMINAL or (stripped[-1] in _STOP_OR_COLON and _half_stop(stripped)))
    return False


def number_ends_sentence(text: str, nxt: str) -> bool:
    """A block ending in a digit and a half-width stop or colon (10秒20. / 3:) ended its sentence
    unless the next block goes on with digits (3626. | 9亿元, 3: | 1)."""
    t = text.rstrip()
    return len(t) > 1 and t[-1] in ".:：" and t[-2].isdigit() and not nxt[:1].isdigit()


def _half_stop(t: str) -> bool:
    """A final colon or half-width full stop ends a sentence unless a digit precedes it: 3:|1 and
    3626.|9亿元 are a score and a number cut by a column break."""
    return len(t) > 1 and not t[-2].isdigit() if t[-1] in ".:" else not (len(t) > 1 and t[-2].isdigit())


def _is_section(text: str) -> bool:
    if len(text) > P.SECTION_MAX_CHARS or _CLAUSE_RE.search(text) or _SPACE_RE.search(text):
        return False
    if text in _SECTION_WORDS or text.endswith(P.SECTION_SUFFIXES):
        return True
    parts = _SECTION_JOIN_RE.split(text)  # 要闻·综合, 国内/国际
    return len(parts) > 1 and all(p in _SECTION_WORDS for p in parts)


def is_roundup(label: str, first: str | None = None) -> bool:
    """Does a section label introduce a roundup of briefs? ``first``: the text under it."""
    return label in _ROUNDUP or label.endswith(P.ROUNDUP_SUFFIXES) or \
        (first is not None and P.BRACKET_HEAD_RE.match(first) is not None)


def _is_attribution(text: str) -> bool:
    m = P.ATTRIBUTION_RE.match(text)
    return bool(m) and B.parse_attribution(m.group("inner")) is not None


def _is_caption(text: str) -> bool:
    if P.CAPTION_START_RE.match(text):
        return True
    start = B.find_credit(text)
    if start is None:
        return False
    before = text[:start].rstrip()
    # A credit must follow a finished caption sentence, or stand alone (then it is a credit).
    return not before or before[-1] in _TERMINAL or before[-1] in _CLOSERS or len(before) <= 2 \
        or (before[-1] == "." and _half_stop(before))


def prelim_role(block: Block, prev_role: str | None) -> str:
    """The role a block has on its own, before its neighbours are weighed."""
    t = block.text
    n = len(t)
    if n <= P.FURNITURE_MAX_CHARS and P.FURNITURE_RE.match(t):
        return "furniture"
    if n <= P.JUMP_MAX_CHARS and P.JUMP_RE.match(t):
        return "jump"
    if not _WORDLIKE_RE.search(t):
        if (t[0] in _CONT_START and t[0] not in "…") or t[0] in "%％":
            return "text"  # ”。 left over from a sentence cut at a column break
        return "furniture"  # rules, ornaments, a line of punctuation
    if n <= P.ATTRIBUTION_MAX_CHARS + 2 and (t[0] in "（(") and _is_attribution(t):
        return "attribution"
    if P.QA_TURN_RE.match(t):
        return "text"  # 问：今年的流感流行趋势如何？
    if n <= P.BYLINE_MAX_CHARS and not t.endswith(_CREDIT_ENDS) \
            and B.parse_byline_block(t, after_byline=prev_role == "byline") is not None:
        return "byline"
    if _is_caption(t):
        start = B.find_credit(t)
        if start is not None and not t[:start].strip():
            return "credit"
        return "caption"
    if n <= P.SECTION_MAX_CHARS and _is_section(t):
        return "section"
    if P.DATELINE_RE.match(t):
        return "text"
    if is_terminal(t):
        if n <= P.TITLE_SHORT_CHARS and t[-1] in _EXCLAIM_END and not _INNER_STOP_RE.search(t):
            return "title?"  # 加油！中国队！ — weighed below
        return "text"
    if n <= P.TITLE_MAX_CHARS:
        return "title?"
    return "text"


def _headerish(role: str | None) -> bool:
    return role in (None, "title?", "title", "section", "byline", "caption", "credit", "furniture")


def _shaped(t: str) -> bool:
    """Printed like a title: two phrases split by a space, a numbering, 【…】, or 地名：短语."""
    return bool(P.SPACED_TITLE_RE.match(t) or P.SUBHEAD_NUMBERED_RE.match(t) or P.COLON_TITLE_RE.match(t)
                or P.FROM_TO_TITLE_RE.match(t))


_BRACKET_RE = re.compile(r"[“‘「『（(【《\"”’」』）)】》]")


def _unbalanced(t: str) -> bool:
    """A quote or bracket is left open (“我家的老房子 / （新华社北京2月2) or closes one opened in
    the block above (齐雷杰) / 科技强国”)."""
    if not _BRACKET_RE.search(t):
        return False
    for o, c in _PAIRS:
        if t.count(o) != t.count(c):
            return True
    return t.count('"') % 2 == 1


def own_score(t: str) -> float:
    """The part of the title evidence that comes from the block's own text."""
    n = len(t)
    score = 0.0
    if n <= P.TITLE_SHORT_CHARS:
        score += P.W_SHORT
    elif n > P.TITLE_LONG_CHARS:
        score += P.W_LONG
    if _INNER_STOP_RE.search(t):
        score += P.W_INNER_STOP
    else:
        clauses = len(_CLAUSE_RE.findall(t))
        if clauses == 1:
            score += P.W_CLAUSE
        elif clauses > 1:
            score += P.W_CLAUSES
    if _INNER_EXCLAIM_RE.search(t):
        score += P.W_INNER_EXCLAIM
    if t[-1] in _EXCLAIM_END:
        score += P.W_TERMINAL_END
    if _shaped(t):
        score += P.W_TITLE_SHAPE
    elif t.startswith(P.STRONG_OPENERS):
        score += P.W_STRONG_OPENER
    elif t.startswith(P.SENTENCE_OPENERS):
        score -= P.W_TITLE_SHAPE
    if P.STRONG_LEDE_RE.match(t) or P.OPENING_DATELINE_RE.match(t):
        score += P.W_INNER_STOP  # 记者从…获悉 opens a paragraph, never a title
    if _unbalanced(t):
        score += P.W_UNBALANCED
    if opens_with_particle(t) or P.NEEDS_SUBJECT_RE.match(t):
        score += P.W_STARTS_MIDWAY
    if P.LEDE_START_RE.match(t):
        score += P.W_LEDE_START
    if P.DATELINE_START_RE.match(t):
        score += P.W_DATELINE_START
    if t[-1] in _OPEN_END:
        score += P.W_OPEN_END
    if t[-1] in _DANGLING or t[-1].isdigit() or t.endswith(P.DANGLING_VERBS):
        score += P.W_DANGLING_END
    return score


def next_score(t: str, nxt_text: str, shaped: bool, alone: bool, roundup: bool = False,
               after_text: bool = False, lead: str | None = None) -> float:
    """Evidence from the text block that follows (``alone``: no parallel subheads, text above;
    ``roundup``: inside a roundup of briefs, where every item opens with a short headline;
    ``after_text``: a text block stands above)."""
    first = nxt_text[0]
    if P.DATELINE_RE.match(nxt_text) or P.STRONG_LEDE_RE.match(nxt_text):
        return P.W_NEXT_HEADERISH  # a dateline never continues a sentence
    if first in _CONT_START or (first.isdigit() and (t[-1].isdigit() or t[-1] in _DANGLING
                                                      or t.endswith(P.DANGLING_VERBS))) \
            or (t[-1].isdigit() and first in _NUMBER_UNIT) or P.MEASURE_START_RE.match(nxt_text) \
            or (first.isdigit() and t[-1] in ".．" and len(t) > 1 and t[-2].isdigit()):  # 出口额为5. | 33万亿
        return P.W_NEXT_CONTINUES  # ，… / 达到|1350亿斤 / 12|3亿元
    if P.NEEDS_SUBJECT_RE.match(nxt_text):
        return P.W_NEXT_NEEDS_SUBJECT
    if P.LEDE_RE.match(nxt_text):
        return P.W_NEXT_LEDE
    score = 0.0
    if P.SENTENCE_START_RE.match(nxt_text):
        score += P.W_NEXT_SENTENCE
    if len(t) <= P.TITLE_TINY_CHARS and not shaped and t not in _INSET_LABELS:
        score += P.W_TINY
    if opens_with_particle(nxt_text):
        return P.W_NEXT_CONTINUES  # 清晨|的大连港: 的 follows a word, never opens a paragraph
    if cut_inside_word(t[-P.LEX_WINDOW:], nxt_text[:P.LEX_WINDOW]) > P.LEX_CUT_MIN:
        score += P.W_CUT_WORD  # 高标|准农田: a word runs across the break
    if alone and not shaped:
        score += P.W_BETWEEN_TEXT
    # Between text blocks, a title with a comma must echo more: the halves of a cut sentence share
    # words when it lists parallel clauses (突出南向开放，深化与川南 | …深化与川东北…).
    if lead_echo(t, lead or nxt_text) >= (P.LEAD_ECHO_MIN_CLAUSE if after_text and _CLAUSE_RE.search(t)
                                          else P.LEAD_ECHO_MIN):
        score += P.W_LEAD_ECHO  # 广西糖料蔗良种覆盖率超过95% | …全区糖料蔗良种覆盖率已经超过95%
    return score


def seam_echo(left: str, right: str, title: str) -> bool:
    """Does a run of the title above read across ``left|right`` (全市中小学生运动会开幕 over
    第十二届全市 | 中小学生运动会26日…)? Then the two blocks are one sentence restating it."""
    n = P.SEAM_ECHO_MIN
    a, b = left[-(n - 1):], right[:n - 1]
    joined = a + b
    for i in range(len(a)):
        for j in range(max(len(a) + 1, i + n), len(joined) + 1):
            if joined[i:j] not in title:
                break
            if j - i >= n:
                return True
    return False


_ECHO_CHAR_RE = re.compile(r"[" + P.CJK + r"A-Za-z0-9]+")


def lead_echo(title: str, lead: str) -> float:
    """Share of the title's character pairs found again at the start of the next block: a news
    lead restates its headline, the second half of a cut sentence rarely repeats the first."""
    chars = "".join(_ECHO_CHAR_RE.findall(title))
    pairs = {chars[k:k + 2] for k in range(len(chars) - 1)}
    if len(pairs) < P.LEAD_ECHO_MIN_PAIRS:
        return 0.0
    window = lead[:P.LEAD_ECHO_WINDOW]
    hits = sum(1 for pair in pairs if pair in window)
    return hits / len(pairs) if hits >= P.LEAD_ECHO_MIN_HITS else 0.0


def title_score(block: Block, prev: Block | None, nxt: Block | None, body_font: float | None,
                usual_gap: int, siblings: bool = False, own: float | None = None,
                roundup: bool = False, under_subhead: bool = False, prev_open: bool | None = None,
                signature: bool = False, lead: str | None = None) -> float:
    """Evidence that a short unfinished block is a title rather than a cut paragraph.

    ``prev_open``: the paragraph above is unfinished (its blocks read together; computed from
    ``prev`` alone when not given); ``signature``: the byline above ends the text before it
    (读者 李建国 under a letter); ``lead``: the text that follows, over several blocks.
    """
    t = block.text
    score = own_score(t) if own is None else own
    if nxt is None or _headerish(nxt.role):
        score += P.W_NEXT_HEADERISH
    else:
        after_text = prev is not None and prev.role == "text"
        score += next_score(t, nxt.text, _shaped(t), after_text and not siblings, roundup, after_text, lead)
    if prev is not None:
        if prev_open is None:
            prev_open = prev.role == "text" and not is_terminal(prev.text)
        if prev.role == "text" and prev_open:
            score += P.W_PREV_FRAGMENT
            if cut_inside_word(prev.text[-P.LEX_WINDOW:], t[:P.LEX_WINDOW]) > P.LEX_CUT_MIN:
                score += P.W_CUT_WORD  # 建设规模持|续扩大
        elif prev.role == "byline" and not signature:
            score += P.W_AFTER_BYLINE
        elif prev.role in ("title", "title?", "section"):
            # Stacked under a title: a subheadline; but an inner subhead (``under_subhead``: text
            # above it and sibling subheads around) has nothing under it but its paragraph.
            score += P.W_UNDER_SUBHEAD if under_subhead else P.W_UNDER_TITLE
            if lead_echo(t, prev.text) >= P.TITLE_ECHO_MIN:
                score += P.W_ECHOES_TITLE  # 第十九届中国戏剧节闭幕 / 第十九届中国戏剧节 | 日前…: the lead
            elif nxt is not None and nxt.role == "text" and seam_echo(t, nxt.text, prev.text):
                score += P.W_SEAM_ECHO
    if body_font and block.font_size and block.font_size >= body_font * P.FONT_RATIO_TITLE:
        score += P.W_FONT
    if usual_gap and block.gap_before > usual_gap:
        score += P.W_BIG_GAP
    return score


def assign_roles(blocks: list[Block]) -> None:
    """Set ``Block.role`` on every block of a page, in place."""
    prev_role: str | None = None
    for k, b in enumerate(blocks):
        b.role = prelim_role(b, prev_role)
        if k and b.role == "byline" and prev_role in ("text", "title?") and not is_terminal(blocks[k - 1].text) \
                and b.text[0] not in P.BYLINE_MARKERS and not B.parse_byline_block(b.text, after_byline=True):
            b.role = "text"  # …一位专家告诉 | 记者：: a role word ending a cut sentence, no names
        prev_role = b.role
    for k in range(1, len(blocks) - 1):
        b, nxt = blocks[k], blocks[k + 1]
        if b.role == "furniture" and b.text.isdigit() and blocks[k - 1].role in ("title?", "text") \
                and nxt.role == "text" and (nxt.text[:1].isdigit() or nxt.text[:1] in _NUMBER_UNIT):
            b.role = "text"  # 202 | 2年，…: a number cut at a column break, not a page number
    fonts = [b.font_size for b in blocks if b.font_size and b.role == "text"]
    body_font = median(fonts) if fonts else None
    gaps = [b.gap_before for b in blocks[1:]]
    usual_gap = int(median(gaps)) if gaps else 0
    if gaps and max(gaps) == usual_gap:
        usual_gap = 0  # every gap the same: gaps say nothing on this page
    # A section label stands above a headline (or, for a roundup, above its first item).
    for i, b in enumerate(blocks):
        if b.role == "section":
            nxt = _next_content(blocks, i)
            if is_roundup(b.text, nxt.text if nxt is not None and nxt.role == "text" else None):
                continue
            if i + 1 < len(blocks) and blocks[i + 1].role == "jump":
                continue  # 要闻·综合 / （上接第一版）: the page's section over a continued story
            if nxt is None or nxt.role not in ("title?", "section", "caption", "credit"):
                b.role = "title?"
    in_roundup = _roundup_flags(blocks)
    cands = [i for i, b in enumerate(blocks) if b.role == "title?"]
    if not cands:
        return
    own = {i: own_score(blocks[i].text) for i in cands}
    shaped = {i: _shaped(blocks[i].text) for i in cands}
    like = {i: _subhead_like(blocks[i].text) for i in cands}
    siblings = {i: in_roundup[i] or _has_siblings(blocks, i, cands, shaped, like, own) for i in cands}
    leads = {i: _lead_window(blocks, i) for i in cands}
    # Decide titles from the bottom up, so that each block sees its successor's role; then
    # again, so that a title sees a subheadline decided below it and vice versa.
    for _ in range(P.ROLE_PASSES):
        changed = False
        for i in reversed(cands):
            b = blocks[i]
            j = _prev_pos(blocks, i)
            prev = blocks[j] if j is not None else None
            k = _prev_pos(blocks, j) if j is not None else None
            under_subhead = (j in siblings and siblings[j] and not in_roundup[j] and k is not None
                             and blocks[k].role == "text")
            prev_open = prev is not None and prev.role == "text" and not is_terminal(_paragraph_tail(blocks, j))
            signature = (prev is not None and prev.role == "byline" and k is not None and blocks[k].role == "text"
                         and is_terminal(blocks[k].text))
            nxt = _next_content(blocks, i, skip=_INTERLEAVED)
            sc = title_score(b, prev, nxt, body_font, usual_gap, siblings[i], own[i], in_roundup[i], under_subhead,
                             prev_open, signature, leads[i])
            role = "title" if sc >= P.TITLE_SCORE_MIN else "text"
            if role != b.role:
                changed = True
                b.role = role
        if not changed:
            break


def _roundup_flags(blocks: list[Block]) -> list[bool]:
    """Which blocks stand inside a roundup of briefs (after 速览, 简讯…, until a byline)."""
    flags = []
    on = False
    for i, b in enumerate(blocks):
        if b.role == "section":
            nxt = _next_content(blocks, i)
            on = is_roundup(b.text, nxt.text if nxt is not None and nxt.role == "text" else None)
        elif b.role == "byline":
            on = False
        flags.append(on)
    return flags


def _paragraph_tail(blocks: list[Block], j: int) -> str:
    """The end of the paragraph block ``j`` belongs to, read with the unfinished text blocks
    before it (（秦海 | 峰 黄晓） ends with an attribution only when read together)."""
    tail = blocks[j].text
    k = j - 1
    while k >= 0 and len(tail) < P.ATTRIBUTION_MAX_CHARS + 8:
        b = blocks[k]
        if b.role in _INTERLEAVED or b.role == "byline":
            k -= 1
            continue
        if b.role != "text" or is_terminal(b.text):
            break
        tail = b.text + tail
        k -= 1
    return tail


def _lead_window(blocks: list[Block], i: int) -> str:
    """The text after block ``i`` over the next blocks (a lead cut short: 由北京 | 人民艺术剧院…)."""
    parts: list[str] = []
    size = 0
    for b in blocks[i + 1:]:
        if b.role in _INTERLEAVED or b.role == "byline":
            continue
        parts.append(b.text)
        size += len(b.text)
        if size >= P.LEAD_ECHO_WINDOW or b.role not in ("text", "title?") or is_terminal(b.text):
            break  # (the lead's first paragraph only)
    return "".join(parts)[:P.LEAD_ECHO_WINDOW]


def _prev_pos(blocks: list[Block], i: int) -> int | None:
    for j in range(i - 1, -1, -1):
        if blocks[j].role not in ("furniture", "jump"):
            return j
    return None


def _subhead_like(t: str) -> bool:
    return len(t) <= P.SUBHEAD_MAX_CHARS and not _CLAUSE_RE.search(t) and t[-1] not in _DANGLING \
        and not _unbalanced(t)


def _has_siblings(blocks: list[Block], i: int, cands: list[int], shaped: dict[int, bool],
                  like: dict[int, bool], own: dict[int, float] | None = None) -> bool:
    """Other inner subheads nearby, standing between text blocks: shaped ones, or ones of the
    same length (parallel subheads: 展陈有新意 / 文创有人气 / 服务有温度)."""
    n = len(blocks[i].text)
    last = len(blocks) - 1
    for j in cands[bisect_left(cands, i - P.SIBLING_WINDOW):]:
        if j == i or j < i - P.SIBLING_WINDOW or j == 0 or j >= last:
            continue
        if j > i + P.SIBLING_WINDOW:
            break
        if not (_beside_text(blocks, j - 1, own) and _beside_text(blocks, j + 1, own)):
            continue
        if shaped[j]:
            return True
        if like[i] and like[j] and abs(len(blocks[j].text) - n) <= P.SIBLING_LEN_DIFF:
            return True
    return False


def _beside_text(blocks: list[Block], k: int, own: dict[int, float] | None) -> bool:
    """Is block ``k`` text-like: a paragraph, a picture, or a candidate whose own text already
    reads as a sentence (a full stop inside: 和丽萍把学生们叫作“大山里的星星”。为)?"""
    role = blocks[k].role
    return role in _BESIDE_TEXT or (role == "title?" and own is not None and own.get(k, 0.0) < P.BESIDE_TEXT_OWN_MAX)


_SKIP = frozenset(("furniture", "jump"))
#: What may stand beside an inner subhead inside an article: its paragraphs, or a picture.
_BESIDE_TEXT = frozenset(("text", "caption", "credit"))
#: Printed between the halves of a cut paragraph: look past them for the continuation.
_INTERLEAVED = frozenset(("furniture", "jump", "caption", "credit"))


def _next_content(blocks: list[Block], i: int, skip: frozenset[str] = _SKIP) -> Block | None:
    for j in range(i + 1, len(blocks)):
        if blocks[j].role not in skip:
            return blocks[j]
    return None
