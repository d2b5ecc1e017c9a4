"""The HTTP API and the reader's pages, in process (``banmian serve``'s app with Starlette's TestClient)."""

from __future__ import annotations

import hashlib
import json
import random
import re
import sqlite3
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="pip install 'banmian[web]'")
from fastapi.testclient import TestClient  # noqa: E402

from banmian.store import Archive  # noqa: E402
from banmian.web import create_app  # noqa: E402
from banmian.web import models  # noqa: E402
from webgen import ECONOMY, build_archive  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(str(db)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def archive(db):
    with Archive(db, readonly=True) as ar:
        yield ar


def first_id(archive, query: str) -> str:
    return archive.search(query, limit=1).hits[0]["id"]


# ---------------------------------------------------------------------------------------------
# Answers that work, and what they must hold
# ---------------------------------------------------------------------------------------------
def _search_hits_contain(d):
    assert d["total"] >= 4 and d["hits"]
    for h in d["hits"]:
        shown = h["snippet"] + (h["headline"] or "")
        assert "绵阳" in shown
        for s, e in h["highlights"]:
            assert h["snippet"][s:e] == "绵阳"


def _facets(d):
    f = d["facets"]
    assert {"window", "partial", "place", "type", "date", "section", "kind"} <= set(f)
    names = {i["name"]: i["count"] for i in f["place"]["items"]}
    assert names["四川省"] >= 5
    assert {t["value"] for t in f["type"]} >= {"place", "indicator"}
    assert sum(i["count"] for i in f["date"]["items"]) + f["date"]["undated"] == min(d["total"], f["window"])


def _place_facet_under_sichuan(d):
    f = d["facets"]["place"]
    assert f["parent"]["name"] == "四川省"
    assert "绵阳市" in {i["name"] for i in f["items"]}
    assert all(i["parent"] == "510000" for i in f["items"])


def _newest_first(d):
    dates = [h["date"] for h in d["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 2


def _indicator_articles(d):
    assert d["total"] >= 4
    assert d["filters"]["fact_type"] == "indicator"


def _indicator_facts(d):
    assert d["facts"] and all(f["type"] == "indicator" for f in d["facts"])
    assert any(f["subject"] == "绵阳市" for f in d["facts"])


def _root(d):
    assert d["kind"] == "root" and d["name"] == "全国"
    assert len(d["children"]) == 34
    counts = {c["name"]: c["count"] for c in d["children"]}
    assert counts["四川省"] >= 5


def _sichuan(d):
    assert d["kind"] == "division" and d["code"] == "510000" and d["level"] == "province"
    kids = {c["name"]: c["count"] for c in d["children"]}
    assert kids["绵阳市"] >= 5 and kids["德阳市"] >= 4
    assert d["articles"] >= d["articles_own"] and d["articles"] >= kids["绵阳市"]


def _mianyang(d):
    assert d["name"] == "绵阳市" and [a["name"] for a in d["ancestors"]] == ["四川省"]
    assert {c["name"] for c in d["children"]} >= {"涪城区", "游仙区"}
    assert {c["name"]: c["count"] for c in d["children"]}["涪城区"] >= 4


def _indicator_list(d):
    names = {(i["subject"], i["indicator"]) for i in d["indicators"]}
    assert ("绵阳市", "地区生产总值") in names


def _gdp_series(d):
    years = [s for s in d["series"] if s["frequency"] == "year" and s["unit"] == "CNY"]
    assert len(years) == 1
    pts = years[0]["points"]
    ends = [p["period_end"] for p in pts]
    assert ends == sorted(ends)  # in period order
    # Every report of a year, the sample page's 3626.9亿元 of 2022 (去年 in a 2023 issue) among them.
    got = {(p["period_end"], round(p["value"] / 1e8, 1), p["growth"]) for p in pts}
    assert got == {(f"{y}-12-31", float(m), float(g)) for y, m, g, *_ in ECONOMY}


def _stats(d):
    assert d["pages"] == 30 and d["articles"] > 100 and "path" not in d


def _openapi(d):
    assert d["openapi"].startswith("3.")
    assert {"/api/search", "/api/articles/{article_id}", "/api/facts", "/api/places", "/api/places/{place}",
            "/api/indicators", "/api/indicators/series", "/api/stats"} <= set(d["paths"])
    assert "ErrorResponse" in d["components"]["schemas"]


OK_CASES = [
    ("/api/search?q=绵阳", models.SearchResponse, _search_hits_contain),
    ("/api/search?q=绵阳&facets=true", models.SearchResponse, _facets),
    ("/api/search?place=四川&facets=true", models.SearchResponse, _place_facet_under_sichuan),
    ("/api/search?q=&place=&sort=newest&from=&to=", models.SearchResponse, _newest_first),
    ("/api/search?type=indicator&q=地区生产总值", models.SearchResponse, _indicator_articles),
    ("/api/facts?type=indicator&place=绵阳", models.FactsResponse, _indicator_facts),
    ("/api/places", models.PlaceResponse, _root),
    ("/api/places/四川", models.PlaceResponse, _sichuan),
    ("/api/places/510700", models.PlaceResponse, _mianyang),
    ("/api/indicators?place=绵阳市", models.IndicatorsResponse, _indicator_list),
    ("/api/indicators/series?place=绵阳市&name=地区生产总值", models.SeriesResponse, _gdp_series),
    ("/api/indicators/series?place=510700&name=地区生产总值&from=2019&to=2022", models.SeriesResponse, _gdp_series),
    ("/api/stats", models.StatsResponse, _stats),
    ("/openapi.json", None, _openapi),
]


@pytest.mark.parametrize("url,model,check", OK_CASES, ids=[c[0] for c in OK_CASES])
def test_api_answers(client, url, model, check):
    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    data = r.json()
    if model is not None:
        model.model_validate(data)
    check(data)


def test_article_is_the_contract_json(client, archive):
    aid = first_id(archive, "绵阳经济稳中有进")
    r = client.get(f"/api/articles/{aid}")
    assert r.status_code == 200
    a = r.json()
    models.Article.model_validate(a)
    assert a == json.loads(json.dumps(archive.article(aid), ensure_ascii=False))
    assert {"id", "kind", "section", "kicker", "headline", "subheadline", "bylines", "dateline", "body", "captions",
            "facts"} <= set(a)
    for f in a["facts"]:  # every fact points at its text
        field = a[f["field"]] if not f["field"].startswith("captions[") else None
        if field is not None:
            assert field[f["start"]:f["end"]] == f["text"]


def test_the_largest_query_allowed_runs(client):
    from banmian.web.queries import QUERY_TERMS_MAX

    r = client.get("/api/search", params={"q": "发展" + " -展" * (QUERY_TERMS_MAX - 1), "facets": "true"})
    assert r.status_code == 200, r.text  # FTS5 takes 63 nested NOTs (it overflows near 100)


def test_head_answers_like_get_without_a_body(client):
    for url in ("/api/stats", "/", "/static/style.css"):
        r = client.head(url)
        assert r.status_code == 200 and r.content == b"", url


def test_search_pages_do_not_overlap(client):
    one = client.get("/api/search?q=的&limit=5&offset=0&sort=newest").json()
    two = client.get("/api/search?q=的&limit=5&offset=5&sort=newest").json()
    assert one["total"] == two["total"] > 10
    assert not {h["id"] for h in one["hits"]} & {h["id"] for h in two["hits"]}


# ---------------------------------------------------------------------------------------------
# Errors: one shape, the right status, never a 500 for a user's mistake
# ---------------------------------------------------------------------------------------------
ERROR_CASES = [
    ("GET", "/api/search?q=(绵阳", 400, "E303"),
    ("GET", "/api/search?q=绵阳)", 400, "E303"),
    ("GET", "/api/search?q=NOT 绵阳", 400, "E303"),
    ("GET", "/api/search?q=-绵阳", 400, "E303"),
    ("GET", '/api/search?q="绵阳', 400, "E303"),
    ("GET", "/api/search?q=绵阳 OR", 400, "E303"),
    ("GET", "/api/search?q=()", 400, "E303"),
    ("GET", "/api/search?q=发展" + " -展" * 64, 400, "E303"),  # 65 terms: more than a search may hold
    ("GET", "/search?q=" + "的 " * 65, 400, "E303"),
    ("GET", "/api/search?from=2023-13", 400, "E304"),
    ("GET", "/api/search?to=yesterday", 400, "E304"),
    ("GET", "/api/search?limit=abc", 400, "E502"),
    ("GET", "/api/search?limit=0", 400, "E502"),
    ("GET", "/api/search?limit=101", 400, "E502"),
    ("GET", "/api/search?offset=-1", 400, "E502"),
    ("GET", "/api/search?offset=100001", 400, "E502"),
    ("GET", "/api/search?sort=best", 400, "E502"),
    ("GET", "/api/search?kind=poem", 400, "E502"),
    ("GET", "/api/search?facets=maybe", 400, "E502"),
    ("GET", "/api/search?q=" + "长" * 501, 400, "E502"),
    ("GET", "/api/facts?from=2023-02-30", 400, "E304"),
    ("GET", "/api/facts?limit=5000", 400, "E502"),
    ("GET", "/api/indicators/series", 400, "E502"),
    ("GET", "/api/indicators/series?name=", 400, "E502"),
    ("GET", "/api/indicators/series?name=地区生产总值&from=20xx", 400, "E304"),
    ("GET", "/api/articles/no-such-article", 404, "E501"),
    ("GET", "/api/places/火星基地", 404, "E501"),
    ("GET", "/api/nowhere", 404, "E501"),
    ("GET", "/static/nothing.css", 404, "E501"),
    ("POST", "/api/search", 405, "E503"),
    ("DELETE", "/api/articles/x", 405, "E503"),
    ("PUT", "/api/places/四川", 405, "E503"),
]


@pytest.mark.parametrize("method,url,status,code", ERROR_CASES, ids=[f"{c[0]} {c[1][:40]}" for c in ERROR_CASES])
def test_errors_have_one_shape(client, method, url, status, code):
    r = client.request(method, url)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["message"] and "\n" not in body["error"]["message"]
    models.ErrorResponse.model_validate(body)


QUERY_ALPHABET = ['绵', '阳', '德', '成都', '增长', ' ', ' ', '(', ')', '"', '“', '”', '-', 'OR', 'AND', 'NOT', 'a', '1',
                  '%', '*', ':', '^', "'", '\\', '\t', '的', '！', '﹏', '\u3000', 'NEAR', '{', '}']


def test_random_queries_never_fail_the_server(client):
    """Whatever is typed into the box: 200, or 400 with E303; never a 500."""
    rng = random.Random(5)
    seen = {200: 0, 400: 0}
    for _ in range(300):
        q = "".join(rng.choice(QUERY_ALPHABET) for _ in range(rng.randint(1, 8)))
        r = client.get("/api/search", params={"q": q, "facets": "true", "limit": 3})
        assert r.status_code in (200, 400), (q, r.status_code, r.text)
        if r.status_code == 400:
            assert r.json()["error"]["code"] == "E303", (q, r.text)
        seen[r.status_code] += 1
    assert seen[200] > 50 and seen[400] > 20  # both kinds were exercised


def test_the_archive_is_opened_read_only(client, db):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for url in ("/api/search?q=绵阳&facets=true", "/search?q=绵阳", "/place/四川", "/api/stats"):
        assert client.get(url).status_code == 200
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    ar = client.app.state.archive  # the connection a request thread uses refuses writes
    from starlette.requests import Request

    con = ar(Request({"type": "http", "app": client.app, "headers": []})).con
    with pytest.raises(sqlite3.OperationalError):
        con.execute("DELETE FROM articles")


def test_missing_archive_is_a_one_line_error(tmp_path):
    from banmian.errors import ArchiveMissingError

    with pytest.raises(ArchiveMissingError, match="no archive here"):
        create_app(str(tmp_path / "none.db"))


# ---------------------------------------------------------------------------------------------
# The reader's pages
# ---------------------------------------------------------------------------------------------
HTML = {"accept": "text/html"}


def html(client, url, status=200):
    r = client.get(url, headers=HTML)
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def test_search_page_marks_terms_and_lists_facets(client):
    page = html(client, "/search?q=绵阳")
    assert '<mark class="hit">绵阳</mark>' in page
    for facet in ("facet-place", "facet-type", "facet-date", "facet-section", "facet-kind"):
        assert f'id="{facet}"' in page
    assert 'lang="zh-CN"' in page and "筛选" in page


def test_search_page_with_filters_shows_chips_and_keeps_them(client):
    page = html(client, "/search?q=经济&place=四川&type=indicator")
    assert "地点：四川" in page and "事实：指标" in page
    assert 'name="place" value="四川"' in page  # the search box keeps the filters


def test_bad_query_page_is_400_with_the_code(client):
    page = html(client, "/search?q=(绵阳", 400)
    assert "E303" in page and "bad query" in page


def test_article_page_marks_facts_by_type(client, archive):
    aid = first_id(archive, "绵阳经济稳中有进")
    page = html(client, f"/article/{aid}?q=绵阳")
    for typ in ("place", "quantity", "date", "indicator"):
        assert f'class="f f-{typ}"' in page, typ
    assert 'id="legend"' in page and 'id="factpanel"' in page
    assert "李明" in page and "绵阳经济稳中有进" in page
    assert f'href="/place/510700"' in page  # the panel links a place to its page
    a = archive.article(aid)
    marks = set(int(m) for m in re.findall(r'data-f="(\d+)"', page))
    assert marks == set(range(len(a["facts"])))  # every fact is marked somewhere


def test_article_page_escapes_the_text(client, archive):
    aid = first_id(archive, "钓鱼链接")
    page = html(client, f"/article/{aid}")
    assert "<script>alert" not in page and "<b>加粗</b>" not in page
    assert "&lt;script&gt;alert" in page and "&lt;b&gt;加粗&lt;/b&gt;" in page and "A&amp;B" in page


def test_place_pages(client):
    page = html(client, "/place/四川")
    assert "绵阳市" in page and "下辖行政区" in page
    page = html(client, "/place/510700")
    assert "四川省" in page and "涪城区" in page and "地区生产总值" in page
    page = html(client, "/place")
    assert "四川省" in page
    assert "E501" in html(client, "/place/火星基地", 404)


def test_indicator_page_draws_the_series(client):
    page = html(client, "/indicator?place=绵阳市&name=地区生产总值")
    svg = page[page.index("<svg"):page.index("</svg>") + 6]
    assert svg.count("<circle") == len(ECONOMY) + 1  # a dot per report: 2022 is reported twice
    assert svg.count("<path") == 1 and svg.count(" L") == len(ECONOMY) - 1  # the line: one value a year
    assert "2019年" in svg and "2022年" in svg
    assert "3626.9亿元" in page
    assert "地区生产总值" in html(client, "/indicator?place=绵阳市")


def test_docs_page_lists_every_endpoint(client):
    page = html(client, "/docs")
    for path in client.get("/openapi.json").json()["paths"]:
        assert path in page


PAGES = ["/", "/search?q=绵阳", "/place/四川", "/indicator?place=绵阳市&name=地区生产总值", "/docs", "/place"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_fetch_nothing_from_elsewhere(client, url):
    r = client.get(url, headers=HTML)
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for ref in re.findall(r'(?:src|href)="([^"]*)"', r.text):
        assert ref.startswith(("/", "#", "?")) or ref == "", ref
        if ref.startswith("/static/"):
            assert client.get(ref.split("?")[0]).status_code == 200, ref
    assert "http://" not in r.text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in r.text


def test_unknown_page_is_an_html_404_for_browsers_and_json_otherwise(client):
    assert "E501" in html(client, "/no/such/page", 404)
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E501"
    assert "E501" in html(client, "/article/" + quote("不存在"), 404)
