"""Archives for the store's tests: random articles over a small alphabet, so that random queries of
one to six characters hit often, and the brute-force answer every search must equal."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from banmian.model import Article, Byline, Caption, Fact, Page, Source
from banmian.store.query import And, Node, Not, Or, Term, parse_query
from banmian.store.textindex import normalize

# CJK, Latin in both cases and full width (folded by normalisation), digits, punctuation, spaces and
# line breaks: everything a term can contain. No quotes or brackets (query syntax).
ALPHABET = "绵阳市川德发展的增长aBＡｂ１2，。-·、 \n"
WEIGHTS = [8, 8, 6, 3, 3, 5, 5, 9, 3, 3, 2, 2, 1, 1, 2, 2, 3, 3, 1, 1, 1, 3, 2]
assert len(ALPHABET) == len(WEIGHTS)
DATES = ["2023-01-05", "2023-02-10", "2023-03-15", "2023-06-30", "2024-01-01", None]
SECTIONS = ["要闻", "经济", "地方", None]


def rand_text(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choices(ALPHABET, WEIGHTS, k=rng.randint(lo, hi))).strip()


def make_pages(seed: int = 1, n_pages: int = 40, per_page: int = 6) -> list[Page]:
    rng = random.Random(seed)
    pages = []
    for p in range(n_pages):
        sha = hashlib.sha256(f"{seed}-{p}".encode()).hexdigest()
        arts = []
        for i in range(rng.randint(1, per_page)):
            a = Article(id=f"{sha[:16]}-{i + 1:02d}", section=rng.choice(SECTIONS),
                        headline=rand_text(rng, 3, 12) or "绵阳", body=rand_text(rng, 0, 160))
            if rng.random() < 0.3:
                a.kicker = rand_text(rng, 2, 8) or None
            if rng.random() < 0.3:
                a.subheadline = rand_text(rng, 2, 10) or None
            a.captions = [Caption(rand_text(rng, 1, 20), rng.choice([None, "新华社记者 张三 摄"]))
                          for _ in range(rng.choice([0, 0, 1, 2]))]
            a.bylines = [Byline(rng.choice(["张三", "李四", "王五"]), rng.choice(["本报记者", None]))]
            a.facts = []
            if rng.random() < 0.3:  # twice sometimes: an article names a place more than once
                a.facts = [Fact("place", "绵阳", 0, 2, "body", {"name": "绵阳市", "code": "510700", "level": "city",
                                                                "parent": "四川省"})] * rng.randint(1, 3)
            if rng.random() < 0.1:
                a.facts.append(Fact("place", "京津冀", 0, 3, "body", {"name": "京津冀", "code": None,
                                                                    "level": "region", "parent": None}))
            arts.append(a)
        pages.append(Page(source=Source(f"p{p}.txt", sha), date=rng.choice(DATES), articles=arts))
    return pages


def fields(a: Article) -> list[str]:
    """The searchable fields, normalised, as the index sees them."""
    return [normalize(t) for t in (a.kicker, a.headline, a.subheadline, a.body, *(c.text for c in a.captions)) if t]


def brute(node: Node, texts: list[str]) -> bool:
    if isinstance(node, Term):
        return any(node.norm in t for t in texts)
    if isinstance(node, Not):
        return not brute(node.child, texts)
    if isinstance(node, And):
        return all(brute(c, texts) for c in node.children)
    assert isinstance(node, Or)
    return any(brute(c, texts) for c in node.children)


def brute_ids(pages: list[Page], query: str) -> set[str]:
    node = parse_query(query)
    return {a.id for p in pages for a in p.articles if brute(node, fields(a))}


@dataclass
class QueryMaker:
    rng: random.Random
    pages: list[Page]

    def term(self) -> str:
        """A term of 1-6 characters: half the time cut from a stored text, else random."""
        n = self.rng.randint(1, 6)
        if self.rng.random() < 0.5:
            a = self.rng.choice(self.rng.choice(self.pages).articles)
            src = self.rng.choice(fields(a) or ["绵阳"])
            i = self.rng.randrange(max(1, len(src) - n + 1))
            t = src[i:i + n]
        else:
            t = "".join(self.rng.choices(ALPHABET, WEIGHTS, k=n))
        t = " ".join(t.split())  # white space collapses in a query
        if not t:
            t = "的"
        needs_quotes = " " in t or t.startswith("-") or t in ("AND", "OR", "NOT")
        return f'"{t}"' if needs_quotes or self.rng.random() < 0.2 else t

    def query(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.term()
        a, b, c = self.term(), self.term(), self.term()
        return self.rng.choice([f"{a} {b}", f"{a} OR {b}", f"{a} -{b}", f"{a} NOT {b}", f"({a} OR {b}) {c}",
                                f"{a} AND NOT ({b} OR {c})", f"{a} OR {b} {c}", f"({a} NOT {b}) OR {c}"])
