"""Read a plain-text page dump: decode the bytes, normalise the text, split it into blocks.

Decoding is the hard part: Chinese text dumps come in UTF-8 (with or without a byte-order
mark), GB18030/GBK/GB2312, Big5 and UTF-16/32, and the legacy double-byte encodings decode
each other's bytes into *valid but wrong* text (almost any Big5 file is also valid GB18030).
The reader therefore never takes the first codec that does not fail. It detects in this order:

1. a byte-order mark (UTF-32, UTF-16, UTF-8) decides outright;
2. NUL bytes mean UTF-16/32 without a mark (told apart by where the NULs stand) or binary data;
3. strict UTF-8 (legacy double-byte text is practically never valid UTF-8);
4. otherwise every candidate (GB18030, Big5, and whatever charset-normalizer proposes) is
   decoded strictly and scored by the share of very common Chinese characters in it. The right
   decoding reads as ordinary Chinese, a wrong one as a scatter of rare characters, kana,
   Hangul and private-use code points. The winner must score high enough, beat the runner-up
   clearly, and pass charset-normalizer's own "mess" measure; otherwise :class:`DecodeError`
   tells the user to name the encoding with ``--encoding``. Wrong text is never returned.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass

from banmian.errors import BinaryInputError, DecodeError, EmptyInputError, UsageError
from banmian.model import Block, Page, Source

__all__ = ["decode_bytes", "normalise", "split_blocks", "read_text_page", "COMMON_CHARS",
           "MIN_COMMON_SHARE", "MIN_MARGIN", "MIN_SCORED_CHARS", "MAX_MESS",
           "MESS_MIN_CHARS", "MAX_CONTROL_SHARE"]

# --------------------------------------------------------------------------------------------
# Thresholds
# --------------------------------------------------------------------------------------------
# How they were chosen: the share of COMMON_CHARS among the scored characters (see _score)
# was measured on ~20,000 samples of 10-2000 characters -- the seed page and the fixtures
# (news prose) and zh_CN/zh_TW gettext catalogues (terse UI wording, a hard case) -- each
# encoded in GBK and Big5 and decoded with every candidate:
#   * right decodings, 5th percentile: news 0.33 at 10 chars, 0.44 at 20, 0.55 at 200;
#     UI text 0.22 at 10 chars, 0.31 at 20, 0.44 at 200. Medians 0.56-0.67.
#   * best wrong decoding (GB18030 / Big5 / CP949 / Shift-JIS / UTF-16 ...): median
#     0.00-0.10; 99th percentile 0.17-0.33 at 10-20 chars, at most 0.18 from 200 chars on.
#   * right minus best wrong, 5th percentile: 0.15-0.45 at 10 chars, >= 0.26 at 20, >= 0.42
#     at 200.
# With the values below no sample decoded to wrong text; 1-10% of 10-20 character news
# snippets (more of the UI snippets) are refused with DecodeError, nothing from 40 chars on.
# MIN_COMMON_SHARE lies above what wrong decodings of whole pages reach and below nearly all
# right ones; text that is not ordinary Chinese (Japanese, a list of rare names) falls below
# it and is refused with a hint to use --encoding: refuse rather than guess.
MIN_COMMON_SHARE = 0.25
# The winner must beat the runner-up (a different text that also decodes strictly) by this
# much; a smaller gap means two decodings read as Chinese and we cannot tell which is right.
MIN_MARGIN = 0.15
# Below this many scored characters the share is too noisy to trust (one lucky common
# character in a wrong decoding of 3 characters scores 0.33). 6 still lets a single headline
# of 10-20 characters be read.
MIN_SCORED_CHARS = 6
# charset-normalizer's "mess ratio" of the winning decoding must stay under MAX_MESS. It is a
# backstop for what the share of common characters misses: a file mixing GBK and Big5 parts
# scores 0.3-0.4 common characters as GB18030 yet measures a mess of 1.1-2.6. Right
# decodings measure <= 0.06 on 200+ characters of news text (<= 0.43 on symbol-heavy UI
# strings), Big5 read as GB18030 >= 2. On short texts punctuation alone swings the ratio to
# 0.3-1.0, so it is only consulted from MESS_MIN_CHARS characters on.
MAX_MESS = 0.5
MESS_MIN_CHARS = 100
# Share of control characters (C0 except tab/LF/CR/FF/VT, DEL and C1) above which the input is
# binary, not text. Text dumps hold none or a stray one; 5% is one in twenty characters, far
# beyond a stray escape code yet far below binary data (a quarter of random bytes are controls).
MAX_CONTROL_SHARE = 0.05

# --------------------------------------------------------------------------------------------
# The ~300 most frequent characters of modern Chinese prose (general frequency lists topped
# up with newspaper staples: 省县乡村委记企项...), plus the traditional forms of those that
# differ, so the same set scores GB and Big5 text.
# --------------------------------------------------------------------------------------------
_COMMON_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
    "自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部"
    "其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又"
    "关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西月"
    "话合回特代内信表化老给世位次度门任常先海通教原东声提立及比员解水名真论处走义各入几口"
    "认条平系气题活更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直"
    "资命山金指许统区保至队形社便空决治展马科司五基"
    "省县乡村镇委书记领导组织集团企项服推设创改革规划技术济专强联万亿元造优质级源群众党府"
    "京华兴南北江河讲增升率示范"
)
_COMMON_TRADITIONAL = (
    "這個們來為爲國說時會對發後過裡裏種經麼學現當沒動還進樣實軍無與長機關點業將兩間問應戰"
    "頭體見產給門話東聲員論處義幾認條係氣題別變總電數報結務場計資許統區隊決馬從開著內覺親"
    "縣鄉鎮書記領導組織團項設創規劃術濟專強聯萬億優質級眾華興講範臺"
)
COMMON_CHARS: frozenset[str] = frozenset(_COMMON_SIMPLIFIED + _COMMON_TRADITIONAL)

# Codec families: what a codec name is decoded with, and what is reported.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "hz"}  # hz only by name; never guessed
_BIG5_FAMILY = {"big5", "cp950", "big5hkscs"}

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)

_HINT = "give the encoding with --encoding"

# Control characters that make text look binary (tab, LF, VT, FF, CR are allowed).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


# --------------------------------------------------------------------------------------------
# decoding
# --------------------------------------------------------------------------------------------
def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a text page; return ``(text, encoding name)``.

    The byte-order mark, if any, is not part of the text. With ``encoding`` the bytes are
    decoded strictly with that codec (GBK/GB2312 are read as their superset GB18030).
    Raises :class:`EmptyInputError`, :class:`BinaryInputError`, :class:`DecodeError`, or
    :class:`UsageError` for an unknown codec name.
    """
    data = bytes(data)
    if not data:
        raise EmptyInputError("empty input: no text to read", source=name)
    if encoding is not None:
        text, reported = _decode_named(data, name, encoding)
    else:
        text, reported = _detect(data, name)
    _check_text(text, name)
    return text, reported


def _decode_named(data: bytes, name: str, encoding: str) -> tuple[str, str]:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r} (try utf-8, gb18030, big5 or utf-16)",
                         source=name) from None
    if not getattr(info, "_is_text_encoding", True):
        raise UsageError(f"{encoding!r} is not a text encoding (try utf-8, gb18030, big5 or "
                         "utf-16)", source=name)
    codec = info.name
    if codec in _GB_FAMILY and codec != "hz":
        codec = "gb18030"  # a strict superset; reads GB2312's A1AA as the em dash it means
    reported = codec
    if codec in ("utf-8", "utf-8-sig"):
        if data.startswith(codecs.BOM_UTF8):
            data, reported = data[len(codecs.BOM_UTF8):], "utf-8-sig"
        codec = "utf-8"
    if not codec.startswith(("utf-16", "utf-32")) and b"\x00" in data:
        raise BinaryInputError("not a text page: it holds binary data (NUL bytes)", source=name)
    try:
        return data.decode(codec), reported
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not valid {reported}: {_where(exc)}; check --encoding",
                          source=name) from None


def _detect(data: bytes, name: str) -> tuple[str, str]:
    for bom, codec, reported in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), reported
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {reported} byte-order mark but is not valid "
                                  f"{reported}: {_where(exc)}; {_HINT}", source=name) from None
    if b"\x00" in data:
        return _detect_nul(data, name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect_legacy(data, name)


def _detect_nul(data: bytes, name: str) -> tuple[str, str]:
    """NUL bytes without a byte-order mark: UTF-16/32 told apart by the NUL pattern, or binary."""
    options: list[str] = []
    if len(data) % 4 == 0:
        # UTF-32: every unit has a NUL high byte; ASCII text has three NULs per unit.
        if data[3::4].count(0) == len(data) // 4:
            options.append("utf-32-le")
        elif data[0::4].count(0) == len(data) // 4:
            options.append("utf-32-be")
    if len(data) % 2 == 0:
        # UTF-16: ASCII characters (newlines, digits) put their NUL byte at odd offsets in LE
        # and at even offsets in BE. Hanzi such as 一 (U+4E00) put one on the other side, and
        # Chinese text has few ASCII characters, so the majority only sets the order in which
        # the two byte orders are tried; the decoded text must then pass the checks below.
        odd = data[1::2].count(0)
        even = data[0::2].count(0)
        options += ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]
    implausible = False
    for codec in options:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" in text or _control_share(text) > MAX_CONTROL_SHARE:
            continue  # real text holds no U+0000; binary data has NUL pairs
        share, scored = _score(text)
        if scored >= MIN_SCORED_CHARS and share < MIN_COMMON_SHARE:
            implausible = True  # decodes, but not to ordinary Chinese (or plain ASCII)
            continue
        return text, codec
    if implausible:
        raise BinaryInputError("not a text page: NUL bytes, and it does not read as UTF-16/32 "
                               f"Chinese text; if it is text, {_HINT}", source=name)
    raise BinaryInputError("not a text page: it holds binary data (NUL bytes)", source=name)


@dataclass(slots=True)
class _Candidate:
    codec: str
    reported: str
    text: str
    share: float
    scored: int


def _family(encoding: str) -> tuple[str, str] | None:
    """(codec to decode with, name to report) for a charset-normalizer proposal."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        return None
    if codec in _GB_FAMILY:
        return ("gb18030", "gb18030") if codec != "hz" else None
    if codec in ("utf-8", "utf-8-sig", "ascii"):
        return None  # already ruled out: the bytes are not valid UTF-8
    return codec, codec


def _detect_legacy(data: bytes, name: str) -> tuple[str, str]:
    proposals: list[tuple[str, str]] = [("gb18030", "gb18030"), ("big5", "big5")]
    try:
        from charset_normalizer import from_bytes

        for match in list(from_bytes(data))[:6]:
            fam = _family(match.encoding)
            if fam is not None and fam not in proposals:
                proposals.append(fam)
    except Exception:  # pragma: no cover - the detector is advisory; our own check decides
        pass
    if len(data) % 2 == 0:
        proposals += [("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")]

    candidates: list[_Candidate] = []
    seen: set[str] = set()
    for codec, reported in proposals:
        text = _try_decode(data, codec)
        if text is None and codec == "big5":
            # Big5 as written in Taiwan/Hong Kong often uses the cp950/HKSCS extensions
            for codec in ("cp950", "big5hkscs"):
                text = _try_decode(data, codec)
                if text is not None:
                    reported = codec
                    break
        if text is None:
            continue
        if text in seen:  # a superset codec giving the same text is the same decoding
            continue
        seen.add(text)
        share, scored = _score(text)
        candidates.append(_Candidate(codec, reported, text, share, scored))

    if not candidates:
        try:
            data.decode("gb18030")
            where = ""
        except UnicodeDecodeError as exc:
            where = f" ({_where(exc)})"
        raise DecodeError(f"cannot decode: not valid UTF-8, GB18030 or Big5{where}; {_HINT}",
                          source=name)
    # Rank by share alone, so the winner is compared with every other decoding; ranking
    # 'enough characters' first let wrong decodings of short lines through in testing.
    candidates.sort(key=lambda c: c.share, reverse=True)
    best = candidates[0]
    runner = candidates[1] if len(candidates) > 1 else None
    if best.scored < MIN_SCORED_CHARS:
        raise DecodeError(f"too little Chinese text to tell the encoding (best guess "
                          f"{best.reported}); {_HINT}", source=name)
    if best.share < MIN_COMMON_SHARE:
        raise DecodeError(f"no encoding gives ordinary Chinese text (best guess {best.reported}: "
                          f"{best.share:.0%} common characters); {_HINT}", source=name)
    if runner is not None and best.share - runner.share < MIN_MARGIN:
        raise DecodeError(f"ambiguous encoding: {best.reported} and {runner.reported} both give "
                          f"plausible text ({best.share:.0%} vs {runner.share:.0%} common "
                          f"characters); {_HINT}", source=name)
    mess = _mess(best.text) if len(best.text) >= MESS_MIN_CHARS else 0.0
    if mess > MAX_MESS:
        raise DecodeError(f"decoding as {best.reported} gives garbled text (mess ratio "
                          f"{mess:.2f}); {_HINT}", source=name)
    return best.text, best.reported


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _mess(text: str) -> float:
    try:
        from charset_normalizer.md import mess_ratio
    except ImportError:  # pragma: no cover - layout of charset-normalizer changed
        return 0.0
    return mess_ratio(text, 1.0)


def _is_unscored(ch: str) -> bool:
    """Characters that say nothing about the encoding: ASCII, spaces, CJK punctuation."""
    o = ord(ch)
    return (o < 0x80 or ch.isspace() or 0x2000 <= o <= 0x206F or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFF65 or o in (0xB7, 0x2E3A))


def _score(text: str) -> tuple[float, int]:
    """(share of COMMON_CHARS among the scored characters, number of scored characters).

    Everything but ASCII, whitespace and punctuation is scored: hanzi, but also the kana,
    Hangul, Cyrillic, box drawing and private-use characters that wrong decodings produce.
    """
    common = scored = 0
    for ch, n in Counter(text).items():  # Counter counts in C; the loop is over distinct chars
        if _is_unscored(ch):
            continue
        scored += n
        if ch in COMMON_CHARS:
            common += n
    return (common / scored if scored else 0.0), scored


def _control_share(text: str) -> float:
    if not text or _CONTROL_RE.search(text) is None:  # the usual case: one fast scan
        return 0.0
    return len(_CONTROL_RE.findall(text)) / len(text)


def _check_text(text: str, name: str) -> None:
    if "\x00" in text:
        raise BinaryInputError("not a text page: it holds binary data (NUL bytes)", source=name)
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise BinaryInputError("not a text page: it holds binary data (control characters)",
                               source=name)
    if not text.replace("\ufeff", "").replace("\u200b", "").strip():
        raise EmptyInputError("empty input: only whitespace", source=name)


def _where(exc: UnicodeDecodeError | None) -> str:
    if exc is None:
        return "invalid bytes"
    bad = exc.object[exc.start:min(exc.end, exc.start + 2)]
    return f"invalid byte{'s' if len(bad) > 1 else ''} {bad.hex(' ')} at offset {exc.start}"


# --------------------------------------------------------------------------------------------
# normalising and splitting
# --------------------------------------------------------------------------------------------
# Leading ASCII spaces/tabs/ideographic spaces (indent), or trailing whitespace, per line.
_EDGE_SPACE_RE = re.compile(r"^[ \t\u3000]+|[^\S\n]+$", re.MULTILINE)


def normalise(text: str) -> str:
    """Normalise a decoded page, keeping it otherwise as printed.

    CRLF and CR become LF; NBSP becomes a space; BOM (U+FEFF) and zero-width space (U+200B)
    go; indentation (ASCII spaces, tabs, ideographic spaces U+3000) at line start and
    trailing whitespace go. An ideographic space inside a line stays.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\xa0" in text:
        text = text.replace("\xa0", " ")
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    if "\u200b" in text:
        text = text.replace("\u200b", "")
    return _EDGE_SPACE_RE.sub("", text)


def split_blocks(text: str) -> list[Block]:
    """One block per non-empty line of normalised ``text``, with blank-line gaps and offsets."""
    blocks: list[Block] = []
    pos = 0
    gap = 0
    for line in text.split("\n"):
        if line:
            blocks.append(Block(text=line, index=len(blocks), start=pos, end=pos + len(line),
                                gap_before=gap))
            gap = 0
        else:
            gap += 1
        pos += len(line) + 1
    return blocks


def read_text_page(data: bytes | str, name: str = "<text>",
                   encoding: str | None = None) -> Page:
    """Read a text page dump into a :class:`Page` of :class:`Block` s (one per non-empty line).

    ``data`` is the file's bytes (decoded as :func:`decode_bytes` does) or already decoded
    text (then ``Source.encoding`` is None and the hash is taken over its UTF-8 encoding).
    ``Source.name`` is the base name of ``name``; the page date is left to the segmenter.
    """
    base = os.path.basename(name) or name
    if isinstance(data, str):
        raw = data.encode("utf-8", errors="surrogatepass")
        text, enc = data, None
        _check_text(text, name)
    else:
        raw = bytes(data)
        text, enc = decode_bytes(raw, name, encoding)
    text = normalise(text)
    blocks = split_blocks(text)
    if not blocks:
        raise EmptyInputError("empty input: only whitespace", source=name)
    source = Source(name=base, sha256=hashlib.sha256(raw).hexdigest(), format="text",
                    encoding=enc)
    return Page(source=source, blocks=blocks)
