"""Bylines, datelines, attributions and photo credits: who wrote or shot what.

Pure functions over strings; the segmenter decides where they are called.
"""

from __future__ import annotations

import re

from ..model import Byline
from . import patterns as P

#: Common Chinese surnames (single characters, then compound ones). A names-only line counts as a
#: byline only when its names start with one of these; chosen to cover the ~300 most frequent.
SURNAMES_1 = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井"
    "祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆"
    "茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习"
)
SURNAMES_2 = frozenset(("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
                        "司徒", "夏侯", "令狐", "端木", "呼延", "澹台", "万俟", "申屠", "东郭", "南宫", "西门"))

_SPLIT_RE = re.compile(r"[\s\u3000、，,;；]+|(?<=[文图])[/／](?=本报|记者|特约|通讯员|新华社|见习|实习|全媒体|融媒体)")
_MARKERS_RE = re.compile(r"^[" + P.BYLINE_MARKERS + r"\s\u3000]+")
_ROLE_PREFIX_RE = re.compile(r"^(?:" + "|".join(sorted(map(re.escape, P.BYLINE_ROLES), key=len, reverse=True)) + r")")
_NAME_RE = re.compile(r"^" + P.NAME + r"$")
_CJK1_RE = re.compile(r"^[" + P.CJK + r"]$")
_DOTTED_RE = re.compile(r"[·•．]")
_TRAILING_REPORT_RE = re.compile(r"(?:报道|采写|撰稿|整理)[:：]?$")
_ROLE_SET = frozenset(P.BYLINE_ROLES)
#: Roles that are ambiguous as a whole token (文 and 图 are also words).
_WEAK_ROLES = frozenset(("文", "图", "编者", "读者"))


def plausible_name(token: str) -> bool:
    """A Chinese personal name: a known surname and 1-2 given characters, or a dotted name."""
    if not _NAME_RE.match(token):
        return False
    if _DOTTED_RE.search(token):
        return True
    if token[:2] in SURNAMES_2:
        return 3 <= len(token) <= 4
    return token[0] in SURNAMES_1 and 2 <= len(token) <= 3


def parse_names(text: str, *, need_role: bool = False, strict_names: bool = True,
                allow_empty: bool = False) -> list[Byline] | None:
    """Parse ``本报记者 王进 通讯员 何广丙`` into bylines; None when it is not a byline.

    ``need_role``: only accept when a role is printed (a line of bare names is too weak).
    ``strict_names``: bare names must look like names (surname list); roles vouch for them.
    """
    s = _MARKERS_RE.sub("", text).strip()
    s = _TRAILING_REPORT_RE.sub("", s).strip()
    if not s or len(s) > P.BYLINE_MAX_CHARS:
        return None
    tokens = [t for t in _SPLIT_RE.split(s) if t]
    # Names padded to align, as in 王  进: merge runs of single characters.
    merged: list[str] = []
    for tok in tokens:
        if merged and _CJK1_RE.match(tok) and _CJK1_RE.match(merged[-1][-1:]) and len(merged[-1]) == 1:
            merged[-1] += tok
        else:
            merged.append(tok)
    out: list[Byline] = []
    role: str | None = None
    saw_role = False
    for tok in merged:
        tok = tok.strip("：:/／")
        if not tok:
            continue
        if tok in _ROLE_SET:
            role = tok
            saw_role = True
            continue
        m = _ROLE_PREFIX_RE.match(tok)
        glued = False
        if m and m.end() < len(tok) and tok[:m.end()] not in _WEAK_ROLES:
            role = tok[:m.end()]
            saw_role = True
            glued = True
            tok = tok[m.end():].lstrip("：:/／")
        if not _NAME_RE.match(tok):
            return None
        if glued and strict_names and not plausible_name(tok):
            return None  # 记者从山 (a cut 记者从山东省…获悉), not 记者 + a name
        if strict_names and role is None and not plausible_name(tok):
            return None
        out.append(Byline(tok, role))
    if need_role and not saw_role:
        return None
    if not out and not (allow_empty and saw_role):
        return None
    return out


def trailing_role(text: str) -> str | None:
    """The role a byline ends with when its names follow on the next line (``□ 本报记者``)."""
    tokens = [t for t in _SPLIT_RE.split(_MARKERS_RE.sub("", text).strip()) if t]
    return tokens[-1] if tokens and tokens[-1] in _ROLE_SET and tokens[-1] not in _WEAK_ROLES else None


def parse_byline_block(text: str, *, after_byline: bool = False) -> list[Byline] | None:
    """A byline block as printed: ``□ 本报记者 王进``, ``■ 记者 李四 通讯员 王五``, ``□ 何广丙 王泽勇``."""
    marked = bool(_MARKERS_RE.match(text))
    if marked or after_byline:
        return parse_names(text, allow_empty=True)
    return parse_names(text, need_role=True, allow_empty=True)


#: An attribution naming a source (据新华社, 本报综合报道) is at most this long.
ATTRIBUTION_SOURCE_MAX = 20


def parse_attribution(inner: str) -> list[Byline] | None:
    """The inside of ``(兰云)``, ``（龚成钰 左科举）``, ``（新华社杭州2月24日电 记者 张三）``, ``（本报记者 李四）``.

    Returns the people named (possibly none, for ``（据新华社）``) or None when it is not an
    attribution (``（试行）``, ``（上）``).
    """
    s = inner.strip()
    m = P.DATELINE_RE.match(s)
    if m:
        rest = s[m.end():].strip()
        if not rest:
            return []
        return parse_names(rest, strict_names=False)
    if s.startswith("据") or s.endswith(("供稿", "报道")) and len(s) <= ATTRIBUTION_SOURCE_MAX:
        names = parse_names(_TRAILING_REPORT_RE.sub("", s.lstrip("据")))
        return names if names is not None else []
    return parse_names(s)


#: A byline run right after a dateline is at most this long (…记者袁小峰报道).
DATELINE_BYLINE_MAX = 40
_WS_RUN_RE = re.compile(r"[\s\u3000]+")


def _reported_byline(rest: str) -> tuple[list[Byline], str] | None:
    """``谢文艳 马占富 记者袁小峰报道 近日,…`` → the names and what follows 报道."""
    k = rest.find("报道", 0, DATELINE_BYLINE_MAX)
    if k <= 0:
        return None
    names = parse_names(rest[:k], strict_names=False)
    if not names:
        return None
    return names, rest[k + 2:]


def _spaced_byline(rest: str) -> tuple[list[Byline], str] | None:
    """``记者 王丽 实习生 郑可 今年1月，…``: role and name tokens up to the first other token."""
    head = rest[:DATELINE_BYLINE_MAX].lstrip(" \u3000")
    if not _ROLE_PREFIX_RE.match(head):
        return None
    pos = len(rest) - len(rest.lstrip(" \u3000"))
    taken = 0
    end = pos
    for m in _WS_RUN_RE.finditer(rest, pos):
        tok = rest[end:m.start()]
        if not tok or len(tok) > 8 or (tok not in _ROLE_SET and not _NAME_RE.match(_ROLE_PREFIX_RE.sub("", tok, 1))):
            break
        taken += 1
        end = m.end()
        if end - pos > DATELINE_BYLINE_MAX:
            break
    if not taken:
        return None
    names = parse_names(rest[pos:end], strict_names=False)
    if not names:
        return None
    return names, rest[end:]


def split_dateline(paragraph: str) -> tuple[str | None, list[Byline], str]:
    """Split a first paragraph into (dateline, bylines, rest).

    ``本报讯（记者 张三）近日，…`` → ``本报讯``, [张三/记者], ``近日，…``;
    ``本报讯 谢文艳 马占富 记者袁小峰报道 近日,…`` → ``本报讯``, [谢文艳, 马占富, 袁小峰/记者], ``近日,…``.
    """
    m = P.DATELINE_RE.match(paragraph)
    if not m:
        return None, [], paragraph
    dateline = m.group("dl")
    rest = paragraph[m.end():]
    bylines: list[Byline] = []
    b = P.BRACKETED_BYLINE_RE.match(rest)
    if b:
        names = parse_names(b.group("inner"), strict_names=False)
        if names is not None:
            bylines = names
            rest = rest[b.end():]
    else:
        found = _reported_byline(rest) or _spaced_byline(rest)
        if found:
            bylines, rest = found
    rest = rest.lstrip(" \u3000:：,，")
    if not rest:
        return None, [], paragraph
    return dateline, bylines, rest


#: Credits stand in a caption's last characters; the pattern is only tried there.
CREDIT_WINDOW = 48
_CREDIT_LAST = frozenset("摄影道图发)）片")
#: Every credit the pattern knows holds one of these; a block without any has no credit.
_CREDIT_KEYS = ("摄", "供图", "制图", "提供", "社发", "视觉发", "中国发", "本报发", "网发", "图：", "图:", "图/", "图／",
                "片：", "片:", "来源：", "来源:", "截图", "资料图")


def find_credit(text: str) -> int | None:
    """Where the credit at the end of ``text`` starts, or None when there is none."""
    if not text or (text[-1] not in _CREDIT_LAST and "图" not in text[-CREDIT_WINDOW:]):
        return None
    base = max(0, len(text) - CREDIT_WINDOW)
    window = text[base:]
    if not any(k in window for k in _CREDIT_KEYS):
        return None
    # No credit holds a sentence end: start after the window's last one (a caption's credit
    # follows its last sentence), so the pattern is tried over a few characters only.
    base += max(window.rfind(c) for c in "。！？!?.") + 1
    m = P.CREDIT_RE.search(text, base)
    if not m:
        return None
    start = m.start("credit")
    while start < len(text) and text[start].isspace():
        start += 1
    return start


def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption block into its text and its credit (``新华社记者 徐昱 摄``)."""
    start = find_credit(text)
    if start is None:
        return text, None
    return text[:start].rstrip(), text[start:].strip()
