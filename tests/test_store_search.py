"""Search is exact: every query, of every term length, returns what a brute-force scan finds."""

from __future__ import annotations

import random

import pytest

from banmian import Archive
from banmian.errors import FilterError, QuerySyntaxError
from banmian.store import search as search_mod
from banmian.store.filters import date_bound
from banmian.store.textindex import normalize
from storegen import QueryMaker, brute_ids, fields, make_pages


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    pages = make_pages(seed=7, n_pages=60)
    path = tmp_path_factory.mktemp("search") / "a.db"
    ar = Archive(path)
    for p in pages:
        assert ar.add_page(p)
    yield ar, pages
    ar.close()


def _ids(ar, query, **kw):
    res = ar.search(query, limit=None, **kw)
    ids = [h["id"] for h in res.hits]
    assert len(ids) == len(set(ids)) == res.total
    return set(ids)


def test_random_queries_equal_brute_force(archive):
    ar, pages = archive
    qm = QueryMaker(random.Random(11), pages)
    lengths = set()
    for _ in range(600):
        q = qm.query()
        expected = brute_ids(pages, q)
        assert _ids(ar, q) == expected, q
        lengths.add(len(q.strip('"')))
    assert {1, 2, 3, 4, 5, 6} <= lengths


@pytest.mark.parametrize("term", list("绵阳市川的，。-·、") + ["a", "A", "ａ", "Ｂ", "b", "1", "１"])
def test_every_single_character(archive, term):
    ar, pages = archive
    q = f'"{term}"'
    assert _ids(ar, q) == brute_ids(pages, q)


@pytest.mark.parametrize("query", [
    "绵阳", "阳市", "的的", "绵阳市", "发展的增长", '"a b"', '"绵 阳"', "ab", "AB", "ＡＢ", "a1", "１2",
    "绵阳 OR 德阳", "绵阳 -的", "(绵 OR 川) 的", "的 NOT (绵 OR 川)", "绵阳 市", "市 -阳", "川 OR 德发", '"-阳"',
])
def test_listed_queries(archive, query):
    ar, pages = archive
    assert _ids(ar, query) == brute_ids(pages, query)


def test_terms_never_join_two_fields(archive):
    """A term spanning the end of the headline and the start of the body is not a hit."""
    ar, pages = archive
    for p in pages:
        for a in p.articles:
            if a.headline and a.body:
                cross = normalize(a.headline)[-1] + normalize(a.body)[0]
                if cross.strip() and len(cross.strip()) == 2 and " " not in cross:
                    expected = brute_ids(pages, f'"{cross}"')
                    assert _ids(ar, f'"{cross}"') == expected


@pytest.mark.parametrize("date_from,date_to", [
    ("2023-01-05", "2023-03-15"), ("2023", "2023"), ("2023-02", None), (None, "2023-02-10"), ("2024", None),
    ("2023-03-16", "2023-06-29"),
])
def test_date_filters(archive, date_from, date_to):
    ar, pages = archive
    lo = date_bound(date_from, end=False)
    hi = date_bound(date_to, end=True)

    def inside(d):
        if d is None:
            return lo is None
        return (lo is None or d >= lo) and (hi is None or d <= hi)

    for q in ("的", "绵阳", None):
        expected = {a.id for p in pages if inside(p.date) for a in p.articles
                    if q is None or any(normalize(q) in t for t in fields(a))}
        assert _ids(ar, q, date_from=date_from, date_to=date_to) == expected, (q, date_from, date_to)


@pytest.mark.parametrize("kw,pred", [
    ({"section": "要闻"}, lambda p, a: a.section == "要闻"),
    ({"place": "四川"}, lambda p, a: any(f.attrs["code"] for f in a.facts)),
    ({"place": "510700"}, lambda p, a: any(f.attrs["code"] for f in a.facts)),
    ({"place": "绵阳市"}, lambda p, a: any(f.attrs["code"] for f in a.facts)),
    ({"place": "京津冀"}, lambda p, a: any(f.attrs["name"] == "京津冀" for f in a.facts)),
    ({"place": "德阳"}, lambda p, a: False),
    ({"place": "北京"}, lambda p, a: False),
    ({"person": "张三"}, lambda p, a: any(b.name == "张三" for b in a.bylines)),
    ({"source": "p1.txt"}, lambda p, a: p.source.name == "p1.txt"),
    ({"kind": "article"}, lambda p, a: a.kind == "article"),
    ({"section": "经济", "person": "李四"}, lambda p, a: a.section == "经济" and any(b.name == "李四" for b in a.bylines)),
])
def test_filters_with_and_without_query(archive, kw, pred):
    ar, pages = archive
    for q in (None, "的", "阳"):
        expected = {a.id for p in pages for a in p.articles
                    if pred(p, a) and (q is None or any(normalize(q) in t for t in fields(a)))}
        assert _ids(ar, q, **kw) == expected, (q, kw)


def test_relevance_ranks_title_hits_first(archive):
    ar, _ = archive
    res = ar.search("绵阳", limit=None)
    scores = [h["score"] for h in res.hits]
    assert scores == sorted(scores, reverse=True)
    in_title = [bool(h["headline_highlights"]) for h in res.hits]
    # BM25 with title weight: headline hits cluster at the top.
    assert sum(in_title[: len(in_title) // 2]) >= sum(in_title[len(in_title) // 2:])


def test_sorts_by_date(archive):
    ar, _ = archive
    newest = ar.search("的", sort="newest", limit=None).hits
    dates = [h["date"] or "" for h in newest]
    assert dates == sorted(dates, reverse=True)
    oldest = ar.search("的", sort="oldest", limit=None).hits
    assert [h["id"] for h in oldest] == [h["id"] for h in reversed(newest)]


@pytest.mark.parametrize("window", [1, 5, 17])
def test_rank_window_pages_consistently(archive, monkeypatch, window):
    """Past RANK_WINDOW hits: the newest window ranked, the rest newest first; pages tile the whole."""
    ar, _ = archive
    monkeypatch.setattr(search_mod, "RANK_WINDOW", window)
    full = ar.search("的的 OR 绵阳", limit=None)
    assert full.total > 20
    assert full.ranked == min(window, full.total)
    ranked = full.hits[: full.ranked]
    rest = full.hits[full.ranked:]
    assert all(h["score"] is not None for h in ranked) and all(h["score"] is None for h in rest)
    assert [h["date"] or "" for h in rest] == sorted((h["date"] or "" for h in rest), reverse=True)
    paged = []
    for off in range(0, full.total, 7):
        paged.extend(h["id"] for h in ar.search("的的 OR 绵阳", limit=7, offset=off).hits)
    assert paged == [h["id"] for h in full.hits]


def test_paging_without_window(archive):
    ar, _ = archive
    full = [h["id"] for h in ar.search("绵阳 OR 的", limit=None).hits]
    paged = []
    for off in range(0, len(full), 9):
        paged.extend(h["id"] for h in ar.search("绵阳 OR 的", limit=9, offset=off).hits)
    assert paged == full


def test_highlights_point_at_the_terms(archive):
    ar, _ = archive
    for q in ("绵阳", "的", '"a b"', "绵阳 OR 增长"):
        for h in ar.search(q, limit=None).hits:
            terms = [normalize(t.strip('"')) for t in q.replace(" OR ", " ").split()] if q != '"a b"' else ["a b"]
            for s, e in h["highlights"]:
                assert normalize(h["snippet"][s:e]) in terms or any(t in normalize(h["snippet"][s:e]) for t in terms)
            for s, e in h["headline_highlights"]:
                assert any(t in normalize(h["headline"][s:e]) for t in terms)


@pytest.mark.parametrize("query,fragment", [
    ("绵阳 AND", "AND needs a term after it"),
    ("(绵阳", "is not closed"),
    ('"绵阳', "is not closed"),
    ("NOT 绵阳", "cannot stand on its own"),
    ("-绵阳", "cannot stand on its own"),
    ("绵阳 OR -德阳", "inside an OR"),
])
def test_bad_queries_raise_one_line_errors(archive, query, fragment):
    ar, _ = archive
    with pytest.raises(QuerySyntaxError, match=fragment) as e:
        ar.search(query)
    assert "\n" not in str(e.value) and "[E303]" in str(e.value)


@pytest.mark.parametrize("kw", [{"date_from": "2023-13"}, {"date_to": "yesterday"}, {"sort": "best"},
                                {"limit": -1}])
def test_bad_filters(archive, kw):
    ar, _ = archive
    with pytest.raises(FilterError):
        ar.search("绵阳", **kw)
