"""Fact queries: types, places with the divisions under them, indicators, names, periods."""

from __future__ import annotations

import pytest

from banmian import Archive
from banmian.errors import FilterError
from banmian.model import Article, Byline, Fact, Page, Source


def F(typ, text, **attrs):
    return Fact(typ, text, 0, len(text), "body", attrs)


PLACE_MY = dict(name="绵阳市", code="510700", level="city", parent="四川省")
PLACE_SC = dict(name="四川省", code="510000", level="province", parent=None)
PLACE_TOWN = dict(name="塘栖镇", code=None, level="town", parent="临平区")
PLACE_REGION = dict(name="京津冀", code=None, level="region", parent=None)
GDP_MY = dict(subject="绵阳市", indicator="地区生产总值", value=362690000000, unit="CNY", period_start="2022-01-01",
              period_end="2022-12-31", growth=5)
GDP_HZ = dict(subject="杭州市", indicator="地区生产总值", value=1875300000000, unit="CNY", period_start="2022-01-01",
              period_end="2022-12-31", growth=1.5)
RETAIL_MY = dict(subject="绵阳市", indicator="社会消费品零售总额", value=125000000000, unit="CNY",
                 period_start="2023-01-01", period_end="2023-03-31", growth=None)
QTY = dict(value=23000000, unit="CNY", qualifier="more_than")
DATE_Q1 = dict(value_start="2023-01-01", value_end="2023-03-31", precision="quarter")

ARTICLES = [  # (page date, article id suffix, facts, bylines)
    ("2023-05-22", "01", [F("place", "绵阳", **PLACE_MY), F("indicator", "绵阳去年GDP", **GDP_MY),
                          F("quantity", "2300多万元", **QTY), F("person", "王志华", name="王志华", title="副市长")], ["兰云"]),
    ("2023-05-22", "02", [F("place", "塘栖镇", **PLACE_TOWN), F("indicator", "杭州GDP", **GDP_HZ),
                          F("organization", "中国工商银行钦州分行", name="中国工商银行钦州分行")], []),
    ("2023-04-10", "03", [F("place", "四川", **PLACE_SC), F("date", "一季度", **DATE_Q1),
                          F("indicator", "绵阳零售", **RETAIL_MY)], []),
    ("2022-12-01", "04", [F("place", "京津冀", **PLACE_REGION), F("quantity", "2300多万元", **QTY),
                          F("document", "《方案》", name="方案")], ["张三"]),
]


@pytest.fixture(scope="module")
def ar(tmp_path_factory):
    ar = Archive(tmp_path_factory.mktemp("facts") / "f.db")
    for i, (date, suffix, facts, names) in enumerate(ARTICLES):
        sha = f"{i:064x}"
        art = Article(id=f"{sha[:16]}-{suffix}", headline=f"标题{suffix}", body="正文" * 10, facts=facts,
                      bylines=[Byline(n, "本报记者") for n in names])
        ar.add_page(Page(source=Source(f"p{i}.txt", sha), date=date, articles=[art]))
    yield ar
    ar.close()


def texts(res):
    return [(f["article_id"][-2:], f["type"], f["text"]) for f in res.facts]


CASES = [
    ({"type": "indicator"}, [("03", "indicator", "绵阳零售"), ("01", "indicator", "绵阳去年GDP"),
                             ("02", "indicator", "杭州GDP")]),
    ({"type": "indicator", "indicator": "地区生产总值"}, [("01", "indicator", "绵阳去年GDP"), ("02", "indicator", "杭州GDP")]),
    ({"type": "indicator", "place": "四川"}, [("03", "indicator", "绵阳零售"), ("01", "indicator", "绵阳去年GDP")]),
    ({"type": "indicator", "place": "浙江"}, [("02", "indicator", "杭州GDP")]),
    ({"type": "indicator", "place": "绵阳", "from": "2022", "to": "2022"}, [("01", "indicator", "绵阳去年GDP")]),
    ({"type": "indicator", "from": "2023-02", "to": "2023-02"}, [("03", "indicator", "绵阳零售")]),
    ({"type": "place", "place": "四川"}, [("03", "place", "四川"), ("01", "place", "绵阳")]),
    ({"type": "place", "place": "510700"}, [("01", "place", "绵阳")]),
    ({"type": "place", "place": "杭州"}, [("02", "place", "塘栖镇")]),  # a town counts under its parent's city
    ({"type": "place", "place": "京津冀"}, [("04", "place", "京津冀")]),
    ({"type": "quantity", "place": "绵阳"}, [("01", "quantity", "2300多万元")]),  # placeless fact, article names it
    ({"type": "quantity"}, [("04", "quantity", "2300多万元"), ("01", "quantity", "2300多万元")]),
    ({"type": "quantity", "from": "2023"}, [("01", "quantity", "2300多万元")]),  # no period: the issue date
    ({"type": "date", "from": "2023-03-01", "to": "2023-03-05"}, [("03", "date", "一季度")]),
    ({"name": "王志华"}, [("01", "person", "王志华")]),
    ({"name": "绵阳市"}, [("03", "indicator", "绵阳零售"), ("01", "place", "绵阳"), ("01", "indicator", "绵阳去年GDP")]),
    ({"name": "绵阳市", "type": "place"}, [("01", "place", "绵阳")]),
    ({"name": "京津冀"}, [("04", "place", "京津冀")]),
    ({"name": "方案", "type": "document"}, [("04", "document", "《方案》")]),
    ({"name": "中国工商银行钦州分行"}, [("02", "organization", "中国工商银行钦州分行")]),
    ({"type": "document"}, [("04", "document", "《方案》")]),
    ({"type": "person", "place": "北京"}, []),
    ({"type": "nothing"}, []),
]


@pytest.mark.parametrize("kw,expected", CASES)
def test_fact_queries(ar, kw, expected):
    kw = dict(kw)
    kw["date_from"] = kw.pop("from", None)
    kw["date_to"] = kw.pop("to", None)
    res = ar.facts(**kw)
    assert texts(res) == expected
    assert res.total == len(expected)


def test_facts_of_one_article_round_trip(ar):
    art_id = f"{0:064x}"[:16] + "-01"
    res = ar.facts(article=art_id)
    assert [{k: v for k, v in f.items() if k not in ("article_id", "issue_date", "headline")} for f in res.facts] \
        == [f.to_dict() for f in ARTICLES[0][2]]
    assert ar.article(art_id)["facts"] == [f.to_dict() for f in ARTICLES[0][2]]


def test_limit_offset_and_count(ar):
    full = ar.facts(limit=None)
    assert full.total == sum(len(a[2]) for a in ARTICLES) and not full.total_capped
    paged = ar.facts(limit=3).facts + ar.facts(limit=3, offset=3).facts + ar.facts(limit=100, offset=6).facts
    assert paged == full.facts


def test_search_filters_by_person_organization_and_byline(ar):
    assert [h["id"][-2:] for h in ar.search(None, person="王志华").hits] == ["01"]
    assert [h["id"][-2:] for h in ar.search(None, person="张三").hits] == ["04"]  # a byline
    assert [h["id"][-2:] for h in ar.search(None, organization="中国工商银行").hits] == ["02"]  # prefix
    assert ar.search(None, organization="工商银行").total == 0
    assert [h["id"][-2:] for h in ar.search("正文", place="杭州").hits] == ["02"]


@pytest.mark.parametrize("kw", [{"date_from": "2023-02-30"}, {"date_to": "soon"}, {"limit": -5}])
def test_bad_fact_filters(ar, kw):
    with pytest.raises(FilterError) as e:
        ar.facts(**kw)
    assert "\n" not in str(e.value)
