"""Word evidence across a column break, from a unigram word model (``data/lexicon.tsv``).

A column break falls anywhere in a sentence, so it often cuts a word (发|展, 国家图|书馆,
高标|准农田); a headline ends, and a paragraph starts, between words. ``cut_inside_word`` reads
the few characters either side of a break with the word model and returns how much better
(in nats) the best reading is when a word runs across the break than when the break is a
word boundary: 0 when no word runs across, several nats when one clearly does.

``opens_with_particle`` tells whether a block starts with a word that only follows others
(的, 了, 着, 们, 地 read as a particle): such a block continues a sentence.

The lexicon is jieba's dictionary (MIT), kept by ``scripts/make_lexicon.py``. Measured on the
golden pages (bench notes in ``patterns.py``): of 1,444 title candidates that were the first
half of a cut paragraph, 543 have a word across the break worth more than 1 nat; of 2,321 real
titles followed by text, none does.
"""

from __future__ import annotations

from functools import lru_cache

#: Characters read either side of a break (words up to 6 characters are in the lexicon).
WINDOW = 4
#: Cost of a character the lexicon does not hold as a word (about -ln(0.5 / total)).
UNKNOWN_COST = 19.0
_MAX_LEN = 6

_COST: dict[str, float] | None = None
_PARTICLES: frozenset[str] = frozenset()


def _load() -> dict[str, float]:
    global _COST, _PARTICLES
    if _COST is None:
        from importlib.resources import files

        text = files("banmian").joinpath("data/lexicon.tsv").read_text(encoding="utf-8")
        cost: dict[str, float] = {}
        particles = set()
        for line in text.splitlines():
            if not line or line[0] == "#":
                continue
            parts = line.split("\t")
            cost[parts[0]] = float(parts[1])
            if len(parts) > 2 and parts[2] == "p":
                particles.add(parts[0])
        _PARTICLES = frozenset(particles)
        _COST = cost
    return _COST


def _forward(s: str, cost: dict[str, float]) -> list[float]:
    """best[i]: cost of the best reading of ``s[:i]`` as words."""
    n = len(s)
    best = [0.0] + [0.0] * n
    for i in range(1, n + 1):
        b = best[i - 1] + cost.get(s[i - 1], UNKNOWN_COST)
        for j in range(max(0, i - _MAX_LEN), i - 1):
            c = cost.get(s[j:i])
            if c is not None and best[j] + c < b:
                b = best[j] + c
        best[i] = b
    return best


def _backward(s: str, cost: dict[str, float]) -> list[float]:
    """best[i]: cost of the best reading of ``s[i:]`` as words."""
    n = len(s)
    best = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        b = best[i + 1] + cost.get(s[i], UNKNOWN_COST)
        for j in range(i + 2, min(n, i + _MAX_LEN) + 1):
            c = cost.get(s[i:j])
            if c is not None and c + best[j] < b:
                b = c + best[j]
        best[i] = b
    return best


@lru_cache(maxsize=4096)
def cut_inside_word(left: str, right: str) -> float:
    """How much (nats) a word running across ``left|right`` improves the best reading (0: none)."""
    cost = _load()
    a, b = left[-WINDOW:], right[:WINDOW]
    if not a or not b:
        return 0.0
    fw = _forward(a, cost)
    bw = _backward(b, cost)
    split = fw[-1] + bw[0]
    best = split
    la, lb = len(a), len(b)
    for i in range(max(0, la - _MAX_LEN + 1), la):
        head = a[i:]
        for j in range(1, min(lb, _MAX_LEN - len(head)) + 1):
            c = cost.get(head + b[:j])
            if c is not None:
                total = fw[i] + c + bw[j]
                if total < best:
                    best = total
    return split - best


def opens_with_particle(text: str) -> bool:
    """Does the block start with a particle (的, 了, 们…) as its first word?"""
    if not text:
        return False
    cost = _load()
    first = text[0]
    if first not in _PARTICLES:
        return False
    # The particle must be read as a word of its own (地方, 之后 and 过去 are not particles).
    head = text[:WINDOW]
    fw_split = cost[first] + _forward(head[1:], cost)[-1]
    return fw_split <= _forward(head, cost)[-1]
