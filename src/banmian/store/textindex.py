"""What the full-text index stores: normalised characters written as ASCII tokens.

Search must be exact for terms of every length, including one and two characters, which FTS5's
``trigram`` tokenizer never matches and ``unicode61`` cannot split out of Chinese. So the archive
keeps two contentless FTS5 tables over the same text, fed with tokens made here:

``text_bi``   one token per character: the character and the one after it (a *bigram*), or the
              character and an end mark when it is the last of its field. A term of n >= 2
              characters is the phrase of its n-1 bigrams, which matches exactly where the term is
              a substring of a field (positions are consecutive characters, and the end mark keeps
              a phrase from running from one field into the next). Columns: body, title, captions.
``text_uni``  the set of characters of an article (``detail=none``: no positions), for one-character
              terms.

Every character is normalised one-to-one (so offsets into the stored text stay valid for
highlighting): NFKC when that gives one character (full-width ``Ａ１`` -> ``A1``), then case-folded
when that gives one character, and any white space becomes a plain space. Each character is then
written as a code over ``0-9a-z`` (FTS5's ``ascii`` tokenizer keeps such runs whole): three
symbols for code points below ``SHORT_CODES`` (all of CJK's basic block, Latin, punctuation), else
``z`` and four symbols. No three-symbol code starts with ``z``, so the codes are prefix-free and a
bigram token names its two characters unambiguously.
"""

from __future__ import annotations

import unicodedata
from operator import add as _add
from collections.abc import Iterable

__all__ = ["normalize", "char_code", "bigram_tokens", "column_tokens", "char_set_tokens", "term_match",
           "END"]

_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
SHORT_CODES = 35 * 36 * 36  # 45,360 three-symbol codes whose first symbol is not ``z``
END = "zzzzz"  # ``z`` + the four-symbol code 36**4 - 1, above every code point (0x10FFFF)


class _NormTable(dict):
    """``str.translate`` table filled on first use: code point -> normalised code point."""

    def __missing__(self, cp: int) -> int:
        ch = chr(cp)
        if ch.isspace():
            out = " "
        else:
            out = unicodedata.normalize("NFKC", ch)
            if len(out) != 1:
                out = ch
            folded = out.casefold()
            if len(folded) == 1:
                out = folded
        self[cp] = ord(out)
        return self[cp]


_NORM = _NormTable()


def normalize(text: str) -> str:
    """The text as the index sees it, character for character (same length as ``text``)."""
    return text.translate(_NORM)


class _CodeTable(dict):
    """character -> its ASCII code, filled on first use."""

    def __missing__(self, ch: str) -> str:
        n = ord(ch)
        if n < SHORT_CODES:
            width, prefix = 3, ""
        else:
            width, prefix = 4, "z"
        digits = []
        for _ in range(width):
            n, r = divmod(n, 36)
            digits.append(_B36[r])
        code = prefix + "".join(reversed(digits))
        self[ch] = code
        return code


_CODE = _CodeTable()


def char_code(ch: str) -> str:
    """The token of one (normalised) character."""
    return _CODE[ch]


def bigram_tokens(norm: str) -> list[str]:
    """One token per character of already-normalised text: itself and its successor (or ``END``)."""
    if not norm:
        return []
    codes = list(map(_CODE.__getitem__, norm))
    out = list(map(_add, codes, codes[1:]))
    out.append(codes[-1] + END)
    return out


def column_tokens(segments: Iterable[str | None]) -> str:
    """The text of one FTS column: the bigram tokens of each (already normalised) segment in turn."""
    parts: list[str] = []
    for seg in segments:
        if seg:
            parts.extend(bigram_tokens(seg))
    return " ".join(parts)


def char_set_tokens(norms: Iterable[str | None]) -> str:
    """The ``text_uni`` document: every distinct character of the normalised texts but the space, once."""
    chars: set[str] = set()
    for t in norms:
        if t:
            chars.update(t)
    chars.discard(" ")
    return " ".join(map(_CODE.__getitem__, chars))


def term_match(norm_term: str) -> tuple[str, str]:
    """``(table, FTS5 expression)`` matching a normalised term of one or more characters."""
    if len(norm_term) == 1:
        return "uni", _CODE[norm_term]
    codes = [_CODE[c] for c in norm_term]
    return "bi", '"' + " ".join(a + b for a, b in zip(codes, codes[1:])) + '"'
